package glossary

import (
	"reflect"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

func TestAbbreviations(t *testing.T) {
	var got []string
	for _, a := range Abbreviations("New EHCPs and FTE posts in KS2, DfE and CiC data; McDonald's, COVID-19, Q2, kWh, A and PhD.") {
		got = append(got, a.Word)
	}
	want := []string{"EHCPs", "FTE", "KS2", "DfE", "CiC", "COVID", "PhD"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if a := Abbreviations("Staff (FTE)"); len(a) != 1 || a[0].Offset != 7 {
		t.Errorf("offset: %+v", a)
	}
}

func TestIndexCovers(t *testing.T) {
	ix := NewIndex([]model.Term{{Term: "EHC plan"}, {Term: "Full-time equivalent", AlsoMatches: []string{"FTE"}}})
	for word, want := range map[string]bool{"EHC": true, "FTE": true, "FTEs": true, "DBS": false, "EHCP": false} {
		if got := ix.Covers(word); got != want {
			t.Errorf("Covers(%q) = %v, want %v", word, got, want)
		}
	}
}

func TestForSite(t *testing.T) {
	in := &model.Input{
		Glossary: []model.Term{{Term: "Target", Meaning: "Our own meaning."}, {Term: "Disabled Facilities Grant", AlsoMatches: []string{"dfg"}}},
		Measures: []model.Measure{{Title: "Homes adapted with a DFG", Unit: model.UnitCount, Description: "FTE staff"}},
		Quarters: []model.QuarterFile{{Rows: []model.Row{{Note: "Two TPOs were made."}}}},
		Minutes:  []model.Minutes{{Body: "The NHS was asked."}},
	}
	var terms []string
	for _, t := range ForSite(in) {
		terms = append(terms, t.Term)
	}
	got := strings.Join(terms, "|")
	// The site's own terms come first; its "Target" overrides the built-in
	// target and its "dfg" the built-in DFG (in any case); no percentage,
	// national figure or year-to-date measure, so none of their words; the
	// abbreviations used in a description, a note and minutes.
	want := "Target|Disabled Facilities Grant|on track|close to target|off track|no target|no data|normal variation|FTE|NHS|TPO"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	in.Measures = append(in.Measures, model.Measure{Unit: model.UnitPercent, Cumulative: true})
	in.Quarters[0].Rows[0].National = new(float64)
	terms = nil
	for _, t := range ForSite(in) {
		terms = append(terms, t.Term)
	}
	for _, w := range []string{"percentage points", "national average", "so far this year"} {
		if !strings.Contains(strings.Join(terms, "|"), w) {
			t.Errorf("%q missing with a percentage, a national figure and a year-to-date measure: %q", w, terms)
		}
	}
}

func TestBuiltinIsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, term := range Builtin() {
		if term.Meaning == "" || !strings.HasSuffix(term.Meaning, ".") {
			t.Errorf("%q: a meaning is a sentence: %q", term.Term, term.Meaning)
		}
		for _, s := range spellings(term) {
			if seen[strings.ToLower(s)] {
				t.Errorf("%q is written by two built-in terms", s)
			}
			seen[strings.ToLower(s)] = true
		}
		if term.Abbr && len(Abbreviations(term.Term)) == 0 && term.Term != "kWh" {
			t.Errorf("%q is marked an abbreviation but has none by Abbreviations", term.Term)
		}
	}
}
