package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/perfsite/perfsite/internal/load"
)

// TestUnitWords: noun and noun_plural for counts and rates, unit_name,
// unit_name_one and unit_prefix for a unit of one's own, and what is said
// about each when it is misused.
func TestUnitWords(t *testing.T) {
	tests := []struct {
		name  string
		extra string // lines added to a measure of unit count
		unit  string
		want  string // a printed problem, or "" for none
	}{
		{"a count with a noun", `noun = "household"`, "count", ""},
		{"a count with an irregular plural", "noun = \"child\"\nnoun_plural = \"children\"", "count", ""},
		{"a rate with a noun", "noun = \"collection\"\nrate_per = 100000", "rate", ""},
		{"a unit of one's own", "unit_name = \"tonnes\"\nunit_name_one = \"tonne\"", "other", ""},
		{"money in millions", "unit_prefix = \"£\"\nunit_name = \"million\"", "other", ""},
		{"an index: a number alone", "", "other", ""},
		{"a noun on a percentage", `noun = "pupil"`, "percent", `data/measures.toml:7:1: noun only applies to unit = "count" or "rate", not "percent"`},
		{"a plural with no noun", `noun_plural = "children"`, "count", `data/measures.toml:7:1: noun_plural is set but noun is not`},
		{"a noun that looks plural", `noun = "households"`, "count", `data/measures.toml:7:1: warning: the noun "households" looks plural, so the site would write "1 households" and "2 householdss"`},
		{"a unit name on a count", `unit_name = "tonnes"`, "count", `data/measures.toml:7:1: unit_name only applies to unit = "other", not "count"`},
		{"a unit name for one with none for others", `unit_name_one = "tonne"`, "other", `data/measures.toml:7:1: unit_name_one is set but unit_name is not`},
		{"a unit that is not one", "", "tonnes", `data/measures.toml:5:1: "tonnes" is not a unit`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"data/site.toml":               {Data: []byte(plausibleSiteTOML)},
				"data/measures.toml":           {Data: []byte(measure("m", "Things", tt.unit, tt.extra))},
				"data/quarters/2023-24-q1.csv": {Data: []byte("measure,value\nm,5\n")},
			}
			in, probs, err := load.LoadFS(fsys, "site")
			if err != nil {
				t.Fatal(err)
			}
			probs = append(probs, Check(in)...)
			var got []string
			for _, p := range probs {
				if strings.Contains(p.Message, "no minutes") {
					continue
				}
				s := p.Pos.String() + ": "
				if p.Severity != 0 {
					s += "warning: "
				}
				got = append(got, s+p.Message)
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("want no problem, got:\n  %s", strings.Join(got, "\n  "))
			case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
				t.Errorf("got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), tt.want)
			}
		})
	}
	if h := unitHint("tonnes"); !strings.Contains(h, `unit = "other" and unit_name = "tonnes"`) {
		t.Errorf("hint for tonnes: %s", h)
	}
	if h := unitHint("precent"); h != `did you mean "percent"? (the units are percent, count, currency, rate, days, score, other)` {
		t.Errorf("hint for precent: %s", h)
	}
}
