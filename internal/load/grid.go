package load

import (
	"iter"
	"slices"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// A grid is a data table as read from a CSV file or a sheet of an
// Excel workbook: rows of cells, each with its position. The two readers
// produce it and one function, interpretQuarter, gives it meaning, so that a
// quarter typed in Excel and one exported as CSV are read the same way.
type grid struct {
	File string
	// Rows yields the rows, the header row first; blank rows are left
	// out. A row's Cells may be reused for the next row: keep a copy.
	Rows iter.Seq[gridRow]
	// Again yields the same rows again, without reporting their problems
	// a second time: for a look ahead (filledUnnamed).
	Again iter.Seq[gridRow]
	// Lines is how many rows there may be, at most, for the rows' slice
	// to be made once: growing a slice of a million rows by doubling held
	// it twice over. For a sheet of a workbook it is the number of rows.
	Lines int
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
	// Shown is a spreadsheet cell's content as Excel shows it: a number
	// as formatted (94.9%, £15,000,000), a formula with no saved result
	// as =A1*2. A report shows it under the cell's problems.
	Shown string
	// lineStart and end are where a CSV cell is (csvField), and src its
	// file's text ("" when its lines are not shown), for span.
	lineStart, end int
	src            string
}

// span is the text a report shows under a problem about the cell: a
// workbook cell's content, or the line of a CSV file with the cell
// underlined; nil for a cell with nothing to show, or that its row lacked.
func (c gridCell) span() *model.TextSpan {
	if c.Pos.Sheet != "" {
		return cellSpan(c.Shown)
	}
	if c.end == 0 {
		return nil
	}
	return csvField{Col: c.Pos.Col, LineStart: c.lineStart, End: c.end}.span(c.src)
}

// csvGrid reads a CSV file as a grid, one row at a time as it is asked for
// (eachCSVRecord): a large file is never held as cells as well as text.
// src is the file's text, without a byte order mark.
func csvGrid(file string, src string, probs *model.Problems) grid {
	rows := func(probs *model.Problems) iter.Seq[gridRow] {
		return func(yield func(gridRow) bool) {
			var cells []gridCell
			eachCSVRecord(file, src, probs, func(rec csvRecord) bool {
				row := recordRow(file, rec, cells[:0])
				cells = row.Cells
				return yield(row)
			})
		}
	}
	return grid{File: file, Lines: strings.Count(src, "\n") + 1, Rows: rows(probs), Again: rows(&model.Problems{})}
}

// sliceGrid is a grid of rows already read.
func sliceGrid(file string, rows []gridRow, spreadsheet bool) grid {
	return grid{File: file, Rows: slices.Values(rows), Again: slices.Values(rows), Lines: len(rows), Spreadsheet: spreadsheet}
}

// recordRow is a CSV record as a grid row, its cells appended to cells.
func recordRow(file string, rec csvRecord, cells []gridCell) gridRow {
	row := gridRow{Pos: model.Pos{File: file, Line: rec.Line, Col: 1}, Cells: cells}
	for _, f := range rec.Fields {
		row.Cells = append(row.Cells, gridCell{Text: f.Text, Pos: model.Pos{File: file, Line: f.Line, Col: f.Col},
			lineStart: f.LineStart, end: f.End, src: rec.Src})
	}
	return row
}
