package derive

import (
	"slices"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

// A quarter file with no figures (just made by perfsite new quarter) is
// not the latest quarter: the latest is the last one with a figure, and
// the empty one is upcoming, with no report of its own.
func TestLatestIsTheLastQuarterWithAFigure(t *testing.T) {
	measures := []model.Measure{
		{ID: "a", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Quarterly},
		{ID: "b", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Quarterly},
		{ID: "c", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Quarterly},
	}
	in := &model.Input{
		Site:     model.Site{YearStartMonth: 4},
		Measures: measures,
		Quarters: []model.QuarterFile{
			{Periods: []model.Period{qp(2024, 1)}, Rows: []model.Row{
				{Measure: "a", Period: qp(2024, 1), Value: f(1)},
				{Measure: "b", Period: qp(2024, 1), Value: f(2)},
				{Measure: "c", Period: qp(2024, 1), Value: f(3)},
			}},
			// Partly filled: one figure, one still to come, one that will
			// not come (it has a note).
			{Periods: []model.Period{qp(2024, 2)}, Rows: []model.Row{
				{Measure: "a", Period: qp(2024, 2), Value: f(4)},
				{Measure: "b", Period: qp(2024, 2)},
				{Measure: "c", Period: qp(2024, 2), Note: "Not collected this quarter."},
			}},
			// Just made: every value empty.
			{Periods: []model.Period{qp(2024, 3)}, Rows: []model.Row{
				{Measure: "a", Period: qp(2024, 3)},
				{Measure: "b", Period: qp(2024, 3)},
				{Measure: "c", Period: qp(2024, 3)},
			}},
		},
	}
	s := Derive(in)
	if s.Latest != qp(2024, 2) {
		t.Errorf("Latest = %v, want 2024 Q2", s.Latest)
	}
	if !slices.Equal(s.Periods, []model.Period{qp(2024, 1), qp(2024, 2)}) || !slices.Equal(s.Upcoming, []model.Period{qp(2024, 3)}) {
		t.Errorf("Periods %v, Upcoming %v", s.Periods, s.Upcoming)
	}
	if len(s.Quarters) != 2 || s.LatestQuarter() != s.Quarters[1] {
		t.Fatalf("%d quarter reports; LatestQuarter %v", len(s.Quarters), s.LatestQuarter())
	}
	if got := s.LatestQuarter().Awaited(); got != 1 {
		t.Errorf("Awaited = %d, want 1 (b; c has a note saying why)", got)
	}
	b := s.ByID["b"]
	if b.Latest.Period != qp(2024, 1) || b.Series[len(b.Series)-1].Period != qp(2024, 2) || b.NextUpdate != qp(2024, 3) {
		t.Errorf("b: latest %v, series to %v, next update %v", b.Latest.Period, b.Series[len(b.Series)-1].Period, b.NextUpdate)
	}

	// No figures anywhere: the latest quarter is the last in the data, so
	// that pages still have a quarter to name.
	in.Quarters = in.Quarters[2:]
	s = Derive(in)
	if s.Latest != qp(2024, 3) || len(s.Upcoming) != 0 {
		t.Errorf("no figures: Latest %v, Upcoming %v", s.Latest, s.Upcoming)
	}
}

// A measure is new when its first figure came after the site's first
// quarter (an annual one: after the site's first year).
func TestNew(t *testing.T) {
	in := &model.Input{
		Site: model.Site{YearStartMonth: 4},
		Measures: []model.Measure{
			{ID: "old", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Quarterly},
			{ID: "new", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Quarterly},
			{ID: "yearly", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Annual},
			{ID: "yearly-new", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Annual},
		},
		Quarters: []model.QuarterFile{{Rows: []model.Row{
			{Measure: "old", Period: qp(2023, 1), Value: f(1)},
			{Measure: "new", Period: qp(2023, 2), Value: f(1)},
			{Measure: "yearly", Period: qp(2023, 3), Value: f(1)},
			{Measure: "yearly-new", Period: qp(2024, 1), Value: f(1)},
		}}},
	}
	s := Derive(in)
	for id, want := range map[string]bool{"old": false, "new": true, "yearly": false, "yearly-new": true} {
		if got := s.ByID[id].New; got != want {
			t.Errorf("%s: New = %v, want %v", id, got, want)
		}
	}
}

// A revision that moves a figure across a status boundary says so; the
// quarter lists its revised rows.
func TestFirstStatus(t *testing.T) {
	in := &model.Input{
		Site:     model.Site{YearStartMonth: 4},
		Measures: []model.Measure{{ID: "eet", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Quarterly, Target: f(90), Tolerance: f(3)}},
		Quarters: []model.QuarterFile{{Rows: []model.Row{
			{Measure: "eet", Period: qp(2023, 1), Value: f(88.5)},
			{Measure: "eet", Period: qp(2023, 2), Value: f(94.9)},
			{Measure: "eet", Period: qp(2023, 3), Value: f(91)},
		}}},
		Revisions: []model.Revision{
			{Measure: "eet", Period: qp(2023, 1), Previous: f(80), Date: day(t, "2023-12-01")},
			{Measure: "eet", Period: qp(2023, 2), Previous: f(95.5), Date: day(t, "2023-12-01")},
		},
	}
	s := Derive(in)
	m := s.ByID["eet"]
	for i, want := range []struct {
		first       model.Status
		changed, ok bool
	}{{model.OffTrack, true, true}, {model.OnTrack, false, true}, {"", false, false}} {
		first, changed, ok := m.FirstStatus(m.Reported[i].Point)
		if first != want.first || changed != want.changed || ok != want.ok {
			t.Errorf("%v: got %q %v %v, want %+v", m.Reported[i].Period, first, changed, ok, want)
		}
	}
	if rows := s.Quarters[0].Revised(); len(rows) != 1 || rows[0].Measure != m {
		t.Errorf("Q1's revised rows: %+v", rows)
	}
	if rows := s.Quarters[2].Revised(); len(rows) != 0 {
		t.Errorf("Q3 has no revision: %+v", rows)
	}
}
