package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/report"
)

// mistakes is a site with one mistake of each kind a report shows a line
// for: a CSV cell, a quoted CSV cell, a TOML key, a quoted TOML value,
// YAML and TOML front matter, workbook cells, problems found by check, a
// whole file, and a line longer than the excerpt.
var mistakes = map[string]string{
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
id = "in-care"
title = "Children in care"
service = "childrens"
unitt	= "rate"
better = "lower"

[[measure]]
id = "vacancies"
title = "Social worker posts that are vacant"
service = "children"
unit = "percent"
better = "lower"

[[measure]]
id = "exclusions"
title = "Pupils excluded from school"
service = "children"
unit = "count"
better = "lower"
`,
	"data/glossary.toml": `[[term]]
term = "EET"
meaning = "Education, employment or training
`,
	"data/quarters/2023-24-q1.csv": "",
	"data/quarters/2023-24-q2.csv": "measure,value,target,national,note,status\n" +
		"eet,94.9,,88,\"A note, with a comma\",\n" +
		"in-care,n/a,,,,\n" +
		"cp-plan,36,,,,\n" +
		"vacancies,\"120\",,,,\n" +
		"exclusions,50,,,\"" + strings.Repeat("A long note that goes on and on. ", 6) + "\",purple\n",
	"content/minutes/2023-11-14-cyp.md": `---
title: "Children's services, quarter 2"
committee: cyp
date: 2023-11-31
measures: [eet, "leavers"]
period: 2023-24-q2
---
The committee discussed the figures.
`,
	"content/about.md": `+++
title = "About"
summary = "What this site is"
+++
About the site.
`,
}

// writeMistakes writes the site, with a workbook whose cells hold a
// percentage out of range, text in a number column and an unknown id.
func writeMistakes(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range mistakes {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	for ref, v := range map[string]any{
		"A1": "measure", "B1": "value", "C1": "target",
		"A2": "eet", "B2": 1.5,
		"A3": "in-care", "B3": "lots",
		"A4": "cp-plan", "B4": 40,
	} {
		if err := f.SetCellValue("Sheet1", ref, v); err != nil {
			t.Fatal(err)
		}
	}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 9}) // 0%
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle("Sheet1", "B2", "B2", percent); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "data", "quarters", "2023-24-q3.xlsx")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// checkSite loads and checks a site as perfsite check does, giving every
// problem its span.
func checkSite(t *testing.T, dir string) model.Problems {
	t.Helper()
	in, probs, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	load.Annotate(in, probs)
	probs.Sort()
	return probs
}

// The report of a site's problems shows, under each, the line or cell it
// points at with the mistake underlined, from the problems alone: the
// site folder is gone before the report is printed. The golden files were
// written by the report before problems had spans, when it read the lines
// from the files (load.SourceLines): it shows what it showed.
func TestSiteReport(t *testing.T) {
	dir := writeMistakes(t)
	probs := checkSite(t, dir)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	report.Printer{}.Problems(&b, probs)
	report.Golden(t, "site.golden", b.String())
	report.Golden(t, "site.html", report.Printer{}.HTML(probs))
}
