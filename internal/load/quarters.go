package load

import (
	"iter"
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
// workbook (see xlsx.go and workbook.go). The quarter comes from the file
// name (2023-24-q2.csv), the sheet's name, row by row from a period
// column, or from the columns of a table with one column per quarter
// (wide.go). cal is the site's calendar, which says which quarter a range
// of months is ("Jul-Sep 2024"). The source is what a report shows of the
// file: its text, or a workbook's cells.
func parseQuarter(file string, src []byte, cal model.Calendar, probs *model.Problems) (model.QuarterFile, model.Source) {
	if isSpreadsheet(file) {
		return parseWorkbook(file, src, cal, probs)
	}
	before := len(*probs)
	text, ok := csvText(file, src, probs)
	if !ok {
		return model.QuarterFile{File: file}, model.Source{Text: text}
	}
	g := csvGrid(file, text, probs)
	qf := interpretQuarter(g, fileQuarter(file, cal), cal, before, probs)
	if qf.Read != "" {
		qf.Read = "read as " + qf.Read
	}
	return qf, model.Source{Text: text}
}

// tableName is the quarter a table is named for, by the name of its file
// or of its sheet.
type tableName struct {
	period model.Period
	ok     bool   // the name is a quarter
	text   string // the name, for messages: "2023-24-q2", "Q2 2024-25"
	what   string // "file" or "sheet"
}

// fileQuarter is the quarter a file's name gives, if any.
func fileQuarter(file string, cal model.Calendar) tableName {
	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	p, ok := parseQuarterName(base, cal)
	return tableName{period: p, ok: ok, text: base, what: "file"}
}

// MaxRows is the most rows read from one quarterly data file: a row
// costs some 900 bytes of memory once read, checked and worked out, and a
// million of them is more figures than a national site has in a file.
const MaxRows = 1_000_000

// interpretQuarter reads the rows of a quarterly data table, whichever
// format it came in; name is the quarter its file or sheet is named for.
// before is the number of problems there were before the table was read:
// a table with errors in its header or its syntax is not read further.
func interpretQuarter(g grid, name tableName, cal model.Calendar, before int, probs *model.Problems) model.QuarterFile {
	file := g.File
	qf := model.QuarterFile{File: file}
	next, stop := iter.Pull(g.Rows)
	defer stop()
	header, ok := next()
	if !ok {
		if !errorsSince(*probs, before) { // a file whose only rows have mistakes has those
			probs.Errorf(model.Pos{File: file}, "the first row names the columns: measure,value,target,national,status,note", "the file has no rows")
		}
		return qf
	}
	header.Cells = slices.Clone(header.Cells)
	if g.Spreadsheet {
		// Excel leaves out the empty cells at the end of a row; the
		// header's own empty cells at its end are not columns.
		for len(header.Cells) > 0 && strings.TrimSpace(header.Cells[len(header.Cells)-1].Text) == "" {
			header.Cells = header.Cells[:len(header.Cells)-1]
		}
	}
	if isWide(header, cal) {
		return interpretWide(g, header, next, name, cal, before, probs)
	}
	columns, need := readHeader(g, header, quarterColumns, requiredColumns,
		"the first row must name the columns, for example: measure,value,target,national,status,note", probs)
	if errorsSince(*probs, before) {
		return qf
	}

	filePeriod, nameErr := name.period, !name.ok
	_, hasPeriodColumn := columns["period"]
	if nameErr && !hasPeriodColumn {
		probs.Errorf(model.Pos{File: file}, "name the file after its quarter, like 2023-24-q2"+path.Ext(file)+", or add a period column",
			"the file name %q is not a quarter and the file has no period column", path.Base(file))
		return qf
	}
	if !nameErr {
		qf.Periods = append(qf.Periods, filePeriod)
	}
	seen := map[model.Period]bool{}
	qf.Rows = make([]model.Row, 0, g.Lines)
	fields := model.NewFieldsSlab(quarterColumns)
	for n := 1; ; n++ {
		rec, ok := next()
		if !ok {
			break
		}
		if n > MaxRows {
			probs.Errorf(rec.Pos, "split the figures into one file per quarter (2023-24-q2.csv, 2023-24-q3.csv, ...)",
				"the file has more than %d rows; perfsite reads at most %d from one file", MaxRows, MaxRows)
			break
		}
		if g.Spreadsheet {
			rec = fitSpreadsheetRow(rec, len(header.Cells), probs)
		} else {
			var fits bool
			if rec, fits = fitCSVRow(rec, len(header.Cells), need, probs); !fits {
				continue
			}
		}
		row := model.Row{Pos: rec.Pos, Fields: fields.Next()}
		cellAt := func(name string) (gridCell, bool) {
			i, ok := columns[name]
			if !ok {
				return gridCell{}, false
			}
			c := rec.Cells[i]
			row.Fields.Set(slices.Index(quarterColumns, name), c.Pos)
			return c, true
		}
		cell := func(name string) (string, gridCell, bool) {
			c, ok := cellAt(name)
			return strings.TrimSpace(c.Text), c, ok
		}
		number := func(name string) *float64 {
			c, ok := cellAt(name)
			if !ok {
				return nil
			}
			v, _ := cellNumber(c, name, &row, probs)
			return v
		}
		row.Measure, _, _ = cell("measure")
		row.Value = number("value")
		row.Target = number("target")
		row.National = number("national")
		row.Note, _, _ = cell("note")
		if text, c, ok := cell("status"); ok && text != "" {
			if st, ok := model.ParseStatus(text); ok {
				row.Status = st
			} else {
				probs.ErrorfSpan(c.Pos, c.span(), "leave the status empty to have it worked out from the target, or write on-track, close or off-track (or Green, Amber or Red)",
					"the status %q is not one of on-track, close, off-track", text)
			}
		}
		row.Period = filePeriod
		if text, c, ok := cell("period"); ok && text != "" {
			p, isQuarter := parseQuarterName(text, cal)
			switch {
			case !isQuarter:
				_, err := model.ParsePeriod(text)
				probs.ErrorfSpan(c.Pos, c.span(), `write the quarter like "2023-24 Q2"`, "%v", err)
				continue
			case !nameErr && p != filePeriod:
				probs.ErrorfSpan(c.Pos, c.span(), "move the row to the "+name.what+" for its quarter, or leave the period empty",
					"this row is for %s but the %s is named for %s", text, name.what, name.text)
				continue
			}
			row.Period = p
		} else if nameErr {
			probs.Errorf(rec.Pos, `write the quarter like "2023-24 Q2"`,
				"this row has no period, and the file name is not a quarter")
			continue
		}
		if !seen[row.Period] && nameErr {
			qf.Periods = append(qf.Periods, row.Period)
		}
		seen[row.Period] = true
		qf.Rows = append(qf.Rows, row)
	}
	return qf
}

// cellNumber reads the number in a cell of the column name, recording its
// sign in row. It is nil for an empty cell; ok is false, with a problem,
// for a cell that holds something other than a number.
func cellNumber(c gridCell, name string, row *model.Row, probs *model.Problems) (_ *float64, ok bool) {
	if c.Formula != "" {
		probs.ErrorfSpan(c.Pos, c.span(), "open the file in Excel and save it again, so that the result of the formula is saved with it",
			"the %s cell has the formula =%s but no saved result", name, c.Formula)
		return nil, false
	}
	if c.ExcelError != "" {
		probs.ErrorfSpan(c.Pos, c.span(), "correct the formula in Excel, or clear the cell if there is no figure",
			"the %s cell shows the Excel error %s", name, c.ExcelError)
		return nil, false
	}
	v, sign, isNum, prob := readNumber(c)
	if prob != nil {
		probs.ErrorfSpan(c.Pos, c.span(), prob.hint, "the %s %q is not a number", name, strings.TrimSpace(c.Text))
		return nil, false
	}
	if !isNum {
		return nil, true
	}
	if !saneNumber(v) {
		tooLarge(v, c.Pos, c.span(), name, probs)
		return nil, false
	}
	if sign != "" {
		row.Signs = append(row.Signs, model.Sign{Column: name, Symbol: sign, Text: signText(c)})
	}
	return &v, true
}

// fitSpreadsheetRow gives a spreadsheet row exactly one cell per column:
// Excel leaves out empty cells at the end of a row, and empty cells beyond
// the last named column do not matter. A filled cell there is an error,
// and the rest of the row is still read, so that its problems are reported
// in the same run.
func fitSpreadsheetRow(rec gridRow, width int, probs *model.Problems) gridRow {
	for i := width; i < len(rec.Cells); i++ {
		if c := rec.Cells[i]; strings.TrimSpace(c.Text) != "" {
			probs.ErrorfSpan(c.Pos, c.span(), "give the column a name in the first row, or clear the cell",
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
