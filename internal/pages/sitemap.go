package pages

import (
	"encoding/xml"
	"io"

	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// The sitemap (sitemaps.org) lists every page a search engine should
// find: not the embed pages, the pages at old addresses or the 404 page.

type sitemapURL struct {
	Loc string `xml:"loc"`
}

type sitemapSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

// sitemapPaths are the pages of the sitemap, from the site's root.
func (r *Renderer) sitemapPaths() []string {
	paths := []string{urls.Home, urls.Measures, urls.Services, urls.Committees, urls.Quarters, urls.MinutesList, urls.Search, urls.Data, urls.Accessibility, urls.HowWeJudge}
	if len(r.site.Glossary) > 0 {
		paths = append(paths, urls.Glossary)
	}
	for _, sv := range r.site.Services {
		paths = append(paths, urls.Service(sv.ID))
	}
	for _, c := range r.site.Committees {
		paths = append(paths, urls.Committee(c.ID))
	}
	for _, q := range r.site.Quarters {
		paths = append(paths, urls.Quarter(r.cal.Slug(q.Period)))
	}
	for _, mn := range r.site.Minutes {
		paths = append(paths, urls.Minutes(mn.Slug))
	}
	for _, pg := range r.site.Pages {
		paths = append(paths, urls.Page(pg.Slug))
	}
	for _, m := range r.site.Measures {
		paths = append(paths, urls.Measure(m.ID))
		for _, snap := range m.Reported {
			paths = append(paths, urls.Snapshot(m.ID, r.cal.Slug(snap.Period)))
		}
	}
	return paths
}

func (r *Renderer) sitemap() output.File {
	return output.File{Path: urls.Sitemap, Write: func(w io.Writer) error {
		set := sitemapSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
		for _, p := range r.sitemapPaths() {
			set.URLs = append(set.URLs, sitemapURL{Loc: r.abs(p)})
		}
		if _, err := io.WriteString(w, xml.Header); err != nil {
			return err
		}
		enc := xml.NewEncoder(w)
		enc.Indent("", "  ")
		if err := enc.Encode(set); err != nil {
			return err
		}
		_, err := io.WriteString(w, "\n")
		return err
	}}
}
