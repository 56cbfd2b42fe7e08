package load

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
)

const xlsxFile = "data/quarters/2023-24-q3.xlsx"

// workbook builds an .xlsx file in memory: build fills its first sheet,
// named Sheet1 unless build renames it.
func workbook(t *testing.T, build func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	build(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setRows writes rows of values from A1 on.
func setRows(t *testing.T, f *excelize.File, sheet string, rows [][]any) {
	t.Helper()
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func styled(t *testing.T, f *excelize.File, ref string, st *excelize.Style) {
	t.Helper()
	id, err := f.NewStyle(st)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle("Sheet1", ref, ref, id); err != nil {
		t.Fatal(err)
	}
}

// patchSheet edits the first sheet's XML, for what excelize cannot write:
// cells that show an Excel error, formulas with a saved result.
func patchSheet(t *testing.T, src []byte, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		if zf.Name == "xl/worksheets/sheet1.xml" {
			found = strings.Contains(string(b), old)
			b = []byte(strings.Replace(string(b), old, new, 1))
		}
		w, _ := zw.Create(zf.Name)
		w.Write(b)
	}
	zw.Close()
	if !found {
		t.Fatalf("patchSheet: %q not in the sheet", old)
	}
	return out.Bytes()
}

func readWorkbook(t *testing.T, src []byte) (model.QuarterFile, model.Problems) {
	t.Helper()
	var probs model.Problems
	qf, _ := parseQuarter(xlsxFile, src, model.Calendar{StartMonth: 4}, &probs)
	return qf, probs
}

func problemLines(ps model.Problems) string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.String())
	}
	return strings.Join(lines, "\n")
}

func wantProblems(t *testing.T, got model.Problems, want ...string) {
	t.Helper()
	if g, w := problemLines(got), strings.Join(want, "\n"); g != w {
		t.Errorf("problems:\n%s\nwant:\n%s", g, w)
	}
}

func num(v float64) *float64 { return &v }

func wantValue(t *testing.T, what string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s: got %v, want %v", what, fmtPtr(got), fmtPtr(want))
	case *got != *want:
		t.Errorf("%s: got %v, want %v", what, *got, *want)
	}
}

func fmtPtr(p *float64) any {
	if p == nil {
		return "nil"
	}
	return *p
}

var header = []any{"measure", "value", "target", "national", "status", "note"}

func TestXLSXReadsLikeCSV(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{
			header,
			{"care-leavers-eet", 89.1, 90, 88.7, nil, "Up again."},
			{"school-exclusions", 19},
			{"days-to-adoption", nil, nil, nil, "off-track", "No figure yet."},
		})
	})
	qf, probs := readWorkbook(t, src)
	wantProblems(t, probs)
	if len(qf.Periods) != 1 || qf.Periods[0] != (model.Period{Year: 2023, Quarter: 3}) {
		t.Errorf("periods: %v", qf.Periods)
	}
	if len(qf.Rows) != 3 {
		t.Fatalf("got %d rows, want 3", len(qf.Rows))
	}
	r := qf.Rows[0]
	if r.Measure != "care-leavers-eet" || r.Note != "Up again." {
		t.Errorf("row 1: %+v", r)
	}
	wantValue(t, "value", r.Value, num(89.1))
	wantValue(t, "target", r.Target, num(90))
	wantValue(t, "national", r.National, num(88.7))
	if got := r.Fields.Or("national", r.Pos).String(); got != xlsxFile+": Sheet1!D2" {
		t.Errorf("national cell at %s", got)
	}
	if got := r.Pos.String(); got != xlsxFile+": Sheet1!A2" {
		t.Errorf("row at %s", got)
	}
	// A short row: Excel leaves out the empty cells at its end.
	wantValue(t, "short row value", qf.Rows[1].Value, num(19))
	wantValue(t, "short row target", qf.Rows[1].Target, nil)
	if got := qf.Rows[1].Fields.Or("note", qf.Rows[1].Pos).String(); got != xlsxFile+": Sheet1!F3" {
		t.Errorf("short row's note cell at %s", got)
	}
	wantValue(t, "empty value", qf.Rows[2].Value, nil)
	if qf.Rows[2].Status != model.OffTrack {
		t.Errorf("status %q", qf.Rows[2].Status)
	}
}

func TestXLSXNumbersStoredAsText(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{
			header,
			{"a", "94.9"},
			{"b", " 1,234,567 "},
			{"c", "94.9%"},
			{"d", "-1,234.5"},
			{"e", "12\u00a0"},
		})
	})
	qf, probs := readWorkbook(t, src)
	wantProblems(t, probs)
	for i, want := range []float64{94.9, 1234567, 94.9, -1234.5, 12} {
		wantValue(t, qf.Rows[i].Measure, qf.Rows[i].Value, &want)
	}
}

func TestXLSXPercentFormats(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{
			header,
			{"builtin-0.0%", 0.949, 0.95},
			{"builtin-0%", 0.5},
			{"custom", 0.949},
			{"general", 0.949},
			{"float-error", 0.1 + 0.2},
			{"quoted-percent", 0.949},
		})
		styled(t, f, "B2", &excelize.Style{NumFmt: 10}) // 0.00%
		styled(t, f, "C2", &excelize.Style{NumFmt: 10})
		styled(t, f, "B3", &excelize.Style{NumFmt: 9}) // 0%
		pct := "0.0%"
		styled(t, f, "B4", &excelize.Style{CustomNumFmt: &pct})
		quoted := `0.0"%"`
		styled(t, f, "B7", &excelize.Style{CustomNumFmt: &quoted})
	})
	qf, probs := readWorkbook(t, src)
	wantProblems(t, probs)
	for i, want := range []float64{94.9, 50, 94.9, 0.949, 0.3, 0.949} {
		wantValue(t, qf.Rows[i].Measure, qf.Rows[i].Value, &want)
	}
	wantValue(t, "percent target", qf.Rows[0].Target, num(95))
	// A format is not a sign typed into the cell: it is read as it shows
	// in any measure, so no sign is left for check to compare.
	for _, r := range qf.Rows {
		if len(r.Signs) > 0 {
			t.Errorf("%s: signs %+v", r.Measure, r.Signs)
		}
	}
}

func TestXLSXThousandsSeparatorFormat(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{header, {"overspend", 15000000}, {"pounds", 2100000.5}})
		styled(t, f, "B2", &excelize.Style{NumFmt: 3}) // #,##0
		gbp := `"£"#,##0.00`
		styled(t, f, "B3", &excelize.Style{CustomNumFmt: &gbp})
	})
	qf, probs := readWorkbook(t, src)
	wantProblems(t, probs)
	wantValue(t, "#,##0", qf.Rows[0].Value, num(15000000))
	wantValue(t, "£#,##0.00", qf.Rows[1].Value, num(2100000.5))
}

func TestXLSXBlankRows(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{
			nil, // a blank first row: the header is the first row with text
			header,
			{"a", 1},
			{" ", "", nil},
			{"b", 2},
		})
		// Rows that are only formatted, and spaces, after the data.
		styled(t, f, "A20", &excelize.Style{NumFmt: 10})
		f.SetCellValue("Sheet1", "B30", "   ")
	})
	qf, probs := readWorkbook(t, src)
	wantProblems(t, probs)
	if len(qf.Rows) != 2 || qf.Rows[1].Measure != "b" {
		t.Fatalf("rows: %+v", qf.Rows)
	}
	if got := qf.Rows[1].Pos.String(); got != xlsxFile+": Sheet1!A5" {
		t.Errorf("row b at %s", got)
	}
}

func TestXLSXFirstSheetOnly(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "Q3 data")
		setRows(t, f, "Q3 data", [][]any{header, {"a", "lots"}})
		f.NewSheet("Notes")
		setRows(t, f, "Notes", [][]any{{"anything", "at all"}})
	})
	_, probs := readWorkbook(t, src)
	wantProblems(t, probs, xlsxFile+`: 'Q3 data'!B2: the value "lots" is not a number`+
		"\n\thint: "+plainNumberHint)
}

func TestXLSXErrors(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{
			{"measure", "value", "taget"},
		})
	})
	_, probs := readWorkbook(t, src)
	wantProblems(t, probs, xlsxFile+`: Sheet1!C1: unknown column "taget"`+"\n\thint: did you mean \"target\"?")

	src = workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{
			header,
			{"a", "n/a"},
			{"b", 1, nil, nil, nil, nil, nil, "stray"},
			{"c", 2, "£15m"},
			{"d", true},
			{"e", "1,23"},
		})
	})
	_, probs = readWorkbook(t, src)
	hint := "\n\thint: " + plainNumberHint
	wantProblems(t, probs,
		xlsxFile+`: Sheet1!B2: the value "n/a" is not a number`+hint,
		xlsxFile+`: Sheet1!H3: this cell is outside the table: its column has no name in the first row`+
			"\n\thint: give the column a name in the first row, or clear the cell",
		xlsxFile+`: Sheet1!B5: the value "TRUE" is not a number`+hint,
		xlsxFile+`: Sheet1!B6: the value "1,23" is not a number`+
			"\n\thint: write a point for decimals, and commas only between groups of three digits: 1.23, 1,234 or 1,234,567.8",
	)
}

func TestXLSXFormulas(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{header, {"saved", 1}, {"div0", 1}, {"unsaved"}})
		f.SetCellFormula("Sheet1", "B4", "B2*2")
	})
	src = patchSheet(t, src, `<c r="B2"><v>1</v></c>`, `<c r="B2"><f>40+2</f><v>42</v></c>`)
	src = patchSheet(t, src, `<c r="B3"><v>1</v></c>`, `<c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)
	qf, probs := readWorkbook(t, src)
	wantProblems(t, probs,
		xlsxFile+": Sheet1!B3: the value cell shows the Excel error #DIV/0!\n\thint: correct the formula in Excel, or clear the cell if there is no figure",
		xlsxFile+": Sheet1!B4: the value cell has the formula =B2*2 but no saved result\n\thint: open the file in Excel and save it again, so that the result of the formula is saved with it",
	)
	wantValue(t, "saved formula result", qf.Rows[0].Value, num(42))
}

func TestXLSXNotAWorkbook(t *testing.T) {
	var probs model.Problems
	parseQuarter(xlsxFile, []byte("measure,value\na,1\n"), model.Calendar{StartMonth: 4}, &probs)
	if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), xlsxFile+": the file cannot be read as an Excel workbook") {
		t.Errorf("got %s", problemLines(probs))
	}
	probs = nil
	parseQuarter(xlsxFile, nil, model.Calendar{StartMonth: 4}, &probs)
	wantProblems(t, probs, xlsxFile+": the file is empty\n\thint: add content to the file, or delete it")
	probs = nil
	parseQuarter(xlsxFile, append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 600)...), model.Calendar{StartMonth: 4}, &probs)
	if len(probs) != 1 || !strings.Contains(probs[0].String(), "it may be an old .xls file") {
		t.Errorf("got %s", problemLines(probs))
	}
}

func TestXLSXEmptySheet(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {})
	_, probs := readWorkbook(t, src)
	wantProblems(t, probs, xlsxFile+": the file has no rows\n\thint: the first row names the columns: measure,value,target,national,status,note")
}

func TestQuarterFileList(t *testing.T) {
	fsys := fstest.MapFS{
		"data/quarters/2023-24-q1.csv":    {Data: []byte("measure,value\n")},
		"data/quarters/2023-24-q2.csv":    {Data: []byte("measure,value\n")},
		"data/quarters/2023-24-q2.xlsx":   {Data: []byte("x")},
		"data/quarters/2023-24-q3.xlsx":   {Data: []byte("x")},
		"data/quarters/~$2023-24-q3.xlsx": {Data: []byte("x")}, // Excel's lock file while it is open
		"data/quarters/2023-24-q4.xls":    {Data: []byte("x")},
		"data/quarters/README.txt":        {Data: []byte("x")},
	}
	var probs model.Problems
	files, err := listQuarterFiles(fsys, &probs)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(files, " "); got != "data/quarters/2023-24-q1.csv data/quarters/2023-24-q2.csv data/quarters/2023-24-q3.xlsx" {
		t.Errorf("files: %s", got)
	}
	wantProblems(t, probs,
		"data/quarters/2023-24-q2.xlsx: this quarter also has the file 2023-24-q2.csv; only that one is read\n\thint: keep one file per quarter: delete or move 2023-24-q2.xlsx or 2023-24-q2.csv",
		"data/quarters/2023-24-q4.xls: perfsite reads .csv and .xlsx files, not .xls\n\thint: in Excel, use File > Save As and choose \"Excel Workbook (.xlsx)\" or \"CSV UTF-8 (Comma delimited)\"",
	)
}
