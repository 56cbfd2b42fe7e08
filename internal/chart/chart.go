// Package chart draws a measure's figures over time: one chart description
// per measure, rendered as a build-time SVG (works with no JavaScript), as
// an ECharts option (built with go-echarts) for the interactive chart, and
// as a sparkline for lists; internal/shareimage draws the share image's
// trend from it. It is pure Go and does not import Hugo; the same data
// always gives the same bytes.
package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// Series names, as shown in the legend, tooltips and end labels.
const (
	NameActual   = "Actual"
	NameTarget   = "Target"
	NameNational = "National average"
	// EndNational is the direct label at the end of the national line.
	EndNational = "National"
	// NameMean, NameUpper and NameLower are the average and the process
	// limits of statistical process control; NameRange names the limits
	// together in the legend, and NameSignal the figures that are signals.
	NameMean   = "Average"
	NameUpper  = "Upper limit of the usual range"
	NameLower  = "Lower limit of the usual range"
	NameRange  = "Usual range"
	NameSignal = "Signal of real change"
)

// Slot is one place on the x axis: a quarter (or, for an annual measure, a
// year). A figure that is missing is nil, never zero.
type Slot struct {
	Period model.Period
	// Label is the slot's name on the axis: "Q2 2023/24", or the year a
	// yearly figure covers, "2023/24".
	Label string
	// Months is what the figure covers: "July to September 2023", "April
	// to September 2024 (so far this year)", "April 2023 to March 2024".
	Months   string
	Value    *float64
	Target   *float64
	National *float64
	Status   model.Status
	// Gap is the break between two years of a running total, which
	// starts again each year: a slot with no label and no figures, so
	// that no line joins one year's total to the next.
	Gap bool
	// Signal is the special cause the figure is part of, in words
	// ("above the usual range"), and SignalMeaning what it means
	// ("better", "worse", "a real change"); empty when it is normal
	// variation or there are too few figures to tell.
	Signal, SignalMeaning string
}

// Limits are the mean and natural process limits of a chart's figures.
type Limits struct {
	Mean, Lower, Upper float64
}

// Chart is the description of one measure's chart that every rendering
// draws: the x axis slots, the three series and the y scale.
type Chart struct {
	// ID is "chart-" plus the measure id: unique on a page, and the prefix
	// of every id inside the chart's markup.
	ID     string
	Title  string
	Annual bool
	// Cumulative is a running total, which starts again each year: its
	// slots have a Gap between years.
	Cumulative bool
	Slots      []Slot
	Scale      Scale
	// Limits are the mean and process limits of the figures as the chart
	// stands (nil with too few figures, and for a running total, whose
	// figures are compared only with the same quarter of other years).
	Limits  *Limits
	measure *model.Measure
	// yearStart is the month the reporting year starts in: "April".
	yearStart string
}

// New describes the chart of every figure of m. It returns nil when the
// measure has no figure at all: there is nothing to draw.
func New(m *derive.Measure, cal model.Calendar) *Chart {
	return build(m, cal, nil, true)
}

// NewAt describes the chart as it stood in period p: the figures up to and
// including p, as on the measure-per-quarter page of p.
func NewAt(m *derive.Measure, cal model.Calendar, p model.Period) *Chart {
	return build(m, cal, &p, true)
}

// SparklineAt is the sparkline of the figures up to and including period
// p, for lists (see Sparkline). It leaves out the usual range and the
// signals, which a sparkline does not show: a national site draws one for
// every figure.
func SparklineAt(m *derive.Measure, cal model.Calendar, p model.Period) string {
	return build(m, cal, &p, false).Sparkline()
}

// build describes the chart of m's figures up to upTo (all, when nil);
// with judged, with their usual range and signals as they stood then.
func build(m *derive.Measure, cal model.Calendar, upTo *model.Period, judged bool) *Chart {
	c := &Chart{ID: "chart-" + m.ID, Title: m.Title, Annual: m.IsAnnual(), Cumulative: m.Cumulative && !m.IsAnnual(), measure: &m.Measure,
		yearStart: cal.StartMonth.String()}
	var controls []*derive.Control
	var at model.Period
	if n := len(m.Series); n > 0 && judged {
		at = m.Series[n-1].Period
		if upTo != nil {
			at = *upTo
		}
		controls = m.ControlsAt(at)
	}
	slot := func(i int, pt derive.Point) Slot {
		s := Slot{
			Period: pt.Period, Label: cal.Label(pt.Period), Months: cal.Months(pt.Period),
			Value: pt.Value, Target: pt.Target, National: pt.National, Status: pt.Status,
		}
		switch pt.Span.Kind {
		case model.SpanYear:
			s.Label, s.Months = pt.Span.YearLabel(), pt.Span.Months()
		case model.SpanYearToDate, model.SpanWholeYear:
			s.Months = explain.PeriodWords(m, pt)
		}
		if controls != nil && controls[i] != nil {
			s.Signal, s.SignalMeaning = explain.Signal(m, pt, controls[i], at), explain.SignalMeaning(m, controls[i])
		}
		return s
	}
	for i, pt := range m.Series {
		if upTo != nil && upTo.Before(pt.Period) {
			break
		}
		switch {
		case c.Annual && i > 0 && pt.Span.Kind == model.SpanYear:
			// A year with no figure between two that have one is shown as
			// a gap, so that the line does not run across it.
			prev := m.Series[i-1]
			for y := prev.Span.Shift(1); y.From.Before(pt.Span.From); y = y.Shift(1) {
				c.Slots = append(c.Slots, Slot{Period: prev.Period.Add(4), Label: y.YearLabel(), Months: y.Months(), Status: model.NoData})
			}
		case c.Annual && i > 0:
			for p := m.Series[i-1].Period.Add(4); p.Before(pt.Period); p = p.Add(4) {
				c.Slots = append(c.Slots, Slot{Period: p, Label: cal.Label(p), Months: cal.Months(p), Status: model.NoData})
			}
		case c.Cumulative && i > 0 && pt.Period.Quarter == 1:
			c.Slots = append(c.Slots, Slot{Gap: true, Status: model.NoData})
		}
		c.Slots = append(c.Slots, slot(i, pt))
	}
	has := false
	for _, s := range c.Slots {
		if s.Value != nil || s.National != nil {
			has = true
			break
		}
	}
	if !has {
		return nil
	}
	if !c.Cumulative {
		// The limits of the latest figure's like-for-like figures: every
		// figure of a quarterly or yearly measure has the same.
		for i := len(controls) - 1; i >= 0; i-- {
			if ct := controls[i]; ct != nil {
				c.Limits = &Limits{Mean: ct.Mean, Lower: ct.Lower, Upper: ct.Upper}
				break
			}
		}
	}
	c.Scale = niceScale(c.extent())
	c.Scale.clampTo(m.Min, m.Max, m.Unit)
	return c
}

// extent is the smallest and largest value of every series.
func (c *Chart) extent() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	see := func(v *float64) {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
		}
	}
	for _, s := range c.Slots {
		see(s.Value)
		see(s.Target)
		see(s.National)
	}
	if l := c.Limits; l != nil {
		see(&l.Lower)
		see(&l.Upper)
	}
	return lo, hi
}

// Text formats a figure as the page does: "94.9%", "£2.5 million".
func (c *Chart) Text(v float64) string { return explain.Value(c.measure, v) }

// HasTarget reports whether any slot has a target.
func (c *Chart) HasTarget() bool {
	for _, s := range c.Slots {
		if s.Target != nil {
			return true
		}
	}
	return false
}

// HasSignal reports whether any figure is a signal of real change.
func (c *Chart) HasSignal() bool {
	for _, s := range c.Slots {
		if s.Signal != "" {
			return true
		}
	}
	return false
}

// HasNational reports whether any slot has a national figure.
func (c *Chart) HasNational() bool {
	for _, s := range c.Slots {
		if s.National != nil {
			return true
		}
	}
	return false
}

// Span is the range of periods in words: "Q3 2021/22 to Q2 2023/24".
func (c *Chart) Span() string {
	first, last := c.Slots[0].Label, c.Slots[len(c.Slots)-1].Label
	if first == last {
		return first
	}
	return first + " to " + last
}

// Caption is a one-line caption for the chart: "The figure, the target
// and the national average for each quarter, Q3 2021/22 to Q2 2023/24."
func (c *Chart) Caption() string {
	what := []string{"the figure"}
	if c.Cumulative {
		what = []string{"the total for the year so far"}
	}
	if c.HasTarget() {
		what = append(what, "the target")
	}
	if c.HasNational() {
		what = append(what, "the national average")
	}
	if c.Limits != nil {
		what = append(what, "the usual range")
	}
	every := "each quarter"
	if c.Annual {
		every = "each year"
	}
	return fmt.Sprintf("%s for %s, %s.", capitalise(list(what)), every, c.Span())
}

// Description says in words what the chart shows, for screen readers (the
// SVG's <desc>) and for anyone who cannot see the lines.
func (c *Chart) Description() string {
	var s []string
	kind := "quarter"
	if c.Annual {
		kind = "year"
	}
	s = append(s, fmt.Sprintf("Line chart of %s by %s, %s.", explain.Title(c.Title), kind, c.Span()))
	var vals []int
	for i, sl := range c.Slots {
		if sl.Value != nil {
			vals = append(vals, i)
		}
	}
	switch {
	case len(vals) == 0:
		s = append(s, "There are no figures yet.")
	case len(vals) == 1:
		sl := c.Slots[vals[0]]
		s = append(s, fmt.Sprintf("There is one figure: %s in %s.", c.Text(*sl.Value), sl.Label))
	case c.Cumulative:
		s = append(s, c.describeRunningTotal(vals)...)
	default:
		first, last := c.Slots[vals[0]], c.Slots[vals[len(vals)-1]]
		hi, lo := vals[0], vals[0]
		for _, i := range vals {
			if *c.Slots[i].Value > *c.Slots[hi].Value {
				hi = i
			}
			if *c.Slots[i].Value < *c.Slots[lo].Value {
				lo = i
			}
		}
		if c.Text(*c.Slots[hi].Value) == c.Text(*c.Slots[lo].Value) {
			// Every figure reads the same: not "went from 100% to 100%".
			s = append(s, fmt.Sprintf("The figure was %s every time, from %s to %s.", c.Text(*first.Value), first.Label, last.Label))
			break
		}
		from, to := c.Text(*first.Value), c.Text(*last.Value)
		switch {
		case from == to:
			s = append(s, fmt.Sprintf("The figure was %s in %s and again in %s.", from, first.Label, last.Label))
		case *last.Value > *first.Value:
			s = append(s, fmt.Sprintf("The figure went up from %s in %s to %s in %s.", from, first.Label, to, last.Label))
		default:
			s = append(s, fmt.Sprintf("The figure went down from %s in %s to %s in %s.", from, first.Label, to, last.Label))
		}
		s = append(s, fmt.Sprintf("The highest was %s in %s and the lowest %s in %s.",
			c.Text(*c.Slots[hi].Value), c.Slots[hi].Label, c.Text(*c.Slots[lo].Value), c.Slots[lo].Label))
	}
	var missing []string
	for _, sl := range c.Slots {
		if sl.Value == nil && !sl.Gap {
			missing = append(missing, sl.Label)
		}
	}
	if len(missing) > 0 && len(vals) > 0 {
		s = append(s, fmt.Sprintf("There is no figure for %s.", list(missing)))
	}
	s = append(s, c.describeLine("The target", func(sl Slot) *float64 { return sl.Target })...)
	s = append(s, c.describeLine("The national average", func(sl Slot) *float64 { return sl.National })...)
	if !c.HasTarget() {
		s = append(s, "There is no target.")
	}
	s = append(s, c.describeSignals()...)
	return strings.Join(s, " ")
}

// describeRunningTotal says what the chart of a running total shows: each
// year's total starts again, so the latest is compared with the same
// quarter a year before, and each year's whole total with the others.
func (c *Chart) describeRunningTotal(vals []int) []string {
	s := []string{fmt.Sprintf("The total starts again each %s, so each year has a line of its own.", c.yearStart)}
	last := c.Slots[vals[len(vals)-1]]
	for _, i := range vals {
		if sl := c.Slots[i]; sl.Period == last.Period.Add(-4) {
			s = append(s, fmt.Sprintf("The latest, %s in %s, compares with %s a year before.", c.Text(*last.Value), last.Label, c.Text(*sl.Value)))
		}
	}
	var whole []string
	for _, i := range vals {
		if sl := c.Slots[i]; sl.Period.Quarter == 4 {
			whole = append(whole, fmt.Sprintf("%s in %s", c.Text(*sl.Value), sl.Label))
		}
	}
	if n := len(whole); n > 3 {
		whole = []string{whole[0], whole[n-2], whole[n-1]}
	}
	if len(whole) > 0 {
		s = append(s, "Whole-year totals: "+list(whole)+".")
	}
	return s
}

// describeSignals says where the usual range is, and which figures are
// signals of a real change rather than normal variation.
func (c *Chart) describeSignals() []string {
	var s []string
	if l := c.Limits; l != nil {
		s = append(s, fmt.Sprintf("Grey lines show the average, %s, and the usual range, from %s to %s.", c.Text(l.Mean), c.Text(l.Lower), c.Text(l.Upper)))
	}
	var signals []string
	for _, sl := range c.Slots {
		if sl.Signal != "" {
			signals = append(signals, sl.Label)
		}
	}
	switch n := len(signals); {
	case n == 0 && c.Limits != nil:
		s = append(s, "Every figure is within normal variation.")
	case n == 1:
		s = append(s, fmt.Sprintf("Square markers show signals of real change: %s.", signals[0]))
	case n > 3:
		s = append(s, fmt.Sprintf("Square markers show signals of real change: %d figures, from %s to %s.", n, signals[0], signals[n-1]))
	case n > 0:
		s = append(s, fmt.Sprintf("Square markers show signals of real change: %s.", list(signals)))
	}
	return s
}

// describeLine says what a comparison line did: "The target was 60%
// throughout." or "The target was 75% and changed to 80% in Q1 2023/24."
func (c *Chart) describeLine(name string, get func(Slot) *float64) []string {
	type change struct {
		label string
		v     float64
	}
	var changes []change
	var prev *float64
	for _, sl := range c.Slots {
		v := get(sl)
		if v == nil {
			continue
		}
		if prev == nil || c.Text(*v) != c.Text(*prev) {
			changes = append(changes, change{sl.Label, *v})
		}
		prev = v
	}
	switch {
	case len(changes) == 0:
		return nil
	case len(changes) == 1:
		return []string{fmt.Sprintf("%s was %s throughout.", name, c.Text(changes[0].v))}
	case len(changes) <= 3:
		parts := []string{fmt.Sprintf("%s was %s", name, c.Text(changes[0].v))}
		for _, ch := range changes[1:] {
			parts = append(parts, fmt.Sprintf("changed to %s in %s", c.Text(ch.v), ch.label))
		}
		return []string{list(parts) + "."}
	}
	// Many changes: say where it started and where it ended.
	var first, last Slot
	found := false
	for _, sl := range c.Slots {
		if get(sl) != nil {
			if !found {
				first, found = sl, true
			}
			last = sl
		}
	}
	return []string{fmt.Sprintf("%s went from %s in %s to %s in %s.", name, c.Text(*get(first)), first.Label, c.Text(*get(last)), last.Label)}
}

// list joins words the English way: "a", "a and b", "a, b and c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
