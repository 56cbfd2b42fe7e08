package explain

import (
	"fmt"
	"math"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/spc"
)

// PeriodWords is what a figure covers, in words for a sentence: "July to
// September 2023"; for a running total "April to September 2024 (so far
// this year)" or, at the year's end, "April 2023 to March 2024 (the whole
// year)"; for a yearly figure the year its measure covers: "the year April
// 2023 to March 2024", "2023", "the 2022/23 academic year". A yearly
// figure whose measure does not say which year it covers is known by the
// quarter that reports it.
func PeriodWords(m *derive.Measure, pt derive.Point) string {
	s := pt.Span
	switch s.Kind {
	case model.SpanYearToDate:
		if inLatestYear(m, pt) {
			return s.Months() + " (so far this year)"
		}
		return s.Months() + " (the year to date)"
	case model.SpanWholeYear:
		return s.Months() + " (the whole year)"
	case model.SpanYear:
		switch {
		case s.Year == model.CoversAcademicYear:
			return "the " + s.YearLabel() + " academic year"
		case s.From.Year() == s.To.Year():
			return s.YearLabel()
		}
		return "the year " + s.Months()
	}
	return s.Months()
}

// inLatestYear reports whether pt is in the reporting year of the
// measure's last quarter, the site's latest: its running total is the one
// still growing.
func inLatestYear(m *derive.Measure, pt derive.Point) bool {
	return len(m.Series) > 0 && m.Series[len(m.Series)-1].Period.Year == pt.Period.Year
}

// PeriodLabel is a figure's period in short, for lists, tables, charts and
// downloads: "Q2 2023/24"; for a running total "Q2 2024/25 (year to
// date)" or "Q4 2023/24 (whole year)"; for a yearly figure the year it
// covers: "2023/24", "2023", "2022/23 academic year" (or, when its measure
// does not say, the quarter that reports it).
func PeriodLabel(pt derive.Point, cal model.Calendar) string {
	s := pt.Span
	switch s.Kind {
	case model.SpanYearToDate:
		return cal.Label(pt.Period) + " (year to date)"
	case model.SpanWholeYear:
		return cal.Label(pt.Period) + " (whole year)"
	case model.SpanYear:
		if s.Year == model.CoversAcademicYear {
			return s.YearLabel() + " academic year"
		}
		return s.YearLabel()
	}
	return cal.Label(pt.Period)
}

// BasisWords is what a figure is compared with, for a sentence: "the
// quarter before", "the same time last year", "the year before".
func BasisWords(b derive.Basis) string {
	switch b {
	case derive.SameTimeLastYear:
		return "the same time last year"
	case derive.YearBefore:
		return "the year before"
	case derive.EarlierForecast:
		return "the forecast made the quarter before"
	}
	return "the quarter before"
}

// FirstForecast is "the first forecast for 2024/25" when snap is the first
// forecast of its year, which is compared with no earlier one
// (derive.EarlierForecast): "" otherwise.
func FirstForecast(snap derive.Snapshot, cal model.Calendar) string {
	if snap.Basis != derive.EarlierForecast || snap.Period.Quarter != 1 {
		return ""
	}
	return "the first forecast for " + cal.YearLabel(snap.Period)
}

// verdictClause says what a change means, to follow it in a sentence:
// ", which is better", ", which is within normal variation". It is empty
// when there is nothing to call (TooFewToTell is said in a sentence of its
// own in a summary; lists use listClause).
func verdictClause(m *derive.Measure, snap derive.Snapshot) string {
	switch snap.Verdict {
	case derive.Better:
		return ", which is better"
	case derive.Worse:
		return ", which is worse"
	case derive.Changed:
		if snap.Then != nil {
			return ", which is more than normal variation"
		}
		return ", which is a large change"
	case derive.NormalVariation:
		return ", which is within normal variation"
	case derive.TooSmall:
		if m.Better == model.BetterNeither {
			return ", which is a small change"
		}
		return ", which is too small to call better or worse"
	}
	return ""
}

// tooSoon is the sentence for a change that cannot be called yet.
const tooSoon = "There are too few figures yet to tell a real change from normal variation."

// notJudged is the sentence for a forecast's change, which has no usual
// range and no change threshold to judge it by (derive.NotJudged).
const notJudged = "A forecast has no usual range to judge a change by, so this one is not called better or worse."

// listClause says what a change means in a line of a list, in as few
// words as the meaning allows: ", which is better", ", within normal
// variation", ", too soon to tell".
func listClause(m *derive.Measure, snap derive.Snapshot) string {
	switch snap.Verdict {
	case derive.Changed:
		return ", a real change"
	case derive.NormalVariation:
		return ", within normal variation"
	case derive.TooSmall:
		if m.Better == model.BetterNeither {
			return ", a small change"
		}
		return ", too small to call"
	case derive.TooFewToTell:
		return ", too soon to tell"
	case derive.NotJudged:
		return ", not called better or worse"
	}
	return verdictClause(m, snap)
}

// clauseSentence is what listClause says, as a sentence of its own.
func clauseSentence(m *derive.Measure, snap derive.Snapshot) string {
	if snap.Verdict == derive.TooFewToTell {
		return "It is too soon to tell whether that is real."
	}
	return "That is " + strings.TrimPrefix(strings.TrimPrefix(listClause(m, snap), ", "), "which is ") + "."
}

// Cue is a figure's change in a few words for lists, with what it means,
// so that every up or down has a better or worse cue beside it, in words
// and an icon, never colour alone.
type Cue struct {
	// Change is the change: "up 2.3 percentage points", "no change".
	Change string
	// Since is what it is compared with: "on the quarter before", "on the
	// same time last year", "on the year before".
	Since string
	// Meaning is what the change means: "better", "worse", "a real
	// change" (a measure where neither direction is better), "normal
	// variation", "too small to call", "too soon to tell", "not called
	// better or worse" (a forecast's change); empty for no change.
	Meaning string
	// Icon names the icon for the meaning: "better", "worse", "changed"
	// or "no-real-change"; empty for no change.
	Icon string
}

// String is the cue as list text: "up 2.3 percentage points on the
// quarter before: better".
func (c Cue) String() string {
	s := c.Change + " " + c.Since
	if c.Meaning != "" {
		s += ": " + c.Meaning
	}
	return s
}

// ChangeCue is the cue of a snapshot's change from the figure it is
// compared with (its Compare: the quarter before, the same time last
// year, the year before). ok is false when there is nothing to compare.
func ChangeCue(m *derive.Measure, snap derive.Snapshot) (Cue, bool) {
	if snap.Value == nil || snap.Compare == nil || snap.Compare.Value == nil {
		return Cue{}, false
	}
	mm := &m.Measure
	d := Diff(mm, *snap.Value, *snap.Compare.Value)
	c := Cue{Change: Direction(mm, d), Since: "on " + BasisWords(snap.Basis)}
	if IsZeroChange(mm, d) {
		return c, true
	}
	c.Meaning, c.Icon = verdictMeaning(snap.Verdict)
	return c, true
}

// verdictMeaning is a verdict in a word or two, and its icon.
func verdictMeaning(v derive.Verdict) (meaning, icon string) {
	switch v {
	case derive.Better:
		return "better", "better"
	case derive.Worse:
		return "worse", "worse"
	case derive.Changed:
		return "a real change", "changed"
	case derive.NormalVariation:
		return "normal variation", "no-real-change"
	case derive.TooSmall:
		return "too small to call", "no-real-change"
	case derive.NotJudged:
		return "not called better or worse", "no-real-change"
	}
	return "too soon to tell", "no-real-change"
}

// Signal describes the special cause a figure is part of, as c (its
// Control, as the figures up to quarter asOf show it) says, in a short
// phrase for a table or a chart's tooltip: "above the usual range", "one
// of 10 in a row above the average", "part of 7 rises in a row", "near
// the top of the usual range". It is empty for a figure that is not a
// signal.
func Signal(m *derive.Measure, pt derive.Point, c *derive.Control, asOf model.Period) string {
	if c == nil || !c.Flag.Signal() || pt.Value == nil {
		return ""
	}
	side, rule := strongest(c.Flag)
	switch rule {
	case spc.Outside:
		return sideWord(side, "above", "below") + " the usual range"
	case spc.Shift:
		return fmt.Sprintf("one of %d in a row %s the average", runAround(m, pt, asOf, side, func(v float64) bool {
			return (v-c.Mean)*float64(side) > 0
		}), sideWord(side, "above", "below"))
	case spc.Trend:
		n := runAround(m, pt, asOf, side, nil)
		return fmt.Sprintf("part of %d %s in a row", n-1, sideWord(side, "rises", "falls"))
	}
	return "near the " + sideWord(side, "top", "bottom") + " of the usual range"
}

// runAround is how many like-for-like figures in a row, up to quarter
// asOf, make the run pt is part of: with in, those for which in(figure)
// holds; with nil, those that each step the way of side from the one
// before (the figures of a trend, with the one it starts from).
func runAround(m *derive.Measure, pt derive.Point, asOf model.Period, side int, in func(v float64) bool) int {
	// The like-for-like figures up to asOf, as indexes of the series, in
	// place: a chart asks this of each of its signals.
	like := func(i int) bool {
		q := m.Series[i]
		return q.Value != nil && !asOf.Before(q.Period) && (!m.Cumulative || m.IsAnnual() || q.Period.Quarter == pt.Period.Quarter)
	}
	at := -1
	for i := range m.Series {
		if m.Series[i].Period == pt.Period {
			at = i
		}
	}
	if at < 0 || !like(at) {
		return 0
	}
	prev := func(i int) int { // the like figure before i, or -1
		for i--; i >= 0 && !like(i); i-- {
		}
		return i
	}
	next := func(i int) int { // the like figure after i, or -1
		for i++; i < len(m.Series) && !like(i); i++ {
		}
		if i == len(m.Series) {
			return -1
		}
		return i
	}
	v := func(i int) float64 { return *m.Series[i].Value }
	joins := func(a, b int) bool { // b follows a in the run
		if in != nil {
			return in(v(a)) && in(v(b))
		}
		return (v(b)-v(a))*float64(side) > 0
	}
	n := 1
	for i, p := at, prev(at); p >= 0 && joins(p, i); i, p = p, prev(p) {
		n++
	}
	for i, q := at, next(at); q >= 0 && joins(i, q); i, q = q, next(q) {
		n++
	}
	return n
}

// SignalMeaning is what a figure's special cause means for the measure:
// "better", "worse" or "a real change"; empty when it is not a signal.
func SignalMeaning(m *derive.Measure, c *derive.Control) string {
	if c == nil || !c.Flag.Signal() {
		return ""
	}
	side, _ := strongest(c.Flag)
	switch goodness(&m.Measure, float64(side)) {
	case 1:
		return "better"
	case -1:
		return "worse"
	}
	return "a real change"
}

// strongest is the side and rule to tell of a figure that breaks several:
// outside the limits first, then a shift, a trend, two of three.
func strongest(f spc.Flag) (side int, rule spc.Rule) {
	for _, r := range spc.Rules {
		if f.High.Has(r) {
			return 1, r
		}
		if f.Low.Has(r) {
			return -1, r
		}
	}
	return 0, 0
}

func sideWord(side int, high, low string) string {
	if side > 0 {
		return high
	}
	return low
}

// shiftRun is how many like-for-like figures in a row, ending with pt's,
// are on its side of the mean.
func shiftRun(m *derive.Measure, pt derive.Point, c *derive.Control) int {
	like := m.LikeForLike(pt.Period)
	side := math.Copysign(1, *pt.Value-c.Mean)
	n := 0
	for i := len(like) - 1; i >= 0 && (*like[i].Value-c.Mean)*side > 0; i-- {
		n++
	}
	return n
}

// trendRun is how many like-for-like figures in a row, ending with pt's,
// are each higher (or each lower) than the one before: the number of
// rises or falls.
func trendRun(m *derive.Measure, pt derive.Point) int {
	like := m.LikeForLike(pt.Period)
	n := 0
	for i := len(like) - 1; i > 0; i-- {
		d := *like[i].Value - *like[i-1].Value
		last := *like[len(like)-1].Value - *like[len(like)-2].Value
		if d == 0 || (d > 0) != (last > 0) {
			break
		}
		n++
	}
	return n
}

// unitOf is what one step of the like-for-like figures is: a quarter, or
// a year for a yearly figure or a running total (compared with the same
// quarter of each year).
func unitOf(m *derive.Measure) string {
	if m.IsAnnual() || m.Cumulative {
		return "year"
	}
	return "quarter"
}

// signal is the sentence about the special cause the figure is part of,
// as it stood then: "It is above its usual range: a real change for the
// worse." It begins "Still," when the change from the figure compared
// with was normal variation.
func (w *writer) signal() {
	c := w.snap.Then
	if c == nil || !c.Flag.Signal() {
		return
	}
	side, rule := strongest(c.Flag)
	unit := unitOf(w.m)
	var phrase string
	switch rule {
	case spc.Outside:
		phrase = fmt.Sprintf("%s %s its usual range", w.is, sideWord(side, "above", "below"))
	case spc.Shift:
		phrase = fmt.Sprintf("%s %s its average for the %s %s in a row", w.is, sideWord(side, "above", "below"), Ordinal(shiftRun(w.m, w.snap.Point, c)), unit)
	case spc.Trend:
		phrase = fmt.Sprintf("%s %s for the %s %s in a row", w.has, sideWord(side, "risen", "fallen"), Ordinal(trendRun(w.m, w.snap.Point)), unit)
	default:
		phrase = fmt.Sprintf("%s near the %s of its usual range twice in three %ss", w.is, sideWord(side, "top", "bottom"), unit)
	}
	meaning := "a real change, not normal variation"
	switch goodness(w.mm, float64(side)) {
	case 1:
		meaning = "a real change for the better"
	case -1:
		meaning = "a real change for the worse"
	}
	still := ""
	if w.snap.Verdict == derive.NormalVariation {
		still = "Still, "
	}
	w.add("%s: %s.", capital(still+"it "+phrase), meaning)
}

// assurance says whether the figures, by their usual range, will meet the
// target.
func (w *writer) assurance() {
	snap := w.snap
	if snap.Then == nil || snap.Target == nil {
		return
	}
	will, can := "will", "can"
	if snap.Newer {
		will, can = "would", "could"
	}
	unit := unitOf(w.m)
	neither := w.mm.Better == model.BetterNeither
	switch snap.Assurance {
	case derive.ReliablyMeets:
		if neither {
			w.add("On its usual range of figures, it %s be relied on to stay near the target.", can)
		} else {
			w.add("On its usual range of figures, it %s be relied on to meet the target.", can)
		}
	case derive.ReliablyMisses:
		if neither {
			w.add("On its usual range of figures, it %s not come near enough to the target without a real change.", will)
		} else {
			w.add("On its usual range of figures, it %s not meet the target without a real change.", will)
		}
	case derive.SometimesMeets:
		w.add("The target is within its usual range, so it %s be met in some %ss and missed in others.", will, unit)
	case derive.Changing:
		w.add("As its figures have changed for real, their usual range cannot yet show whether it %s meet the target.", will)
	}
}

// AssuranceWords is a snapshot's assurance in a few words for a badge,
// with its icon's name: "Reliably meets the target" (icon
// "assurance-meets"), "Reliably misses the target" ("assurance-misses"),
// "Sometimes meets the target" ("assurance-sometimes"), or, when the
// figures have just changed for real, "Changing: too soon to tell whether
// it will meet the target" ("assurance-changing"). Both are empty when
// there is no assurance to give.
func AssuranceWords(a derive.Assurance) (words, icon string) {
	switch a {
	case derive.ReliablyMeets:
		return "Reliably meets the target", "assurance-meets"
	case derive.ReliablyMisses:
		return "Reliably misses the target", "assurance-misses"
	case derive.SometimesMeets:
		return "Sometimes meets the target", "assurance-sometimes"
	case derive.Changing:
		return "Changing: too soon to tell whether it will meet the target", "assurance-changing"
	}
	return "", ""
}

// aimWords is what the council aims for: "to increase it".
func aimWords(aim string) string {
	switch aim {
	case model.AimIncrease:
		return "to increase it"
	case model.AimReduce:
		return "to reduce it"
	}
	return "to keep it steady"
}

// aim is the target sentence of a figure whose target is a direction:
// "It is improving, as the council aims, so it is on track."
func (w *writer) aim() {
	snap, mm := w.snap, w.mm
	st, der := snap.Status, snap.Derived
	override := snap.Override && st != der
	aim := aimWords(mm.Aim)
	var s string
	switch {
	case der == model.OnTrack && mm.Aim == model.AimMaintain:
		s = fmt.Sprintf("It %s holding steady, as the council aims", w.is)
	case der == model.OnTrack:
		s = fmt.Sprintf("It %s improving, as the council aims", w.is)
	case der == model.OffTrack && mm.Better == model.BetterNeither:
		s = fmt.Sprintf("It %s moving away from its usual level, though the council aims %s", w.is, aim)
	case der == model.OffTrack:
		s = fmt.Sprintf("It %s getting worse, though the council aims %s", w.is, aim)
	case snap.Verdict == derive.NotJudged: // the change's sentence says why it is not judged
		s = fmt.Sprintf("The council aims %s", aim)
		if snap.Newer {
			s = fmt.Sprintf("The council aimed %s", aim)
		}
	default:
		s = fmt.Sprintf("The council aims %s, but there %s no clear change yet", aim, w.is)
		if snap.Newer {
			s = fmt.Sprintf("The council aimed %s, but there was no clear change then", aim)
		}
	}
	if !override {
		if der == model.NoChange {
			w.add("%s.", s)
			return
		}
		sentence := fmt.Sprintf("%s, so it %s %s%s.", s, w.is, statusWords(st), w.streak())
		if streak := w.streak(); streak != "" && len(strings.Fields(sentence)) > maxWords {
			// Too long for one sentence: the streak gets its own.
			w.add("%s, so it %s %s.", s, w.is, statusWords(st))
			w.add("It %s been %s%s.", w.has, statusWords(st), streak)
			return
		}
		w.add("%s", sentence)
		return
	}
	w.add("%s.", s)
	would, marked := "would be", "has marked"
	if snap.Newer {
		would, marked = "would have been", "marked"
	}
	w.add("By the figures alone it %s %s, but the council %s it %s.", would, statusIs(der), marked, statusWords(st))
	if streak := w.streak(); streak != "" {
		w.add("It %s been %s%s.", w.has, statusWords(st), streak)
	}
}

// statusIs is a status after "it would be": "on track", "showing no
// clear change".
func statusIs(s model.Status) string {
	if s == model.NoChange {
		return "showing no clear change"
	}
	return statusWords(s)
}
