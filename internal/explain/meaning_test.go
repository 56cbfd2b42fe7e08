package explain

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/glossary"
	"github.com/perfsite/perfsite/internal/model"
)

// TestMeaningGolden: the words that were true in number but not in
// meaning, each as it reads now.
func TestMeaningGolden(t *testing.T) {
	var b strings.Builder
	section := func(name string) { fmt.Fprintf(&b, "== %s\n", name) }

	// A service of one measure says its status once, plainly.
	for _, c := range []struct {
		name string
		m    model.Measure
		rs   []model.Row
	}{
		{"a service of one measure with no figure yet", model.Measure{ID: "a", Title: "Library visits", Service: "education", Unit: model.UnitCount, Better: "higher"}, nil},
		{"a service of one measure with no target", model.Measure{ID: "a", Title: "Library visits", Service: "education", Unit: model.UnitCount, Better: "higher"}, rows("a", "2023-24-q1", 5)},
		{"a service of one measure on track", model.Measure{ID: "a", Title: "Library visits", Service: "education", Unit: model.UnitCount, Better: "higher", Target: f(4)}, rows("a", "2023-24-q1", 5)},
	} {
		site := build(4, []model.Measure{c.m, {ID: "o", Title: "Other", Unit: model.UnitCount, Better: "higher"}}, append(c.rs, rows("o", "2023-24-q1", 1)...))
		for _, sv := range site.Services {
			if sv.ID == "education" {
				section(c.name)
				fmt.Fprintf(&b, "  %s\n", ServiceText(sv, site))
			}
		}
	}

	// Which way is better, with and without a target to stay near.
	site := build(4, []model.Measure{
		{ID: "near", Title: "Near", Unit: model.UnitCount, Better: "neither", Target: f(40)},
		{ID: "row-target", Title: "Row target", Unit: model.UnitCount, Better: "neither"},
		{ID: "none", Title: "None", Unit: model.UnitCount, Better: "neither"},
		{ID: "lower", Title: "Lower", Unit: model.UnitCount, Better: "lower"},
	}, append(append(rows("near", "2023-24-q1", 1), rows("row-target", "2023-24-q1", 1)...), rows("none", "2023-24-q1", 1)...))
	site.ByID["row-target"].Series[0].Target = f(3)
	section("Better")
	for _, m := range site.Measures {
		fmt.Fprintf(&b, "  %s: %s\n", m.ID, Better(m))
	}

	// A title that ends with a full stop, in the lists.
	site = build(4, []model.Measure{{ID: "dot", Title: "Homes built. ", Unit: model.UnitCount, Better: "higher", Target: f(10), Decimals: dec(0)}},
		rows("dot", "2023-24-q1", 12, 8))
	section("a title ending in a full stop")
	for _, l := range QuarterChanges(site.Quarters[1], site.Cal) {
		fmt.Fprintf(&b, "  %s\n", l)
	}
	fmt.Fprintf(&b, "  %s\n", QuarterText(site.Quarters[1], site.Cal))

	// The first quarter of the site: no "first figure for this measure".
	section("the site's first quarter, and a measure that began later")
	site = build(4, []model.Measure{
		{ID: "old", Title: "Published for years", Unit: model.UnitCount, Better: "higher", Decimals: dec(0)},
		{ID: "new", Title: "Began this year", Unit: model.UnitCount, Better: "higher", Decimals: dec(0)},
	}, append(rows("old", "2023-24-q1", 5, 6), rows("new", "2023-24-q2", 7)...))
	for _, q := range site.Quarters {
		for _, l := range QuarterChanges(q, site.Cal) {
			fmt.Fprintf(&b, "  %s: %s\n", site.Cal.Label(q.Period), l)
		}
	}

	// The heading over minutes.
	section("MinutesHeading")
	one := []*derive.Minutes{{Minutes: model.Minutes{Committee: "a"}}, {Minutes: model.Minutes{Committee: "a"}}}
	two := append(one, &derive.Minutes{Minutes: model.Minutes{Committee: "b"}})
	fmt.Fprintf(&b, "  one committee: %s\n  two committees: %s\n", MinutesHeading(one), MinutesHeading(two))

	// A revision that changed a status, and a quarter's revisions.
	section("revisions")
	ms := []model.Measure{
		{ID: "help", Title: "Families getting early help", Unit: model.UnitCount, Better: "higher", Target: f(2750), Tolerance: f(30), Decimals: dec(0)},
		{ID: "eet", Title: "Care leavers in work", Unit: model.UnitPercent, Better: "higher", Target: f(90), Decimals: dec(1)},
	}
	in := &model.Input{
		Site:     model.Site{YearStartMonth: 4, Services: []model.Service{{ID: "svc", Name: "Service"}}},
		Measures: ms,
		Quarters: []model.QuarterFile{{Rows: append(rows("help", "2023-24-q1", 2760), rows("eet", "2023-24-q1", 91)...)}},
		Revisions: []model.Revision{
			{Measure: "help", Period: period("2023-24-q1"), Previous: f(2710), Date: time.Date(2023, 11, 14, 0, 0, 0, 0, time.UTC)},
			{Measure: "eet", Period: period("2023-24-q1"), Previous: f(92), Date: time.Date(2023, 11, 14, 0, 0, 0, 0, time.UTC)},
		},
	}
	for i := range in.Measures {
		in.Measures[i].Service, in.Measures[i].Frequency = "svc", model.Quarterly
	}
	site = derive.Derive(in)
	for _, m := range site.Measures {
		fmt.Fprintf(&b, "  %s: %q\n", m.ID, RevisionStatus(m, m.Latest.Point))
	}
	for _, l := range QuarterRevisions(site.Quarters[0]) {
		fmt.Fprintf(&b, "  - %s\n", l)
	}

	// A latest quarter still being filled in, and one not started.
	section("Home, with figures still to come, and with the next quarter's file empty")
	ms = []model.Measure{
		{ID: "a", Title: "A", Unit: model.UnitCount, Better: "higher", Target: f(1)},
		{ID: "b", Title: "B", Unit: model.UnitCount, Better: "higher", Target: f(1)},
		{ID: "c", Title: "C", Unit: model.UnitCount, Better: "higher", Target: f(1)},
	}
	rs := append(append(rows("a", "2023-24-q1", 2, 2, none), rows("b", "2023-24-q1", 2, none, none)...), rows("c", "2023-24-q1", 2, none, none)...)
	at(rs, "2023-24-q2").Note = ""
	site = build(4, ms, rs)
	fmt.Fprintf(&b, "  %s\n", Home(site))
	fmt.Fprintf(&b, "  upcoming: %v\n", site.Upcoming)

	golden(t, "meaning", b.String())
}

// TestOnePrecisionPerMeasure: every number a summary gives of a measure
// (its figure, target, national average and their differences) has the
// measure's decimals, so that "Target of 20 days" never stands next to
// "national average of 20.0 days".
func TestOnePrecisionPerMeasure(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	site := randomSite(r, 1500)
	decimalsRE := regexp.MustCompile(`\d(?:\.(\d+))?`)
	countPhrase := regexp.MustCompile(`for the \d+ quarters since then|out of \d+(\.\d+)?|per [\d,]+|\d+(st|nd|rd|th)\b`)
	checked := 0
	for _, m := range site.Measures {
		if m.Unit == model.UnitCurrency || m.Decimals == nil {
			continue // money is written by its size: "£1.15 million", "£450,000"
		}
		for _, snap := range snapshots(m, site) {
			text := countPhrase.ReplaceAllString(periodWords.ReplaceAllString(Summary(m, snap, site.Cal), ""), "")
			for _, n := range numberToken.FindAllString(text, -1) {
				frac := decimalsRE.FindAllStringSubmatch(n, -1)
				got := len(frac[len(frac)-1][1])
				if got != *m.Decimals {
					t.Fatalf("%s: %q has %d decimals, the measure %d: %q", m.ID, n, got, *m.Decimals, Summary(m, snap, site.Cal))
				}
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d numbers checked", checked)
	}
}

// TestBuiltinGlossaryExplains: with no glossary of its own, a site's text
// explains "percentage points" and the abbreviations councils use, and
// never perfsite's own everyday words.
func TestBuiltinGlossaryExplains(t *testing.T) {
	in := &model.Input{Measures: []model.Measure{{Title: "FTE posts filled", Unit: model.UnitPercent}}}
	page := NewGlossary(glossary.ForSite(in)).Page()
	got := string(page.Text("FTE posts filled: 82.0%, up 2.0 percentage points, better than the target, so it is on track."))
	for _, want := range []string{`<abbr title="Full-time equivalent: `, `percentage points <span class="gloss">(the difference between two percentages`} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in %s", want, got)
		}
	}
	if strings.Count(got, "gloss") != 2 {
		t.Errorf("target and on track are explained too: %s", got)
	}
}
