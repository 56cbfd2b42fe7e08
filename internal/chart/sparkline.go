package chart

import (
	"math"
	"strconv"

	"github.com/perfsite/perfsite/internal/explain"
)

// Sparkline size, in pixels.
const (
	sparkW = 96
	sparkH = 24
	sparkM = 3 // margin, so the end dot is not cut
)

// Sparkline is a small inline SVG of the actual figures (drawn in the
// text colour, so it follows the page's colour scheme), with role="img" and
// an aria-label that says the trend in words (explain.ChartTrend, as
// Words().Trend). Missing figures break the line, as does the start of
// each year of a running total. It is empty when the chart has no figure.
func (c *Chart) Sparkline() string {
	if c == nil {
		return ""
	}
	var idx []int
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, s := range c.Slots {
		if s.Value != nil {
			idx = append(idx, i)
			lo, hi = math.Min(lo, *s.Value), math.Max(hi, *s.Value)
		}
	}
	if len(idx) == 0 {
		return ""
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	n := len(c.Slots)
	x := func(i int) float64 {
		if n == 1 {
			return sparkW / 2
		}
		return sparkM + float64(i)*(sparkW-2*sparkM)/float64(n-1)
	}
	y := func(v float64) float64 { return sparkM + (hi-v)/(hi-lo)*(sparkH-2*sparkM) }

	var w svgWriter
	w.s(`<svg class="sparkline" width="`, strconv.Itoa(sparkW), `" height="`, strconv.Itoa(sparkH), `" viewBox="0 0 `,
		strconv.Itoa(sparkW), ` `, strconv.Itoa(sparkH), `" role="img" aria-label="`, Escape(explain.ChartTrend(c.measure, c.wordsData())), `" focusable="false">`)
	w.s(`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round" d="`)
	pen := false
	for i, s := range c.Slots {
		if s.Value == nil {
			pen = false
			continue
		}
		if pen {
			w.s("L")
		} else {
			w.s("M")
		}
		w.s(num64(x(i)), " ", num64(y(*s.Value)))
		pen = true
	}
	w.s(`"/>`)
	// Lone figures have no line: a dot shows them, as does the newest one.
	for k, i := range idx {
		alone := (i == 0 || c.Slots[i-1].Value == nil) && (i == n-1 || c.Slots[i+1].Value == nil)
		if alone || k == len(idx)-1 {
			w.s(`<circle cx="`, num64(x(i)), `" cy="`, num64(y(*c.Slots[i].Value)), `" r="2.5" fill="currentColor"/>`)
		}
	}
	w.s(`</svg>`)
	return w.String()
}
