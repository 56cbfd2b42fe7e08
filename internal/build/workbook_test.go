package build

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbookSite is a site whose three quarters are written, in the tests
// below, as CSV files or as workbooks.
var workbookSite = map[string]string{
	"data/site.toml": `title = "How we are doing"
organisation = "Example Council"
base_url = "https://example.org/"

[[committee]]
id = "cyp"
name = "Children and Young People Committee"

[[service]]
id = "children"
name = "Children and Families"
committee = "cyp"
`,
	"data/measures.toml": `[[measure]]
id = "eet"
title = "Care leavers in education or work"
service = "children"
unit = "percent"
better = "higher"
target = 90

[[measure]]
id = "spend"
title = "Spending on repairs"
service = "children"
unit = "currency"
better = "lower"
target = 1100000
`,
	"content/minutes/2024-11-12-cyp.md": "---\ntitle: Quarter 2 performance\ncommittee: cyp\ndate: 2024-11-12\nperiod: 2024-25-q3\nmeasures: [eet]\n---\nText.\n",
}

// quarterRows are the figures of the three quarters: measure, value, note.
var quarterRows = [][][]any{
	{{"eet", 88.5, ""}, {"spend", 1200000, "Repairs"}},
	{{"eet", 91.2, "Up again"}, {"spend", 1150000, ""}},
	{{"eet", 90.1, ""}, {"spend", 980000, "Under budget"}},
}

var quarterNames = []string{"2024-25-q1", "2024-25-q2", "2024-25-q3"}

// buildDownloads builds a site and returns its data/measures.csv.
func buildDownloads(t *testing.T, files map[string]string, binary map[string][]byte) string {
	t.Helper()
	dir := writeSite(t, files)
	for name, b := range binary {
		if err := writeFileAll(filepath.Join(dir, filepath.FromSlash(name)), b); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatalf("build: %v\n%s", err, strings.Join(printed(res.Problems, -1), "\n"))
	}
	if len(res.Problems) > 0 {
		t.Errorf("problems:\n%s", strings.Join(printed(res.Problems, -1), "\n"))
	}
	return readFile(t, filepath.Join(dir, "public"), "data/measures.csv")
}

func saveWorkbook(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func setSheet(t *testing.T, f *excelize.File, sheet string, rows [][]any) {
	t.Helper()
	for r, row := range rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(sheet, ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// A workbook with three quarter sheets builds to the same downloads as the
// three CSV files it stands for; a wide sheet of the values, to the same
// downloads as the CSV files without their notes.
func TestWorkbooksBuildAsCSV(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo")
	}
	csvSite := func(notes bool) map[string]string {
		files := maps.Clone(workbookSite)
		for q, rows := range quarterRows {
			text := "measure,value,note\n"
			for _, r := range rows {
				note := r[2].(string)
				if !notes {
					note = ""
				}
				text += fmt.Sprint(r[0], ",", r[1], ",", note, "\n")
			}
			files["data/quarters/"+quarterNames[q]+".csv"] = text
		}
		return files
	}

	// Sheets named three ways, with numbers as Excel shows them.
	sheets := excelize.NewFile()
	sheets.SetSheetName("Sheet1", "About the measures")
	setSheet(t, sheets, "About the measures", [][]any{{"One sheet per quarter."}})
	shown := map[any]any{1200000: "£1,200,000", 91.2: "91.2%", 980000: "£0.98m"}
	for q, name := range []string{"Q1 2024-25", "2024-25 Q2", "Oct-Dec 2024"} {
		sheets.NewSheet(name)
		rows := [][]any{{"measure", "value", "note"}}
		for _, r := range quarterRows[q] {
			v := r[1]
			if s, ok := shown[v]; ok {
				v = s
			}
			rows = append(rows, []any{r[0], v, r[2]})
		}
		setSheet(t, sheets, name, rows)
	}
	withSheets := maps.Clone(workbookSite)
	got := buildDownloads(t, withSheets, map[string][]byte{"data/quarters/performance-2024-25.xlsx": saveWorkbook(t, sheets)})
	if want := buildDownloads(t, csvSite(true), nil); got != want {
		t.Errorf("the workbook of quarter sheets built:\n%s\nthe CSV files:\n%s", got, want)
	}

	// One row per measure, one column per quarter.
	wide := excelize.NewFile()
	wide.SetSheetName("Sheet1", "History")
	rows := [][]any{{"Measure name", "measure", "Q1 2024-25", "Jul-Sep 2024", "Q3 2024/25"}}
	for m, title := range []string{"Care leavers", "Spending"} {
		row := []any{title, quarterRows[0][m][0]}
		for q := range quarterRows {
			row = append(row, quarterRows[q][m][1])
		}
		rows = append(rows, row)
	}
	setSheet(t, wide, "History", rows)
	got = buildDownloads(t, maps.Clone(workbookSite), map[string][]byte{"data/quarters/history.xlsx": saveWorkbook(t, wide)})
	if want := buildDownloads(t, csvSite(false), nil); got != want {
		t.Errorf("the wide workbook built:\n%s\nthe CSV files:\n%s", got, want)
	}
}
