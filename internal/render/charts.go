package render

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"

	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/parallel"
	"github.com/perfsite/perfsite/internal/shareimage"
)

// The charts of the pages, drawn by internal/chart: the SVG, legend and
// ECharts option of each measure page and measure-per-quarter page, the
// sparklines of the lists, and the share images (downloads, so that
// og:image has a file to point at).

// chartView is a chart as a page shows it: the build-time SVG and its
// legend, and the ECharts option that the interactive chart is drawn from
// where JavaScript runs. A measure page and its quarter pages have theirs
// written into their main content (body.go); the embed page reads its SVG
// and legend from fragment files (SVGFile, LegendFile: embedChart).
type chartView struct {
	ID         string `json:"chart_id,omitempty"`
	SVGFile    string `json:"chart_svg_file,omitempty"`    // the inline <svg>: fragments/<hash>.svg
	LegendFile string `json:"chart_legend_file,omitempty"` // the legend, an HTML list: fragments/<hash>.html
	Caption    string `json:"chart_caption,omitempty"`
	Frame      string `json:"chart_frame,omitempty"` // classes of the element around the SVG
	SVG        string `json:"-"`
	Legend     string `json:"-"`
	Option     string `json:"-"` // ECharts option JSON, safe inside <script type="application/json">; "" without interactive charts
}

// chartView draws the chart of m as it stood at snap: the figures up to
// snap's period, as in the page's table. A measure with no figure has no
// chart.
func (r *renderer) chartView(m *derive.Measure, snap derive.Snapshot) chartView {
	c := chart.NewAt(m, r.cal, snap.Period)
	if c == nil {
		return chartView{}
	}
	v := chartView{ID: c.ID, Caption: c.Words().Caption, Frame: c.FrameClass(), SVG: c.SVG(), Legend: c.LegendHTML()}
	if !r.site.InteractiveCharts {
		return v // the SVG alone: no option, and no chart.json for nothing to read
	}
	// The measure page has the whole option; a measure-per-quarter page
	// has what it takes to cut it down to its own chart (chart.Cut). Either
	// cannot fail; without it the SVG stays.
	var b []byte
	var err error
	if snap.Period == m.Latest.Period && !snap.Newer {
		b, err = c.OptionJSON()
	} else {
		b, err = c.CutJSON(r.rel + chartOptionURL(m.ID))
	}
	if err == nil {
		v.Option = string(b)
	}
	return v
}

// chartOptionURL is the ECharts option of a measure's chart as a file,
// for its measure-per-quarter pages.
func chartOptionURL(id string) string { return measureURL(id) + "chart.json" }

// fragmentFile writes text to fragments/<hash><ext> unless this render
// already has, and returns that path. Layouts read it with
// generated-file.html. The name changes with the bytes, so a page whose
// fragment changed has changed too, which is how Hugo's server knows to
// build it again (it does not follow readFile).
func (r *renderer) fragmentFile(text, ext string) (string, error) {
	sum := sha256.Sum256([]byte(text))
	name := FragmentsDir + "/" + hex.EncodeToString(sum[:12]) + ext
	if _, done := r.fragments.LoadOrStore(name, true); done {
		return name, nil
	}
	return name, r.writeFile(filepath.Join(r.dir, filepath.FromSlash(name)), []byte(text))
}

// measureFragment is fragmentFile for a fragment of the measure id's pages,
// which the preview then knows to be the measure's (update.go).
func (r *renderer) measureFragment(id, text, ext string) (string, error) {
	name, err := r.fragmentFile(text, ext)
	if err == nil && r.update != nil {
		r.update.fragment(id, name)
	}
	return name, err
}

// FragmentsDir is the folder, in the folder Render writes to, of the HTML
// that pages read: charts (chartView) and details (body.go).
const FragmentsDir = "fragments"

// sparkline is the small trend of m up to snap, for the lists. A
// measure's latest figure is in several lists (home, services, the A to
// Z, its quarter), so each is drawn once per render.
func (r *renderer) sparkline(m *derive.Measure, snap derive.Snapshot) string {
	key := sparkKey{m.ID, snap.Period}
	if s, ok := r.sparks.Load(key); ok {
		return s.(string)
	}
	s := chart.SparklineAt(m, r.cal, snap.Period)
	r.sparks.Store(key, s)
	return s
}

type sparkKey struct {
	id string
	p  model.Period
}

func shareImageURL(id string) string { return measureURL(id) + "share.png" }

// shareImages writes every measure's share image, a PNG of 1200 by 630
// pixels. They take a millisecond or more each, so they are drawn on every
// core, and kept between builds (internal/cache), named by shareimage's Key:
// the bytes of each depend only on what it shows. Most do not change from
// one build to the next (a layout edit, a preview rebuild after a CSV
// edit, the same data built again).
func (r *renderer) shareImages() error {
	if r.noShareImages {
		return nil
	}
	site := shareimage.Site{Organisation: r.site.Organisation, Title: r.site.Title}
	painter, err := shareimage.NewPainter(shareimage.DefaultTheme())
	if err != nil {
		return err
	}
	ms := r.site.Measures
	images := cache.Open("share-images", ".png")
	defer images.Sweep()
	return parallel.Each(len(ms), func(i int) error {
		if r.skip(ms[i]) {
			return nil
		}
		if r.ownStatic[shareImageURL(ms[i].ID)] {
			return nil // not drawn: the site's own wins (writeStatic)
		}
		share := shareimage.NewShare(ms[i], r.cal, site)
		key := painter.Key(share)
		b, ok := images.Get(key)
		if !ok {
			var err error
			if b, err = painter.PNG(share); err != nil {
				return err
			}
			images.Put(key, b)
		}
		return r.writeStatic(shareImageURL(ms[i].ID), b)
	})
}
