// Package urls is the site's address scheme: where every page and
// download lives, in one place. Paths are relative to the site's root,
// with forward slashes and no leading slash ("measures/x/"); a page's path
// ends in a slash and is written as PATH/index.html.
package urls

import (
	"strings"

	"github.com/perfsite/perfsite/internal/urlpath"
)

// Measure is a measure's page.
func Measure(id string) string { return "measures/" + id + "/" }

// Snapshot is a measure's page for one quarter, as published.
func Snapshot(id, period string) string { return Measure(id) + period + "/" }

// Embed is a measure's embed page, for an <iframe>.
func Embed(id string) string { return Measure(id) + "embed/" }

// MeasureJSON is a measure's data as JSON.
func MeasureJSON(id string) string { return Measure(id) + "index.json" }

// MeasureCSV is a measure's data as CSV.
func MeasureCSV(id string) string { return Measure(id) + "data.csv" }

// ShareImage is a measure's share image (og:image).
func ShareImage(id string) string { return Measure(id) + "share.png" }

// ChartOption is a measure's interactive chart option, which its quarter
// pages cut down to their own chart.
func ChartOption(id string) string { return Measure(id) + "chart.json" }

// Service is a service's page.
func Service(id string) string { return "services/" + id + "/" }

// ServiceFeed is a service's Atom feed.
func ServiceFeed(id string) string { return Service(id) + "feed.xml" }

// Committee is a committee's page.
func Committee(id string) string { return "committees/" + id + "/" }

// Quarter is a quarter's report.
func Quarter(period string) string { return "quarters/" + period + "/" }

// QuarterCSV is a quarter's figures as CSV.
func QuarterCSV(period string) string { return Quarter(period) + "data.csv" }

// QuarterReport is the page of a quarter's report for the committee, to
// print.
func QuarterReport(period string) string { return Quarter(period) + "report/" }

// QuarterReportCSS is the print stylesheet of a quarter's report: its
// running header.
func QuarterReportCSS(period string) string { return QuarterReport(period) + "print.css" }

// Minutes is a minutes summary's page.
func Minutes(slug string) string { return "minutes/" + slug + "/" }

// Page is an extra page of the site (content/about.md).
func Page(slug string) string { return slug + "/" }

// The site's fixed addresses.
const (
	Home          = ""
	Measures      = "measures/"
	Services      = "services/"
	Committees    = "committees/"
	Quarters      = "quarters/"
	MinutesList   = "minutes/"
	Search        = "search/"
	SearchIndex   = "search/index.json"
	Glossary      = "glossary/"
	Accessibility = "accessibility/"
	HowWeJudge    = "how-we-judge/"
	Data          = "data/"
	AllCSV        = "data/measures.csv"
	AllJSON       = "data/measures.json"
	RevisionsCSV  = "data/revisions.csv"
	Feed          = "feed.xml"
	Sitemap       = "sitemap.xml"
	Redirects     = "_redirects"
	NotFound      = "404.html"
)

// File is the file that holds the page at path: "measures/x/" is
// "measures/x/index.html"; a path that names a file is itself.
func File(path string) string {
	if path == "" || strings.HasSuffix(path, "/") {
		return path + "index.html"
	}
	return path
}

// Base makes the addresses of one site's pages from its base URL, which
// it reads once: a build makes hundreds of thousands of them.
type Base struct {
	path   string // the base URL's path, percent-encoded: "/" or "/performance/"
	origin string // its scheme and host ("https://example.org"), or "" without a base URL
}

// NewBase reads the base URL baseURL ("" for none: the site's root).
func NewBase(baseURL string) Base {
	b := Base{path: "/"}
	if enc, err := urlpath.SitePath(basePath(baseURL)); err == nil {
		b.path = enc
	}
	if scheme, rest, ok := strings.Cut(baseURL, "://"); ok {
		host, _, _ := strings.Cut(rest, "/")
		b.origin = scheme + "://" + host
	}
	return b
}

// Link is the address of the site path p (a path from the site's root
// as the functions above give it, with names as they are written): under
// the base URL's path, each part percent-encoded (urlpath.SitePath), so
// that a minutes file named "Q2 report #2.md" is a working link. A whole
// address (https://…, mailto:…) is returned as it is.
func (b Base) Link(p string) string {
	if hasScheme(p) {
		return p
	}
	enc, err := urlpath.SitePath("/" + strings.TrimPrefix(p, "/"))
	if err != nil {
		return b.path // cannot happen: load refuses names that cannot be addresses
	}
	return b.path + enc[1:]
}

// Absolute is the whole address of the site path p: the base URL's
// scheme and host, then Link. Without a base URL it is Link.
func (b Base) Absolute(p string) string {
	if hasScheme(p) {
		return p
	}
	return b.origin + b.Link(p)
}

// basePath is the path of the base URL, decoded ("/" or "/performance/"):
// where the site sits on its host.
func basePath(base string) string {
	if base == "" {
		return "/"
	}
	p, err := urlpath.BasePath(base)
	if err != nil {
		return "/" // check refuses such a base_url
	}
	return p
}

// hasScheme says whether u is a whole address: https://…, mailto:….
func hasScheme(u string) bool {
	if !strings.Contains(u, ":") {
		return false // a path of the site: most addresses
	}
	for _, scheme := range []string{"https:", "http:", "mailto:"} {
		if len(u) >= len(scheme) && strings.EqualFold(u[:len(scheme)], scheme) {
			return true
		}
	}
	return false
}
