package derive

import (
	"slices"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func qp(year, quarter int) model.Period { return model.Period{Year: year, Quarter: quarter} }

// A quarter's permanent page offers only the minutes known then: about
// that quarter or an earlier one, or with no quarter and dated before the
// next quarter's figures came. Minutes from a later quarter are not
// offered to an earlier quarter's page.
func TestMinutesAsOf(t *testing.T) {
	in := &model.Input{
		Site:     model.Site{YearStartMonth: 4},
		Measures: []model.Measure{{ID: "eet", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Quarterly}},
		Quarters: []model.QuarterFile{{Rows: []model.Row{
			{Measure: "eet", Period: qp(2023, 1), Value: f(88)},
			{Measure: "eet", Period: qp(2023, 2), Value: f(90)},
			{Measure: "eet", Period: qp(2024, 2), Value: f(91)},
		}}},
		Minutes: []model.Minutes{
			{Slug: "q1", Period: qp(2023, 1), Date: day(t, "2023-09-12"), Measures: []string{"eet"}},
			{Slug: "q2", Period: qp(2023, 2), Date: day(t, "2023-11-14"), Measures: []string{"eet"}},
			{Slug: "a-year-later", Period: qp(2024, 2), Date: day(t, "2024-11-12"), Measures: []string{"eet"}},
			{Slug: "no-quarter-december", Date: day(t, "2023-12-31"), Measures: []string{"eet"}}, // the last day of Q3: before Q3's figures
			{Slug: "no-quarter-february", Date: day(t, "2024-02-13"), Measures: []string{"eet"}}, // after Q3 ended: about Q3
		},
	}
	s := Derive(in)
	m := s.ByID["eet"]
	slugs := func(list []*Minutes) []string {
		var out []string
		for _, mn := range list {
			out = append(out, mn.Slug)
		}
		return out
	}
	for _, tt := range []struct {
		p    model.Period
		want []string
	}{
		{qp(2023, 1), []string{"q1"}},
		{qp(2023, 2), []string{"no-quarter-december", "q2", "q1"}},
		{qp(2024, 2), []string{"a-year-later", "no-quarter-february", "no-quarter-december", "q2", "q1"}},
	} {
		if got := slugs(m.MinutesAsOf(tt.p, s.Cal)); !slices.Equal(got, tt.want) {
			t.Errorf("%v: got %q, want %q", tt.p, got, tt.want)
		}
	}
}

// The next update as it stood in a quarter: the quarter after, or for an
// annual measure its next reporting quarter after then, not after the
// site's latest quarter.
func TestNextUpdateAt(t *testing.T) {
	in := &model.Input{
		Site: model.Site{YearStartMonth: 4},
		Measures: []model.Measure{
			{ID: "q", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Quarterly},
			{ID: "a", Unit: model.UnitCount, Better: model.BetterHigher, Frequency: model.Annual},
		},
		Quarters: []model.QuarterFile{{Rows: []model.Row{
			{Measure: "a", Period: qp(2021, 3), Value: f(1)},
			{Measure: "a", Period: qp(2022, 3), Value: f(2)},
			{Measure: "q", Period: qp(2023, 4), Value: f(3)},
		}}},
	}
	s := Derive(in)
	q, a := s.ByID["q"], s.ByID["a"]
	for _, tt := range []struct {
		m    *Measure
		at   model.Period
		want model.Period
	}{
		{q, qp(2022, 2), qp(2022, 3)},
		{a, qp(2021, 3), qp(2022, 3)}, // as published in 2021/22 Q3: the next year's Q3
		{a, qp(2022, 3), qp(2023, 3)},
		{a, qp(2023, 4), qp(2024, 3)}, // a year missed: the next Q3 after then
		{a, qp(2021, 1), qp(2021, 2)}, // before its first figure
	} {
		if got := tt.m.NextUpdateAt(tt.at); got != tt.want {
			t.Errorf("%s at %v: got %v, want %v", tt.m.ID, tt.at, got, tt.want)
		}
	}
	if a.NextUpdate != qp(2024, 3) || q.NextUpdate != qp(2024, 1) {
		t.Errorf("NextUpdate: annual %v, quarterly %v", a.NextUpdate, q.NextUpdate)
	}
}
