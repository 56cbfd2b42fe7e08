package load

import (
	"path"
	"slices"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// The columns of a quarterly data file. Only measure and value are required.
var (
	quarterColumns  = []string{"measure", "value", "target", "national", "status", "note", "period"}
	requiredColumns = []string{"measure", "value"}
)

// parseQuarter reads one quarterly data file: a CSV file, or an Excel
// workbook (see xlsx.go). The quarter comes from the file name
// (2023-24-q2.csv) or, row by row, from a period column. cal is the site's
// calendar, which says which quarter a range of months is ("Jul-Sep 2024").
func parseQuarter(file string, src []byte, cal model.Calendar, probs *model.Problems) model.QuarterFile {
	var g grid
	before := len(*probs)
	if isSpreadsheet(file) {
		var ok bool
		if g, ok = readXLSX(file, src, probs); !ok {
			return model.QuarterFile{File: file}
		}
	} else {
		src, ok := csvText(file, src, probs)
		if !ok {
			return model.QuarterFile{File: file}
		}
		g = csvGrid(file, parseCSV(file, src, probs))
		if len(g.Rows) == 0 && errorsSince(*probs, before) {
			return model.QuarterFile{File: file}
		}
	}
	return interpretQuarter(g, before, probs)
}

// interpretQuarter reads the rows of a quarterly data file, whichever
// format it came in. before is the number of problems there were before the
// file was read: a file with problems in its header or its syntax is not
// read further.
func interpretQuarter(g grid, before int, probs *model.Problems) model.QuarterFile {
	file := g.File
	qf := model.QuarterFile{File: file}
	if len(g.Rows) == 0 {
		probs.Errorf(model.Pos{File: file}, "the first row names the columns: measure,value,target,national,status,note", "the file has no rows")
		return qf
	}
	header := g.Rows[0]
	if g.Spreadsheet {
		// Excel leaves out the empty cells at the end of a row; the
		// header's own empty cells at its end are not columns.
		for len(header.Cells) > 0 && strings.TrimSpace(header.Cells[len(header.Cells)-1].Text) == "" {
			header.Cells = header.Cells[:len(header.Cells)-1]
		}
	}
	g.Rows[0] = header
	columns, need := readHeader(g, quarterColumns, requiredColumns,
		"the first row must name the columns, for example: measure,value,target,national,status,note", probs)
	if errorsSince(*probs, before) {
		return qf
	}

	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	filePeriod, nameErr := model.ParsePeriod(base)
	_, hasPeriodColumn := columns["period"]
	if nameErr != nil && !hasPeriodColumn {
		probs.Errorf(model.Pos{File: file}, "name the file after its quarter, like 2023-24-q2"+path.Ext(file)+", or add a period column",
			"the file name %q is not a quarter and the file has no period column", path.Base(file))
		return qf
	}
	if nameErr == nil {
		qf.Periods = append(qf.Periods, filePeriod)
	}
	seen := map[model.Period]bool{}

	for _, rec := range g.Rows[1:] {
		if g.Spreadsheet {
			rec = fitSpreadsheetRow(rec, len(header.Cells), probs)
		} else {
			var fits bool
			if rec, fits = fitCSVRow(rec, len(header.Cells), need, probs); !fits {
				continue
			}
		}
		row := model.Row{Pos: rec.Pos, Fields: map[string]model.Pos{}}
		cellAt := func(name string) (gridCell, bool) {
			i, ok := columns[name]
			if !ok {
				return gridCell{}, false
			}
			c := rec.Cells[i]
			row.Fields[name] = c.Pos
			return c, true
		}
		cell := func(name string) (string, model.Pos, bool) {
			c, ok := cellAt(name)
			return strings.TrimSpace(c.Text), c.Pos, ok
		}
		number := func(name string) *float64 {
			c, ok := cellAt(name)
			if !ok {
				return nil
			}
			if c.Formula != "" {
				probs.Errorf(c.Pos, "open the file in Excel and save it again, so that the result of the formula is saved with it",
					"the %s cell has the formula =%s but no saved result", name, c.Formula)
				return nil
			}
			if c.ExcelError != "" {
				probs.Errorf(c.Pos, "correct the formula in Excel, or clear the cell if there is no figure",
					"the %s cell shows the Excel error %s", name, c.ExcelError)
				return nil
			}
			v, sign, ok, prob := readNumber(c)
			if prob != nil {
				probs.Errorf(c.Pos, prob.hint, "the %s %q is not a number", name, strings.TrimSpace(c.Text))
				return nil
			}
			if !ok {
				return nil
			}
			if sign != "" {
				row.Signs = append(row.Signs, model.Sign{Column: name, Symbol: sign, Text: signText(c)})
			}
			return &v
		}
		row.Measure, _, _ = cell("measure")
		row.Value = number("value")
		row.Target = number("target")
		row.National = number("national")
		row.Note, _, _ = cell("note")
		if text, pos, ok := cell("status"); ok && text != "" {
			st := model.Status(strings.ReplaceAll(strings.ToLower(text), " ", "-"))
			if !slices.Contains(model.OverrideStatuses, st) {
				probs.Errorf(pos, "leave the status empty to have it worked out from the target, or write on-track, close or off-track",
					"the status %q is not one of on-track, close, off-track", text)
			} else {
				row.Status = st
			}
		}
		row.Period = filePeriod
		if text, pos, ok := cell("period"); ok && text != "" {
			p, err := model.ParsePeriod(text)
			switch {
			case err != nil:
				probs.Errorf(pos, `write the quarter like "2023-24 Q2"`, "%v", err)
				continue
			case nameErr == nil && p != filePeriod:
				probs.Errorf(pos, "move the row to the file for its quarter, or leave the period empty",
					"this row is for %s but the file is named for %s", text, base)
				continue
			}
			row.Period = p
		} else if nameErr != nil {
			probs.Errorf(rec.Pos, `write the quarter like "2023-24 Q2"`,
				"this row has no period, and the file name is not a quarter")
			continue
		}
		if !seen[row.Period] && nameErr != nil {
			qf.Periods = append(qf.Periods, row.Period)
		}
		seen[row.Period] = true
		qf.Rows = append(qf.Rows, row)
	}
	return qf
}

// fitSpreadsheetRow gives a spreadsheet row exactly one cell per column:
// Excel leaves out empty cells at the end of a row, and empty cells beyond
// the last named column do not matter. A filled cell there is an error,
// and the rest of the row is still read, so that its problems are reported
// in the same run.
func fitSpreadsheetRow(rec gridRow, width int, probs *model.Problems) gridRow {
	for i := width; i < len(rec.Cells); i++ {
		if c := rec.Cells[i]; strings.TrimSpace(c.Text) != "" {
			probs.Errorf(c.Pos, "give the column a name in the first row, or clear the cell",
				"this cell is outside the table: its column has no name in the first row")
			break
		}
	}
	if len(rec.Cells) > width {
		rec.Cells = rec.Cells[:width]
	}
	for i := len(rec.Cells); i < width; i++ {
		pos := rec.Pos
		pos.Col = i + 1
		rec.Cells = append(rec.Cells, gridCell{Pos: pos})
	}
	return rec
}
