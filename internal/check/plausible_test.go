package check

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/perfsite/perfsite/internal/gen"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

const plausibleSiteTOML = `title = "Test"
organisation = "Test Council"
base_url = "https://example.org/"
[[committee]]
id = "c"
name = "Committee"
[[service]]
id = "s"
name = "Service"
committee = "c"
`

// plausible loads a site of the given files (data/site.toml is added)
// and returns only the plausibility warnings, failing on any error.
func plausible(t *testing.T, files map[string]string) model.Problems {
	t.Helper()
	fsys := fstest.MapFS{"data/site.toml": {Data: []byte(plausibleSiteTOML)}}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	in, probs, err := load.LoadFS(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	return plausibleOnly(t, in, probs)
}

// plausibleOnly checks in and returns its plausibility warnings alone,
// failing on any error.
func plausibleOnly(t *testing.T, in *model.Input, probs model.Problems) model.Problems {
	t.Helper()
	idx := checkMeasures(in, &probs)
	checkQuarters(in, idx, &probs)
	if probs.HasErrors() {
		t.Fatalf("the site has errors:\n%s", probs.Error())
	}
	var got model.Problems
	checkPlausible(in, idx, &got)
	got.Sort()
	for _, p := range got {
		if p.Severity != model.Warning {
			t.Errorf("not a warning: %s", p)
		}
		if p.Hint == "" || p.Pos.Line == 0 || p.Pos.Col == 0 {
			t.Errorf("a warning needs a line, a column and a hint: %s", p)
		}
	}
	return got
}

// measure writes one [[measure]] table; extra lines are added as they are.
func measure(id, title, unit string, extra ...string) string {
	return fmt.Sprintf("[[measure]]\nid = %q\ntitle = %q\nservice = \"s\"\nunit = %q\nbetter = \"higher\"\n%s\n",
		id, title, unit, strings.Join(extra, "\n"))
}

// quarters writes one quarter file per value, from 2023-24 Q1, each with a
// row for measure id (an empty string is an empty value).
func quarters(id string, values ...string) map[string]string {
	out := map[string]string{}
	p := model.Period{Year: 2023, Quarter: 1}
	cal := model.Calendar{StartMonth: 4}
	for i, v := range values {
		out["data/quarters/"+cal.Slug(p.Add(i))+".csv"] = "measure,value,note\n" + id + "," + v + ",\n"
	}
	return out
}

func with(files map[string]string, more ...string) map[string]string {
	for i := 0; i+1 < len(more); i += 2 {
		files[more[i]] = more[i+1]
	}
	return files
}

func TestPlausibilityWarnings(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // each a whole printed problem (file:line:col: warning: message), in order
	}{
		// A figure 10 or 100 times away from its neighbours.
		{"a percentage written as a fraction among percentages",
			with(quarters("eet", "72", "78", "84", "0.77"), "data/measures.toml", measure("eet", "Care leavers in work", "percent", "target = 80")),
			[]string{`data/quarters/2023-24-q4.csv:2:5: warning: 0.77 looks like a fraction: did you mean 77? The figures and target of "eet" around Q4 2023/24 are 72 to 84`}},
		{"a count with a zero too many",
			with(quarters("visits", "410", "450", "480", "4500"), "data/measures.toml", measure("visits", "Visits", "count")),
			[]string{`data/quarters/2023-24-q4.csv:2:8: warning: 4500 is about 10 times larger than the figures and target of "visits" around Q4 2023/24 (410 to 480): did you mean 450?`}},
		{"must not warn: percentages on a rising trend",
			with(quarters("eet", "50", "60", "70", "80", "90"), "data/measures.toml", measure("eet", "Care leavers in work", "percent", "target = 80")),
			nil},
		{"must not warn: a percentage change that crosses zero",
			with(quarters("chg", "-3", "2", "-0.2", "4"), "data/measures.toml", measure("chg", "Change in visits", "percent", "min = -100")),
			nil},
		{"must not warn: small counts, where 1 among 7s is as likely real",
			with(quarters("n", "7", "9", "8", "1"), "data/measures.toml", measure("n", "Children placed far away", "count")),
			nil},
		{"must not warn: a year-to-date total is compared with the same quarter of other years",
			with(quarters("ytd", "30", "300", "320", "330", "35"), "data/measures.toml", measure("ytd", "Homes built", "count", "cumulative = true")),
			nil},

		// A quarter with no figures.
		{"a quarter file with no figures",
			with(quarters("eet", "72", ""), "data/measures.toml", measure("eet", "Care leavers in work", "percent")),
			[]string{`data/quarters/2023-24-q2.csv:2:5: warning: Q2 2023/24 has no figures: every value is empty`}},
		{"must not warn: a quarter with one figure",
			with(quarters("eet", "72", "73"), "data/measures.toml", measure("eet", "Care leavers in work", "percent")+measure("other", "Other", "count"),
				"data/quarters/2023-24-q2.csv", "measure,value\neet,73\nother,\n"),
			nil},

		// A percentage whose figures are all fractions.
		{"a percentage whose figures are all between 0 and 1",
			with(quarters("eet", "0.72", "0.75", "0.8"), "data/measures.toml", measure("eet", "Care leavers in work", "percent", "target = 80")),
			[]string{`data/quarters/2023-24-q1.csv:2:5: warning: all 3 figures for "eet" are between 0 and 1, like 0.72 here: a percentage written as a fraction?`}},
		{"must not warn: fractions of a percent, with max = 1",
			with(quarters("eet", "0.72", "0.75"), "data/measures.toml", measure("eet", "Complaints upheld", "percent", "max = 1")),
			nil},
		{"must not warn: a percentage of 0 and 1",
			with(quarters("eet", "0", "1"), "data/measures.toml", measure("eet", "Complaints upheld", "percent")),
			nil},

		// A running total not marked cumulative.
		{"a running total in the title",
			with(quarters("lib", "100"), "data/measures.toml", measure("lib", "Library visits (YTD)", "count")),
			[]string{`data/measures.toml:3:1: warning: "lib" looks like a running total ("YTD" in its title), but cumulative is not set`}},
		{"a running total in the description",
			with(quarters("lib", "100"), "data/measures.toml", measure("lib", "Library visits", "count", `description = "Visits so far this year."`)),
			[]string{`data/measures.toml:7:1: warning: "lib" looks like a running total ("so far this year" in its description), but cumulative is not set`}},
		{"a running total in a note",
			with(quarters("lib", "100"), "data/quarters/2023-24-q2.csv", "measure,value,note\nlib,120,Cumulative figure.\n", "data/measures.toml", measure("lib", "Library visits", "count")),
			[]string{`data/quarters/2023-24-q2.csv:2:9: warning: "lib" looks like a running total ("Cumulative" in its note), but cumulative is not set`}},
		{"must not warn: a running total marked cumulative",
			with(quarters("lib", "100"), "data/measures.toml", measure("lib", "Library visits (year to date)", "count", "cumulative = true")),
			nil},
		{"must not warn: a yearly figure counted during the year",
			with(quarters("lib", "100"), "data/measures.toml", measure("lib", "Homes built during the year", "count", `frequency = "annual"`)),
			nil},

		// Abbreviations with no glossary entry.
		{"an abbreviation in two titles, warned about once",
			with(quarters("a", "1"), "data/measures.toml", measure("a", "XYZ checks done", "count")+measure("b", "XYZ checks late", "count")),
			[]string{`data/measures.toml:3:1: warning: the abbreviation "XYZ" in the title of "a" is not explained in the glossary (1 other measure uses it)`}},
		{"an abbreviation in a description",
			with(quarters("a", "1"), "data/measures.toml", measure("a", "Checks done", "count", `description = "Checks by the QRS team."`)),
			[]string{`data/measures.toml:7:1: warning: the abbreviation "QRS" in the description of "a" is not explained in the glossary`}},
		{"must not warn: abbreviations in the built-in glossary or the site's",
			with(quarters("a", "1"), "data/measures.toml", measure("a", "FTE staff, DBS checks, new EHCPs and ABC visits", "count"),
				"data/glossary.toml", "[[term]]\nterm = \"Abbey Bridge Centre\"\nmeaning = \"A day centre.\"\nalso_matches = [\"ABC\"]\n"),
			nil},

		// A reduction with negative figures that nothing explains.
		{"a reduction with a negative figure",
			with(quarters("v", "2", "-16"), "data/measures.toml", measure("v", "% reduction in violent offences", "percent", "min = -100")),
			[]string{`data/quarters/2023-24-q2.csv:2:3: warning: "v" is a reduction, and this figure, -16, is negative; its description does not say what that means`}},
		{"must not warn: a reduction whose description says what a negative figure means",
			with(quarters("v", "2", "-16"), "data/measures.toml", measure("v", "% reduction in violent offences", "percent", "min = -100",
				`description = "A negative figure means that offences rose."`)),
			nil},
		{"must not warn: a reduction with no negative figure",
			with(quarters("v", "2", "16"), "data/measures.toml", measure("v", "% reduction in violent offences", "percent")),
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plausible(t, tt.files)
			var lines []string
			for _, p := range got {
				lines = append(lines, p.Pos.String()+": warning: "+p.Message)
			}
			if strings.Join(lines, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(lines, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestPlausibleOnCleanData: none of the plausibility warnings on the
// example site, or on generated council and national sites.
func TestPlausibleOnCleanData(t *testing.T) {
	in, probs, err := load.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("example", func(t *testing.T) {
		if got := plausibleOnly(t, in, probs); len(got) > 0 {
			t.Errorf("the example site:\n%s", got.Error())
		}
	})
	for _, cfg := range []gen.Config{{Measures: 300, Quarters: 20, Seed: 1}, {Measures: 10_000, Quarters: 12, Seed: 1}} {
		if testing.Short() && cfg.Measures > 300 {
			continue
		}
		t.Run(fmt.Sprintf("generated %dx%d", cfg.Measures, cfg.Quarters), func(t *testing.T) {
			dir := t.TempDir()
			if err := gen.Write(dir, cfg); err != nil {
				t.Fatal(err)
			}
			in, probs, err := load.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := plausibleOnly(t, in, probs); len(got) > 0 {
				t.Errorf("%d warnings:\n%s", len(got), got.Error())
			}
		})
	}
}
