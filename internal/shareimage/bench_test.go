package shareimage

import (
	"fmt"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// BenchmarkChart/png is the cost of one measure's share image (it kept
// the name it had in internal/chart, so that figures compare).
func BenchmarkChart(b *testing.B) {
	b.Run("png", func(b *testing.B) {
		// A build draws each measure's image once: a different title,
		// figure, period, status and trend each time, on the same site.
		// So does this, lest it time what caches keep from the image
		// before (which a build never draws twice).
		ms := previewMeasures()
		site := Site{Organisation: "Warwickshire County Council", Title: "Children and Young People: how we are doing"}
		p := painter(b)
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
