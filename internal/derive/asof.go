package derive

import (
	"github.com/perfsite/perfsite/internal/model"
)

// A quarter's permanent page shows the figure as it was published: what
// was known then, not what came later. These give the parts of a measure
// that change over time as they stood in a quarter.

// MinutesAsOf is what the committees had said about the measure when its
// figure for quarter p was the latest, newest first: minutes about p or an
// earlier quarter, and minutes that name no quarter dated by the end of the
// quarter after p (by then p's figures had been reported and discussed;
// the next quarter's come later).
func (m *Measure) MinutesAsOf(p model.Period, cal model.Calendar) []*Minutes {
	last := cal.End(p.Add(1))
	var out []*Minutes
	for _, mn := range m.Minutes {
		switch {
		case !mn.Period.IsZero() && !p.Before(mn.Period):
			out = append(out, mn)
		case mn.Period.IsZero() && !mn.Date.After(last):
			out = append(out, mn)
		}
	}
	return out
}

// NextUpdateAt is when the next figure was due as things stood in quarter
// p: the quarter after p, or for an annual measure the next time its
// reporting quarter comes round after p (the quarter after p when it had
// reported no figure by then).
func (m *Measure) NextUpdateAt(p model.Period) model.Period {
	if !m.IsAnnual() {
		return p.Add(1)
	}
	var last *model.Period
	for i := range m.Reported {
		if !p.Before(m.Reported[i].Period) {
			last = &m.Reported[i].Period
		}
	}
	if last == nil {
		return p.Add(1)
	}
	next := last.Add(4)
	for !p.Before(next) {
		next = next.Add(4)
	}
	return next
}
