package explain

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Summary explains one figure in short sentences: what it was and when,
// how it compares with its target, which way it moved, and how it compares
// nationally. latest says whether snap is the measure's newest figure, which
// changes the tense ("is" or "was").
func Summary(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) string {
	var s []string
	if snap.Value == nil {
		s = append(s, fmt.Sprintf("There is no figure for %s (%s).", cal.Months(snap.Period), cal.Label(snap.Period)))
		if len(m.Reported) == 0 {
			s[0] = "There are no figures for this measure yet."
		} else if last := m.Reported[len(m.Reported)-1]; last.Period.Before(snap.Period) {
			s = append(s, fmt.Sprintf("The last figure was %s, for %s.", Value(&m.Measure, *last.Value), cal.Months(last.Period)))
		}
		return strings.Join(append(s, nextUpdate(m, snap, cal)...), " ")
	}
	v := Value(&m.Measure, *snap.Value)
	if m.IsAnnual() {
		s = append(s, fmt.Sprintf("The figure for the year to %s was %s.", endMonth(cal, snap.Period), v))
	} else {
		s = append(s, fmt.Sprintf("The figure for %s was %s.", cal.Months(snap.Period), v))
	}
	s = append(s, target(m, snap)...)
	s = append(s, change(m, snap)...)
	s = append(s, national(m, snap)...)
	s = append(s, nextUpdate(m, snap, cal)...)
	return strings.Join(s, " ")
}

func endMonth(cal model.Calendar, p model.Period) string {
	e := cal.End(p)
	return fmt.Sprintf("%s %d", e.Month(), e.Year())
}

// target compares the figure with its target, in the measure's direction.
func target(m *derive.Measure, snap derive.Snapshot) []string {
	if snap.Target == nil {
		if snap.Override {
			return []string{fmt.Sprintf("There is no target, but the council has marked it %s.", strings.ToLower(snap.Status.Label()))}
		}
		return []string{"There is no target for this measure."}
	}
	t := Value(&m.Measure, *snap.Target)
	v, tv := *snap.Value, *snap.Target
	var s string
	switch {
	case m.Better == model.BetterNeither:
		if snap.Derived == model.OnTrack {
			s = fmt.Sprintf("That is near the target of %s, so it is on track.", t)
		} else {
			s = fmt.Sprintf("That is further from the target of %s than it should be, so it is off track.", t)
		}
	case IsZeroChange(&m.Measure, v-tv):
		s = fmt.Sprintf("That meets the target of %s, so it is on track.", t)
	case snap.Derived == model.OnTrack:
		s = fmt.Sprintf("That is better than the target of %s, so it is on track.", t)
	case snap.Derived == model.Close:
		s = fmt.Sprintf("That is just short of the target of %s, so it is close to target.", t)
	default:
		s = fmt.Sprintf("That is worse than the target of %s, so it is off track.", t)
	}
	out := []string{s}
	if snap.Override && snap.Status != snap.Derived {
		out = append(out, fmt.Sprintf("But the council has marked it %s, not %s.",
			strings.ToLower(snap.Status.Label()), strings.ToLower(snap.Derived.Label())))
	}
	if snap.Streak >= 2 && snap.Status == model.OffTrack {
		out = append(out, fmt.Sprintf("It has been off track for %s in a row.", periods(m, snap.Streak)))
	}
	return out
}

// change says which way the figure moved, and whether that is good.
func change(m *derive.Measure, snap derive.Snapshot) []string {
	since := "the quarter before"
	if m.IsAnnual() {
		since = "the year before"
	}
	prev := snap.ChangePrevious()
	if prev == nil {
		if snap.Previous == nil && len(m.Reported) > 0 && m.Reported[0].Period == snap.Period {
			return []string{"This is the first figure."}
		}
		return nil
	}
	out := []string{fmt.Sprintf("That is %s %s.", movement(m, *prev), since)}
	if year := snap.ChangeYearAgo(); year != nil && !m.IsAnnual() {
		out = append(out, fmt.Sprintf("A year earlier it was %s.", Value(&m.Measure, *snap.YearAgo.Value)))
	}
	return out
}

// movement describes a change: "up 2.8 percentage points on", "no
// change from". Whether it is better is said separately, because "up" is
// not always good.
func movement(m *derive.Measure, d float64) string {
	if IsZeroChange(&m.Measure, d) {
		return "the same as"
	}
	dir := "up"
	if d < 0 {
		dir = "down"
	}
	word := ""
	switch {
	case m.Better == model.BetterHigher && d > 0, m.Better == model.BetterLower && d < 0:
		word = ", which is better,"
	case m.Better == model.BetterHigher && d < 0, m.Better == model.BetterLower && d > 0:
		word = ", which is worse,"
	}
	return fmt.Sprintf("%s %s%s on", dir, Change(&m.Measure, d), word)
}

// national compares the figure with the national average.
func national(m *derive.Measure, snap derive.Snapshot) []string {
	if snap.National == nil {
		return nil
	}
	d := *snap.Value - *snap.National
	n := Value(&m.Measure, *snap.National)
	if IsZeroChange(&m.Measure, d) {
		return []string{fmt.Sprintf("That is the same as the national average of %s.", n)}
	}
	side := "above"
	if d < 0 {
		side = "below"
	}
	return []string{fmt.Sprintf("That is %s %s the national average of %s.", Change(&m.Measure, d), side, n)}
}

// nextUpdate says when an annual figure will next change.
func nextUpdate(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) []string {
	if !m.IsAnnual() || snap.Newer {
		return nil
	}
	return []string{fmt.Sprintf("This figure is updated once a year; the next figure is due in %s.", cal.LongLabel(m.NextUpdate))}
}

func periods(m *derive.Measure, n int) string {
	unit := "quarters"
	if m.IsAnnual() {
		unit = "years"
	}
	return fmt.Sprintf("%d %s", n, unit)
}

// Direction is a change in a few words for lists: "up 2.8 percentage
// points", "down £2 million", "no change".
func Direction(m *model.Measure, d float64) string {
	if IsZeroChange(m, d) {
		return "no change"
	}
	if d > 0 {
		return "up " + Change(m, d)
	}
	return "down " + Change(m, d)
}
