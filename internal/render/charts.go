package render

import (
	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
)

// The charts of the pages, drawn by internal/chart: the SVG, legend and
// ECharts option of each measure page and measure-per-quarter page, the
// sparklines of the lists, and the share images (downloads, so that
// og:image has a file to point at).

// chartView is the chart of a measure page. It is embedded in measureView,
// so its fields are params of the page (.Params.chart_svg).
type chartView struct {
	ChartID      string `json:"chart_id,omitempty"`
	ChartSVG     string `json:"chart_svg,omitempty"`    // the inline <svg>
	ChartOption  string `json:"chart_option,omitempty"` // ECharts option JSON, safe inside <script type="application/json">
	ChartLegend  string `json:"chart_legend,omitempty"` // the legend, an HTML list
	ChartCaption string `json:"chart_caption,omitempty"`
	ChartFrame   string `json:"chart_frame,omitempty"` // classes of the element around the SVG
	ShareImage   string `json:"share_image,omitempty"` // measures/<id>/share.png, for og:image
	ShareAlt     string `json:"share_alt,omitempty"`
}

// chartView draws the chart of m as it stood at snap: the figures up to
// snap's period, as in the page's table. A measure with no figure has no
// chart. The share image shows the latest figure, so only the pages of the
// latest figure (the measure page and its latest quarter) point at it.
func (r *renderer) chartView(m *derive.Measure, snap derive.Snapshot) chartView {
	var v chartView
	if snap.Period == m.Latest.Period {
		v.ShareImage = shareImageURL(m.ID)
		v.ShareAlt = m.Title + ": " + r.cal.Label(m.Latest.Period)
		if m.Latest.Value != nil {
			v.ShareAlt += ", " + explain.Value(&m.Measure, *m.Latest.Value)
		}
		v.ShareAlt += ", " + m.Latest.Status.Label() + "."
	}
	c := chart.NewAt(m, r.cal, snap.Period)
	if c == nil {
		return v
	}
	v.ChartID = c.ID
	v.ChartSVG = c.SVG()
	v.ChartLegend = c.LegendHTML()
	v.ChartCaption = c.Caption()
	v.ChartFrame = c.FrameClass()
	// The measure page has the whole option; a measure-per-quarter page
	// has what it takes to cut it down to its own chart (chart.Cut). Either
	// cannot fail; without it the SVG stays.
	var b []byte
	var err error
	if snap.Period == m.Latest.Period && !snap.Newer {
		b, err = c.OptionJSON()
	} else {
		b, err = c.CutJSON(r.basePath() + chartOptionURL(m.ID))
	}
	if err == nil {
		v.ChartOption = string(b)
	}
	return v
}

// chartOptionURL is the ECharts option of a measure's chart as a file,
// for its measure-per-quarter pages.
func chartOptionURL(id string) string { return measureURL(id) + "chart.json" }

// sparkline is the small trend of m up to snap, for the lists.
func (r *renderer) sparkline(m *derive.Measure, snap derive.Snapshot) string {
	return chart.NewAt(m, r.cal, snap.Period).Sparkline()
}

func shareImageURL(id string) string { return measureURL(id) + "share.png" }

// shareImages writes every measure's share image, a PNG of 1200 by 630
// pixels. They take a few milliseconds each, so they are drawn on every
// core, and kept between builds (sharecache.go): the bytes of each depend
// only on what it shows.
func (r *renderer) shareImages() error {
	site := chart.ShareSite{Organisation: r.site.Organisation, Title: r.site.Title}
	ms := r.site.Measures
	cache := newShareCache()
	defer cache.sweep()
	return each(len(ms), func(i int) error {
		share := chart.NewShare(ms[i], r.cal, site)
		key := share.Key()
		b, ok := cache.get(key)
		if !ok {
			var err error
			if b, err = share.PNG(); err != nil {
				return err
			}
			cache.put(key, b)
		}
		return r.writeStatic(shareImageURL(ms[i].ID), b)
	})
}
