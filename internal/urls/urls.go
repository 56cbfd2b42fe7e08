// Package urls is the site's address scheme: where every page and
// download lives, in one place. Paths are relative to the site's root,
// with forward slashes and no leading slash ("measures/x/"); a page's path
// ends in a slash and is written as PATH/index.html.
package urls

import "strings"

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

// Minutes is a minutes summary's page.
func Minutes(slug string) string { return "minutes/" + slug + "/" }

// Page is an extra page of the site (content/about.md).
func Page(slug string) string { return slug + "/" }

// The site's fixed addresses.
const (
	Home         = ""
	Measures     = "measures/"
	Services     = "services/"
	Committees   = "committees/"
	Quarters     = "quarters/"
	MinutesList  = "minutes/"
	Search       = "search/"
	SearchIndex  = "search/index.json"
	Glossary     = "glossary/"
	Data         = "data/"
	AllCSV       = "data/measures.csv"
	AllJSON      = "data/measures.json"
	RevisionsCSV = "data/revisions.csv"
	Feed         = "feed.xml"
	Sitemap      = "sitemap.xml"
	Redirects    = "_redirects"
	NotFound     = "404.html"
)

// File is the file that holds the page at path: "measures/x/" is
// "measures/x/index.html"; a path that names a file is itself.
func File(path string) string {
	if path == "" || strings.HasSuffix(path, "/") {
		return path + "index.html"
	}
	return path
}
