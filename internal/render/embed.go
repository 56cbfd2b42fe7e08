package render

import (
	"fmt"
	"html"

	"github.com/perfsite/perfsite/internal/derive"
)

// The embed page of a measure, /measures/<id>/embed/: its chart, latest
// figure and status and a link back, small enough for an <iframe> on a
// news site. It is not in the sitemap, and search engines are asked not to
// index it: its canonical page is the measure page.

// embedHeight is the height of the iframe in the snippet, in pixels: the
// page fits in it on a wide screen.
const embedHeight = 520

// embedSnippet is the HTML a journalist pastes to embed the measure.
func (r *renderer) embedSnippet(m *derive.Measure) string {
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="100%%" height="%d" loading="lazy"></iframe>`,
		html.EscapeString(r.abs(embedURL(m.ID))), html.EscapeString(m.Title+": "+r.site.Organisation), embedHeight)
}

// embed writes the embed page of m from v, its measure page's view: the
// latest figure, its summary and chart, worked out once for both pages.
func (r *renderer) embed(m *derive.Measure, v *measureView) error {
	c, err := r.embedChart(m.ID, v.chart)
	if err != nil {
		return err
	}
	return r.writePage("measures/"+m.ID+"/embed.md", embedPage(m.ID, m.Title, v.Summary, v.Figure, c))
}

// embedPage is the content page of the embed page of the measure id.
func embedPage(id, title, summary string, figure figureView, c chartView) page {
	return page{
		Title:       title,
		URL:         embedURL(id),
		Layout:      "embed",
		Description: summary,
		Params: map[string]any{
			"id":      id,
			"title":   title,
			"url":     measureURL(id),
			"figure":  figure,
			"summary": summary,
			"chart":   c,
		},
		Sitemap: noSitemap,
	}
}

// embedChart is the build-time SVG chart c of a measure's latest figures,
// with its legend and caption, for the embed page: its SVG and legend go
// into fragment files that embed.html reads, and it has no interactive
// chart. A measure with no figure has none.
func (r *renderer) embedChart(id string, c chartView) (chartView, error) {
	if c.SVG == "" {
		return chartView{}, nil
	}
	v := chartView{ID: c.ID, Caption: c.Caption, Frame: c.Frame}
	var err error
	if v.SVGFile, err = r.measureFragment(id, c.SVG, ".svg"); err != nil {
		return chartView{}, err
	}
	if v.LegendFile, err = r.measureFragment(id, c.Legend, ".html"); err != nil {
		return chartView{}, err
	}
	return v, nil
}
