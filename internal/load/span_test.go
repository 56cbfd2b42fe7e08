package load

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/model"
)

// spanned writes each problem as its position and its span: what is
// underlined, in [brackets], in the text shown; "-" for no span.
func spanned(ps model.Problems) []string {
	var out []string
	for _, p := range ps {
		s := p.Pos.String() + " " + p.Message + ": "
		switch sp := p.Span; {
		case sp == nil:
			s += "-"
		case sp.Start == 0:
			s += sp.Text
		default:
			r := []rune(sp.Text + " ") // a span may point just after the line's end
			s += string(r[:sp.Start-1]) + "[" + string(r[sp.Start-1:sp.End-1]) + "]" + strings.TrimSuffix(string(r[sp.End-1:]), " ")
		}
		out = append(out, s)
	}
	return out
}

func wantSpans(t *testing.T, ps model.Problems, want ...string) {
	t.Helper()
	if got := spanned(ps); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("spans:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A CSV cell's problem underlines the cell as the parser read it: quotes
// and all, without the spaces after it, on the line where it starts.
func TestSpansOfCSVCells(t *testing.T) {
	var probs model.Problems
	parseQuarter("data/quarters/2023-24-q2.csv", []byte("measure,value,target,status,note\n"+
		"eet,n/a  ,,,\n"+
		"eet,\"lots, many\",,,\n"+
		"eet,1,,\"red\nish\",\n"+
		"eet,\"2\"x,,,\n"+
		"eet,1,,,,extra\n"+
		"eet,1,,\n"+
		"\"never closed,1\n"), model.Calendar{StartMonth: 4}, &probs)
	wantSpans(t, probs,
		`data/quarters/2023-24-q2.csv:2:5 the value "n/a" is not a number: eet,[n/a]  ,,,`,
		`data/quarters/2023-24-q2.csv:3:5 the value "lots, many" is not a number: eet,["lots, many"],,,`,
		`data/quarters/2023-24-q2.csv:4:8 the status "red\nish" is not one of on-track, close, off-track: eet,1,,["red]`,
		`data/quarters/2023-24-q2.csv:6:8 unexpected text "x" after the closing quote of a cell: eet,"2"[x],,,`,
		`data/quarters/2023-24-q2.csv:7:10 this row has 6 cells but the header has 5: eet,1,,,,[extra]`,
		`data/quarters/2023-24-q2.csv:8:8 this row has 4 cells but the header has 5: eet,1,,[ ]`,
		`data/quarters/2023-24-q2.csv:9:1 this quoted cell is never closed: the quote opened here runs to the end of the file: ["never closed,1]`,
	)
}

// A workbook cell's problem shows the cell as Excel shows it: a formula
// that has no saved result as its formula.
func TestSpansOfWorkbookCells(t *testing.T) {
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{{"measure", "value", "target"}, {"eet", "lots", "90%"}, {"eet", nil, nil, nil, "x"}})
		f.SetCellFormula("Sheet1", "B3", "B2*2")
	})
	_, probs := readWorkbook(t, src)
	wantSpans(t, probs,
		xlsxFile+`: Sheet1!B2 the value "lots" is not a number: [lots]`,
		xlsxFile+`: Sheet1!E3 this cell is outside the table: its column has no name in the first row: [x]`,
		xlsxFile+`: Sheet1!B3 the value cell has the formula =B2*2 but no saved result: [=B2*2]`,
	)
}

// siteProblems loads a site with changes, checks it and annotates every
// problem, as perfsite check does.
func siteProblems(t *testing.T, changes map[string]string) (*model.Input, model.Problems) {
	t.Helper()
	in, probs, err := Load(writeSiteDir(t, changes))
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	Annotate(in, probs)
	probs.Sort()
	return in, probs
}

// The problems found in TOML files, front matter and CSV files, by load
// and by check, underline the key, the table header, the quoted text or
// the cell they point at, worked out from the text load kept; a file that
// is not text (it holds a NUL byte), or a problem about a whole file,
// shows nothing. Annotate then lets the text go.
func TestSpansOfSettings(t *testing.T) {
	in, probs := siteProblems(t, map[string]string{
		"data/measures.toml": `[[measure]]
id = "eet"
title = "Care leavers in education"
service = "childrens"
unitt	= "percent"
better = "higher"
target = 90

[[measure]]
id = "in-care"
title = "Children in care"
service = "children"
unit = "count"
`,
		"data/glossary.toml":                "[[term]]\nterm = \"EET\"\nmeaning = \"Education, employment \\\" or training\n",
		"data/quarters/2023-24-q2.csv":      "measure,value\neet,94.9\nin-cre,3\n",
		"content/minutes/2023-11-14-cyp.md": "---\ntitle: \"Q2\"\ncommittee: cyp\ndate: 2023-11-31\nmeasures: [eet, \"leavers\"]\nperiod: 2023-24-q2\n---\nText.\n",
		"content/about.md":                  "+++\ntitle = \"About\"\nsummary = \"x\"\n+++\nText.\n",
		"data/quarters/2023-24-q1.csv":      "measure,value\neet,88.5\n\x00\n",
		"data/revisions.csv":                "\n",
	})
	wantSpans(t, probs,
		`content/about.md:3:1 unknown key "summary" in the front matter: [summary] = "x"`,
		`content/minutes/2023-11-14-cyp.md:4:1 the date "2023-11-31" is not a date: there is no 31 November 2023: [date]: 2023-11-31`,
		`content/minutes/2023-11-14-cyp.md:5:17 the minutes name the measure "leavers", which is not defined: measures: [eet, ["leavers"]]`,
		`data/glossary.toml:3:11 this is not valid TOML: a text in quotes is not closed on this line: meaning = ["Education, employment \" or training]`,
		`data/measures.toml:4:1 the service "childrens" is not defined in data/site.toml: [service] = "childrens"`,
		`data/measures.toml:5:1 unknown key "unitt" in [[measure]]: [unitt]	= "percent"`,
		`data/measures.toml:9:1 [[measure]] is missing the required key "better": [[[measure]]]`,
		`data/measures.toml:9:1 the measure "in-care" has no figures yet; its page will say so: [[[measure]]]`,
		`data/quarters/2023-24-q1.csv:3:1 this row has 1 cells but the header has 2: -`,
		`data/quarters/2023-24-q2.csv:3:1 the measure "in-cre" is not defined: [in-cre],3`,
		`data/revisions.csv the file is empty: -`,
	)
	if in.Sources != nil {
		t.Errorf("Annotate kept the files' text: %d files", len(in.Sources))
	}
}

// A problem found by check in a workbook shows the cell as Excel shows
// it: the percentage, not the fraction it holds.
func TestSpansOfCheckedCells(t *testing.T) {
	dir := writeSiteDir(t, map[string]string{"data/quarters/2023-24-q2.csv": ""})
	src := workbook(t, func(f *excelize.File) {
		setRows(t, f, "Sheet1", [][]any{{"measure", "value"}, {"eet", 1.5}, {"in-care", 40}})
		styled(t, f, "B2", &excelize.Style{NumFmt: 10}) // 0.00%
	})
	if err := os.WriteFile(filepath.Join(dir, "data", "quarters", "2023-24-q2.xlsx"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	in, probs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	Annotate(in, probs)
	probs.Sort()
	wantSpans(t, probs,
		`data/quarters/2023-24-q2.xlsx: Sheet1!B2 the value 150 for "eet" is outside its valid range 0 to 100: [150.00%]`,
		`data/quarters/2023-24-q2.xlsx: Sheet1!A3 the measure "in-care" is not defined: [in-care]`,
	)
}

// A Windows-1252 file's line is shown as load read it.
func TestSpansWindows1252(t *testing.T) {
	_, probs := siteProblems(t, map[string]string{"data/quarters/2023-24-q2.csv": string(excelWindowsCSV)})
	var got []string
	for _, p := range probs {
		if p.Span != nil {
			got = append(got, fmt.Sprintf("%d: %s", p.Pos.Line, p.Span.Text))
		}
	}
	if want := `3: spend,"£1,200,000","£1,150,000",,,"Repairs, as planned",`; !strings.Contains(strings.Join(got, "\n"), want) {
		t.Errorf("spans:\n%s\nwant %s", strings.Join(got, "\n"), want)
	}
}

// model.LineSpan underlines what starts at the column, and nothing for a
// problem about the whole line, a column past its end or a blank line.
func TestLineSpan(t *testing.T) {
	for _, tc := range []struct {
		line string
		col  int
		csv  bool
		want string
	}{
		{`unit = "percent"`, 1, false, `[unit] = "percent"`},
		{`unit = "percent"`, 8, false, `unit = ["percent"]`},
		{`title = "a \" b" # x`, 9, false, `title = ["a \" b"] # x`},
		{`  [[measure]] # one`, 3, false, `  [[[measure]]] # one`},
		{`measures: [eet, leavers]`, 17, false, `measures: [eet, [leavers]]`},
		{`eet,"a ""b"", c",1`, 5, true, `eet,["a ""b"", c"],1`},
		{`eet,a b  ,1`, 5, true, `eet,[a b]  ,1`},
		{`eet,1`, 6, true, `eet,1[ ]`},
		{`eet,1`, 0, true, `eet,1`},
		{`eet,1`, 9, true, `eet,1`},
		{`   `, 1, false, `   `},
	} {
		got := spanned(model.Problems{{Span: model.LineSpan(tc.line, tc.col, tc.csv)}})[0]
		if got = strings.TrimPrefix(got, " : "); got != tc.want {
			t.Errorf("%q at %d: %s, want %s", tc.line, tc.col, got, tc.want)
		}
	}
}
