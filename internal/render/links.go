package render

import (
	"net/url"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
)

// The links a journalist relies on, shared by a measure page and its
// quarter pages: the citation, the permanent link to the figure, the
// feed of the measure's service, the embed snippet and, on the measure
// page, the schema.org Dataset description. linksView is embedded in
// measureView, so its fields are params of the page (.Params.jsonld),
// except the citation, which is only in the page's main content
// (body.go): a national site has 130,000 such pages, and Hugo keeps every
// page's params in memory for the whole build.

type linksView struct {
	Cite         citeView `json:"-"`
	ServiceFeed  *link    `json:"service_feed,omitempty"`  // the Atom feed of the measure's service
	EmbedURL     string   `json:"embed_url,omitempty"`     // the embed page, on the measure page only
	EmbedSnippet string   `json:"embed_snippet,omitempty"` // the <iframe> to copy
	JSONLD       string   `json:"jsonld,omitempty"`        // schema.org Dataset, safe inside <script type="application/ld+json">
}

// links builds the linksView of the page of m at snap: the measure page
// when snapshot is false, the measure-per-quarter page otherwise.
func (r *renderer) links(m *derive.Measure, snap derive.Snapshot, snapshot bool) linksView {
	v := linksView{
		Cite:        r.cite(m, snap, snapshot),
		ServiceFeed: &link{Name: m.ServiceName + ": new figures and minutes (Atom feed)", URL: serviceFeedURL(m.Service)},
	}
	if !snapshot {
		v.EmbedURL = embedURL(m.ID)
		v.EmbedSnippet = r.embedSnippet(m)
		v.JSONLD = r.datasetJSONLD(m)
	}
	return v
}

// abs is the absolute address of a path relative to the site root, as
// written in citations, feeds and structured data. Without a base_url it
// is the path from the root.
func (r *renderer) abs(path string) string {
	base := r.site.BaseURL
	if base == "" {
		return "/" + path
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base + path
}

// basePath is the path of the base URL ("/" or "/performance/"): where
// the site sits on its host.
func (r *renderer) basePath() string {
	u, err := url.Parse(r.site.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

func embedURL(id string) string       { return measureURL(id) + "embed/" }
func serviceFeedURL(id string) string { return serviceURL(id) + "feed.xml" }

// siteFeedURL is the Atom feed of the whole site.
const siteFeedURL = "feed.xml"
