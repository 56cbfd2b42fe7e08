package load

import (
	"github.com/perfsite/perfsite/internal/model"
)

// A grid is a data table as read from a CSV file or a sheet of an
// Excel workbook: rows of cells, each with its position. The two readers
// produce it and one function, interpretQuarter, gives it meaning, so that a
// quarter typed in Excel and one exported as CSV are read the same way.
type grid struct {
	File string
	Rows []gridRow // the header row first; blank rows are left out
	// Spreadsheet is true for an Excel workbook: its rows may be shorter
	// than the header (Excel leaves out empty cells at the end of a row).
	// Its text cells are read by the same rules as a CSV file's (number.go).
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
