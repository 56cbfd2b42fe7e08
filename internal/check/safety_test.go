package check

import (
	"strings"
	"testing"

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
		"https://example.org/a%0A/*%20https://evil.example%20200!": `its path has the character "%"`,
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
