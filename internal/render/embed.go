package render

import (
	"fmt"
	"html"

	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
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

func (r *renderer) embeds() error {
	for _, m := range r.site.Measures {
		if r.skip(m) {
			continue
		}
		snap := m.Latest
		summary := explain.Summary(m, snap, r.cal)
		params := map[string]any{
			"id":      m.ID,
			"title":   m.Title,
			"url":     measureURL(m.ID),
			"figure":  r.figure(m, snap.Point),
			"summary": summary,
			"chart":   r.embedChart(m, r.cal),
		}
		if err := r.writePage("measures/"+m.ID+"/embed.md", page{
			Title:       m.Title,
			URL:         embedURL(m.ID),
			Layout:      "embed",
			Description: summary,
			Params:      params,
			Sitemap:     noSitemap,
		}); err != nil {
			return err
		}
	}
	return nil
}

// embedChart is the build-time SVG chart of the latest figures, with its
// legend and caption: the embed page has no interactive chart, so it skips
// the ECharts option. A measure with no figure has none.
func (r *renderer) embedChart(m *derive.Measure, cal model.Calendar) chartView {
	var v chartView
	c := chart.NewAt(m, cal, m.Latest.Period)
	if c == nil {
		return v
	}
	v.ID = c.ID
	if err := r.chartFiles(&v, c, m.ID); err != nil {
		return chartView{}
	}
	v.Caption = c.Caption()
	v.Frame = c.FrameClass()
	return v
}
