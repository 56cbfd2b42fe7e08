package shareimage

import (
	"fmt"
	"github.com/perfsite/perfsite/internal/derive/derivetest"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// BenchmarkChart/png is the cost of one measure's share image (it kept
// the name it had in internal/chart, so that figures compare).
func BenchmarkChart(b *testing.B) {
	// One Painter for every run of the loop, as a build has one for all
	// its images (and as the caches were kept when they were the
	// package's): its fonts, glyphs and sprites are made once.
	p := painter(b)
	b.Run("png", func(b *testing.B) {
		// A build draws each measure's image once: a different title,
		// figure, period, status and trend each time, on the same site.
		// So does this, lest it time what caches keep from the image
		// before (which a build never draws twice).
		ms := derivetest.PreviewMeasures()
		site := Site{Organisation: "Warwickshire County Council", Title: "Children and Young People: how we are doing"}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			m := *ms[i%len(ms)]
			m.Title = fmt.Sprintf("%s (%d)", m.Title, i)
			m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1-i/len(ms)%4]}
			if m.Latest.Value != nil {
				m.Latest.Status = []model.Status{model.OnTrack, model.Close, model.OffTrack, model.NoTarget}[i%4]
			}
			if _, err := p.PNG(NewShare(&m, cal, site)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNewPainter is a new Painter's first image: the fonts parsed,
// and every glyph and sprite it draws made, which a build pays once.
func BenchmarkNewPainter(b *testing.B) {
	m := *derivetest.PreviewMeasures()[1]
	m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
	share := NewShare(&m, cal, Site{Organisation: "Warwickshire County Council", Title: "Children and Young People: how we are doing"})
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := painter(b).PNG(share); err != nil {
			b.Fatal(err)
		}
	}
}
