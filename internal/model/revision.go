package model

import "time"

// Revision is one line of data/revisions.csv: a published figure that was
// later changed. The quarterly data file holds the figure as it is now;
// the revision records what it was before and when it changed, so that the
// site can show both. A figure revised twice has two revisions.
type Revision struct {
	Measure  string   // as written: an id or an old id (alias)
	Period   Period   // the quarter whose figure was revised
	Previous *float64 // the figure as published before this revision; nil: no figure was published
	Date     time.Time
	Reason   string

	Pos    Pos            // the start of the row
	Fields map[string]Pos // each column's cell
	Signs  []Sign         // a previous_value written with a unit's sign (94.9%, £1.2m)
}
