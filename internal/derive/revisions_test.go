package derive

import (
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

func TestRevisions(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	q1, q2 := model.Period{Year: 2023, Quarter: 1}, model.Period{Year: 2023, Quarter: 2}
	in := &model.Input{
		Site:     model.Site{YearStartMonth: 4},
		Measures: []model.Measure{{ID: "eet", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Quarterly, Aliases: []string{"old-eet"}}},
		Quarters: []model.QuarterFile{{Rows: []model.Row{
			{Measure: "eet", Period: q1, Value: f(88.5)},
			{Measure: "eet", Period: q2, Value: f(94.9)},
		}}},
		// Out of order, and one by the old id.
		Revisions: []model.Revision{
			{Measure: "old-eet", Period: q1, Previous: f(87.9), Date: day("2023-12-01"), Reason: "Corrected."},
			{Measure: "eet", Period: q1, Previous: nil, Date: day("2023-10-01"), Reason: "Late."},
		},
	}
	s := Derive(in)
	m := s.ByID["eet"]
	first := m.Reported[0]
	if !first.Revised() || len(first.Revisions) != 2 {
		t.Fatalf("Q1 has revisions %v", first.Revisions)
	}
	if first.Revisions[0].Reason != "Late." || first.Revisions[1].Measure != "eet" {
		t.Errorf("the revisions are not oldest first, by the measure's id: %+v", first.Revisions)
	}
	if v, ok := first.FirstPublished(); ok || v != nil {
		t.Errorf("Q1 was first published with no figure, got %v", v)
	}
	if got := first.LastRevised(); !got.Equal(day("2023-12-01")) {
		t.Errorf("LastRevised = %v", got)
	}
	if m.Latest.Revised() {
		t.Error("Q2 was never revised")
	}
	if v, ok := m.Latest.FirstPublished(); !ok || *v != 94.9 {
		t.Errorf("an unrevised figure was first published as itself, got %v", v)
	}
	// The series and the quarters see the same revisions as the snapshots.
	if !m.Series[0].Revised() {
		t.Error("the series point of Q1 is not revised")
	}
	for _, q := range s.Quarters {
		for _, row := range q.Rows {
			if got, want := row.Snapshot.Revised(), q.Period == q1; got != want {
				t.Errorf("quarter %v: revised %v, want %v", q.Period, got, want)
			}
		}
	}
	if len(s.Revisions) != 2 || !s.Revisions[0].Date.Equal(day("2023-12-01")) {
		t.Errorf("the site's revisions are not newest first: %+v", s.Revisions)
	}
}
