package load

import (
	"slices"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// A wide table, as councils keep a measure's history: one row per measure,
// one column per quarter, the quarters named in the header:
//
//	measure   Q1 2024-25   Q2 2024-25   Jul-Sep 2024 ...
//	eet       88.5         91.2
//
// Each filled cell is that measure's value for that quarter, read by the
// number rules (number.go); an empty cell is no row at all, as a measure
// may be new or report once a year. A wide table has no target, national,
// status or note: those columns, and any other, are ignored with a warning,
// except the columns that repeat a measure's definition (helperColumns).

// isWide reports whether a header is a wide table's: it has no value
// column, and at least one column named as a quarter.
func isWide(header gridRow, cal model.Calendar) bool {
	quarters := false
	for _, c := range header.Cells {
		name := strings.ToLower(trimCell(c.Text))
		if name == "value" {
			return false
		}
		if _, ok := parseQuarterName(name, cal); ok {
			quarters = true
		}
	}
	return quarters
}

// wideColumns are the columns whose cells' positions a row of a wide
// table keeps.
var wideColumns = []string{"measure", "value"}

// interpretWide reads a wide table into rows, one per filled cell; name is
// the quarter its file or sheet is named for, if any, which every column's
// quarter must then be.
// header is its first row, and next gives the others.
func interpretWide(g grid, header gridRow, next func() (gridRow, bool), name tableName, cal model.Calendar, before int, probs *model.Problems) model.QuarterFile {
	qf := model.QuarterFile{File: g.File}
	measureCol := -1
	type quarterColumn struct {
		index  int
		period model.Period
	}
	var quarters []quarterColumn
	seen := map[model.Period]model.Pos{}
	filled := filledUnnamed(g, header)
	for i, c := range header.Cells {
		text := trimCell(c.Text)
		lower := strings.ToLower(text)
		if p, ok := parseQuarterName(text, cal); ok {
			if first, dup := seen[p]; dup {
				probs.ErrorfSpan(c.Pos, c.span(), "delete one of the two columns", "the column %q is for %s, as the column at %s is", text, cal.Label(p), first)
				continue
			}
			if name.ok && p != name.period {
				probs.ErrorfSpan(c.Pos, c.span(), "move the column to the "+name.what+" for its quarter, or name the "+name.what+" after the year",
					"this column is for %s but the %s is named for %s", cal.Label(p), name.what, name.text)
				continue
			}
			seen[p] = c.Pos
			quarters = append(quarters, quarterColumn{i, p})
			qf.Periods = append(qf.Periods, p)
			continue
		}
		switch {
		case lower == "measure":
			if measureCol >= 0 {
				probs.ErrorfSpan(c.Pos, c.span(), "delete one of the two columns", "the column %q appears twice", lower)
			}
			measureCol = i
		case lower == "" && !filled[i], slices.Contains(helperColumns, lower):
		case lower == "":
			probs.ErrorfSpan(c.Pos, c.span(), "give the column a name in the first row, or delete the column", "%s has no name", columnName(g, i))
		default:
			probs.WarnfSpan(c.Pos, c.span(), "a table with one column per quarter holds only the measure and its values: put targets, notes and the rest in a table with one row per measure and quarter (measure,value,target,...)",
				"the column %q is not a quarter, so it is ignored", text)
		}
	}
	if measureCol < 0 {
		probs.Errorf(header.Pos, "name the column of measure ids measure, as in: measure,Q1 2024-25,Q2 2024-25", "the required column \"measure\" is missing")
	}
	if errorsSince(*probs, before) {
		return model.QuarterFile{File: g.File}
	}
	fields := model.NewFieldsSlab(wideColumns)
	for n := 1; ; n++ {
		rec, ok := next()
		if !ok {
			break
		}
		if n > MaxRows {
			probs.Errorf(rec.Pos, "split the figures into one file per year",
				"the file has more than %d rows; perfsite reads at most %d from one file", MaxRows, MaxRows)
			break
		}
		if g.Spreadsheet {
			rec = fitSpreadsheetRow(rec, len(header.Cells), probs)
		} else {
			var fits bool
			if rec, fits = fitCSVRow(rec, len(header.Cells), len(header.Cells), probs); !fits {
				continue
			}
		}
		measure := rec.Cells[measureCol]
		for _, q := range quarters {
			c := rec.Cells[q.index]
			if trimCell(c.Text) == "" && c.Formula == "" && c.ExcelError == "" {
				continue
			}
			row := model.Row{Measure: trimCell(measure.Text), Period: q.period, Pos: rec.Pos, Fields: fields.Next()}
			row.Fields.Set(0, measure.Pos)
			row.Fields.Set(1, c.Pos)
			v, ok := cellNumber(c, "value", &row, probs)
			if !ok {
				continue
			}
			row.Value = v
			qf.Rows = append(qf.Rows, row)
		}
	}
	if len(quarters) > 0 {
		qf.Read = "one row per measure and one column per quarter, " + periodRange(qf.Periods, cal)
	}
	return qf
}

// periodRange names quarters in few words: "Q1 2024/25", or "Q1 2024/25
// to Q3 2024/25 (3 quarters)".
func periodRange(ps []model.Period, cal model.Calendar) string {
	if len(ps) == 0 {
		return ""
	}
	first, last := ps[0], ps[0]
	for _, p := range ps {
		if p.Before(first) {
			first = p
		}
		if last.Before(p) {
			last = p
		}
	}
	if first == last {
		return cal.Label(first)
	}
	return cal.Label(first) + " to " + cal.Label(last) + " (" + plural(len(ps), "quarter") + ")"
}

// plural writes a count and its noun: "1 quarter", "3 quarters".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
