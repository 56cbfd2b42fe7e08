package chart

import (
	"fmt"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// BenchmarkChart reports the cost of one measure's charts: the chart
// description, SVG, legend, sparkline and option JSON together (the target
// is under 2 ms), and the share PNG on its own.
func BenchmarkChart(b *testing.B) {
	m := previewMeasures()[1] // 12 quarters, a target that changes, national figures, gaps
	m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
	b.Run("svg+json", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			c := New(m, cal)
			_ = c.SVG()
			_ = c.LegendHTML()
			_ = c.Sparkline()
			if _, err := c.OptionJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("svg", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			_ = New(m, cal).SVG()
		}
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		c := New(m, cal)
		for i := 0; i < b.N; i++ {
			if _, err := c.OptionJSON(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("png", func(b *testing.B) {
		// A build draws each measure's image once: a different title,
		// figure, period, status and trend each time, on the same site.
		// So does this, lest it time what caches keep from the image
		// before (which a build never draws twice).
		ms := previewMeasures()
		site := ShareSite{Organisation: "Warwickshire County Council", Title: "Children and Young People: how we are doing"}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			m := *ms[i%len(ms)]
			m.Title = fmt.Sprintf("%s (%d)", m.Title, i)
			m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1-i/len(ms)%4]}
			if m.Latest.Value != nil {
				m.Latest.Status = []model.Status{model.OnTrack, model.Close, model.OffTrack, model.NoTarget}[i%4]
			}
			if _, err := SharePNG(&m, cal, site); err != nil {
				b.Fatal(err)
			}
		}
	})
}
