package load

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/model"
)

// Fuzz tests of the readers of every kind of input file. Run one with
//
//	go test -run=^$ -fuzz=^FuzzQuarterCSV$ -fuzztime=30s ./internal/load/
//
// (.ci/fuzz runs each briefly). Seeds are added below and kept in
// testdata/fuzz/<FuzzName>/; a failing input found by the fuzzer is saved
// there too and becomes a regression test. Each target asserts that
// reading never panics and that every problem points at a place in the
// file: the file is named, and the line (and column) are inside it, except
// for the few problems about a whole file.

// wholeFile are the problems that are about a file as a whole, and so
// have no line.
var wholeFile = []string{
	"the file is empty",
	"the file has no rows",
	"the file name ",
	"no minutes discuss ", // a warning about a quarter's file
	"the file is not UTF-8, so it was read as Windows-1252",
}

// checkPositions fails for a problem that does not point into the file.
func checkPositions(t *testing.T, file string, src []byte, probs model.Problems) {
	t.Helper()
	text := string(stripBOM(src))
	lines := strings.Count(strings.ReplaceAll(text, "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(text, "\r\n", ""), "\r") + 1
	for _, p := range probs {
		if p.Pos.File == "" {
			t.Errorf("problem without a file: %s", p)
			continue
		}
		if p.Pos.File != file {
			continue // a check problem about another file of the site
		}
		if p.Message == "" || p.Hint == "" {
			t.Errorf("problem without a message or a hint: %q", p)
		}
		if p.Pos.Line == 0 {
			if !hasAnyPrefix(p.Message, wholeFile) {
				t.Errorf("problem about the content without a line: %s", p)
			}
			continue
		}
		if p.Pos.Line < 0 || p.Pos.Line > lines || p.Pos.Col < 0 {
			t.Errorf("problem at %d:%d, outside the file's %d lines: %s", p.Pos.Line, p.Pos.Col, lines, p)
		}
		if sp := p.Span; sp != nil && (sp.Start != 0 || sp.End != 0) {
			n := utf8.RuneCountInString(sp.Text)
			if sp.Start < 1 || sp.End <= sp.Start || sp.Start > n+1 || sp.End > max(n+1, sp.Start+1) {
				t.Errorf("span %d to %d of a text of %d characters: %s", sp.Start, sp.End, n, p)
			}
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// fuzzSite is the definitions the fuzzed data files are checked against.
func fuzzSite() *model.Input {
	in := &model.Input{
		Site: model.Site{File: "data/site.toml", Title: "t", Organisation: "o", BaseURL: "https://example.org/", Language: "en-GB", YearStartMonth: 4,
			Services:   []model.Service{{ID: "children", Name: "Children", Committee: "cyp", Pos: model.Pos{File: "data/site.toml", Line: 1}}},
			Committees: []model.Committee{{ID: "cyp", Name: "CYP", Pos: model.Pos{File: "data/site.toml", Line: 1}}},
		},
	}
	hundred := 100.0
	in.Measures = []model.Measure{
		{ID: "eet", Title: "EET", Service: "children", Unit: "percent", Better: "higher", Frequency: "quarterly", Aliases: []string{"old-eet"}, Pos: model.Pos{File: "data/measures.toml", Line: 1}},
		{ID: "in-care", Title: "In care", Service: "children", Unit: "count", Better: "lower", Frequency: "quarterly", Max: &hundred, Pos: model.Pos{File: "data/measures.toml", Line: 9}},
	}
	return in
}

func FuzzQuarterCSV(f *testing.F) {
	for _, s := range []string{
		"measure,value,target,national,status,note\neet,94.9,90,88,on-track,\"A note, with a comma\"\nin-care,51,,,,\n",
		"\ufeffmeasure,value\r\neet,1\r\n",
		"period,measure,value\n2023-24 Q2,eet,1\nQ3 2023/24,in-care,2\n",
		"measure,value\neet,\"unclosed\n",
		"measure,value\neet,1,2\nin-care\n",
		"measure,valeu\n",
		"measure,value\neet,94.9%\neet,1e999\nold-eet,NaN\n",
		"",
		",,,\n,,\n",
		"measure,value,status\neet,1,red\n",
		"measure,value\n\"a\"\"b\"x,1\n",
		"measure,value\neet,\xa3\n",
	} {
		f.Add("2023-24-q2.csv", []byte(s))
		f.Add("latest.csv", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		if strings.ContainsAny(name, "/\\\x00") || name == "" || len(name) > 64 {
			name = "2023-24-q2.csv"
		}
		if !strings.HasSuffix(name, ".csv") {
			name += ".csv"
		}
		file := "data/quarters/" + name
		var probs model.Problems
		qf, _ := parseQuarter(file, src, model.Calendar{StartMonth: 4}, &probs)
		for _, row := range qf.Rows {
			if row.Pos.Line <= 0 || row.Pos.File != file {
				t.Errorf("row without a position: %+v", row.Pos)
			}
		}
		in := fuzzSite()
		in.Quarters = []model.QuarterFile{qf}
		probs = append(probs, check.Check(in)...)
		checkPositions(t, file, src, probs)
	})
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"a\nb\",c\r\n", "\"unclosed", "a\"b,c\n", "\"a\"x,b\n", "\r\r\n\n", "\ufeff\"\"\"\",\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var probs model.Problems
		records := parseCSV("f.csv", string(stripBOM(src)), &probs)
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		for _, r := range records {
			if r.Line < 1 || r.Line > lines {
				t.Errorf("record at line %d of %d", r.Line, lines)
			}
			for _, c := range r.Fields {
				if c.Line < r.Line || c.Line > lines || c.Col < 1 {
					t.Errorf("cell at %d:%d in a record at line %d", c.Line, c.Col, r.Line)
				}
			}
		}
		checkPositions(t, "f.csv", src, probs)
	})
}

func FuzzTOML(f *testing.F) {
	for _, s := range []string{
		"title = \"t\"\norganisation = \"o\"\nbase_url = \"https://example.org/\"\n\n[[committee]]\nid = \"cyp\"\nname = \"CYP\"\n\n[[service]]\nid = \"children\"\nname = \"Children\"\ncommittee = \"cyp\"\n",
		"[[measure]]\nid = \"eet\"\ntitle = \"EET\"\nservice = \"children\"\nunit = \"percent\"\nbetter = \"higher\"\ntarget = 90\ncaveats = [\n  \"a\",\n  \"b\",\n]\ndescription = \"\"\"\nid = \"not a key\"\n\"\"\"\n",
		"[[term]]\nterm = \"EET\"\nmeaning = \"In education\"\nabbr = true\n",
		"title = \"unclosed\n",
		"title =\n",
		"unti = \"percent\"\n",
		"[[measure]]\nid = 1\ntarget = \"90%\"\ndecimals = 1.5\nmin = nan\n",
		"[measure]\nid = \"x\"\n",
		"measure = [{id = \"x\"}]\n",
		"a = 1\na = 2\n",
		"year_start_month = 99999999999\n",
		"\ufeff# only a comment\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var probs model.Problems
		site, _ := parseSite("data/site.toml", src, &probs)
		checkPositions(t, "data/site.toml", src, probs)

		probs = nil
		measures, _ := parseMeasures("data/measures.toml", src, &probs)
		checkPositions(t, "data/measures.toml", src, probs)

		probs = nil
		parseGlossary("data/glossary.toml", src, &probs)
		checkPositions(t, "data/glossary.toml", src, probs)

		// The meaning of what was read, checked against the other file.
		in := fuzzSite()
		in.Site = site
		probs = check.Check(in)
		checkPositions(t, "data/site.toml", src, probs)
		in = fuzzSite()
		in.Measures = measures
		probs = check.Check(in)
		checkPositions(t, "data/measures.toml", src, probs)
	})
}

func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Quarter 2\ncommittee: cyp\ndate: 2023-11-14\nperiod: 2023-24-q2\nmeasures: [eet, in-care]\n---\nBody <script>alert(1)</script>\n",
		"---\ntitle: x\nmeasures:\n  - eet\n  - nope\n---\n",
		"+++\ntitle = \"x\"\ncommittee = \"cyp\"\ndate = 2023-11-14\n+++\nBody\n",
		"---\ntitle: Budget: the figures\n---\n",
		"---\ntitle: x\n",
		"---\n---\n",
		"+++\n+++\n",
		"no front matter\n",
		"---\n\ttitle: x\n---\n",
		"---\ntitle: [unclosed\ncommittee: cyp\n---\n",
		"---\n- a\n- b\n---\n",
		"---\ntitle: x\ntitle: y\n---\n",
		"---\r\ntitle: x\r\ndate: 2023-02-30\r\n---\r\n",
		"---\nx: &a [*a]\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const file = "content/minutes/m.md"
		var probs model.Problems
		mn, ok := parseMinutes(file, src, &probs)
		if ok && mn.BodyLine < 2 {
			t.Errorf("body starts at line %d", mn.BodyLine)
		}
		checkPositions(t, file, src, probs)

		probs = nil
		parsePage("content/about.md", "about", src, &probs)
		checkPositions(t, "content/about.md", src, probs)

		if ok {
			in := fuzzSite()
			in.Minutes = []model.Minutes{mn}
			checkPositions(t, file, src, check.Check(in))
		}
	})
}
