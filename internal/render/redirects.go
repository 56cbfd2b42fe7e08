package render

import (
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
)

// Old ids (a measure's aliases) keep working in two ways, so that a link
// published years ago still lands on the figure:
//
//   - a redirect page at every old address of the measure page and of
//     each of its quarter pages (the pages' aliases, laid out by
//     layouts/alias.html: a meta refresh, a canonical link and a visible
//     link), which works on any static host: Hugo writes them, or, where
//     the pages are stamped, the Stamper from Hugo's for a shell;
//   - a Netlify _redirects file answers every old address, the downloads
//     included, with a permanent (301) redirect.

// noSitemap keeps a page out of the sitemap (Hugo's front matter).
var noSitemap = map[string]any{"disable": true}

// aliases are the old addresses of the page of m for the quarter slug, or
// of the measure page when slug is empty: one per alias of m.
func (r *renderer) aliases(m *derive.Measure, slug string) []string {
	var out []string
	for _, a := range m.Aliases {
		u := "/" + measureURL(a)
		if slug != "" {
			u += slug + "/"
		}
		out = append(out, u)
	}
	return out
}

// redirects writes the Netlify _redirects file. A forced rule (301!) wins
// over the redirect pages that exist at the same addresses, so that Netlify
// answers with a real 301. A site's own static/_redirects replaces it.
func (r *renderer) redirects() error {
	var b strings.Builder
	b.WriteString("# Written by perfsite from the aliases in data/measures.toml: each old\n")
	b.WriteString("# measure id redirects permanently to the measure's id, with every page\n")
	b.WriteString("# and download under it.\n")
	base := r.basePath()
	n := 0
	for _, m := range r.site.Measures {
		to := base + measureURL(m.ID)
		for _, a := range m.Aliases {
			from := base + "measures/" + a
			b.WriteString(from + " " + to + " 301!\n")
			b.WriteString(from + "/* " + to + ":splat 301!\n")
			n++
		}
	}
	if n == 0 {
		b.WriteString("# There are no aliases.\n")
	}
	return r.writeStatic("_redirects", []byte(b.String()))
}
