package derive

import (
	"math"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/spc"
)

// Basis is what a figure is compared with, so that a change is always
// between like and like.
type Basis int

const (
	// NoBasis: nothing to compare with (a quarter with no figure).
	NoBasis Basis = iota
	// QuarterBefore: a quarterly figure is compared with the quarter
	// before.
	QuarterBefore
	// SameTimeLastYear: a year-to-date figure (cumulative = true) is
	// compared with the same quarter of the year before, never with the
	// quarter before. Across the year's start the quarter before is
	// another year's total, which starts again from nothing; within a
	// year, the change from the quarter before is mostly that quarter's
	// own addition, which grows a running total whether things went well
	// or badly. The same point of the year before is the only like for
	// like.
	SameTimeLastYear
	// YearBefore: a yearly figure is compared with the figure for the
	// year before, never with an older one or one that overlaps it.
	YearBefore
	// EarlierForecast: a forecast of the year's outcome
	// (model.Measure.IsForecast) is compared with the forecast made the
	// quarter before, for the same year. The first forecast of a year has
	// none: the one before it was about another year, with another budget,
	// so the change between them is not a change in either.
	EarlierForecast
	numBases // how many there are: a new one goes before it
)

// Verdict says whether a change is a real one.
type Verdict int

const (
	// NoVerdict: no change to judge (nothing to compare with, or the same
	// figure).
	NoVerdict Verdict = iota
	// Better and Worse: a real change in the measure's better or worse
	// direction.
	Better
	Worse
	// Changed: a real change, of a measure for which neither direction
	// is better.
	Changed
	// NormalVariation: with control limits, the change is not a signal.
	NormalVariation
	// TooSmall: too few figures for control limits, and the change is
	// smaller than the measure's change threshold.
	TooSmall
	// TooFewToTell: too few figures for control limits, and no change
	// threshold is set.
	TooFewToTell
	// NotJudged: a forecast's change, and no change threshold to judge it
	// by. A forecast, quarterly or yearly, has no control limits, however
	// many there are: each year's are about a different year, against a
	// different budget, so limits that mix them describe none of them.
	NotJudged
	numVerdicts // how many there are: a new one goes before it
)

// Real reports whether the verdict is a real change, better, worse or
// neither.
func (v Verdict) Real() bool { return v == Better || v == Worse || v == Changed }

// Name is the verdict as the downloads' change_means column writes it
// (the data dictionary lists them); "" for NoVerdict.
func (v Verdict) Name() string {
	switch v {
	case Better:
		return "better"
	case Worse:
		return "worse"
	case Changed:
		return "real change"
	case NormalVariation:
		return "normal variation"
	case TooSmall:
		return "too small to call"
	case TooFewToTell:
		return "too soon to tell"
	case NotJudged:
		return "not judged"
	}
	return ""
}

// Name is the basis as the downloads write it ("quarter-before"); "" for
// NoBasis.
func (b Basis) Name() string {
	switch b {
	case SameTimeLastYear:
		return "same-time-last-year"
	case YearBefore:
		return "year-before"
	case QuarterBefore:
		return "quarter-before"
	case EarlierForecast:
		return "earlier-forecast"
	}
	return ""
}

// Assurance says whether a process, as its control limits describe it,
// will meet its target (Making Data Count's "assurance").
type Assurance int

const (
	// NoAssurance: no target, or too few figures for control limits.
	NoAssurance Assurance = iota
	// ReliablyMeets: the whole of the usual range is on the target's
	// right side (within its tolerance, for a measure where neither
	// direction is better).
	ReliablyMeets
	// ReliablyMisses: the whole of the usual range is on the wrong side.
	ReliablyMisses
	// SometimesMeets: the target is inside the usual range: some figures
	// will meet it and some will not, by normal variation alone.
	SometimesMeets
	// Changing: the figure is a signal of real change, so the usual range,
	// worked out from figures before and after the change, cannot say
	// what the process will do now.
	Changing
	numAssurances // how many there are: a new one goes before it
)

// Name is the assurance as the downloads write it ("meets"); "" for
// NoAssurance.
func (a Assurance) Name() string {
	switch a {
	case ReliablyMeets:
		return "meets"
	case ReliablyMisses:
		return "misses"
	case SometimesMeets:
		return "sometimes"
	case Changing:
		return "changing"
	}
	return ""
}

// Control is what statistical process control says of one figure among
// its like-for-like figures (see Measure.likeForLike).
type Control struct {
	// Points is how many figures the limits come from.
	Points int
	// Mean is their mean; Lower and Upper are the natural process limits.
	Mean, Lower, Upper float64
	// MeanRange is the mean of their moving ranges: how much a figure
	// usually moves from one to the next.
	MeanRange float64
	// Flag is what the special-cause rules say of this figure.
	Flag spc.Flag
}

// ControlWindow is the most like-for-like figures the limits come from:
// the latest 40 (ten years of quarters). Older figures describe a
// service as it used to be, and it bounds the work for each figure.
const ControlWindow = 40

// judging is what a site sets for judging every measure.
type judging struct {
	cal            model.Calendar
	toleranceShare *float64 // site.toml's tolerance
	thresholdShare *float64 // site.toml's change_threshold
}

// ToleranceAt is how far on the wrong side of target a figure may be and
// still be close to target, in the measure's unit: its tolerance, or its
// share of the target (tolerance = "5%"), or the site's default share of
// the target; zero when none is set.
func (m *Measure) ToleranceAt(target float64) float64 {
	switch {
	case m.Tolerance != nil:
		return *m.Tolerance
	case m.ToleranceShare != nil:
		return *m.ToleranceShare * math.Abs(target)
	case m.judge.toleranceShare != nil:
		return *m.judge.toleranceShare * math.Abs(target)
	}
	return 0
}

// ToleranceRule says how the tolerance is set: a number in the measure's
// unit, or a share of the target (the measure's or the site's default).
// Both are nil when none is set.
func (m *Measure) ToleranceRule() (number, share *float64) {
	switch {
	case m.Tolerance != nil:
		return m.Tolerance, nil
	case m.ToleranceShare != nil:
		return nil, m.ToleranceShare
	}
	return nil, m.judge.toleranceShare
}

// ChangeThresholdAt is how large a change from the figure compared must
// be to be called better or worse while there are too few figures for
// control limits: the measure's change_threshold, or its share of
// compared, or the site's share. ok is false when none is set, or a share
// is set and compared is zero.
func (m *Measure) ChangeThresholdAt(compared float64) (threshold float64, ok bool) {
	share := m.ChangeThresholdShare
	switch {
	case m.ChangeThreshold != nil:
		return *m.ChangeThreshold, true
	case share == nil:
		share = m.judge.thresholdShare
	}
	if share == nil || compared == 0 {
		return 0, false
	}
	return *share * math.Abs(compared), true
}

// ChangeThresholdRule says how the change threshold is set: a number in
// the measure's unit, or a share of the figure compared with (the
// measure's or the site's default). Both are nil when none is set.
func (m *Measure) ChangeThresholdRule() (number, share *float64) {
	switch {
	case m.ChangeThreshold != nil:
		return m.ChangeThreshold, nil
	case m.ChangeThresholdShare != nil:
		return nil, m.ChangeThresholdShare
	}
	return nil, m.judge.thresholdShare
}

// span is what the figure of quarter p covers.
func (m *Measure) span(p model.Period) model.Span {
	switch {
	case m.IsAnnual() && m.Covers != "":
		return m.judge.cal.YearCovered(m.Covers, m.forecast, p)
	case m.Cumulative && !m.IsAnnual():
		return m.judge.cal.YearToDate(p)
	}
	return m.judge.cal.QuarterSpan(p)
}

// Basis is what each figure of the measure is compared with: the same
// for all of them, worked out once (a forecast is known by its title).
func (m *Measure) Basis() Basis { return m.basis }

// IsForecast reports whether the measure's figures are forecasts, as its
// title says (model.Measure.IsForecast), worked out once by Derive: a
// quarterly forecast is compared with the forecast made the quarter
// before (EarlierForecast), a yearly one with the year before's, and
// neither has a usual range (NotJudged).
func (m *Measure) IsForecast() bool { return m.forecast }

// basisOf is what m's figures are compared with; forecast is whether they
// are forecasts (IsForecast).
func basisOf(m *model.Measure, forecast bool) Basis {
	switch {
	case m.Frequency == model.Annual:
		return YearBefore
	case m.Cumulative:
		return SameTimeLastYear
	case forecast:
		return EarlierForecast
	}
	return QuarterBefore
}

// comparedWith finds the figure that the figure of series point i is
// compared with, by its basis: nil when it has no figure. It points into
// the series, which does not grow once derived: a national site has
// hundreds of thousands of figures.
func (m *Measure) comparedWith(i int, byPeriod map[model.Period]int) *Point {
	pt := m.Series[i]
	var at model.Period
	switch m.basis {
	case QuarterBefore:
		at = pt.Period.Add(-1)
	case SameTimeLastYear:
		at = pt.Period.Add(-4)
	case EarlierForecast:
		if pt.Period.Quarter == 1 {
			return nil // the year's first forecast
		}
		at = pt.Period.Add(-1)
	case YearBefore:
		// The figure whose year is the year before this one's: by the
		// span it covers when the measure says, else by the quarter that
		// reports it, a year before.
		want := pt.Span.Shift(-1)
		for j := i - 1; j >= 0; j-- {
			q := &m.Series[j]
			if q.Span.From.Equal(want.From) && q.Span.To.Equal(want.To) && q.Value != nil {
				return q
			}
		}
		return nil
	}
	if j, ok := byPeriod[at]; ok && m.Series[j].Value != nil {
		return &m.Series[j]
	}
	return nil
}

// likeForLike groups the figures of the series that statistical process
// control compares with each other: every figure of a quarterly or yearly
// measure; for a year-to-date measure, the figures of the same quarter of
// each year (the first quarter's with the first quarter's), as a running
// total is only like the same running total a year before; none for a
// forecast (NotJudged). Each group holds indexes of Series, oldest first.
func (m *Measure) likeForLike() [][]int {
	if m.forecast {
		return nil // see NotJudged
	}
	groups := map[int][]int{}
	var keys []int
	for i, pt := range m.Series {
		if pt.Value == nil {
			continue
		}
		k := 0
		if m.Cumulative && !m.IsAnnual() {
			k = pt.Period.Quarter
		}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], i)
	}
	out := make([][]int, 0, len(keys))
	for _, k := range keys {
		out = append(out, groups[k])
	}
	return out
}

// analyse is statistical process control of the series figures at the
// indexes idx (at most ControlWindow of them): one Control per index, or
// nil when there are too few figures.
func (m *Measure) analyse(idx []int) []*Control {
	if len(idx) < spc.MinPoints {
		return nil
	}
	values := make([]float64, len(idx))
	for k, i := range idx {
		values[k] = *m.Series[i].Value
	}
	res, ok := spc.Analyse(values)
	if !ok {
		return nil
	}
	out := make([]*Control, len(idx))
	for k := range idx {
		out[k] = &Control{Points: len(idx), Mean: res.Mean, MeanRange: res.MeanRange, Lower: res.Lower, Upper: res.Upper, Flag: res.Flags[k]}
	}
	return out
}

// controls works out statistical process control for every figure of the
// series: now, as the latest figures show it (Point.Control, for tables,
// charts and downloads), and then, as it stood when each figure was the
// newest, from that figure and those before it (returned by series
// index, for the words about that figure, as it was published).
func (m *Measure) controls() (then []*Control) {
	then = make([]*Control, len(m.Series))
	for _, group := range m.likeForLike() {
		if len(group) < spc.MinPoints {
			continue
		}
		values := make([]float64, len(group))
		for k, i := range group {
			values[k] = *m.Series[i].Value
		}
		// One Control for each figure then, and for each figure of the
		// last window now: a national site works this out for every
		// figure, so they are made in one go.
		made := make([]Control, len(group)-spc.MinPoints+1+min(len(group), ControlWindow))
		for j := spc.MinPoints - 1; j < len(group); j++ {
			lo := max(0, j+1-ControlWindow)
			window := values[lo : j+1]
			res, _ := spc.Analyse(window)
			c := &made[0]
			made = made[1:]
			*c = Control{Points: len(window), Mean: res.Mean, MeanRange: res.MeanRange, Lower: res.Lower, Upper: res.Upper, Flag: res.Flags[len(window)-1]}
			then[group[j]] = c
			if j < len(group)-1 {
				continue
			}
			// The latest figure's analysis is the one of now.
			for k, i := range group[lo:] {
				now := &made[k]
				*now = Control{Points: len(window), Mean: res.Mean, MeanRange: res.MeanRange, Lower: res.Lower, Upper: res.Upper, Flag: res.Flags[k]}
				m.Series[i].Control = now
			}
		}
	}
	return then
}

// ControlsAt is statistical process control of the measure's figures as
// it stood in quarter p, for its chart as published then: one Control per
// Series index, from the like-for-like figures up to p (at most
// ControlWindow of them); nil for a figure after p, outside the window,
// with too few like-for-like figures, or with no figure.
func (m *Measure) ControlsAt(p model.Period) []*Control {
	out := make([]*Control, len(m.Series))
	for _, group := range m.likeForLike() {
		n := 0
		for n < len(group) && !p.Before(m.Series[group[n]].Period) {
			n++
		}
		window := group[max(0, n-ControlWindow):n]
		for k, c := range m.analyse(window) {
			out[window[k]] = c
		}
	}
	return out
}

// verdict says whether the change from compared to pt is real: with
// control limits (then), when pt is a special cause in the direction of
// the change and the change is at least a usual move from one figure to
// the next (then.MeanRange): a signal is about the level, and a small
// step to a figure that is part of one is still normal variation (the
// signal has its own sentence); with too few figures, when the change is
// at least the change threshold.
func (m *Measure) verdict(pt Point, compared *Point, then *Control) Verdict {
	if pt.Value == nil || compared == nil || compared.Value == nil {
		return NoVerdict
	}
	d := *pt.Value - *compared.Value
	if d == 0 {
		return NoVerdict
	}
	if then != nil {
		if !then.Flag.Towards(d) || math.Abs(d) < then.MeanRange {
			return NormalVariation
		}
		return m.direction(d)
	}
	threshold, ok := m.ChangeThresholdAt(*compared.Value)
	switch {
	case !ok && m.forecast:
		return NotJudged
	case !ok:
		return TooFewToTell
	case math.Abs(d) < threshold-1e-9*math.Max(1, threshold):
		return TooSmall
	}
	return m.direction(d)
}

// direction is a real change d as better, worse or neither.
func (m *Measure) direction(d float64) Verdict {
	switch {
	case m.Better == model.BetterHigher && d > 0, m.Better == model.BetterLower && d < 0:
		return Better
	case m.Better == model.BetterHigher && d < 0, m.Better == model.BetterLower && d > 0:
		return Worse
	}
	return Changed
}

// aimStatus is the status of a figure whose target is a direction (Aim):
// with control limits, whether the figure is a special cause towards the
// aim (on track: improving, as the council aims) or against it (off
// track); with too few figures, the verdict on its change by the change
// threshold. No real change is NoChange, except for an aim to maintain,
// which it meets.
func (m *Measure) aimStatus(v Verdict, then *Control) model.Status {
	good, bad := false, false
	if then != nil {
		up, down := then.Flag.Towards(1), then.Flag.Towards(-1)
		switch m.Better {
		case model.BetterHigher:
			good, bad = up && !down, down && !up
		case model.BetterLower:
			good, bad = down && !up, up && !down
		default:
			bad = up || down
		}
	} else {
		good, bad = v == Better, v == Worse || (v == Changed && m.Aim == model.AimMaintain)
	}
	switch {
	case bad:
		return model.OffTrack
	case good || m.Aim == model.AimMaintain && v != NotJudged: // a forecast that moved is not judged steady either
		return model.OnTrack
	}
	return model.NoChange
}

// assurance says whether the process will meet pt's target, from its
// control limits then: only while it is stable, as limits that mix the
// figures before and after a real change describe neither.
func (m *Measure) assurance(pt Point, then *Control) Assurance {
	switch {
	case then == nil || pt.Target == nil:
		return NoAssurance
	case then.Flag.Signal():
		return Changing
	}
	t := *pt.Target
	switch m.Better {
	case model.BetterHigher:
		switch {
		case then.Lower >= t:
			return ReliablyMeets
		case then.Upper < t:
			return ReliablyMisses
		}
	case model.BetterLower:
		switch {
		case then.Upper <= t:
			return ReliablyMeets
		case then.Lower > t:
			return ReliablyMisses
		}
	default:
		tol := m.ToleranceAt(t)
		switch {
		case then.Lower >= t-tol && then.Upper <= t+tol:
			return ReliablyMeets
		case then.Upper < t-tol || then.Lower > t+tol:
			return ReliablyMisses
		}
	}
	return SometimesMeets
}

// NextSpan is what the next figure of the measure will cover: the next
// quarter, the next year so far, or the year after the latest yearly
// figure's. ok is false for a yearly measure that does not say which
// year it covers, or has no figure yet, and for yearly forecasts, which
// are due in their quarter of the year they are about, not after it.
func (m *Measure) NextSpan() (span model.Span, ok bool) {
	if m.IsAnnual() {
		if m.Covers == "" || len(m.Reported) == 0 || m.IsForecast() {
			return model.Span{}, false
		}
		return m.Latest.Span.Shift(1), true
	}
	return m.span(m.NextUpdate), true
}

// LikeForLike is the figures that statistical process control compared
// the figure of quarter p with, when it was published: the figures of
// the measure up to and including p (for a running total, those of p's
// quarter of each year), oldest first, at most ControlWindow of them.
func (m *Measure) LikeForLike(p model.Period) []Point {
	var out []Point
	for _, pt := range m.Series {
		if p.Before(pt.Period) {
			break
		}
		if pt.Value == nil || (m.Cumulative && !m.IsAnnual() && pt.Period.Quarter != p.Quarter) {
			continue
		}
		out = append(out, pt)
	}
	return out[max(0, len(out)-ControlWindow):]
}
