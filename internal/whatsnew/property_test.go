package whatsnew

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// TestRunningTotalsNeverAcrossTheYear builds random sites of running
// totals, whose targets grow through the year, and checks that What's new
// never compares one with the quarter before, and that every yearly
// figure that says its year is named by it.
func TestRunningTotalsNeverAcrossTheYear(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	for n := 0; n < 200; n++ {
		var ms []model.Measure
		var rows []model.Row
		latest := model.Period{Year: 2023, Quarter: 1 + r.Intn(4)}
		for i := 0; i < 6; i++ {
			id := fmt.Sprintf("m%d", i)
			m := model.Measure{ID: id, Title: "Measure " + id, Service: "s", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Quarterly, Cumulative: true}
			if i%3 == 2 {
				m.Cumulative, m.Frequency, m.Covers = false, model.Annual, model.CoversValues[r.Intn(3)]
			}
			ms = append(ms, m)
			for k := 0; k < 9; k++ {
				p := latest.Add(-k)
				if m.Frequency == model.Annual && k%4 != 0 {
					continue
				}
				v, target := float64(p.Quarter*10+r.Intn(15)), float64(p.Quarter*10+5)
				rows = append(rows, model.Row{Measure: id, Period: p, Value: &v, Target: &target})
			}
		}
		site := derive.Derive(&model.Input{Site: model.Site{YearStartMonth: 4, Services: []model.Service{{ID: "s"}}},
			Measures: ms, Quarters: []model.QuarterFile{{Rows: rows}}})
		news := Compute(site)
		text := news.Text(site)
		if strings.Contains(text, "quarter before") {
			t.Fatalf("a running total compared with the quarter before:\n%s", text)
		}
		for _, c := range news.Changed {
			if c.Measure.Cumulative && c.Snapshot.Compare.Period != latest.Add(-4) {
				t.Fatalf("%s: a status change from %v, not the same quarter a year before", c.Measure.ID, c.Snapshot.Compare.Period)
			}
			if c.Measure.Cumulative && !strings.Contains(text, "in "+explain.PeriodLabel(*c.Snapshot.Compare, site.Cal)+", the same time last year.") {
				t.Fatalf("%s: the change is not named by the same time last year:\n%s", c.Measure.ID, text)
			}
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.Contains(line, "year before") && strings.Contains(line, " Q") {
				t.Fatalf("a yearly figure named by its quarter: %q", line)
			}
		}
	}
}
