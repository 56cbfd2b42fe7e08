// Package chart draws a measure's figures over time: one chart description
// per measure, rendered as a build-time SVG (works with no JavaScript), as
// an ECharts option (built with go-echarts) for the interactive chart, and
// as a sparkline for lists; internal/shareimage draws the share image's
// trend from it. Its words (name, caption, description, the sparkline's
// label) are internal/explain's (Words). It is pure Go and does not import
// Hugo; the same data always gives the same bytes.
package chart

import (
	"math"
	"sync"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// Series names, as shown in the legend, tooltips and end labels.
const (
	NameActual = "Actual"
	// NameForecast is NameActual for a forecast, whose figures are what
	// the council expects, not amounts that have happened.
	NameForecast = "Forecast"
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
	// starts again each year, or of forecasts, which are about a new year
	// each year: a slot with no label and no figures, so that no line
	// joins one year's figures to the next's.
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
	Annual bool
	// Cumulative is a running total, which starts again each year, and
	// Forecast forecasts of the year's outcome, which are about a new
	// year each year: their slots have a Gap between years.
	Cumulative, Forecast bool
	Slots                []Slot
	Scale                Scale
	// Limits are the mean and process limits of the figures as the chart
	// stands (nil with too few figures, and for a running total, whose
	// figures are compared only with the same quarter of other years).
	Limits  *Limits
	measure *model.Measure
	cal     model.Calendar
	// valueName names the line of the measure's own figures: NameForecast
	// for a forecast (quarterly or yearly), NameActual for the rest.
	valueName string
	// words are explain's words for the chart, worked out when first asked
	// for: the share image needs none.
	words func() explain.ChartText
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
	c := &Chart{ID: "chart-" + m.ID, Annual: m.IsAnnual(), Cumulative: m.Cumulative && !m.IsAnnual(), measure: &m.Measure, cal: cal}
	c.Forecast = m.Basis() == derive.EarlierForecast
	// A yearly forecast is compared with the year before, as other yearly
	// figures are, but its figures are forecasts all the same.
	c.valueName = NameActual
	if m.IsForecast() {
		c.valueName = NameForecast
	}
	c.words = sync.OnceValue(func() explain.ChartText { return explain.Chart(c.measure, c.wordsData(), c.cal) })
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
		case (c.Cumulative || c.Forecast) && i > 0 && pt.Period.Quarter == 1:
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

// Words are what the chart says in words, written by internal/explain:
// its name and description (the SVG's <title> and <desc>, the
// interactive chart's aria description), its caption, and the
// sparkline's label.
func (c *Chart) Words() explain.ChartText { return c.words() }

// wordsData is what the chart shows, as explain reads it.
func (c *Chart) wordsData() explain.ChartData {
	d := explain.ChartData{Slots: make([]explain.ChartSlot, len(c.Slots)), Annual: c.Annual, Cumulative: c.Cumulative, Forecast: c.Forecast}
	for i, s := range c.Slots {
		d.Slots[i] = explain.ChartSlot{Period: s.Period, Label: s.Label, Value: s.Value, Target: s.Target, National: s.National, Gap: s.Gap, Signal: s.Signal}
	}
	if l := c.Limits; l != nil {
		d.Limits = &explain.ChartLimits{Mean: l.Mean, Lower: l.Lower, Upper: l.Upper}
	}
	return d
}
