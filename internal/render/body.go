package render

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
)

// The main content of a measure page and of its quarter pages is most of
// the HTML of a site (a council's 300 measures of 20 quarters make 6,000
// such pages), so perfsite writes most of it here, as HTML, rather than
// have Hugo's templates lay out the same data on every page: the figure
// panel, the chart, the key figures, the table, about the measure, the
// minutes, the downloads, the embed code and the citation (mainHTML). It
// goes into a fragment file that layouts/measure.html and snapshot.html
// read. They write the breadcrumb and heading, and a quarter page's notice
// that there is newer data, which they read from the measure's page: so a
// new figure changes the measure's page, not every one of its quarter
// pages (the preview would otherwise rewrite 20 files for one edit, and
// Hugo's server rebuilds the whole site when it sees more than 50 changes
// at once). They add the scripts, whose addresses only Hugo knows
// (measure-scripts.html). Writing it in Go costs a small part of what
// Hugo's templates took (BENCHMARKS.md).
//
// Text is escaped as Hugo's templates escape it (esc); the HTML values
// (summary, description, why, minutes points, chart SVG and legend) are
// already safe (glossary, Markdown and chart renderers).

// esc escapes text as html/template does in text and in quoted attribute
// values ("+" too, as "&#43;"), so that what perfsite writes is the bytes
// Hugo's templates would (the stamped pages, the lists of measures, a URL
// in an attribute: TestBodyEscapes compares them).
func esc(s string) string { return htmlEscaper.Replace(s) }

var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "'", "&#39;", "&", "&amp;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// href is the attribute value of a link to path, a path from the site's
// root, as `{{ path | relURL }}` in an href writes it: under the base
// URL's path, normalised and escaped (TestBodyEscapes compares it with
// html/template).
func (r *renderer) href(path string) string { return esc(normalizeURL(r.rel + path)) }

// normalizeURL percent-encodes what may not stand in a URL (a space, a
// quote, brackets, non-ASCII, a % that does not start an escape), as
// html/template does in an href: a minutes file may be named
// "Q2 report (Nov).md", a base URL may hold "100%25".
func normalizeURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!#$&*+,/:;=?@[]", c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02x", c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// statusIcons are the icons of the statuses, by key (model.Status): a
// status is always shown as icon + word + colour, never colour alone.
// Layouts use them too (site.Params.status_icons, status.html).
var statusIcons = map[string]string{
	"on-track":  `<circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M4.4 8.3l2.4 2.4 4.8-5" fill="none" stroke="#fff" stroke-width="2"/>`,
	"close":     `<path d="M8 .8l7.6 14.4H.4z" fill="currentColor"/><path d="M8 5.6v4.6M8 11.4v1.8" stroke="#fff" stroke-width="1.8"/>`,
	"off-track": `<circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="2"/>`,
	"no-target": `<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M4.5 8h7" stroke="currentColor" stroke-width="2"/>`,
	"no-data":   `<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2.1"/>`,
	// no-change (issue 18: a target that is a direction, and no real
	// change): a square with a level arrow.
	"no-change": `<rect x=".8" y=".8" width="14.4" height="14.4" rx="3" fill="currentColor"/><path d="M3.8 8h8M9.2 5.2L12 8l-2.8 2.8" fill="none" stroke="#fff" stroke-width="1.8"/>`,
}

// StatusIcons is the icon of each status, by key, for the layouts'
// status.html.
func StatusIcons() map[string]string {
	icons := map[string]string{}
	for k, v := range statusIcons {
		icons[k] = v
	}
	return icons
}

// statusHTML is a status as status.html lays it out.
func statusHTML(b *strings.Builder, s statusView) {
	icon, ok := statusIcons[s.Key]
	if !ok {
		icon = statusIcons["no-data"]
	}
	b.WriteString(`<span class="status status-`)
	b.WriteString(esc(s.Key))
	b.WriteString(`"><svg class="icon" aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">`)
	b.WriteString(icon)
	b.WriteString(`</svg>`)
	b.WriteString(esc(s.Label))
	b.WriteString(`</span>`)
}

// panelHTML is the figure panel: the figure, its status, the summary in
// words, the quarter's note and any revision.
func (r *renderer) panelHTML(v *measureView) string {
	f := &v.Figure
	var b strings.Builder
	b.WriteString("<div class=\"figure-panel\">\n")
	b.WriteString(`<p class="big-figure"><span class="value">` + esc(f.ValueText) + `</span> <span class="period">` + esc(f.Months) + ` (` + esc(f.Label) + ")</span></p>\n<p>")
	statusHTML(&b, f.Status)
	if f.Override {
		b.WriteString(` <span class="override-note">set by the council</span>`)
	}
	b.WriteString("</p>\n<p class=\"summary\">" + string(v.SummaryHTML) + "</p>\n")
	if f.Note != "" {
		b.WriteString(`<p class="note"><strong>Note for ` + esc(f.Label) + `:</strong> ` + esc(f.Note) + "</p>\n")
	}
	if rv := f.Revision; rv != nil {
		b.WriteString(`<div class="revision" role="note">` + "\n")
		b.WriteString(`<p><strong>Revised:</strong> first published as ` + esc(rv.FirstText) + `, now ` + esc(rv.NowText) +
			` (revised on <time datetime="` + esc(rv.Date) + `">` + esc(rv.DateText) + `</time>).`)
		if rv.Reason != "" {
			b.WriteString(" " + esc(rv.Reason))
		}
		b.WriteString("</p>\n")
		if len(rv.Steps) > 1 {
			b.WriteString("<ul>")
			for _, st := range rv.Steps {
				b.WriteString(`<li><time datetime="` + esc(st.Date) + `">` + esc(st.DateText) + `</time>: ` + esc(st.BeforeText) + ` changed to ` + esc(st.AfterText))
				if st.Reason != "" {
					b.WriteString(". " + esc(st.Reason))
				}
				b.WriteString("</li>")
			}
			b.WriteString("</ul>\n")
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>\n")
	return b.String()
}

// tableRowHTML is one row of a measure's table of figures. The same row
// is on the measure page and on every quarter page from its quarter on,
// so it is made once per measure (measureCommon).
func (r *renderer) tableRowHTML(f figureView) string {
	var b strings.Builder
	b.WriteString(`<tr><th scope="row">`)
	if f.URL != "" {
		b.WriteString(`<a href="` + r.href(f.URL) + `">` + esc(f.Label) + `</a>`)
	} else {
		b.WriteString(esc(f.Label))
	}
	b.WriteString(`</th><td>` + esc(f.ValueText))
	if f.Revision != nil {
		b.WriteString(` <span class="revised-mark">(revised)</span>`)
	}
	b.WriteString(`</td><td>` + esc(f.TargetText) + `</td><td>` + esc(f.NationalText) + `</td><td>`)
	statusHTML(&b, f.Status)
	b.WriteString(`</td><td>` + esc(f.Note) + "</td></tr>\n")
	return b.String()
}

// detailsHTML is what a measure page and a quarter page show below the
// chart: the key figures, the table of every figure to the page's, newest
// first (rows, the rows of the measure's table), about the measure, what
// the committee said and the downloads.
func (r *renderer) detailsHTML(v *measureView, rows []string) string {
	f := &v.Figure
	var b strings.Builder
	b.Grow(2048 + 700*len(rows))

	b.WriteString("<h2 id=\"figures\">The figures</h2>\n<dl class=\"key-figures\">\n")
	dt := "Latest figure"
	if v.IsSnapshot {
		dt = "Figure"
	}
	b.WriteString(`<div><dt>` + dt + `</dt><dd>` + esc(f.ValueText) + ` <span class="meta">` + esc(f.Label) + "</span></dd></div>\n")
	b.WriteString(`<div><dt>Target</dt><dd>` + esc(orDefault(f.TargetText, "No target")) + "</dd></div>\n")
	if p := v.Previous; p != nil {
		dt := "Quarter before"
		if v.Annual {
			dt = "Year before"
		}
		b.WriteString(`<div><dt>` + dt + `</dt><dd>` + esc(p.ValueText) + ` <span class="meta">` + esc(p.Label))
		if v.Change != "" {
			b.WriteString(", " + esc(v.Change))
		}
		b.WriteString("</span></dd></div>\n")
	}
	if p := v.YearAgo; p != nil && !v.Annual {
		b.WriteString(`<div><dt>Same quarter last year</dt><dd>` + esc(p.ValueText) + ` <span class="meta">` + esc(p.Label))
		if v.ChangeYear != "" {
			b.WriteString(", " + esc(v.ChangeYear))
		}
		b.WriteString("</span></dd></div>\n")
	}
	b.WriteString(`<div><dt>National average</dt><dd>` + esc(orDefault(f.NationalText, "Not available")) + "</dd></div>\n</dl>\n\n")

	id := esc(v.ID)
	every := "quarter"
	if v.Annual {
		every = "year"
	}
	b.WriteString(`<section class="table-wrap" id="table-` + id + `" aria-labelledby="table-caption-` + id + `" tabindex="0">` + "\n")
	b.WriteString("<table class=\"series\">\n")
	b.WriteString(`<caption id="table-caption-` + id + `">` + esc(v.Title) + `: every ` + every + ", newest first</caption>\n")
	b.WriteString(`<thead><tr><th scope="col">Period</th><th scope="col">Figure</th><th scope="col">Target</th><th scope="col">National</th><th scope="col">Status</th><th scope="col">Note</th></tr></thead>` + "\n<tbody>\n")
	for _, row := range rows {
		b.WriteString(row)
	}
	b.WriteString("</tbody>\n</table>\n</section>\n\n")

	b.WriteString("<h2 id=\"about\">About this measure</h2>\n<dl class=\"about\">\n")
	if v.DescriptionHTML != "" {
		b.WriteString(`<div><dt>What it measures</dt><dd>` + string(v.DescriptionHTML) + "</dd></div>\n")
	}
	if v.WhyHTML != "" {
		b.WriteString(`<div><dt>Why it matters</dt><dd>` + string(v.WhyHTML) + "</dd></div>\n")
	}
	b.WriteString(`<div><dt>Which is better</dt><dd>` + esc(v.Better) + "</dd></div>\n")
	b.WriteString(`<div><dt>Counted as</dt><dd>` + esc(v.Unit) + "</dd></div>\n")
	b.WriteString(`<div><dt>How often</dt><dd>` + esc(v.Frequency) + `. Next figure due: ` + esc(v.NextUpdate) + ".</dd></div>\n")
	if v.Source != "" {
		b.WriteString(`<div><dt>Where the figures come from</dt><dd>` + esc(v.Source) + "</dd></div>\n")
	}
	if len(v.Caveats) > 0 {
		b.WriteString(`<div><dt>Things to bear in mind</dt><dd><ul>`)
		for _, c := range v.Caveats {
			b.WriteString("<li>" + esc(c) + "</li>")
		}
		b.WriteString("</ul></dd></div>\n")
	}
	b.WriteString(`<div><dt>Service</dt><dd><a href="` + r.href(v.Service.URL) + `">` + esc(v.Service.Name) + `</a>`)
	if v.Committee.Name != "" {
		b.WriteString(`, scrutinised by the <a href="` + r.href(v.Committee.URL) + `">` + esc(v.Committee.Name) + `</a>`)
	}
	b.WriteString("</dd></div>\n</dl>\n\n")

	if len(v.Minutes) > 0 {
		b.WriteString("<h2 id=\"minutes\">What the committee said</h2>\n")
		for _, mn := range v.Minutes {
			b.WriteString("<div class=\"minutes-points\">\n")
			b.WriteString(`<h3><a href="` + r.href(mn.URL) + `">` + esc(mn.Title) + `</a> <span class="meta">` + esc(mn.Committee) +
				`, <time datetime="` + esc(mn.Date) + `">` + esc(mn.DateText) + "</time></span></h3>\n")
			if len(mn.Points) > 0 {
				b.WriteString("<blockquote>")
				for _, p := range mn.Points {
					b.WriteString(string(p))
				}
				b.WriteString("</blockquote>\n")
			} else {
				b.WriteString("<p>The committee discussed this measure; read the summary for what was said.</p>\n")
			}
			b.WriteString("</div>\n")
		}
		b.WriteString("\n")
	}

	b.WriteString("<h2 id=\"downloads\">Download the data</h2>\n<ul class=\"downloads\">\n")
	b.WriteString(`<li><a href="` + r.href(v.CSVURL) + `" download>` + esc(v.Title) + " (CSV spreadsheet)</a></li>\n")
	b.WriteString(`<li><a href="` + r.href(v.JSONURL) + `">` + esc(v.Title) + " (JSON)</a></li>\n</ul>\n")
	return b.String()
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// body writes the main content of a measure's page (v) to a fragment
// file, whose path it sets as v.MainFile.
func (r *renderer) body(m *derive.Measure, v *measureView, mc measureCommon) error {
	var err error
	v.MainFile, err = r.measureFragment(m.ID, r.mainHTML(v, mc), ".html")
	return err
}

// mainHTML is the main content of a measure page or of a quarter page
// (v.IsSnapshot) below its heading, whose table has the rows of mc up to
// the page's figure.
func (r *renderer) mainHTML(v *measureView, mc measureCommon) string {
	rows := mc.rows[len(mc.rows)-v.TableRows:]
	var b strings.Builder
	b.Grow(8192 + 700*len(rows) + len(v.chart.SVG))
	b.WriteString(r.panelHTML(v))
	r.chartHTML(&b, v)
	b.WriteString(r.detailsHTML(v, rows))
	if v.EmbedSnippet != "" {
		b.WriteString("<h2 id=\"embed\">Show this on your website</h2>\n")
		b.WriteString(`<p>To show the chart and the latest figure on your own website, with a link back to this page, copy this code into your page. It always shows the latest figure. <a href="` + r.href(v.EmbedURL) + "\">See what it looks like</a>.</p>\n")
		b.WriteString(`<label for="embed-code-` + esc(v.ID) + `" class="embed-label">Code to embed (HTML)</label>` + "\n")
		b.WriteString(`<textarea id="embed-code-` + esc(v.ID) + `" class="embed-code" readonly rows="3" spellcheck="false" data-copy="Copy the code">` + esc(v.EmbedSnippet) + "</textarea>\n")
	}
	if c := v.Cite; c.Text != "" {
		b.WriteString("<h2 id=\"cite\">How to cite this</h2>\n")
		b.WriteString(`<p class="citation" data-copy="Copy the citation">` + esc(c.Text) + "</p>\n")
		if c.FigureURL != "" {
			b.WriteString(`<p>This page always shows the latest figure. To link to the figure for ` + esc(v.Figure.Label) + ` as it was published, use its permanent page: <a href="` + esc(normalizeURL(c.FigureURL)) + `">` + esc(c.FigureURL) + "</a>.</p>\n")
		}
	}
	return b.String()
}

// chartHTML is the chart: the SVG drawn at build time, which needs no
// JavaScript, and, when the site has interactive charts, the ECharts
// option (a data block) from which assets/js/chart.js draws the
// interactive chart where JavaScript runs, marked data-chart for
// assets/js/chart-loader.js.
func (r *renderer) chartHTML(b *strings.Builder, v *measureView) {
	c := &v.chart
	if c.SVG == "" {
		return
	}
	id := esc(c.ID)
	b.WriteString(`<figure class="chart" id="` + id + `" aria-labelledby="` + id + `-caption"`)
	if v.InteractiveChart {
		b.WriteString(" data-chart")
	}
	b.WriteString(">\n")
	b.WriteString(`<figcaption id="` + id + `-caption">` + esc(c.Caption) + "</figcaption>\n")
	b.WriteString(`<p class="chart-skip"><a href="#table-` + esc(v.ID) + "\">Skip to the data table</a></p>\n")
	b.WriteString(c.Legend)
	b.WriteString("\n<div class=\"chart-stage\"><div class=\"" + esc(c.Frame) + "\">" + c.SVG + "</div></div>\n")
	if v.InteractiveChart {
		b.WriteString(`<script type="application/json" class="chart-option">` + c.Option + "</script>\n")
	}
	b.WriteString("</figure>\n")
}
