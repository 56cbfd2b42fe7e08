package load

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
)

var financialYear = model.Calendar{StartMonth: 4}

func TestParseQuarterName(t *testing.T) {
	calendarYear := model.Calendar{StartMonth: 1}
	for _, tc := range []struct {
		name string
		cal  model.Calendar
		want string // the quarter's slug, or "" if it is not one
	}{
		{"Q2 2024-25", financialYear, "2024-25-q2"},
		{"2024-25 Q2", financialYear, "2024-25-q2"},
		{"Q2 2024/25", financialYear, "2024-25-q2"},
		{"2024-25-q2", financialYear, "2024-25-q2"},
		{"Quarter 2 2024/25", financialYear, "2024-25-q2"},
		{"Jul-Sep 2024", financialYear, "2024-25-q2"},
		{"Jul - Sep 2024", financialYear, "2024-25-q2"},
		{"July to September 2024", financialYear, "2024-25-q2"},
		{"Jul–Sep 2024", financialYear, "2024-25-q2"}, // an en dash
		{"Jan-Mar 2025", financialYear, "2024-25-q4"},
		{"Apr-Jun 2024", financialYear, "2024-25-q1"},
		{"Jul-Sep 2024", calendarYear, "2024-q3"},
		{"Q3 2024", calendarYear, "2024-q3"},
		{"Nov 2024 - Jan 2025", model.Calendar{StartMonth: 5}, "2024-25-q3"},
		{"Aug-Oct 2024", financialYear, ""}, // three months, not one of the year's quarters
		{"Jul-Aug 2024", financialYear, ""}, // two months
		{"Nov-Jan 2024", financialYear, ""}, // which year?
		{"Jul-Sep 24", financialYear, ""},   // a two-digit year
		{"Sheet1", financialYear, ""},
		{"Workings", financialYear, ""},
		{"Q5 2024-25", financialYear, ""},
	} {
		p, ok := parseQuarterName(tc.name, tc.cal)
		got := ""
		if ok {
			got = tc.cal.Slug(p)
		}
		if got != tc.want {
			t.Errorf("parseQuarterName(%q) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The equivalent CSV files of the workbooks below: three quarters.
var quarterCSVs = map[string]string{
	"data/quarters/2024-25-q1.csv": "measure,value,target,note\neet,88.5,90,\nspend,1200000,,Repairs\n",
	"data/quarters/2024-25-q2.csv": "measure,value,target,note\neet,91.2,90,Up again\nspend,1150000,,\n",
	"data/quarters/2024-25-q3.csv": "measure,value,target,note\neet,90.1,92,\nspend,980000,,Under budget\n",
}

// figures lists rows as their meaning, without their positions, sorted.
func figures(rows []model.Row) string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s %s value=%v target=%v national=%v status=%q note=%q",
			r.Measure, financialYear.Slug(r.Period), fmtPtr(r.Value), fmtPtr(r.Target), fmtPtr(r.National), r.Status, r.Note))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// csvFigures reads the equivalent CSV files.
func csvFigures(t *testing.T, valuesOnly bool) string {
	t.Helper()
	var rows []model.Row
	for _, file := range []string{"data/quarters/2024-25-q1.csv", "data/quarters/2024-25-q2.csv", "data/quarters/2024-25-q3.csv"} {
		var probs model.Problems
		qf, _ := parseQuarter(file, []byte(quarterCSVs[file]), financialYear, &probs)
		wantProblems(t, probs)
		for _, r := range qf.Rows {
			if valuesOnly {
				r.Target, r.Note = nil, ""
			}
			rows = append(rows, r)
		}
	}
	return figures(rows)
}

// A workbook with a sheet per quarter, named three ways, is read sheet by
// sheet to the same figures as the three CSV files; its notes sheet is
// not read and not warned about; another sheet is warned about.
func TestWorkbookQuarterSheets(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "About the measures")
		setRows(t, f, "About the measures", [][]any{{"Type each figure in its quarter's sheet."}})
		for _, s := range []struct {
			name string
			rows [][]any
		}{
			{"Q1 2024-25", [][]any{{"measure", "value", "target", "note"}, {"eet", 88.5, 90}, {"spend", "£1.2m", nil, "Repairs"}}},
			{"2024-25 Q2", [][]any{{"measure", "value", "target", "note"}, {"eet", "91.2%", 90, "Up again"}, {"spend", 1150000}}},
			{"Oct-Dec 2024", [][]any{{"Measure name", "measure", "value", "target", "note"}, {"Care leavers", "eet", 90.1, 92}, {"Spending", "spend", "£980k", nil, "Under budget"}}},
		} {
			f.NewSheet(s.name)
			setRows(t, f, s.name, s.rows)
		}
		f.NewSheet("Workings")
		setRows(t, f, "Workings", [][]any{{"sum", 12}})
		f.NewSheet("Sheet3") // empty: not worth a warning
	})
	var probs model.Problems
	qf, _ := parseQuarter("data/quarters/performance-2024-25.xlsx", src, financialYear, &probs)
	wantProblems(t, probs,
		`data/quarters/performance-2024-25.xlsx: warning: the sheet "Workings" is ignored`+
			"\n\thint: perfsite reads the sheets named as quarters; if this one holds a quarter's figures, name it after the quarter, like \"Q2 2024-25\"")
	if got, want := figures(qf.Rows), csvFigures(t, false); got != want {
		t.Errorf("the workbook's figures:\n%s\nthe CSV files':\n%s", got, want)
	}
	if len(qf.Periods) != 3 {
		t.Errorf("periods %v", qf.Periods)
	}
	if want := `read sheet by sheet, one quarter a sheet: "Q1 2024-25" (Q1 2024/25), "2024-25 Q2" (Q2 2024/25), "Oct-Dec 2024" (Q3 2024/25)`; qf.Read != want {
		t.Errorf("read %q", qf.Read)
	}
	// Positions stay exact: the sheet, the column and the row.
	if got := qf.Rows[3].Fields.Or("value", qf.Rows[3].Pos).String(); got != "data/quarters/performance-2024-25.xlsx: '2024-25 Q2'!B3" {
		t.Errorf("Q2's spend value is at %s", got)
	}
	if got := qf.Rows[5].Fields.Or("note", qf.Rows[5].Pos).String(); got != "data/quarters/performance-2024-25.xlsx: 'Oct-Dec 2024'!E3" {
		t.Errorf("Q3's spend note is at %s", got)
	}
}

// A wide sheet, one row per measure and one column per quarter, reads to
// the same values as the CSV files.
func TestWorkbookWideSheet(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "History")
		setRows(t, f, "History", [][]any{
			{"Measure name", "measure", "Q1 2024-25", "Jul-Sep 2024", "Q3 2024/25", "Target"},
			{"Care leavers", "eet", 88.5, "91.2%", 90.1, 90},
			{"Spending", "spend", "£1,200,000", 1150000, "£0.98m"},
			{"New", "new-measure"}, // no figures yet: no rows
		})
		f.NewSheet("Notes")
		setRows(t, f, "Notes", [][]any{{"From the quarterly report."}})
	})
	var probs model.Problems
	qf, _ := parseQuarter("data/quarters/history.xlsx", src, financialYear, &probs)
	wantProblems(t, probs,
		`data/quarters/history.xlsx: History!F1: warning: the column "Target" is not a quarter, so it is ignored`+
			"\n\thint: a table with one column per quarter holds only the measure and its values: put targets, notes and the rest in a table with one row per measure and quarter (measure,value,target,...)")
	if got, want := figures(qf.Rows), csvFigures(t, true); got != want {
		t.Errorf("the wide sheet's figures:\n%s\nthe CSV files':\n%s", got, want)
	}
	if want := `read the sheet "History" as one row per measure and one column per quarter, Q1 2024/25 to Q3 2024/25 (3 quarters)`; qf.Read != want {
		t.Errorf("read %q", qf.Read)
	}
	if got := qf.Rows[4].Fields.Or("value", qf.Rows[4].Pos).String(); got != "data/quarters/history.xlsx: History!D3" {
		t.Errorf("spend in Q2 is at %s", got)
	}
	if s := qf.Rows[1].Signs; len(s) != 1 || s[0].Symbol != "%" {
		t.Errorf("the sign of 91.2%%: %+v", s)
	}
}

// A wide CSV file reads the same way, by the same function.
func TestWideCSV(t *testing.T) {
	var probs model.Problems
	qf, _ := parseQuarter("data/quarters/history.csv", []byte("measure,Q1 2024-25,Q2 2024-25,Q3 2024-25\neet,88.5,91.2,90.1\nspend,\"£1,200,000\",\"£1,150,000\",£980k\n"), financialYear, &probs)
	wantProblems(t, probs)
	if got, want := figures(qf.Rows), csvFigures(t, true); got != want {
		t.Errorf("the wide file's figures:\n%s\nthe CSV files':\n%s", got, want)
	}
	if qf.Read != "read as one row per measure and one column per quarter, Q1 2024/25 to Q3 2024/25 (3 quarters)" {
		t.Errorf("read %q", qf.Read)
	}
}

func TestWorkbookLayoutProblems(t *testing.T) {
	// The first sheet of a workbook whose sheets are not quarters; another
	// sheet with something in it is warned about.
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{{"measure", "value"}, {"eet", 88.5}})
		f.NewSheet("Last year")
		setRows(t, f, "Last year", [][]any{{"measure", "value"}, {"eet", 80}})
	})
	var probs model.Problems
	qf, _ := parseQuarter(xlsxFile, src, financialYear, &probs)
	wantProblems(t, probs, xlsxFile+`: warning: the sheet "Last year" is ignored`+
		"\n\thint: perfsite reads the first sheet; to have it read every sheet, name each after its quarter, like \"Q2 2024-25\"")
	if qf.Read != `read the sheet "Sheet1" as one row per measure` || len(qf.Rows) != 1 {
		t.Errorf("read %q, %d rows", qf.Read, len(qf.Rows))
	}

	// Two sheets for one quarter; a wide column for another quarter than
	// the file's name.
	src = workbook(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "Q1 2024-25")
		setRows(t, f, "Q1 2024-25", [][]any{{"measure", "value"}, {"eet", 88.5}})
		f.NewSheet("Apr-Jun 2024")
		setRows(t, f, "Apr-Jun 2024", [][]any{{"measure", "value"}, {"eet", 88.5}})
	})
	probs = nil
	parseQuarter(xlsxFile, src, financialYear, &probs)
	wantProblems(t, probs, xlsxFile+`: the sheet "Apr-Jun 2024" is for Q1 2024/25, as the sheet "Q1 2024-25" is`+
		"\n\thint: keep one sheet per quarter: delete or rename one of them")

	probs = nil
	parseQuarter("data/quarters/2024-25-q2.csv", []byte("measure,Q1 2024-25,Q2 2024-25\neet,88.5,91.2\n"), financialYear, &probs)
	wantProblems(t, probs, `data/quarters/2024-25-q2.csv:1:9: this column is for Q1 2024/25 but the file is named for 2024-25-q2`+
		"\n\thint: move the column to the file for its quarter, or name the file after the year")

	// A row of a quarter's sheet whose period column names another quarter.
	src = workbook(t, func(f *excelize.File) {
		f.SetSheetName("Sheet1", "Q1 2024-25")
		setRows(t, f, "Q1 2024-25", [][]any{{"measure", "value", "period"}, {"eet", 88.5, "Jul-Sep 2024"}})
	})
	probs = nil
	parseQuarter(xlsxFile, src, financialYear, &probs)
	wantProblems(t, probs, xlsxFile+`: 'Q1 2024-25'!C2: this row is for Jul-Sep 2024 but the sheet is named for Q1 2024-25`+
		"\n\thint: move the row to the sheet for its quarter, or leave the period empty")
}
