package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update and review the diff):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// line is the span of a problem on a line of a text file: the line, and
// the characters from start up to end underlined.
func line(text string, start, end int) *model.TextSpan {
	return &model.TextSpan{Text: text, Start: start, End: end}
}

// cell is the span of a problem about a spreadsheet cell: its content.
func cell(shown string) *model.TextSpan {
	return &model.TextSpan{Text: shown, Start: 1, End: len([]rune(shown)) + 1}
}

// The lines of sample's files, as load gives them to the problems.
var (
	csvLine4   = "care-leavers-eet,87.6,,88.1,,\"A note, with a comma\""
	csvLine6   = "days-to-adoption,461,,486,,\"" + strings.Repeat("A very long note that goes on. ", 6) + "\",oops"
	tomlHeader = "[[measure]]"
)

var sample = model.Problems{
	{Pos: model.Pos{File: "data/measures.toml", Line: 1, Col: 1}, Severity: model.Warning, Message: "a table header", Hint: "a hint",
		Span: line(tomlHeader, 1, 12)},
	{Pos: model.Pos{File: "data/measures.toml", Line: 3, Col: 1}, Message: `unknown key "unitt" in [[measure]]`, Hint: `did you mean "unit"?`,
		Span: line(`unitt = "percent"`, 1, 6)},
	{Pos: model.Pos{File: "data/measures.toml", Line: 4, Col: 1}, Severity: model.Warning, Message: "a warning with a tab in its line", Hint: "a hint",
		Span: line("better\t= \"higher\"", 1, 7)},
	{Pos: model.Pos{File: "data/measures.toml", Line: 5, Col: 9}, Message: `"title" must not be empty`,
		Span: line(`title = ""`, 9, 11)},
	{Pos: model.Pos{File: "data/quarters/2023-24-q2.csv"}, Severity: model.Warning, Message: "no minutes discuss Q2 2023/24", Hint: "add a minutes summary in content/minutes with period: 2023-24-q2, if a committee has discussed it"},
	{Pos: model.Pos{File: "data/quarters/2023-24-q2.csv", Line: 2, Col: 20}, Message: `the value "94.9%" is not a number`, Hint: "write plain numbers, without %, £ or commas: 94.9 rather than 94.9%, 15000000 rather than £15,000,000",
		Span: line("ehc-plans-20-weeks,94.9%,60,50.3,,", 20, 25)},
	{Pos: model.Pos{File: "data/quarters/2023-24-q2.csv", Line: 4, Col: 1}, Message: `the measure "care-leavers-eet" already has a row for Q2 2023/24 at data/quarters/2023-24-q2.csv:9:1`, Hint: "keep one row per measure per quarter",
		Span: line(csvLine4, 1, 17)},
	{Pos: model.Pos{File: "data/quarters/2023-24-q2.csv", Line: 4, Col: 32}, Severity: model.Warning, Message: "a quoted cell", Hint: "a hint",
		Span: line(csvLine4, 32, 37)},
	{Pos: model.Pos{File: "data/quarters/2023-24-q2.csv", Line: 5, Col: 31}, Message: `the status "on track" is not one of on-track, close, off-track`, Hint: "write on-track",
		Span: line("children-in-care,55.2,,70.0,on track,", 31, 37)},
	{Pos: model.Pos{File: "data/quarters/2023-24-q2.csv", Line: 6, Col: 217}, Message: "this row has 7 cells but the header has 6", Hint: `a cell that contains a comma must be in quotes: "like, this"`,
		Span: line(csvLine6, 217, 221)},
	{Pos: model.Pos{File: "data/quarters/2023-24-q2.csv", Line: 99}, Message: "a line past the end of the file", Hint: "a hint"},
	{Pos: model.Pos{File: "data/quarters/2023-24-q3.xlsx", Sheet: "Sheet1", Line: 14, Col: 3}, Message: `the target "£15m" is not a number`, Hint: "type a number such as 94.9, or clear the cell if there is no figure",
		Span: cell("£15m")},
	{Pos: model.Pos{File: "data/quarters/2023-24-q3.xlsx", Sheet: "Q3 data", Line: 2, Col: 2}, Message: `the value "lots" is not a number`, Hint: "type a number such as 94.9, or clear the cell if there is no figure",
		Span: cell("lots")},
	{Pos: model.Pos{File: "data/quarters/2023-24-q3.xlsx", Sheet: "Sheet1", Line: 7}, Message: "a whole spreadsheet row", Hint: "a hint"},
	// A file with warnings only comes after the files with errors.
	{Pos: model.Pos{File: "content/about.md", Line: 1, Col: 1}, Severity: model.Warning, Message: "a warning only", Hint: "a hint"},
}

func TestProblemsPlain(t *testing.T) {
	var b bytes.Buffer
	Printer{}.Problems(&b, sample)
	golden(t, "problems.golden", b.String())
}

func TestProblemsColour(t *testing.T) {
	var b bytes.Buffer
	Printer{Color: true}.Problems(&b, sample[4:6])
	golden(t, "problems-colour.golden", b.String())
}

// A problem without a span is shown without a line.
func TestProblemsWithoutSpans(t *testing.T) {
	ps := slices.Clone(sample[:4])
	for i := range ps {
		ps[i].Span = nil
	}
	var b bytes.Buffer
	Printer{}.Problems(&b, ps)
	golden(t, "problems-nosource.golden", b.String())
}

func TestLinesOnly(t *testing.T) {
	var b bytes.Buffer
	Printer{}.LinesOnly(&b, sample[4:6])
	want := "data/quarters/2023-24-q2.csv: warning: no minutes discuss Q2 2023/24\n" +
		"\thint: add a minutes summary in content/minutes with period: 2023-24-q2, if a committee has discussed it\n" +
		"data/quarters/2023-24-q2.csv:2:20: the value \"94.9%\" is not a number\n" +
		"\thint: write plain numbers, without %, £ or commas: 94.9 rather than 94.9%, 15000000 rather than £15,000,000\n"
	if b.String() != want {
		t.Errorf("got:\n%s", b.String())
	}
}

func TestNoProblemsPrintsNothing(t *testing.T) {
	var b bytes.Buffer
	Printer{}.Problems(&b, nil)
	if b.Len() != 0 {
		t.Errorf("got %q", b.String())
	}
}

func TestSummary(t *testing.T) {
	e := model.Problem{Pos: model.Pos{File: "a"}}
	w := model.Problem{Pos: model.Pos{File: "b"}, Severity: model.Warning}
	w2 := model.Problem{Pos: model.Pos{File: "a"}, Severity: model.Warning}
	for _, tc := range []struct {
		ps   model.Problems
		want string
	}{
		{nil, "No problems found"},
		{model.Problems{e}, "1 error in 1 file"},
		{model.Problems{e, e, e, w, w2}, "3 errors and 2 warnings in 2 files"},
		{model.Problems{w}, "1 warning in 1 file"},
		{model.Problems{w, w2}, "2 warnings in 2 files"},
	} {
		if got := Summary(tc.ps); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestColourChoice(t *testing.T) {
	var b bytes.Buffer
	if WantsColor(&b) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if WantsColor(f) {
		t.Error("a file is not a terminal")
	}
}

func TestHTML(t *testing.T) {
	ps := append(model.Problems{
		{Pos: model.Pos{File: "content/minutes/x.md", Line: 2, Col: 1}, Message: `the committee "<script>" is not defined`, Hint: "a <b>hint</b>"},
	}, sample[4:7]...)
	ps = append(ps, sample[11])
	golden(t, "error-page.html", Printer{}.ErrorPage(ps))
}
