package load

import (
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// A grid is a data table as read from a CSV file or the first sheet of an
// Excel workbook: rows of cells, each with its position. The two readers
// produce it and one function, interpretQuarter, gives it meaning, so that a
// quarter typed in Excel and one exported as CSV are read the same way.
type grid struct {
	File string
	Rows []gridRow // the header row first; blank rows are left out
	// Spreadsheet is true for an Excel workbook: its rows may be shorter
	// than the header (Excel leaves out empty cells at the end of a row) and
	// its text cells are read as a person typing into Excel means them.
	Spreadsheet bool
}

// gridRow is one row of a grid.
type gridRow struct {
	Pos   model.Pos // the row's first cell
	Cells []gridCell
}

// gridCell is one cell of a grid.
type gridCell struct {
	Text string // the text of the cell; for a spreadsheet number, the number
	Pos  model.Pos
	// Num is set for a spreadsheet cell that holds a number (rather than
	// text): its value, already multiplied by 100 when the cell is
	// formatted as a percentage.
	Num *float64
	// ExcelError is set for a spreadsheet cell that shows an error such as
	// #DIV/0! or #N/A.
	ExcelError string
	// Formula is set for a spreadsheet cell that has a formula but no saved
	// result, as in a file written by a program that does not calculate.
	Formula string
}

// csvGrid turns parsed CSV records into a grid.
func csvGrid(file string, records []csvRecord) grid {
	g := grid{File: file}
	for _, rec := range records {
		row := gridRow{Pos: model.Pos{File: file, Line: rec.Line, Col: 1}}
		for _, f := range rec.Fields {
			row.Cells = append(row.Cells, gridCell{Text: f.Text, Pos: model.Pos{File: file, Line: f.Line, Col: f.Col}})
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// readNumber reads the number in a cell of a numeric column. ok is false
// when the cell is empty; err describes a cell that is not a number.
//
// A CSV cell must be a plain number: 94.9, not 94.9% or 1,234 (the hint
// says so). A spreadsheet cell that holds a number is taken as it is. A
// spreadsheet cell that holds text (a "number stored as text") is read as a
// person means it: spaces around it, thousands separators in their places
// (12,345) and a % sign at the end (94.9% is 94.9) are allowed.
func readNumber(c gridCell, lenient bool) (v float64, ok bool, bad bool) {
	if c.Num != nil {
		return *c.Num, true, false
	}
	text := strings.TrimSpace(c.Text)
	if lenient {
		text = strings.TrimSpace(strings.ReplaceAll(text, "\u00a0", " "))
	}
	if text == "" {
		return 0, false, false
	}
	if lenient {
		if t, ok := spreadsheetText(text); ok {
			text = t
		}
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || strings.ContainsAny(text, "xXpPnN_") {
		return 0, false, true
	}
	return f, true, false
}

// spreadsheetText rewrites a number typed as text in a spreadsheet, like
// "12,345", "94.9%" or "-1,234.5", as a plain number. It reports false for
// anything else, such as "1,23" (a decimal comma, which is ambiguous) or
// "£15m".
func spreadsheetText(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		sign, s = s[:1], s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if intPart == "" {
		return "", false
	}
	if strings.Contains(intPart, ",") {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", false
			}
		}
		intPart = strings.Join(groups, "")
	}
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	if hasFrac {
		if frac == "" {
			return "", false
		}
		return sign + intPart + "." + frac, true
	}
	return sign + intPart, true
}
