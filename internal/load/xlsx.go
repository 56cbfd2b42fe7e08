package load

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
)

// Excel workbooks as quarterly data files.
//
// A file data/quarters/2023-24-q3.xlsx is read like 2023-24-q3.csv: the
// first sheet of the workbook, whose first non-blank row names the columns
// (workbook.go says which sheets are read when the sheets are named as
// quarters). Problems point at the cell as Excel names it: "2023-24-q3.xlsx:
// Sheet1!C14". What a person sees in Excel is what perfsite reads:
//
//   - A number is read as the number the cell holds, whatever its format:
//     a cell that shows 15,000,000 or £15,000,000 holds 15000000.
//   - A cell formatted as a percentage holds a fraction: Excel shows 0.949 as
//     94.9%, and perfsite reads 94.9, as the measure's figures are written.
//   - Numbers are rounded to 15 significant digits, as Excel shows them, so
//     that 0.1+0.2 is 0.3.
//   - A number stored as text (Excel's green triangle) is read by the number
//     rules of a CSV file (number.go): 12,345, 94.9%, £1.2m.
//   - Blank rows, anywhere, and empty cells after the last named column are
//     ignored; a filled cell in a column with no name is an error.
//   - A formula is read as the result Excel last saved. A cell showing an
//     Excel error (#DIV/0!, #N/A) is an error in a number column.

// spreadsheetExts are the file name endings read as Excel workbooks.
var spreadsheetExts = []string{".xlsx", ".xlsm"}

// otherSpreadsheetExts are spreadsheets perfsite cannot read: the hint says
// how to save them in a form it can.
var otherSpreadsheetExts = []string{".xls", ".ods", ".numbers"}

// xlsxLimits bound the memory a workbook may unzip to, so that a broken or
// hostile file cannot exhaust it.
var xlsxLimits = excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20}

func isSpreadsheet(file string) bool {
	return slices.Contains(spreadsheetExts, strings.ToLower(path.Ext(file)))
}

// openWorkbook opens a workbook's bytes; ok is false, with a problem, for
// a file that is empty or not an .xlsx workbook. The caller closes it.
func openWorkbook(file string, src []byte, probs *model.Problems) (*excelize.File, bool) {
	if len(src) == 0 {
		probs.Errorf(model.Pos{File: file}, "add content to the file, or delete it", "the file is empty")
		return nil, false
	}
	f, err := excelize.OpenReader(bytes.NewReader(src), xlsxLimits)
	if err != nil {
		hint := "save the file again from Excel as \"Excel Workbook (.xlsx)\""
		msg := "the file cannot be read as an Excel workbook"
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || bytes.HasPrefix(src, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			msg = "the file is not an .xlsx workbook (it may be an old .xls file, or password-protected)"
			hint = "in Excel, use File > Save As and choose \"Excel Workbook (.xlsx)\"; remove any password"
		}
		probs.Errorf(model.Pos{File: file}, hint, "%s: %v", msg, err)
		return nil, false
	}
	return f, true
}

// The most of a sheet read: its table must be in columns A to IV
// (maxXLSXColumns) and rows 1 to 200,000 (maxXLSXRows), and nothing may
// be beyond, not even an empty cell or row that Excel keeps because it
// was formatted.
const (
	maxXLSXColumns = 256
	maxXLSXRows    = 200_000
)

// readSheet reads one sheet of a workbook into a grid; ok is false, with a
// problem, when the sheet cannot be read. It adds the content of each
// cell of the table that shows something, as Excel shows it, to shown, by
// its sheet, row and column, for a report to show (model.Source).
//
// First the values alone, one row at a time (a blank row costs nothing,
// however far down the sheet the next one is), and only once the table is
// known to be within maxXLSXColumns and maxXLSXRows are its cells looked
// up one by one, for their types, formats and formulas: such a look-up
// makes excelize read the whole sheet, every row as wide as its last
// cell, and costs as much as the row's width. A workbook of 6.9 KB whose
// rows reached column XFD ran for minutes.
func readSheet(f *excelize.File, file, sheet string, shown map[model.Pos]string, probs *model.Problems) (grid, bool) {
	g := grid{File: file, Spreadsheet: true}
	cannot := func(err error) (grid, bool) {
		probs.Errorf(model.Pos{File: file, Sheet: sheet}, "save the file again from Excel as \"Excel Workbook (.xlsx)\"",
			"the sheet %q cannot be read: %v", sheet, err)
		return g, false
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return cannot(err)
	}
	defer rows.Close()
	type sheetRow struct {
		r      int
		values []string
	}
	var table []sheetRow
	for r := 1; rows.Next(); r++ {
		if r > maxXLSXRows {
			probs.Errorf(model.Pos{File: file, Sheet: sheet, Line: r}, "delete the rows below the table (select them, then Delete), even if they look empty; or split the figures into one workbook per quarter",
				"the sheet goes on below row %d; perfsite reads rows 1 to %d of a sheet", maxXLSXRows, maxXLSXRows)
			return g, false
		}
		values, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return cannot(err)
		}
		if len(values) > maxXLSXColumns {
			// The cell's value as it is stored: looking up how Excel
			// shows it would read the whole sheet, which is too wide.
			last := gridCell{Pos: model.Pos{File: file, Sheet: sheet, Line: r, Col: len(values)}, Shown: values[len(values)-1]}
			probs.ErrorfSpan(last.Pos, last.span(),
				fmt.Sprintf("delete the columns to the right of the table (select them from column %s, then Delete), even if they look empty", model.ColumnName(maxXLSXColumns+1)),
				"this row reaches column %s; perfsite reads a table of at most %d columns (A to %s)",
				model.ColumnName(len(values)), maxXLSXColumns, model.ColumnName(maxXLSXColumns))
			return g, false
		}
		if slices.ContainsFunc(values, func(v string) bool { return strings.TrimSpace(v) != "" }) {
			table = append(table, sheetRow{r, values})
		}
	}
	if err := rows.Error(); err != nil {
		return cannot(err)
	}
	styles := map[int]bool{} // style index -> is a percentage format
	var out []gridRow
	for _, tr := range table {
		row := gridRow{Pos: model.Pos{File: file, Sheet: sheet, Line: tr.r, Col: 1}}
		for c, raw := range tr.values {
			cell := gridCell{Text: raw, Pos: model.Pos{File: file, Sheet: sheet, Line: tr.r, Col: c + 1}}
			if strings.TrimSpace(raw) != "" {
				readXLSXCell(f, sheet, &cell, styles)
				cell.Shown = shownValue(f, sheet, cell.Pos)
			} else if ref, err := excelize.CoordinatesToCellName(c+1, tr.r); err == nil {
				if formula, err := f.GetCellFormula(sheet, ref); err == nil && formula != "" {
					cell.Formula = formula
					cell.Shown = "=" + formula
				}
			}
			if cell.Shown != "" {
				shown[model.Pos{Sheet: sheet, Line: tr.r, Col: c + 1}] = cell.Shown
			}
			row.Cells = append(row.Cells, cell)
		}
		out = append(out, row)
	}
	return sliceGrid(file, out, true), true
}

// shownValue is a cell's content as Excel shows it: a number as its
// format writes it; for a cell that shows nothing but has a formula with
// no saved result, the formula.
func shownValue(f *excelize.File, sheet string, pos model.Pos) string {
	ref, err := excelize.CoordinatesToCellName(pos.Col, pos.Line)
	if err != nil {
		return ""
	}
	text, err := f.GetCellValue(sheet, ref)
	if err != nil {
		return ""
	}
	if text == "" {
		if formula, err := f.GetCellFormula(sheet, ref); err == nil && formula != "" {
			text = "=" + formula
		}
	}
	return text
}

// readXLSXCell works out what a non-empty cell holds: a number (scaled if
// it is formatted as a percentage), an Excel error, or text.
func readXLSXCell(f *excelize.File, sheet string, c *gridCell, percentStyles map[int]bool) {
	ref, err := excelize.CoordinatesToCellName(c.Pos.Col, c.Pos.Line)
	if err != nil {
		return
	}
	typ, err := f.GetCellType(sheet, ref)
	if err != nil {
		return
	}
	switch typ {
	case excelize.CellTypeError:
		c.ExcelError = strings.TrimSpace(c.Text)
		return
	case excelize.CellTypeBool:
		if c.Text == "1" {
			c.Text = "TRUE"
		} else {
			c.Text = "FALSE"
		}
		return
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
	default:
		return // text, or the text result of a formula
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(c.Text), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	idx, err := f.GetCellStyle(sheet, ref)
	if err == nil {
		pct, seen := percentStyles[idx]
		if !seen {
			pct = isPercentStyle(f, idx)
			percentStyles[idx] = pct
		}
		if pct {
			v *= 100
		}
	}
	v = round15(v)
	c.Num = &v
	c.Text = strconv.FormatFloat(v, 'f', -1, 64)
}

// isPercentStyle reports whether a cell style formats numbers as a
// percentage: Excel's built-in 0% and 0.00%, or a custom format with a %
// outside quotes.
func isPercentStyle(f *excelize.File, idx int) bool {
	st, err := f.GetStyle(idx)
	if err != nil || st == nil {
		return false
	}
	if st.NumFmt == 9 || st.NumFmt == 10 {
		return true
	}
	if st.CustomNumFmt == nil {
		return false
	}
	return formatHasPercent(*st.CustomNumFmt)
}

// formatHasPercent reports whether an Excel number format code scales by
// 100: it has a % that is not inside quotes or escaped with a backslash.
func formatHasPercent(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch ch := code[i]; {
		case ch == '"':
			quoted = !quoted
		case quoted:
		case ch == '\\':
			i++
		case ch == '[': // [Red], [>=100]: skip the bracketed part
			for i < len(code) && code[i] != ']' {
				i++
			}
		case ch == '%':
			return true
		}
	}
	return false
}

// round15 rounds to 15 significant digits, the precision Excel shows, so
// that the binary error of a calculation (0.949*100 = 94.89999999999999)
// does not reach the page.
func round15(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 15, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// listQuarterFiles lists the quarterly data files, CSV and Excel, sorted.
// A spreadsheet perfsite cannot read (.xls, .ods) is reported with how to
// save it, and so is a quarter that has both a CSV and an Excel file: only
// the CSV file is read.
func listQuarterFiles(fsys fs.FS, probs *model.Problems) ([]string, error) {
	files, err := glob(fsys, "", "data/quarters", "", probs)
	if err != nil {
		return nil, err
	}
	csvs := map[string]bool{}
	for _, f := range files {
		if strings.EqualFold(path.Ext(f), ".csv") {
			csvs[strings.TrimSuffix(f, path.Ext(f))] = true
		}
	}
	var out []string
	for _, f := range files {
		ext := strings.ToLower(path.Ext(f))
		switch {
		case ext == ".csv":
			out = append(out, f)
		case slices.Contains(spreadsheetExts, ext):
			if base := strings.TrimSuffix(f, path.Ext(f)); csvs[base] {
				probs.Errorf(model.Pos{File: f}, "keep one file per quarter: delete or move "+path.Base(f)+" or "+path.Base(base)+".csv",
					"this quarter also has the file %s.csv; only that one is read", path.Base(base))
				continue
			}
			out = append(out, f)
		case slices.Contains(otherSpreadsheetExts, ext):
			probs.Errorf(model.Pos{File: f}, "in Excel, use File > Save As and choose \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited)\"",
				"perfsite reads .csv and .xlsx files, not %s", ext)
		}
	}
	return out, nil
}
