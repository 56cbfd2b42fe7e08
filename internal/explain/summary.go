package explain

import (
	"fmt"
	"math"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Summary explains one figure in short sentences: what it was and what
// time it covers, how it compares with its target, which way it moved
// since the figure it is compared with (the quarter before; the same time
// last year, for a running total; the year before, for a yearly figure)
// and whether that is a real change or normal variation, whether the
// figures will meet the target, and how it compares with the national
// average. For an annual measure it says when the next figure is due; for
// a quarter with no figure it says so, and what the figure before was.
//
// snap is the measure as it stood in one quarter: m.Latest for the
// measure's page, one of m.Reported (or a no-figure snapshot from
// m.SnapshotAt) for a quarter's page. A snapshot that has been overtaken by
// a newer figure (snap.Newer) is described in the past tense.
func Summary(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) string {
	w := newWriter(m, snap, cal)
	if snap.Value == nil {
		w.missing()
		return w.String()
	}
	w.figure()
	w.target()
	w.change()
	w.assurance()
	w.national()
	w.newer()
	w.nextUpdate()
	return w.String()
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

// TargetUnderReview reports whether the target of the figure is under
// review: one of the measure's caveats says its target is "under review"
// (this applies to the newest figure only, as caveats describe the measure
// as it is now), or the quarter's own note says so.
func TargetUnderReview(m *derive.Measure, snap derive.Snapshot) bool {
	if saysUnderReview(snap.Note) {
		return true
	}
	if snap.Newer {
		return false
	}
	for _, c := range m.Caveats {
		if saysUnderReview(c) {
			return true
		}
	}
	return false
}

func saysUnderReview(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "target") && strings.Contains(s, "under review")
}

// maxWords is the most words a sentence should have, so that it is easy
// to read.
const maxWords = 25

// writer collects the sentences of one summary.
type writer struct {
	m    *derive.Measure
	mm   *model.Measure
	snap derive.Snapshot
	cal  model.Calendar
	is   string // "is", or "was" for a figure that has been overtaken
	has  string // "has" or "had"
	s    []string
}

func newWriter(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) *writer {
	w := &writer{m: m, mm: &m.Measure, snap: snap, cal: cal, is: "is", has: "has"}
	if snap.Newer {
		w.is, w.has = "was", "had"
	}
	return w
}

func (w *writer) add(format string, args ...any) {
	w.s = append(w.s, fmt.Sprintf(format, args...))
}

func (w *writer) String() string { return strings.Join(w.s, " ") }

// figure is the first sentence: the figure with its unit and what it
// covers.
func (w *writer) figure() {
	v := Value(w.mm, *w.snap.Value)
	if w.mm.Unit == model.UnitScore && w.mm.Max != nil {
		v += " out of " + Number(*w.mm.Max, nil) // the scale, as it was written
	}
	switch {
	case w.m.IsForecast(): // worked out once by derive, not by a regular expression for each summary
		// A forecast is made in the quarter but is about a later time:
		// it is not "the figure for" the quarter.
		w.add("The forecast made in %s was %s.", w.cal.Months(w.snap.Period), v)
	case w.m.IsAnnual() && w.snap.Span.Kind != model.SpanYear:
		w.add("The yearly figure reported in %s was %s.", w.cal.Months(w.snap.Period), v)
	default:
		w.add("The figure for %s was %s.", PeriodWords(w.m, w.snap.Point), v)
	}
	if r := Reduction(w.mm); r != "" && *w.snap.Value < 0 && !IsZeroChange(w.mm, *w.snap.Value) {
		w.add("A figure below zero means %s.", opposite[r])
	}
}

// firstFigure says that there is no earlier figure to compare with: the
// measure's first, if it began on this site, or the first this site has.
func (w *writer) firstFigure() {
	if w.m.New {
		w.add("This is the first figure for this measure.")
		return
	}
	w.add("There is no earlier figure on this site to compare it with.")
}

// target compares the figure with its target in the measure's direction,
// says the status it gives, and says so when the council's status
// disagrees with the figures.
func (w *writer) target() {
	snap := w.snap
	st, der := snap.Status, snap.Derived
	override := snap.Override && st != der && judged(st)
	if snap.Target == nil && w.mm.Aim != "" {
		w.aim()
		return
	}
	if snap.Target == nil {
		if override {
			w.add("There is no target, but the council has marked it %s%s.", statusWords(st), w.streak())
		} else {
			w.add("There is no target for this measure.")
		}
		return
	}
	t := Target(w.mm, *snap.Target)
	d := Diff(w.mm, *snap.Value, *snap.Target)
	var s string
	if w.mm.Better == model.BetterNeither {
		w.add("The aim is to stay near the target of %s.", t)
		switch {
		case der == model.OnTrack:
			s = fmt.Sprintf("It %s near enough", w.is)
		case d > 0:
			s = fmt.Sprintf("It %s too far above it", w.is)
		default:
			s = fmt.Sprintf("It %s too far below it", w.is)
		}
	} else {
		switch {
		case der == model.OnTrack && IsZeroChange(w.mm, d):
			s = fmt.Sprintf("That meets the target of %s", t)
			if w.snap.Newer {
				s = fmt.Sprintf("That met the target of %s", t)
			}
		case der == model.OnTrack:
			s = fmt.Sprintf("That %s better than the target of %s", w.is, t)
		case der == model.Close || IsZeroChange(w.mm, d):
			s = fmt.Sprintf("That %s a little worse than the target of %s", w.is, t)
		default:
			s = fmt.Sprintf("That %s worse than the target of %s", w.is, t)
		}
	}
	if !override {
		sentence := fmt.Sprintf("%s, so it %s %s%s.", s, w.is, statusWords(st), w.streak())
		if streak := w.streak(); streak != "" && len(strings.Fields(sentence)) > maxWords {
			// Too long for one sentence: the streak gets its own.
			w.add("%s.", s)
			w.add("It %s been %s%s.", w.has, statusWords(st), streak)
		} else {
			w.add("%s", sentence)
		}
		w.underReview()
		return
	}
	w.add("%s.", s)
	would, marked := "would be", "has marked"
	if w.snap.Newer {
		would, marked = "would have been", "marked"
	}
	w.add("By the figures alone it %s %s, but the council %s it %s.", would, statusWords(der), marked, statusWords(st))
	if streak := w.streak(); streak != "" {
		w.add("It %s been %s%s.", w.has, statusWords(st), streak)
	}
	w.underReview()
}

// streak is " for the third quarter in a row", when the status has lasted.
func (w *writer) streak() string {
	n := Streak(w.m, w.snap)
	if n < 2 || !judged(w.snap.Status) {
		return ""
	}
	unit := "quarter"
	if w.m.IsAnnual() {
		unit = "year"
	}
	return fmt.Sprintf(" for the %s %s in a row", Ordinal(n), unit)
}

// Streak is how many figures in a row, ending with snap, have snap's
// status: consecutive quarters, or for an annual measure consecutive years.
// It is snap.Streak, except that a year with no figure breaks the streak of
// an annual measure.
func Streak(m *derive.Measure, snap derive.Snapshot) int {
	if !m.IsAnnual() {
		return snap.Streak
	}
	i := len(m.Reported) - 1
	for i >= 0 && m.Reported[i].Period != snap.Period {
		i--
	}
	if i < 0 {
		return snap.Streak
	}
	n := 1
	for j := i - 1; j >= 0 && n < snap.Streak; j-- {
		if m.Reported[j].Period != m.Reported[j+1].Period.Add(-4) || m.Reported[j].Status != snap.Status {
			break
		}
		n++
	}
	return n
}

func (w *writer) underReview() {
	if TargetUnderReview(w.m, w.snap) {
		w.add("The target %s under review.", w.is)
	}
}

// change says which way the figure moved since the figure it is compared
// with (its basis), whether that is a real change, and what special cause
// the figure is part of; for a quarterly figure, which way it moved since
// a year earlier too.
func (w *writer) change() {
	snap, mm := w.snap, w.mm
	v := *snap.Value
	first := len(w.m.Reported) > 0 && w.m.Reported[0].Period == snap.Period
	ref := BasisWords(snap.Basis)
	firstForecast := FirstForecast(snap, w.cal)
	var d *float64
	switch {
	case snap.Compare != nil:
		x := Diff(mm, v, *snap.Compare.Value)
		d = &x
		// "That" follows a sentence about the figure and its target; after
		// "There is no target", it would be the target that went up.
		subject := "That"
		if snap.Target == nil {
			subject = "It"
		}
		w.move(subject, x, ref, verdictClause(w.m, snap))
		switch {
		case IsZeroChange(mm, x):
		case snap.Verdict == derive.TooFewToTell:
			w.add(tooSoon)
		case snap.Verdict == derive.NotJudged:
			w.add(notJudged)
		}
	case first:
		w.firstFigure()
	case firstForecast != "":
		w.add("That %s %s, so there %s no earlier forecast for that year to compare it with.", w.is, firstForecast, w.is)
	default:
		w.add("There is no figure for %s to compare with.", ref)
	}
	defer w.signal()
	if snap.Basis != derive.QuarterBefore || snap.YearAgo == nil {
		return
	}
	// A figure compared with the quarter before is also compared with a
	// year earlier, as a plain statement: whether a change is real is said
	// of the change from the quarter before. (A running total and a yearly
	// figure are compared with a year before already; a forecast only with
	// forecasts for its own year.)
	dy := Diff(mm, v, *snap.YearAgo.Value)
	switch {
	case d == nil || IsZeroChange(mm, *d) || IsZeroChange(mm, dy) || Reduction(mm) != "":
		w.move("It", dy, "a year earlier", "")
	case (*d > 0) == (dy > 0):
		w.add("It %s also %s from a year earlier.", w.is, Direction(mm, dy))
	default:
		w.add("But it %s %s from a year earlier.", w.is, Direction(mm, dy))
	}
}

// move writes "That is up 2.8 percentage points from the quarter before,
// which is better." What the change means (clause) is said separately
// from its direction, because up is not always good, and not every
// change is real. A reduction's change is said in words of better and
// worse when it is real ("18 percentage points worse than the quarter
// before"), as up and down mislead: a reduction that went down is a thing
// that went up; otherwise as a bigger or smaller reduction.
func (w *writer) move(subject string, d float64, ref, clause string) {
	if IsZeroChange(w.mm, d) {
		w.add("%s %s the same as %s.", subject, w.is, ref)
		return
	}
	if r := Reduction(w.mm); r != "" {
		real := w.snap.Verdict == derive.Better || w.snap.Verdict == derive.Worse
		if c := comparative(w.mm, d); c != "" && real && clause != "" {
			w.add("%s %s %s than %s.", subject, w.is, c, ref)
			return
		}
		size := "bigger"
		if d < 0 {
			size = "smaller"
		}
		if real {
			clause = "" // a real change said in a plain sentence is not judged here
		}
		w.add("%s %s a %s %s %s than %s%s.", subject, w.is, r, Change(w.mm, d), size, ref, clause)
		return
	}
	w.add("%s %s %s from %s%s.", subject, w.is, Direction(w.mm, d), ref, clause)
}

// comparative is a change of a reduction in words of better and worse,
// not up and down: "18.0 percentage points worse". A reduction that goes
// down is a thing that went up, so "down 18 percentage points" beside
// "violent offences" would read as good news. It is empty for other
// measures, and for a reduction with no better direction.
func comparative(m *model.Measure, d float64) string {
	if Reduction(m) == "" {
		return ""
	}
	switch goodness(m, d) {
	case 1:
		return Change(m, d) + " better"
	case -1:
		return Change(m, d) + " worse"
	}
	return ""
}

// judgement is ", which is better" or ", which is worse" for a difference,
// or nothing when the measure has no better direction.
func judgement(m *model.Measure, d float64) string {
	switch goodness(m, d) {
	case 1:
		return ", which is better"
	case -1:
		return ", which is worse"
	}
	return ""
}

// goodness is 1 when a difference d is better for the measure, -1 when it
// is worse, and 0 when it is no change or the measure has no better
// direction.
func goodness(m *model.Measure, d float64) int {
	switch {
	case IsZeroChange(m, d):
		return 0
	case m.Better == model.BetterHigher && d > 0, m.Better == model.BetterLower && d < 0:
		return 1
	case m.Better == model.BetterHigher && d < 0, m.Better == model.BetterLower && d > 0:
		return -1
	}
	return 0
}

// national compares the figure with the national average.
func (w *writer) national() {
	snap := w.snap
	if snap.National == nil {
		return
	}
	n := Value(w.mm, *snap.National)
	d := Diff(w.mm, *snap.Value, *snap.National)
	if IsZeroChange(w.mm, d) {
		w.add("It %s the same as the national average of %s.", w.is, n)
		return
	}
	if c := comparative(w.mm, d); c != "" {
		w.add("It %s %s than the national average of %s.", w.is, c, n)
		return
	}
	side := "above"
	if d < 0 {
		side = "below"
	}
	diff := Change(w.mm, d)
	if w.mm.Unit == model.UnitRate {
		// The rate's unit once, after the national average: "14.8 below
		// the national average of 71.0 per 10,000 children".
		diff = Number(math.Abs(d), w.mm.Decimals)
	}
	w.add("It %s %s %s the national average of %s%s.", w.is, diff, side, n, judgement(w.mm, d))
}

// newer says when a quarterly measure has no figure for the quarters since
// its latest one.
func (w *writer) newer() {
	if w.snap.Newer || w.m.IsAnnual() || len(w.m.Series) == 0 {
		return
	}
	last := w.m.Series[len(w.m.Series)-1]
	if !w.snap.Period.Before(last.Period) {
		return
	}
	if n := last.Period.Index() - w.snap.Period.Index(); n > 1 {
		w.add("There are no figures yet for the %d quarters since then.", n)
		return
	}
	w.add("There is no figure yet for %s.", PeriodWords(w.m, last))
}

// nextUpdate says when an annual figure will next change: after the year
// the next figure covers has ended, when the measure says which year it
// covers; else in the quarter that reports it each year.
func (w *writer) nextUpdate() {
	if !w.m.IsAnnual() || w.snap.Newer || len(w.m.Reported) == 0 {
		return
	}
	if next, ok := w.m.NextSpan(); ok {
		w.add("The next figure, for %s, is due after %s.", PeriodWords(w.m, derive.Point{Span: next}), next.To.Format("January 2006"))
		return
	}
	w.add("This figure is updated once a year; the next figure is due in %s.", w.cal.LongLabel(w.m.NextUpdate))
}

// missing explains a quarter with no figure.
func (w *writer) missing() {
	if len(w.m.Reported) == 0 {
		w.add("There are no figures for this measure yet.")
		if w.m.IsAnnual() {
			w.add("This measure is updated once a year.")
		}
		if w.snap.Target != nil {
			w.add("The target is %s.", Target(w.mm, *w.snap.Target))
		}
		return
	}
	p := w.snap.Period
	w.add("There is no figure for %s.", PeriodWords(w.m, w.snap.Point))
	var before *derive.Snapshot
	for i := range w.m.Reported {
		if w.m.Reported[i].Period.Before(p) {
			before = &w.m.Reported[i]
		}
	}
	if before != nil {
		w.add("The figure before that was %s, for %s.", Value(w.mm, *before.Value), PeriodWords(w.m, before.Point))
	}
}

// judged reports whether a status is a judgement against a target.
func judged(s model.Status) bool {
	return s == model.OnTrack || s == model.Close || s == model.OffTrack
}

// statusWords is a status as words in a sentence: "on track".
func statusWords(s model.Status) string { return strings.ToLower(s.Label()) }
