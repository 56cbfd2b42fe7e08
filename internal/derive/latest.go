package derive

import "strings"

// LatestQuarter is the report of the site's latest quarter (the most
// recent one with a figure), or nil when the data has no quarter. Its Rows
// are "the measures in the latest quarter" (every quarterly measure whose
// figures have begun, with or without a figure for it, and every yearly
// measure with a figure filed under it), and its Counts their statuses:
// the home page, the quarter's page, What's new and the build's summary
// all count these, so that they agree.
func (s *Site) LatestQuarter() *Quarter {
	if n := len(s.Quarters); n > 0 && s.Quarters[n-1].Period == s.Latest {
		return s.Quarters[n-1]
	}
	return nil
}

// Awaited is how many measures in the quarter's report have no figure and
// no note to say why. In the latest quarter these are the figures still to
// come: a quarter is published as its figures arrive, and a figure that
// will not come has a note.
func (q *Quarter) Awaited() int {
	n := 0
	for _, r := range q.Rows {
		if r.Snapshot.Value == nil && strings.TrimSpace(r.Snapshot.Note) == "" {
			n++
		}
	}
	return n
}
