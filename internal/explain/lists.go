package explain

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Headline sums up a set of measures in one or two sentences: "Of the 15
// measures in Q2 2023/24, 6 are on track, 1 is close to target and 4 are
// off track. 4 have no target." when is a phrase such as "in Q2 2023/24",
// or empty.
func Headline(counts derive.Counts, when string) string {
	total := counts.Total()
	if total == 0 {
		return "There are no measures yet."
	}
	if when != "" {
		when = " " + when
	}
	if total == 1 {
		for _, st := range model.Statuses {
			if counts[st] == 1 {
				return fmt.Sprintf("There is 1 measure%s, and it %s.", when, statusClause(st))
			}
		}
	}
	judged, rest := statusParts(counts)
	var s []string
	if judged != "" {
		s = append(s, fmt.Sprintf("Of the %d measures%s, %s.", total, when, judged))
	} else {
		s = append(s, fmt.Sprintf("There are %d measures%s.", total, when))
	}
	return strings.Join(append(s, rest...), " ")
}

// statusParts says how many measures are on track, close and off track
// ("6 are on track, 1 is close to target and 4 are off track"), and in
// sentences of their own how many have no target or no figure.
func statusParts(counts derive.Counts) (judged string, rest []string) {
	total := counts.Total()
	var parts []string
	for _, st := range []model.Status{model.OnTrack, model.Close, model.OffTrack} {
		if n := counts[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s %s", n, isAre(n), statusWords(st)))
		}
	}
	for _, c := range []struct {
		st         model.Status
		some, none string
	}{
		{model.NoTarget, "%d %s no target.", "None of them has a target."},
		{model.NoData, "%d %s no figure yet.", "None of them has a figure yet."},
	} {
		switch n := counts[c.st]; {
		case n == total:
			rest = append(rest, c.none)
		case n > 0:
			rest = append(rest, fmt.Sprintf(c.some, n, hasHave(n)))
		}
	}
	return joinAnd(parts), rest
}

// statusClause is what a single measure with status st "is" or "has".
func statusClause(st model.Status) string {
	switch st {
	case model.NoTarget:
		return "has no target"
	case model.NoData:
		return "has no figure yet"
	}
	return "is " + statusWords(st)
}

// Home is the home page's paragraph: which quarter the latest figures are
// for, how many measures are on track, close and off track by their latest
// figures, and what got better and worse since the quarter before.
func Home(site *derive.Site) string {
	all := derive.Counts{}
	for _, m := range site.Measures {
		all[m.Latest.Status]++
	}
	if all.Total() == 0 || all[model.NoData] == all.Total() {
		return Headline(all, "")
	}
	s := []string{fmt.Sprintf("The latest figures are for %s (%s).", site.Cal.Months(site.Latest), site.Cal.Label(site.Latest))}
	if q := site.LatestQuarter(); q != nil {
		if more := StillToCome(q, site.Cal); more != "" {
			s = append(s, more)
		}
	}
	s = append(s, Headline(all, ""))
	s = append(s, movement(latestRows(site.Measures, site.Latest), site.Cal, site.Latest)...)
	return strings.Join(s, " ")
}

// ServiceText is a service page's paragraph: how many measures the service
// has, how they stand by their latest figures, and what got better and
// worse since the quarter before.
func ServiceText(sv *derive.Service, site *derive.Site) string {
	n := len(sv.Measures)
	if n == 0 {
		return fmt.Sprintf("%s has no measures yet.", sv.Name)
	}
	s := []string{fmt.Sprintf("%s has %s.", sv.Name, plural(n, "measure"))}
	counts := derive.Counts{}
	for _, m := range sv.Measures {
		counts[m.Latest.Status]++
	}
	switch st := sv.Measures[0].Latest.Status; {
	case n == 1 && judged(st):
		s = append(s, fmt.Sprintf("By its latest figure, it is %s.", statusWords(st)))
	case n == 1:
		s = append(s, fmt.Sprintf("It %s.", statusClause(st))) // not "By its latest figure, it has no figure yet."
	default:
		judged, rest := statusParts(counts)
		if judged != "" {
			s = append(s, "By their latest figures, "+judged+".")
		}
		s = append(s, rest...)
	}
	s = append(s, movement(latestRows(sv.Measures, site.Latest), site.Cal, site.Latest)...)
	return strings.Join(s, " ")
}

// QuarterText is a quarter page's "what changed since last quarter"
// paragraph: how many measures got better, got worse or stayed the same,
// which moved to a better or worse status, which have a new yearly figure,
// and which have no figure.
func QuarterText(q *derive.Quarter, cal model.Calendar) string {
	if q.Previous == nil {
		return fmt.Sprintf("%s is the first quarter in these figures, so there is no quarter before to compare it with.", cal.Months(q.Period))
	}
	rows := make([]row, 0, len(q.Rows))
	annual, missing, first := 0, 0, 0
	for _, r := range q.Rows {
		rows = append(rows, row{r.Measure, r.Snapshot})
		switch m := r.Measure; {
		case r.Snapshot.Value == nil:
			missing++
		case len(m.Reported) > 0 && m.Reported[0].Period == q.Period:
			first++
		case m.IsAnnual():
			annual++
		}
	}
	s := movement(rows, cal, q.Period)
	if first > 0 {
		s = append(s, fmt.Sprintf("%s %s a figure for the first time.", capital(plural(first, "measure")), hasHave(first)))
	}
	if annual > 0 {
		s = append(s, fmt.Sprintf("%s a new yearly figure.", capital(plural(annual, "measure")+" "+hasHave(annual))))
	}
	if missing > 0 {
		s = append(s, fmt.Sprintf("%s %s no figure for %s.", capital(plural(missing, "measure")), hasHave(missing), cal.Months(q.Period)))
	}
	if len(s) == 0 {
		s = append(s, "There are no figures to compare with the quarter before.")
	}
	return strings.Join(s, " ")
}

// QuarterChanges is one line per measure of a quarter's report, saying how
// it changed: "Care leavers in education, employment or training: up 2.3
// percentage points from the quarter before, which is better." A measure
// whose status changed gets a second sentence: "It moved from close to
// target to off track."
func QuarterChanges(q *derive.Quarter, cal model.Calendar) []string {
	var out []string
	for _, r := range q.Rows {
		out = append(out, changeLine(r.Measure, r.Snapshot, cal))
	}
	return out
}

func changeLine(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) string {
	mm := &m.Measure
	title := Title(m.Title)
	if snap.Value == nil {
		return title + ": no figure for " + cal.Months(snap.Period) + "."
	}
	first := len(m.Reported) > 0 && m.Reported[0].Period == snap.Period
	var ref string
	var d *float64
	switch {
	case m.IsAnnual():
		if p := snap.Previous; p != nil && p.Value != nil {
			ref = "the year before"
			if p.Period != snap.Period.Add(-4) {
				ref = "the last figure, in " + cal.Months(p.Period)
			}
			x := Diff(mm, *snap.Value, *p.Value)
			d = &x
		}
	case mm.Cumulative:
		if snap.YearAgo != nil {
			ref = "the same time last year"
			x := Diff(mm, *snap.Value, *snap.YearAgo.Value)
			d = &x
		}
	default:
		if snap.Previous != nil {
			ref = "the quarter before"
			x := Diff(mm, *snap.Value, *snap.Previous.Value)
			d = &x
		}
	}
	v := Value(mm, *snap.Value)
	var s string
	switch {
	case d == nil && first && m.New:
		s = fmt.Sprintf("%s: %s, the first figure.", title, v)
	case d == nil && first:
		s = fmt.Sprintf("%s: %s, with no earlier figure on this site.", title, v)
	case d == nil && m.Cumulative && !m.IsAnnual():
		s = fmt.Sprintf("%s: %s, with no figure for the same time last year to compare it with.", title, v)
	case d == nil:
		s = fmt.Sprintf("%s: %s, with no figure for the quarter before to compare it with.", title, v)
	case IsZeroChange(mm, *d):
		s = fmt.Sprintf("%s: %s, the same as %s.", title, v, ref)
	case comparative(mm, *d) != "":
		s = fmt.Sprintf("%s: %s, %s than %s.", title, v, comparative(mm, *d), ref)
	default:
		s = fmt.Sprintf("%s: %s, %s from %s%s.", title, v, Direction(mm, *d), ref, judgement(mm, *d))
	}
	if from, ok := previousStatus(m, snap); ok && from != snap.Status {
		s += fmt.Sprintf(" It moved from %s to %s.", statusWords(from), statusWords(snap.Status))
	}
	return s
}

// row is a measure as it stood in one quarter.
type row struct {
	m    *derive.Measure
	snap derive.Snapshot
}

// latestRows are the measures whose latest figure is for quarter p.
func latestRows(ms []*derive.Measure, p model.Period) []row {
	var rows []row
	for _, m := range ms {
		if m.Latest.Value != nil && m.Latest.Period == p {
			rows = append(rows, row{m, m.Latest})
		}
	}
	return rows
}

// previousStatus is the judged status of the quarter before (the year
// before, for an annual measure), when both it and this one are judged.
func previousStatus(m *derive.Measure, snap derive.Snapshot) (model.Status, bool) {
	if snap.Previous == nil || !judged(snap.Status) || !judged(snap.Previous.Status) {
		return "", false
	}
	if !m.IsAnnual() && snap.Previous.Period != snap.Period.Add(-1) {
		return "", false
	}
	return snap.Previous.Status, true
}

// rank orders the judged statuses from best to worst.
func rank(s model.Status) int {
	switch s {
	case model.OnTrack:
		return 0
	case model.Close:
		return 1
	}
	return 2
}

// movement says, for measures as they stood in quarter p, how many got
// better, worse or stayed the same since the quarter before, and which
// moved to a better or worse status. Annual measures (compared with the
// year before) and year-to-date totals (compared with the same time last
// year) are left out of the counts, as they were not compared with the
// quarter before.
func movement(rows []row, cal model.Calendar, p model.Period) []string {
	var better, worse, same, other int
	type move struct {
		title    string
		from, to model.Status
	}
	var up, down []move
	for _, r := range rows {
		m, snap := r.m, r.snap
		if snap.Value == nil || m.IsAnnual() {
			continue
		}
		if from, ok := previousStatus(m, snap); ok && from != snap.Status {
			mv := move{Title(m.Title), from, snap.Status}
			if rank(snap.Status) < rank(from) {
				up = append(up, mv)
			} else {
				down = append(down, mv)
			}
		}
		if m.Cumulative || snap.Previous == nil {
			continue
		}
		d := Diff(&m.Measure, *snap.Value, *snap.Previous.Value)
		switch {
		case IsZeroChange(&m.Measure, d):
			same++
		case goodness(&m.Measure, d) > 0:
			better++
		case goodness(&m.Measure, d) < 0:
			worse++
		default:
			other++
		}
	}
	var s []string
	prev := cal.Months(p.Add(-1))
	var parts []string
	if better > 0 {
		parts = append(parts, fmt.Sprintf("%s got better", plural(better, "measure")))
	}
	for _, p := range []struct {
		n    int
		verb string
	}{{worse, "got worse"}, {same, "stayed the same"}} {
		switch {
		case p.n == 0:
		case len(parts) == 0:
			parts = append(parts, plural(p.n, "measure")+" "+p.verb)
		default:
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.verb))
		}
	}
	if len(parts) > 0 {
		s = append(s, fmt.Sprintf("Compared with %s, %s.", prev, joinAnd(parts)))
	}
	if other > 0 {
		s = append(s, fmt.Sprintf("%s changed too, but for %s going up or down is not good or bad on its own.",
			capital(plural(other, "other measure")), themIt(other)))
	}
	if len(up)+len(down) > 4 {
		var t []string
		if len(up) > 0 {
			t = append(t, fmt.Sprintf("%d moved to a better status", len(up)))
		}
		if len(down) > 0 && len(up) > 0 {
			t = append(t, fmt.Sprintf("%d moved to a worse one", len(down)))
		} else if len(down) > 0 {
			t = append(t, fmt.Sprintf("%d moved to a worse status", len(down)))
		}
		s = append(s, capital(joinAnd(t))+".")
		return s
	}
	for _, mv := range append(up, down...) {
		s = append(s, fmt.Sprintf("“%s” moved from %s to %s.", mv.title, statusWords(mv.from), statusWords(mv.to)))
	}
	return s
}

func themIt(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
