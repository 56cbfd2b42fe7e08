package chart

import (
	"math"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// Scale is the y axis: from Min to Max in steps of Step, each tick a
// round number.
type Scale struct {
	Min, Max, Step float64
	Decimals       int // decimals a tick label needs
}

// Ticks are the values of the y axis gridlines, from Min to Max.
func (s Scale) Ticks() []float64 {
	var out []float64
	n := int(math.Round((s.Max - s.Min) / s.Step))
	for i := 0; i <= n; i++ {
		out = append(out, roundTo(s.Min+float64(i)*s.Step, s.Decimals+2))
	}
	return out
}

// Frac is where v sits between Min (0) and Max (1).
func (s Scale) Frac(v float64) float64 { return (v - s.Min) / (s.Max - s.Min) }

// niceScale chooses round ticks around lo..hi: about four to six of them,
// at 1, 2, 2.5 or 5 times a power of ten.
func niceScale(lo, hi float64) Scale {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		lo, hi = 0, 1
	}
	if lo == hi {
		pad := math.Abs(lo) * 0.1
		if pad == 0 {
			pad = 1
		}
		lo, hi = lo-pad, hi+pad
	}
	span := hi - lo
	var s Scale
	for _, want := range []float64{4, 3, 2} {
		s.Step = niceStep(span / want)
		s.Min = math.Floor(lo/s.Step+1e-9) * s.Step
		s.Max = math.Ceil(hi/s.Step-1e-9) * s.Step
		if (s.Max-s.Min)/s.Step <= 6.5 {
			break
		}
	}
	s.Decimals = decimalsOf(s.Step)
	s.Min, s.Max = roundTo(s.Min, s.Decimals+2), roundTo(s.Max, s.Decimals+2)
	return s
}

// clampTo keeps the axis inside the measure's valid range (0 to 100 for a
// percentage), so that it never shows impossible values such as 102%.
func (s *Scale) clampTo(min, max *float64, unit string) {
	lo, hi := min, max
	if unit == model.UnitPercent {
		zero, hundred := 0.0, 100.0
		if lo == nil {
			lo = &zero
		}
		if hi == nil {
			hi = &hundred
		}
	}
	if lo != nil && s.Min < *lo && *lo < s.Max {
		s.Min = *lo
	}
	if hi != nil && s.Max > *hi && *hi > s.Min {
		s.Max = *hi
	}
	// Keep whole steps from Min, so the gridlines stay round.
	if n := (s.Max - s.Min) / s.Step; math.Abs(n-math.Round(n)) > 1e-9 {
		s.Max = s.Min + math.Ceil(n)*s.Step
	}
}

func niceStep(rough float64) float64 {
	if rough <= 0 || math.IsNaN(rough) {
		return 1
	}
	pow := math.Pow(10, math.Floor(math.Log10(rough)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*pow >= rough*(1-1e-9) {
			return m * pow
		}
	}
	return 10 * pow
}

// decimalsOf is how many decimals print step exactly (2.5 needs 1).
func decimalsOf(step float64) int {
	for d := 0; d < 6; d++ {
		x := step * math.Pow(10, float64(d))
		if math.Abs(x-math.Round(x)) < 1e-6 {
			return d
		}
	}
	return 6
}

func roundTo(v float64, d int) float64 {
	p := math.Pow(10, float64(d))
	return math.Round(v*p) / p
}

// TickLabel formats a y axis value: short, with the unit where it is a
// symbol ("90%", "£2.5m"), and no more decimals than the ticks need.
func (c *Chart) TickLabel(v float64) string {
	d := c.Scale.Decimals
	num := func(x float64, d int) string { return explain.Number(x, &d) }
	switch c.measure.Unit {
	case model.UnitPercent:
		return num(v, d) + "%"
	case model.UnitCurrency:
		sign := ""
		if v == 0 {
			return "£0"
		}
		if v < 0 {
			sign, v = explain.Minus, -v
		}
		step := c.Scale.Step
		switch {
		case c.Scale.Max >= 1e9 || math.Abs(c.Scale.Min) >= 1e9:
			return sign + "£" + trimZeros(num(v/1e9, decimalsOf(step/1e9))) + "bn"
		case c.Scale.Max >= 1e6 || math.Abs(c.Scale.Min) >= 1e6:
			return sign + "£" + trimZeros(num(v/1e6, decimalsOf(step/1e6))) + "m"
		case c.Scale.Max >= 1e4 || math.Abs(c.Scale.Min) >= 1e4:
			return sign + "£" + trimZeros(num(v/1e3, decimalsOf(step/1e3))) + "k"
		}
		return sign + "£" + num(v, d)
	}
	return num(v, d)
}

// AxisUnit names the unit of the y axis where the tick labels do not show
// it: "Rate per 10,000", "Days", "Score". Empty for percentages and money.
func (c *Chart) AxisUnit() string {
	m := c.measure
	switch m.Unit {
	case model.UnitRate:
		return "Rate per " + explain.Number(m.RatePer, nil)
	case model.UnitDays:
		return "Days"
	case model.UnitScore:
		return "Score"
	case model.UnitCount:
		return "Number"
	}
	return ""
}

func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// num64 formats a float for SVG coordinates and JSON: at most 2 decimals,
// no exponent, no "-0".
func num64(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
