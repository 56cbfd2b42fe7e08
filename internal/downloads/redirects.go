package downloads

import (
	"io"
	"strings"

	"github.com/perfsite/perfsite/internal/urlpath"
	"github.com/perfsite/perfsite/internal/urls"
)

// Old ids (a measure's aliases) keep working in two ways, so that a link
// published years ago still lands on the figure: a redirect page at every
// old address of the measure's pages (internal/pages, alias.html), which
// works on any static host, and Netlify's _redirects file, which answers
// every old address, the downloads included, with a permanent (301)
// redirect. A forced rule (301!) wins over the redirect pages at the same
// addresses. A site's own static/_redirects replaces it.
func (d *Writer) redirects(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Written by perfsite from the aliases in data/measures.toml: each old\n")
	b.WriteString("# measure id redirects permanently to the measure's id, with every page\n")
	b.WriteString("# and download under it.\n")
	base := "/"
	if p, err := urlpath.BasePath(d.site.BaseURL); err == nil {
		base = p
	}
	n := 0
	for _, m := range d.site.Measures {
		to := base + urls.Measure(m.ID)
		for _, a := range m.Aliases {
			from := base + urls.Measure(a)
			for _, splat := range []bool{false, true} {
				line, err := urlpath.RedirectLine(urlpath.Redirect{From: strings.TrimSuffix(from, "/"), To: to, Status: 301, Force: true, Splat: splat})
				if err != nil {
					return err // ids are checked when read: it cannot happen
				}
				b.WriteString(line + "\n")
			}
			n++
		}
	}
	if n == 0 {
		b.WriteString("# There are no aliases.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
