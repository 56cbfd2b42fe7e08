package derive

import (
	"sort"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// Revised reports whether the figure was changed after it was first
// published.
func (p Point) Revised() bool { return len(p.Revisions) > 0 }

// FirstPublished is the figure as it was first published: the previous
// value of the oldest revision, or the figure itself when it was never
// revised. The second result is false when the quarter was first published
// with no figure.
func (p Point) FirstPublished() (*float64, bool) {
	if len(p.Revisions) == 0 {
		return p.Value, p.Value != nil
	}
	v := p.Revisions[0].Previous
	return v, v != nil
}

// RevisedTo is the figure that revision i put in place: the figure the
// next revision changed, or the figure as it is now after the last.
func (p Point) RevisedTo(i int) *float64 {
	if i+1 < len(p.Revisions) {
		return p.Revisions[i+1].Previous
	}
	return p.Value
}

// LastRevised is the date of the latest revision, or the zero time.
func (p Point) LastRevised() time.Time {
	if len(p.Revisions) == 0 {
		return time.Time{}
	}
	return p.Revisions[len(p.Revisions)-1].Date
}

// attachRevisions gives every point of every measure its revisions, oldest
// first, and lists them all in s.Revisions, newest first. It runs before
// the quarters are derived, which copy the measures' snapshots.
func (s *Site) attachRevisions(list []model.Revision) {
	type key struct {
		id     string
		period model.Period
	}
	by := map[key][]model.Revision{}
	for _, rv := range list {
		m := s.lookup(rv.Measure)
		if m == nil {
			continue
		}
		rv.Measure = m.ID
		by[key{m.ID, rv.Period}] = append(by[key{m.ID, rv.Period}], rv)
	}
	for k, revs := range by {
		sort.SliceStable(revs, func(i, j int) bool { return revs[i].Date.Before(revs[j].Date) })
		by[k] = revs
	}
	for _, m := range s.Measures {
		for i := range m.Series {
			m.Series[i].Revisions = by[key{m.ID, m.Series[i].Period}]
		}
		for i := range m.Reported {
			m.Reported[i].Revisions = by[key{m.ID, m.Reported[i].Period}]
		}
		m.Latest.Revisions = by[key{m.ID, m.Latest.Period}]
		for _, pt := range m.Series {
			s.Revisions = append(s.Revisions, pt.Revisions...)
		}
	}
	sort.SliceStable(s.Revisions, func(i, j int) bool {
		a, b := s.Revisions[i], s.Revisions[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return false // stable: measure order, then period order
	})
}

// FirstStatus is the status of the figure as it was first published, by
// the measure's rule against the quarter's target, and whether a revision
// changed it ("Off track" first, "Close to target" now). A status set by
// hand in the data file is taken to have applied to the first figure too.
// ok is false for a figure never revised, or first published as no figure.
func (m *Measure) FirstStatus(p Point) (first model.Status, changed, ok bool) {
	v, had := p.FirstPublished()
	if !p.Revised() || !had {
		return "", false, false
	}
	first = Status(v, p.Target, m.Tolerance, m.Better)
	if p.Override {
		first = p.Status
	}
	return first, first != p.Status, true
}

// Revised are the rows of the quarter's report whose figure was revised
// after it was first published, in the report's order: the revisions
// that changed the quarter's figures, and perhaps its counts of each
// status (FirstStatus says which).
func (q *Quarter) Revised() []QuarterRow {
	var out []QuarterRow
	for _, r := range q.Rows {
		if r.Snapshot.Revised() {
			out = append(out, r)
		}
	}
	return out
}
