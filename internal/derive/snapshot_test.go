package derive

import (
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

// snapshotSite has a quarterly measure "q" (figures in Q3 2022/23, Q2 and
// Q4 2023/24, a row with no figure in Q4 2022/23, a gap in Q1 2023/24) and
// a yearly one "a" (figures in Q1 2021/22 and Q1 2023/24).
func snapshotSite() *Site {
	p := func(y, q int) model.Period { return model.Period{Year: y, Quarter: q} }
	return Derive(&model.Input{
		Site: model.Site{YearStartMonth: 4},
		Measures: []model.Measure{
			{ID: "q", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Quarterly},
			{ID: "a", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Annual},
		},
		Quarters: []model.QuarterFile{{Rows: []model.Row{
			{Measure: "q", Period: p(2022, 3), Value: f(1)},
			{Measure: "q", Period: p(2022, 4), Value: nil, Note: "Late."}, // a row with no figure
			{Measure: "q", Period: p(2023, 2), Value: f(3)},               // a gap before it
			{Measure: "a", Period: p(2021, 1), Value: f(10)},
			{Measure: "a", Period: p(2023, 1), Value: f(12)},
			{Measure: "q", Period: p(2023, 4), Value: f(4)},
		}}},
	})
}

// SnapshotAt finds a quarter's reported snapshot, or for a quarterly
// measure its series point with no figure; nothing for an annual
// measure's other quarters or a quarter outside the series.
func TestSnapshotAt(t *testing.T) {
	p := func(y, q int) model.Period { return model.Period{Year: y, Quarter: q} }
	s := snapshotSite()
	for _, id := range []string{"q", "a"} {
		m := s.ByID[id]
		for i := p(2020, 1).Index(); i <= p(2025, 4).Index(); i++ {
			at := model.PeriodFromIndex(i)
			got, ok := m.SnapshotAt(at)
			// What SnapshotAt is: a reported snapshot, else (quarterly
			// only) the series point.
			var want Snapshot
			wantOK := false
			for _, snap := range m.Reported {
				if snap.Period == at {
					want, wantOK = snap, true
				}
			}
			if !wantOK && !m.IsAnnual() {
				for _, pt := range m.Series {
					if pt.Period == at {
						want, wantOK = Snapshot{Point: pt}, true
					}
				}
			}
			if ok != wantOK || got.Period != want.Period || got.Value != want.Value || got.Streak != want.Streak || got.Note != want.Note {
				t.Errorf("%s at %v: got %+v, %v; want %+v, %v", id, at, got, ok, want, wantOK)
			}
		}
	}
	// Spot checks, lest the loop above agree with a wrong SnapshotAt.
	q := s.ByID["q"]
	if snap, ok := q.SnapshotAt(p(2023, 1)); !ok || snap.Value != nil || snap.Status != model.NoData {
		t.Errorf("a gap in a quarterly series: %+v, %v", snap, ok)
	}
	if snap, ok := q.SnapshotAt(p(2023, 2)); !ok || snap.Value == nil || *snap.Value != 3 || snap.Streak == 0 {
		t.Errorf("a reported quarter: %+v, %v", snap, ok)
	}
	if _, ok := q.SnapshotAt(p(2022, 2)); ok {
		t.Error("a quarter before the series has a snapshot")
	}
	if _, ok := s.ByID["a"].SnapshotAt(p(2022, 1)); ok {
		t.Error("an annual measure has a snapshot in a year it did not report")
	}
	// A Measure made by hand, oldest first as documented.
	hand := &Measure{Measure: model.Measure{Frequency: model.Quarterly}, Series: []Point{{Period: p(2020, 1)}, {Period: p(2020, 2), Value: f(2)}}}
	hand.Reported = []Snapshot{{Point: hand.Series[1], Streak: 1}}
	if snap, ok := hand.SnapshotAt(p(2020, 1)); !ok || snap.Period != p(2020, 1) || snap.Streak != 0 {
		t.Errorf("a hand-made measure's gap: %+v, %v", snap, ok)
	}
	if snap, ok := hand.SnapshotAt(p(2020, 2)); !ok || snap.Streak != 1 {
		t.Errorf("a hand-made measure's report: %+v, %v", snap, ok)
	}
}

// AsOf is the figure that was the latest in a quarter: the quarter's own
// snapshot, or a yearly measure's last report before it; nothing before a
// measure's first figure.
func TestAsOf(t *testing.T) {
	s := snapshotSite()
	for _, c := range []struct {
		id     string
		at     model.Period
		want   float64 // 0: a snapshot with no figure
		wantAt model.Period
		ok     bool
	}{
		{"q", pd(2022, 2), 0, model.Period{}, false}, // before the first figure
		{"q", pd(2022, 3), 1, pd(2022, 3), true},     // its own quarter
		{"q", pd(2023, 1), 0, pd(2023, 1), true},     // a gap: no figure that quarter
		{"q", pd(2023, 2), 3, pd(2023, 2), true},     // its own quarter
		{"a", pd(2020, 4), 0, model.Period{}, false}, // before the first report
		{"a", pd(2021, 1), 10, pd(2021, 1), true},    // the quarter it reported
		{"a", pd(2022, 3), 10, pd(2021, 1), true},    // between reports: the last one
		{"a", pd(2023, 1), 12, pd(2023, 1), true},    // the next report
		{"a", pd(2023, 4), 12, pd(2023, 1), true},    // after the last report
	} {
		got, ok := s.ByID[c.id].AsOf(c.at)
		var v float64
		if got.Value != nil {
			v = *got.Value
		}
		if ok != c.ok || got.Period != c.wantAt || v != c.want {
			t.Errorf("%s as of %v: got %v (%v), %v; want %v (%v), %v", c.id, c.at, got.Period, v, ok, c.wantAt, c.want, c.ok)
		}
	}
}
