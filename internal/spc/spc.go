// Package spc tells a signal from noise in a run of figures, with the
// statistical process control of an XmR chart (a chart of the individual
// figures and their moving ranges), as the NHS "Making Data Count"
// programme uses it (NHS England, "Making data count", 2019; and its
// reference implementation, the NHS-R community's NHSRplotthedots). It
// is pure and knows nothing of measures or quarters: numbers in, limits
// and signals out.
//
// Every figure varies a little from one period to the next for no
// particular reason ("common cause" or normal variation). The natural
// process limits, the mean plus or minus 2.66 times the mean moving
// range, are where nearly every figure of a stable process falls (Donald
// Wheeler, "Understanding Variation", 1993: 2.66 is 3 / 1.128, three
// standard deviations estimated from the moving ranges of two figures).
// A figure or a pattern that a stable process would rarely give is a
// "special cause": a signal that something changed.
package spc

import "math"

// MinPoints is the fewest figures from which limits are worked out.
// Wheeler finds limits "useful" from five or six figures, but they move a
// lot with each new one; the Health Care Data Guide asks for 20 to 30.
// Making Data Count's tool (NHSRplotthedots) warns below 12 that limits
// are only trial limits. 12 is also the fewest with which both run rules
// below (7 in a row) can be told apart from the limits' own start, and
// three years of quarterly figures: most councils have that much.
const MinPoints = 12

// LimitFactor turns the mean moving range into the distance from the mean
// to a natural process limit: 3 / d2, where d2 = 1.128 is the mean range
// of two figures from a normal distribution in standard deviations.
const LimitFactor = 2.66

// RangeFactor is the upper range limit, in mean moving ranges (Wheeler's
// D4 = 3.267 for ranges of two figures). A moving range above it comes
// from one unusual figure; it is left out before the limits are worked
// out, once, as NHSRplotthedots does by default, so that one unusual
// figure does not widen the limits that should show it.
const RangeFactor = 3.267

// RunLength is how many figures in a row make a shift or a trend, as in
// Making Data Count: seven on one side of the mean, or seven each higher
// (or each lower) than the one before.
const RunLength = 7

// Rule is one of the special-cause rules, and a set of them as bits.
type Rule uint8

// The special-cause rules, as Making Data Count names them. The first and
// fourth are Western Electric's rules 1 and 2 (Western Electric,
// "Statistical Quality Control Handbook", 1956); the run rules are
// Making Data Count's.
const (
	// Outside is a figure above the upper or below the lower process
	// limit.
	Outside Rule = 1 << iota
	// Shift is a run of RunLength or more figures in a row on the same
	// side of the mean; a figure on the mean ends the run.
	Shift
	// Trend is a run of RunLength or more figures in a row each higher
	// than the one before (or each lower); an equal figure ends the run.
	Trend
	// TwoOfThree is two of three figures in a row in the outer third
	// between the mean and the same limit, or beyond it: further than two
	// thirds of the way from the mean to the limit, on the same side.
	TwoOfThree
)

// Rules lists the rules in the order they are reported.
var Rules = []Rule{Outside, Shift, Trend, TwoOfThree}

// Name is the rule's name in the downloads: "outside-limits", "shift",
// "trend" or "two-of-three".
func (r Rule) Name() string {
	switch r {
	case Outside:
		return "outside-limits"
	case Shift:
		return "shift"
	case Trend:
		return "trend"
	case TwoOfThree:
		return "two-of-three"
	}
	return ""
}

// Has reports whether the set r holds every rule of q.
func (r Rule) Has(q Rule) bool { return r&q == q && q != 0 }

// Names lists the names of the rules in the set r, in the order of Rules.
func (r Rule) Names() []string {
	var out []string
	for _, q := range Rules {
		if r.Has(q) {
			out = append(out, q.Name())
		}
	}
	return out
}

// Flag is what the rules say of one figure: which rules it breaks towards
// high values (above the limit or the mean, or rising) and which towards
// low ones. A figure can break rules both ways: a rising run of figures
// below the mean.
type Flag struct {
	High, Low Rule
}

// Signal reports whether the figure is a special cause, by any rule.
func (f Flag) Signal() bool { return f.High|f.Low != 0 }

// Towards reports whether the figure is a special cause in the direction
// of sign: high for a positive sign, low for a negative one.
func (f Flag) Towards(sign float64) bool {
	switch {
	case sign > 0:
		return f.High != 0
	case sign < 0:
		return f.Low != 0
	}
	return false
}

// Result is the XmR analysis of a run of figures.
type Result struct {
	// Mean is the mean of the figures; MeanRange the mean of their moving
	// ranges (the differences between neighbours), after leaving out
	// those above the upper range limit.
	Mean, MeanRange float64
	// Lower and Upper are the natural process limits.
	Lower, Upper float64
	// Flags holds what the rules say of each figure, in order.
	Flags []Flag
}

// Analyse works out the mean, the natural process limits and the special
// causes of values, in order. ok is false when there are fewer than
// MinPoints values: then there are no limits, and nothing is a signal.
func Analyse(values []float64) (res Result, ok bool) {
	n := len(values)
	if n < MinPoints {
		return Result{}, false
	}
	for _, v := range values {
		res.Mean += v
	}
	res.Mean /= float64(n)
	res.MeanRange = meanRange(values)
	res.Lower = res.Mean - LimitFactor*res.MeanRange
	res.Upper = res.Mean + LimitFactor*res.MeanRange
	res.Flags = make([]Flag, n)

	// Figures are decimals typed by people: compare with a margin far
	// below any display precision, so that a figure equal to the mean or
	// a limit in decimal is equal to it here too.
	eps := 1e-9 * math.Max(1, math.Max(math.Abs(res.Lower), math.Abs(res.Upper)))
	// side is +1 above the mean, -1 below, 0 on it; steps[i] is +1 when
	// figure i is higher than the one before, -1 lower. One allocation:
	// a site works this out for every figure of every measure.
	scratch := make([]int8, 2*n)
	side, steps := scratch[:n], scratch[n:]
	for i, v := range values {
		switch {
		case v > res.Upper+eps:
			res.Flags[i].High |= Outside
		case v < res.Lower-eps:
			res.Flags[i].Low |= Outside
		}
		switch {
		case v > res.Mean+eps:
			side[i] = 1
		case v < res.Mean-eps:
			side[i] = -1
		}
	}
	res.runs(side, Shift)
	for i := 1; i < n; i++ {
		switch d := values[i] - values[i-1]; {
		case d > eps:
			steps[i] = 1
		case d < -eps:
			steps[i] = -1
		}
	}
	res.trends(steps)
	res.twoOfThree(values, eps)
	return res, true
}

// meanRange is the mean of the moving ranges of values, leaving out those
// above RangeFactor times the mean of all of them (unless only those are
// not zero).
func meanRange(values []float64) float64 {
	sum := 0.0
	for i := 1; i < len(values); i++ {
		sum += math.Abs(values[i] - values[i-1])
	}
	all := sum / float64(len(values)-1)
	kept, keptSum := 0, 0.0
	for i := 1; i < len(values); i++ {
		if r := math.Abs(values[i] - values[i-1]); r < RangeFactor*all {
			kept++
			keptSum += r
		}
	}
	if keptSum == 0 {
		// Only the unusual ranges are not zero: leaving them out would put
		// the limits on the mean, and make every figure a signal.
		return all
	}
	return keptSum / float64(kept)
}

// runs flags every figure of a run of RunLength or more figures in a row
// with the same non-zero side.
func (res *Result) runs(side []int8, rule Rule) {
	start := 0
	for i := 1; i <= len(side); i++ {
		if i < len(side) && side[i] == side[start] {
			continue
		}
		if side[start] != 0 && i-start >= RunLength {
			for j := start; j < i; j++ {
				res.flag(j, side[start], rule)
			}
		}
		start = i
	}
}

// trends flags every figure of a run of RunLength or more figures each
// higher (or each lower) than the one before: RunLength-1 steps the same
// way, with the figure the run starts from. steps[i] is the step from
// figure i-1 to figure i.
func (res *Result) trends(steps []int8) {
	start := 1 // the first step of the current run of steps
	for i := 2; i <= len(steps); i++ {
		if i < len(steps) && steps[i] == steps[start] {
			continue
		}
		if steps[start] != 0 && i-start >= RunLength-1 {
			for j := start - 1; j < i; j++ {
				res.flag(j, steps[start], Trend)
			}
		}
		start = i
	}
}

// twoOfThree flags the figures beyond two thirds of the way from the mean
// to a limit when at least two of any three in a row are, on the same
// side.
func (res *Result) twoOfThree(values []float64, eps float64) {
	upper := res.Mean + (res.Upper-res.Mean)*2/3
	lower := res.Mean - (res.Mean-res.Lower)*2/3
	for _, s := range []int8{1, -1} {
		far := func(i int) bool {
			if s > 0 {
				return values[i] > upper+eps
			}
			return values[i] < lower-eps
		}
		for i := 0; i+2 < len(values); i++ {
			count := 0
			for j := i; j < i+3; j++ {
				if far(j) {
					count++
				}
			}
			if count < 2 {
				continue
			}
			for j := i; j < i+3; j++ {
				if far(j) {
					res.flag(j, s, TwoOfThree)
				}
			}
		}
	}
}

func (res *Result) flag(i int, side int8, rule Rule) {
	if side > 0 {
		res.Flags[i].High |= rule
	} else {
		res.Flags[i].Low |= rule
	}
}
