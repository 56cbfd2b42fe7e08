package load

import (
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
)

func problemsOf(parse func(probs *model.Problems)) []string {
	var probs model.Problems
	parse(&probs)
	var out []string
	for _, p := range probs {
		out = append(out, p.Pos.String()+": "+p.Message)
	}
	return out
}

// TOML and front matter that the parsers would take minutes and
// gigabytes over fail at once, at the place where they go too deep.
func TestSettingsShape(t *testing.T) {
	nested := func(n int) string { return strings.Repeat("{b=", n) + "1" + strings.Repeat("}", n) }
	for _, tc := range []struct {
		name  string
		parse func(probs *model.Problems)
		want  string
	}{
		{"200 KB of one dotted key", func(probs *model.Problems) {
			parseMeasures("data/measures.toml", []byte("a"+strings.Repeat(".a", 100_000)+" = 1\n"), probs)
		}, "data/measures.toml:1:32: this key has more than 16 parts"},
		{"300 KB of nested inline tables", func(probs *model.Problems) {
			parseSite("data/site.toml", []byte("title = \"T\"\na = "+nested(100_000)+"\n"), probs)
		}, "data/site.toml:2:53: the values here are nested more than 16 deep"},
		{"nested arrays", func(probs *model.Problems) {
			parseGlossary("data/glossary.toml", []byte("x = "+strings.Repeat("[", 17)+strings.Repeat("]", 17)+"\n"), probs)
		}, "data/glossary.toml:1:21: the values here are nested more than 16 deep"},
		{"a long key", func(probs *model.Problems) {
			parseMeasures("data/measures.toml", []byte("[[measure]]\n"+strings.Repeat("k", 200)+" = 1\n"), probs)
		}, "data/measures.toml:2:129: this key is longer than 128 characters"},
		{"a long table name", func(probs *model.Problems) {
			parseMeasures("data/measures.toml", []byte("[["+strings.Repeat("m.", 20)+"]]\n"), probs)
		}, "data/measures.toml:1:34: this key has more than 16 parts"},
		{"TOML front matter", func(probs *model.Problems) {
			parseMinutes("content/minutes/a.md", []byte("+++\ntitle = \"x\"\nx = "+nested(1_000)+"\n+++\nText\n"), probs)
		}, "content/minutes/a.md:3:53: the values here are nested more than 16 deep"},
		{"YAML front matter, flow", func(probs *model.Problems) {
			parseMinutes("content/minutes/a.md", []byte("---\ntitle: x\nx: "+strings.Repeat("[", 20_000)+"\n---\nText\n"), probs)
		}, "content/minutes/a.md:3:20: the values here are nested more than 16 deep"},
		{"YAML front matter, indented", func(probs *model.Problems) {
			var b strings.Builder
			for i := 0; i < 20; i++ {
				b.WriteString(strings.Repeat(" ", i) + "k:\n")
			}
			parsePage("content/a.md", "a", []byte("---\n"+b.String()+"---\nText\n"), probs)
		}, "content/a.md:18:17: the settings here are nested more than 16 deep"},
		{"YAML front matter, a long key", func(probs *model.Problems) {
			parsePage("content/a.md", "a", []byte("---\n"+strings.Repeat("k", 129)+": 1\n---\nText\n"), probs)
		}, "content/a.md:2:1: this key is longer than 128 characters"},
		{"front matter over 64 KB", func(probs *model.Problems) {
			parsePage("content/a.md", "a", []byte("---\ntitle: "+strings.Repeat("x", 70_000)+"\n---\nText\n"), probs)
		}, "content/a.md:1:1: the settings at the top of the file are 68 KB, more than the 64 KB they may be"},
	} {
		start := time.Now()
		got := problemsOf(tc.parse)
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("%s: took %v", tc.name, took)
		}
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	// What perfsite's own files look like passes.
	ok := "[[measure]]\nid = \"a\" # the id\ntitle = \"It's [not] {nested}\"\ncaveats = [\n  \"x\",\n  \"y\",\n]\n" +
		"description = \"\"\"\nA \"quoted\" = thing.\n\"\"\"\nx.y.z = { a = [1, [2]], b = { c = 'd' } }\n"
	if got := problemsOf(func(probs *model.Problems) { checkTOMLShape("m.toml", []byte(ok), probs) }); len(got) != 0 {
		t.Errorf("a sane file: %q", got)
	}
}

// A workbook of a few KB whose rows reach column XFD ran past 300 s (each
// cell looked up cost as much as the row's width, and every row was made
// that wide); one with a cell in the last row made a million rows. Both
// now fail at once, at the cell, with what to do.
func TestXLSXBounds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cells map[string]string
		want  string
	}{
		{"rows to XFD", map[string]string{"XFD2": "x", "XFD3": "x", "XFD4": "x"},
			"data/quarters/2023-24-q3.xlsx: Sheet1!XFD2: this row reaches column XFD; perfsite reads a table of at most 256 columns (A to IV)\n" +
				"\thint: delete the columns to the right of the table (select them from column IW, then Delete), even if they look empty"},
		{"the last row", map[string]string{"A1048576": "x"}, // written by patchSheet below
			"data/quarters/2023-24-q3.xlsx: Sheet1!200001:200001: the sheet goes on below row 200000; perfsite reads rows 1 to 200000 of a sheet\n" +
				"\thint: delete the rows below the table (select them, then Delete), even if they look empty; or split the figures into one workbook per quarter"},
	} {
		src := workbook(t, func(f *excelize.File) {
			setRows(t, f, "Sheet1", [][]any{{"measure", "value"}, {"eet", 90}})
			for ref, v := range tc.cells {
				if ref == "A1048576" {
					continue
				}
				if err := f.SetCellValue("Sheet1", ref, v); err != nil {
					t.Fatal(err)
				}
			}
		})
		if _, ok := tc.cells["A1048576"]; ok { // excelize takes seconds to write it
			src = patchSheet(t, src, "</sheetData>", `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`)
		}
		start := time.Now()
		_, probs := readWorkbook(t, src)
		if took := time.Since(start); took > time.Second {
			t.Errorf("%s: took %v", tc.name, took)
		}
		if got := problemLines(probs); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}

// ±1.79e308 gave "-Inf" and charts that could not be drawn.
func TestNumberBounds(t *testing.T) {
	got := problemsOf(func(probs *model.Problems) {
		parseQuarter("data/quarters/2023-24-q1.csv", []byte("measure,value,target\na,1.79e308,\nb,-1e16,1e15\nc,1e400,\n"), model.Calendar{StartMonth: 4}, probs)
		parseMeasures("data/measures.toml", []byte("[[measure]]\nid = \"a\"\ntitle = \"T\"\nservice = \"s\"\nunit = \"count\"\nbetter = \"higher\"\ntarget = 1e300\nmax = -2_000_000_000_000_000\n"), probs)
	})
	want := []string{
		"data/quarters/2023-24-q1.csv:2:3: the value 1.79e+308 is too large to be a figure",
		"data/quarters/2023-24-q1.csv:3:3: the value -1e+16 is too large to be a figure",
		`data/quarters/2023-24-q1.csv:4:3: the value "1e400" is not a number`,
		"data/measures.toml:7:1: the target 1e+300 is too large to be a figure",
		"data/measures.toml:8:1: the max -2e+15 is too large to be a figure",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A file of a few bytes a row is refused past MaxRows rows, before its
// rows take more memory.
func TestRowLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a million rows")
	}
	src := []byte("measure,value\n" + strings.Repeat("a,1\n", MaxRows+3))
	var probs model.Problems
	qf, _ := parseQuarter("data/quarters/2023-24-q1.csv", src, model.Calendar{StartMonth: 4}, &probs)
	if len(qf.Rows) != MaxRows {
		t.Errorf("read %d rows", len(qf.Rows))
	}
	want := "data/quarters/2023-24-q1.csv:1000002:1: the file has more than 1000000 rows; perfsite reads at most 1000000 from one file"
	if len(probs) != 1 || probs[0].Pos.String()+": "+probs[0].Message != want {
		t.Errorf("problems: %v", probs)
	}
}
