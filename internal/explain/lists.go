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
// sentences of their own how many show no clear change (against a target
// that is a direction), have no target or have no figure.
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
		{model.NoChange, "%d %s no clear change, against a target that is a direction.", "None of them shows a clear change."},
		{model.NoTarget, "%d %s no target.", "None of them has a target."},
		{model.NoData, "%d %s no figure yet.", "None of them has a figure yet."},
	} {
		switch n := counts[c.st]; {
		case n == total:
			rest = append(rest, c.none)
		case n > 0 && c.st == model.NoChange:
			rest = append(rest, fmt.Sprintf(c.some, n, map[bool]string{true: "shows", false: "show"}[n == 1]))
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
	case model.NoChange:
		return "shows no clear change"
	}
	return "is " + statusWords(st)
}

// Home is the home page's paragraph: which quarter the latest figures are
// for, how the measures in it stand (derive.Site.LatestQuarter: the same
// measures as the quarter's page and What's new count), and which of them
// really got better or worse.
func Home(site *derive.Site) string {
	q := site.LatestQuarter()
	if q == nil || q.Counts.Total() == 0 || q.Counts[model.NoData] == q.Counts.Total() {
		all := derive.Counts{}
		for _, m := range site.Measures {
			all[m.Latest.Status]++
		}
		return Headline(all, "")
	}
	label := site.Cal.Label(q.Period)
	s := []string{fmt.Sprintf("The latest figures are for %s (%s).", site.Cal.Months(q.Period), label)}
	if more := StillToCome(q, site.Cal); more != "" {
		s = append(s, more)
	}
	s = append(s, Headline(q.Counts, "in "+label))
	if n := len(site.Measures) - q.Counts.Total(); n > 0 {
		s = append(s, fmt.Sprintf("%s not reported in %s.", capital(plural(n, "yearly measure")+" "+isAre(n)), label))
	}
	rows := make([]row, 0, len(q.Rows))
	for _, r := range q.Rows {
		rows = append(rows, row{r.Measure, *r.Snapshot})
	}
	s = append(s, movement(rows)...)
	return strings.Join(s, " ")
}

// ServiceText is a service page's paragraph: how many measures the service
// has, how they stand by their latest figures, and which of those in the
// latest quarter really got better or worse.
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
	s = append(s, movement(latestRows(sv.Measures, site.Latest))...)
	return strings.Join(s, " ")
}

// QuarterText is a quarter page's "what changed" paragraph: how many
// measures really got better or worse (each compared like with like: the
// quarter before, the same time last year for a running total, the year
// before for a yearly figure), which moved to a better or worse status,
// which have a new yearly figure, and which have no figure.
func QuarterText(q *derive.Quarter, cal model.Calendar) string {
	if q.Previous == nil {
		return fmt.Sprintf("%s is the first quarter in these figures, so there is no quarter before to compare it with.", cal.Months(q.Period))
	}
	rows := make([]row, 0, len(q.Rows))
	annual, missing, first := 0, 0, 0
	for _, r := range q.Rows {
		rows = append(rows, row{r.Measure, *r.Snapshot})
		switch m := r.Measure; {
		case r.Snapshot.Value == nil:
			missing++
		case len(m.Reported) > 0 && m.Reported[0].Period == q.Period:
			first++
		case m.IsAnnual():
			annual++
		}
	}
	s := movement(rows)
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
		out = append(out, changeLine(r.Measure, *r.Snapshot, cal))
	}
	return out
}

func changeLine(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) string {
	mm := &m.Measure
	title := Title(m.Title)
	if snap.Value == nil {
		return title + ": no figure for " + PeriodWords(m, snap.Point) + "."
	}
	first := len(m.Reported) > 0 && m.Reported[0].Period == snap.Period
	ref := BasisWords(snap.Basis)
	v := Value(mm, *snap.Value)
	firstForecast := FirstForecast(snap, cal)
	var s string
	switch {
	case snap.Compare == nil && first && m.New:
		s = fmt.Sprintf("%s: %s, the first figure.", title, v)
	case snap.Compare == nil && first:
		s = fmt.Sprintf("%s: %s, with no earlier figure on this site.", title, v)
	case snap.Compare == nil && firstForecast != "":
		s = fmt.Sprintf("%s: %s, %s.", title, v, firstForecast)
	case snap.Compare == nil:
		s = fmt.Sprintf("%s: %s, with no figure for %s to compare it with.", title, v, ref)
	default:
		d := Diff(mm, *snap.Value, *snap.Compare.Value)
		clause := listClause(m, snap)
		if IsZeroChange(mm, d) {
			s = fmt.Sprintf("%s: %s, the same as %s.", title, v, ref)
			break
		}
		if r := Reduction(mm); r != "" {
			// A reduction's change: better or worse when it is real, as
			// up and down mislead; else a bigger or smaller reduction.
			if c := comparative(mm, d); c != "" && (snap.Verdict == derive.Better || snap.Verdict == derive.Worse) {
				s = fmt.Sprintf("%s: %s, %s than %s.", title, v, c, ref)
				break
			}
			size := map[bool]string{true: "bigger", false: "smaller"}[d > 0]
			s = fmt.Sprintf("%s: %s, a %s %s %s than %s%s.", title, v, r, Change(mm, d), size, ref, clause)
			break
		}
		s = fmt.Sprintf("%s: %s, %s from %s%s.", title, v, Direction(mm, d), ref, clause)
		if len(strings.Fields(s)) > maxWords && clause != "" {
			// Too long for one sentence: what the change means gets its
			// own.
			s = fmt.Sprintf("%s: %s, %s from %s. %s", title, v, Direction(mm, d), ref, clauseSentence(m, snap))
		}
	}
	if from, ok := previousStatus(snap); ok && from != snap.Status {
		s += " " + statusMove("It", snap.Basis, from, snap.Status)
	}
	return s
}

// statusMove says how the status changed since the figure compared with:
// "It moved from close to target to off track." A running total's status
// is compared with the same time last year, which the sentence says.
func statusMove(subject string, b derive.Basis, from, to model.Status) string {
	if b == derive.SameTimeLastYear {
		return fmt.Sprintf("%s is %s; it was %s at the same time last year.", subject, statusWords(to), statusWords(from))
	}
	return fmt.Sprintf("%s moved from %s to %s.", subject, statusWords(from), statusWords(to))
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

// previousStatus is the judged status of the figure a snapshot is
// compared with (the quarter before; the same time last year, for a
// running total; the year before, for a yearly figure), when both it and
// this one are judged.
func previousStatus(snap derive.Snapshot) (model.Status, bool) {
	if snap.Compare == nil || !judged(snap.Status) || !judged(snap.Compare.Status) {
		return "", false
	}
	return snap.Compare.Status, true
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

// movement says, for measures as they stood in a quarter, how many
// really got better or worse, each compared like with like (the quarter
// before; the same time last year, for a running total; the year before,
// for a yearly figure), and which moved to a better or worse status. A
// change is counted only when it is real: a signal in its direction, or
// with too few figures for control limits, at least its change
// threshold.
func movement(rows []row) []string {
	var better, worse, other, revised, compared int
	type move struct {
		title    string
		basis    derive.Basis
		from, to model.Status
	}
	var up, down []move
	for _, r := range rows {
		m, snap := r.m, r.snap
		if snap.Value == nil || snap.Compare == nil {
			continue
		}
		if from, ok := previousStatus(snap); ok && from != snap.Status {
			mv := move{Title(m.Title), snap.Basis, from, snap.Status}
			if rank(snap.Status) < rank(from) {
				up = append(up, mv)
			} else {
				down = append(down, mv)
			}
		}
		compared++
		switch snap.Verdict {
		case derive.Better:
			better++
		case derive.Worse:
			worse++
		case derive.Changed:
			other++
		case derive.NotJudged:
			revised++
		}
	}
	var s []string
	// A forecast's change (a revision, or a yearly forecast's change from
	// the year before) is said on its own, as a real change of a measure
	// where neither direction is better is (other).
	judgedN := compared - other - revised
	switch {
	case judgedN == 0:
	case better+worse == 0 && judgedN == 1:
		s = append(s, "The one measure with a figure to compare did not clearly get better or worse.")
	case better+worse == 0 && judgedN == 2:
		s = append(s, "Neither of the 2 measures with a figure to compare clearly got better or worse.")
	case better+worse == 0:
		s = append(s, fmt.Sprintf("None of the %d measures with a figure to compare clearly got better or worse.", judgedN))
	default:
		var parts []string
		if better > 0 {
			parts = append(parts, fmt.Sprintf("%d got better", better))
		}
		if worse > 0 {
			parts = append(parts, fmt.Sprintf("%d got worse", worse))
		}
		if judgedN == 1 {
			s = append(s, fmt.Sprintf("The one measure with a figure to compare %s.", strings.TrimPrefix(parts[0], "1 ")))
		} else {
			s = append(s, fmt.Sprintf("Of the %d measures with a figure to compare, %s.", judgedN, joinAnd(parts)))
		}
		if rest := judgedN - better - worse; rest > 0 {
			s = append(s, fmt.Sprintf("For the other %d, the change is within normal variation, too small to call or too soon to tell.", rest))
		}
	}
	switch {
	case revised == 1:
		s = append(s, "One forecast changed, which is not called better or worse.")
	case revised > 1:
		s = append(s, fmt.Sprintf("%d forecasts changed, which is not called better or worse.", revised))
	}
	if other > 0 {
		what := "measure"
		if judgedN > 0 {
			what = "other measure"
		}
		s = append(s, fmt.Sprintf("%s changed for real, but for %s going up or down is not good or bad on its own.",
			capital(plural(other, what)), themIt(other)))
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
		s = append(s, statusMove("“"+mv.title+"”", mv.basis, mv.from, mv.to))
	}
	return s
}

func themIt(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
