package chart

import (
	"github.com/perfsite/perfsite/internal/derive/derivetest"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
)

// BenchmarkChart reports the cost of one measure's charts: the chart
// description, SVG, legend, sparkline and option JSON together (the target
// is under 2 ms). The share image's is internal/shareimage's.
func BenchmarkChart(b *testing.B) {
	m := derivetest.PreviewMeasures()[1] // 12 quarters, a target that changes, national figures, gaps
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
}
