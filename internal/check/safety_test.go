package check

import (
	"strings"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// site is a minimal input with the given base_url and extra pages.
func site(baseURL string, pages ...string) *model.Input {
	in := &model.Input{Site: model.Site{File: "data/site.toml", BaseURL: baseURL, Language: "en-GB", YearStartMonth: 4,
		KeyPos: map[string]model.Pos{"base_url": {File: "data/site.toml", Line: 3, Col: 1}}}}
	for _, slug := range pages {
		in.Pages = append(in.Pages, model.Page{Slug: slug, Title: "T", File: "content/" + slug + ".md"})
	}
	return in
}

func errorLines(ps model.Problems) []string {
	var out []string
	for _, p := range ps {
		if p.Severity == model.Error {
			out = append(out, p.Pos.String()+": "+p.Message)
		}
	}
	return out
}

// base_url goes into every page and into _redirects, where a %0A in it
// once became a rule that sent the whole site to another host.
func TestBaseURL(t *testing.T) {
	for _, u := range []string{"https://performance.example.gov.uk/", "https://example.org/council/performance", "http://localhost:1313/"} {
		if got := errorLines(Check(site(u))); len(got) != 0 {
			t.Errorf("%s: %v", u, got)
		}
	}
	for u, want := range map[string]string{
		"https://example.org/a%0A/*%20https://evil.example%20200!": "its path has the character U+000A (a control character)",
		"https://example.org/council performance/":                 "its path has the character space",
		"https://example.org/a\n/":                                 "U+000A (a control character)",
		"javascript:alert(1)":                                      "it must start with https://",
		"https://":                                                 "it has no host name",
		"https://example.org/?utm=x":                               `its path has the character "?"`,
	} {
		got := errorLines(Check(site(u)))
		if len(got) != 1 || !strings.HasPrefix(got[0], "data/site.toml:3:1: base_url ") || !strings.Contains(got[0], want) {
			t.Errorf("%q: %v, want %q", u, got, want)
		}
	}
}

// An extra page at the address of a page perfsite makes replaced it, or
// was silently dropped.
func TestPageClashes(t *testing.T) {
	got := errorLines(Check(site("https://example.org/", "about", "glossary", "data", "search", "_index", "measures/eet", "help/contact")))
	want := []string{
		"content/glossary.md: this page would be at the address of the glossary page (/glossary/), which perfsite makes",
		"content/data.md: this page would be at the address of the data dictionary and the downloads (/data/), which perfsite makes",
		"content/search.md: this page would be at the address of the search page (/search/), which perfsite makes",
		"content/_index.md: this page would be at the address of the home page, which perfsite makes",
		"content/measures/eet.md: this page would be at the address of the measures' pages (/measures/), which perfsite makes",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func num(v float64) *float64 { return &v }

// figures builds an input of one measure with figures for the periods.
func figures(periods ...model.Period) *model.Input {
	in := site("https://example.org/")
	in.Measures = []model.Measure{{ID: "eet", Title: "T", Service: "", Unit: "count", Better: "higher", Frequency: model.Quarterly,
		Pos: model.Pos{File: "data/measures.toml", Line: 1, Col: 1}}}
	qf := model.QuarterFile{File: "data/quarters/all.csv"}
	for i, p := range periods {
		qf.Periods = append(qf.Periods, p)
		fields := model.NewFieldsSlab([]string{"period", "note"}).Next()
		fields.Set(0, model.Pos{File: qf.File, Line: i + 2, Col: 7})
		qf.Rows = append(qf.Rows, model.Row{Measure: "eet", Period: p, Value: num(1), Pos: model.Pos{File: qf.File, Line: i + 2, Col: 1},
			Fields: fields})
	}
	in.Quarters = []model.QuarterFile{qf}
	return in
}

func matching(lines []string, part string) []string {
	var out []string
	for _, l := range lines {
		if strings.Contains(l, part) {
			out = append(out, l)
		}
	}
	return out
}

// A typo in a period (2998-99 Q4) made the home page say the latest
// figures were for 2999, and built 145 MB from three rows; dates of
// 0000-01-01 and 9999-12-31 were shown and dated every feed.
func TestPeriodsAndDates(t *testing.T) {
	q := func(y, n int) model.Period { return model.Period{Year: y, Quarter: n} }
	in := figures(q(2023, 1), q(2023, 2), q(2998, 4), q(1985, 1))
	in.Minutes = []model.Minutes{
		{File: "content/minutes/a.md", Title: "T", Date: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), Period: q(2023, 2),
			KeyPos: map[string]model.Pos{"date": {File: "content/minutes/a.md", Line: 4, Col: 1}}},
		{File: "content/minutes/b.md", Title: "T", Date: time.Date(2023, 11, 14, 0, 0, 0, 0, time.UTC), Period: q(2031, 1),
			KeyPos: map[string]model.Pos{"period": {File: "content/minutes/b.md", Line: 5, Col: 1}}},
	}
	in.Revisions = []model.Revision{{Measure: "eet", Period: q(2023, 1), Date: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC),
		Pos: model.Pos{File: "data/revisions.csv", Line: 2, Col: 1}, Fields: map[string]model.Pos{"date": {File: "data/revisions.csv", Line: 2, Col: 20}}}}
	got := matching(errorLines(Check(in)), "period ")
	got = append(got, matching(errorLines(Check(in)), "the date")...)
	want := []string{
		"data/quarters/all.csv:4:7: the period Q4 2998/99 is more than two years after the figures before it (Q2 2023/24)",
		"data/quarters/all.csv:5:7: the period Q1 1985/86 is before 1990",
		"content/minutes/b.md:5:1: the period Q1 2031/32 is more than two years after the latest figures (Q2 2023/24)",
		"content/minutes/a.md:4:1: the date 0000-01-01 is before 1990",
		"data/revisions.csv:2:20: the date 9999-12-31 is more than two years after the latest figures (Q2 2023/24)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The settings allow what they say.
	in = figures(q(1985, 1), q(1986, 1), q(2023, 1))
	in.Site.EarliestYear, in.Site.AllowGaps = 1980, true
	if got := matching(errorLines(Check(in)), "period "); len(got) != 0 {
		t.Errorf("with earliest_year and allow_gaps: %v", got)
	}
}

func TestLengths(t *testing.T) {
	in := figures(model.Period{Year: 2023, Quarter: 1})
	in.Measures[0].Title = strings.Repeat("x", 34_512)
	in.Measures[0].KeyPos = map[string]model.Pos{"title": {File: "data/measures.toml", Line: 3, Col: 1}}
	in.Quarters[0].Rows[0].Note = strings.Repeat("é", MaxNote+1)
	in.Quarters[0].Rows[0].Fields.Set(1, model.Pos{File: "data/quarters/all.csv", Line: 2, Col: 12})
	got := matching(errorLines(Check(in)), "characters long")
	want := []string{
		"data/measures.toml:3:1: the title is 34,512 characters long; it may be at most 300",
		"data/quarters/all.csv:2:12: the note is 2,001 characters long; it may be at most 2,000",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
