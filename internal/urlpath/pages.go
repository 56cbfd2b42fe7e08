package urlpath

import "strings"

// Generated is what perfsite makes at an address of the site. Path is
// the path under the site's base path, without a leading "/"; a path
// ending in "/" is a folder that perfsite owns whole (every address in
// it is, or may one day be, one of its pages: /measures/<id>/ for a new
// measure), any other a single page or file.
type Generated struct {
	Path string
	What string // in words, for messages
}

// GeneratedPaths are the addresses perfsite makes whatever a site holds:
// the one list that check (extra pages must not take them) and the
// renderer (which writes them) share. An extra page content/NAME.md is
// at NAME/, so it may not be any of these nor inside a folder of them.
var GeneratedPaths = []Generated{
	{"", "the home page"},
	{"measures/", "the measures' pages (/measures/)"},
	{"services/", "the services' pages (/services/)"},
	{"committees/", "the committees' pages (/committees/)"},
	{"quarters/", "the quarters' pages (/quarters/)"},
	{"minutes/", "the minutes' pages (/minutes/), made from content/minutes/"},
	{"data/", "the data dictionary and the downloads (/data/)"},
	{"glossary", "the glossary page (/glossary/)"},
	{"search", "the search page (/search/)"},
	{"accessibility", "the accessibility statement (/accessibility/)"},
	{"how-we-judge", "how the site judges the figures (/how-we-judge/)"},
	{"css/", "the stylesheets (/css/)"},
	{"js/", "the scripts (/js/)"},
	{"404", "the page for addresses that do not exist (/404.html)"},
	{"feed.xml", "the feed (/feed.xml)"},
	{"sitemap.xml", "the sitemap (/sitemap.xml)"},
	{"_redirects", "the redirects of old measure ids (/_redirects)"},
}

// PageClash reports whether an extra page, content/SLUG.md (slug with
// forward slashes, without ".md"), would take the place of a page
// perfsite makes, or sit in a folder perfsite owns, and says which. A
// page named _index or index is its folder's own page, and the folder
// "." the home page, so content/_index.md clashes with the home page.
func PageClash(slug string) (what string, clash bool) {
	s := strings.ToLower(slug) // hosts that ignore case would serve one for the other
	if base := s[strings.LastIndex(s, "/")+1:]; base == "_index" || base == "index" {
		s = strings.TrimSuffix(strings.TrimSuffix(s, base), "/")
	}
	for _, g := range GeneratedPaths {
		if folder, ok := strings.CutSuffix(g.Path, "/"); ok {
			if s == folder || strings.HasPrefix(s, g.Path) {
				return g.What, true
			}
			continue
		}
		if s == g.Path {
			return g.What, true
		}
	}
	return "", false
}
