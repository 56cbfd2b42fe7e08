package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

// A file name, sheet name or message with a newline or a terminal escape
// in it printed raw: a committed file could add a fake CI annotation to
// the log, or change the terminal's colours. Every problem is now its own
// lines, whatever its text.
func TestNoForgedLines(t *testing.T) {
	forged := "x.csv\n::error file=data/site.toml,line=1::all is well\x1b[32m"
	var ps model.Problems
	ps.Errorf(model.Pos{File: "data/quarters/" + forged, Line: 2, Col: 1}, "hint\n::warning::x", "message\r\n::error::forged\x1b]0;title\x07")
	ps.Errorf(model.Pos{File: "data/quarters/q.xlsx", Sheet: "S\n::error::", Line: 3, Col: 2}, "", "bidi \u202eevil")
	ps[0].Span = line("eet\x1b[31m,\u009b2J1", 1, 9)
	ps[1].Span = cell("a\n::error::cell\x1b[32m")
	for name, print := range map[string]func(*bytes.Buffer){
		"report": func(b *bytes.Buffer) { Printer{}.Problems(b, ps) },
		"lines":  func(b *bytes.Buffer) { Printer{}.LinesOnly(b, ps) },
	} {
		var b bytes.Buffer
		print(&b)
		out := b.String()
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "::") {
				t.Errorf("%s: a forged line: %q", name, line)
			}
		}
		if strings.ContainsAny(out, "\x1b\r\x07\u009b\u202e") {
			t.Errorf("%s: a control character got through:\n%q", name, out)
		}
		if !strings.Contains(out, `x.csv\n::error file=data/site.toml,line=1::all is well\x1b[32m`) {
			t.Errorf("%s: the file name is not shown escaped:\n%s", name, out)
		}
	}
}

// A file with the same mistake on every row printed every one of them.
func TestCapPerFile(t *testing.T) {
	var ps model.Problems
	for i := 1; i <= MaxPerFile+5; i++ {
		ps.Errorf(model.Pos{File: "data/quarters/big.csv", Line: i + 1, Col: 1}, "hint", "the measure \"x\" is not defined")
	}
	ps.Errorf(model.Pos{File: "data/site.toml", Line: 1, Col: 1}, "", "one")
	var report, lines bytes.Buffer
	Printer{}.Problems(&report, ps)
	Printer{}.LinesOnly(&lines, ps)
	for name, out := range map[string]string{"report": report.String(), "lines": lines.String()} {
		if n := strings.Count(out, "is not defined"); n != MaxPerFile {
			t.Errorf("%s: %d problems of the file shown, want %d", name, n, MaxPerFile)
		}
		if !strings.Contains(out, "and 5 more problems in this file\n") || !strings.Contains(out, "one") {
			t.Errorf("%s:\n%s", name, out)
		}
	}
	if !strings.Contains(report.String(), "data/quarters/big.csv (25 errors)") || !strings.HasSuffix(report.String(), "26 errors in 2 files\n") {
		t.Errorf("the counts are not of every problem:\n%s", report.String())
	}
	if !strings.Contains(lines.String(), "\ndata/quarters/big.csv: and 5 more problems in this file\n") {
		t.Errorf("lines:\n%s", lines.String())
	}
	if html := (Printer{}).HTML(ps); strings.Count(html, "is not defined") != MaxPerFile || !strings.Contains(html, "and 5 more problems in this file") {
		t.Errorf("the HTML report is not capped")
	}
}

// A character left out of the line shown (a control character, or one
// that reverses text) moves the caret with the text: it stays under what
// the span underlines. A span that does not fit its text shows the line
// with no caret.
func TestCaretFollowsTheText(t *testing.T) {
	ps := model.Problems{
		{Pos: model.Pos{File: "data/quarters/q.csv", Line: 2, Col: 6}, Message: "a", Span: line("\u202eeet,lots\x07,1", 6, 10)},
		{Pos: model.Pos{File: "data/quarters/q.csv", Line: 3, Col: 9}, Message: "b", Span: line("eet,1", 9, 12)},
	}
	var b bytes.Buffer
	Printer{}.Problems(&b, ps)
	want := "    2 | eet,lots,1\n" +
		"      |     ^^^^\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
	if !strings.Contains(b.String(), "    3 | eet,1\n    Hint") {
		t.Errorf("a span past the line's end:\n%s", b.String())
	}
}
