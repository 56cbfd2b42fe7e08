package chart

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// The SVG is fluid: it is as wide as its frame (width="100%") and a fixed
// height, and every x coordinate is a percentage of the plot's width while
// y coordinates and text are in pixels. So the text stays 13 px on a
// 320 px phone and on a 1280 px screen, which a viewBox cannot do (it would
// scale the text with the chart). The frame's padding makes room for the y
// labels on the left and the end labels on the right, which the SVG draws
// outside its box (overflow="visible"). The x labels are thinned by
// container queries in the stylesheet: each label has a class saying the
// plot width below which it is hidden, worked out here from its length.

// Geometry of the SVG, in pixels.
const (
	svgHeight  = 244
	plotTop    = 20
	plotHeight = 190
	xLabelY    = 232
	fontSize   = 13
)

// Label thinning thresholds are rounded up to this many pixels, and a
// label needing more than xMinMax pixels is never shown. The stylesheet has
// one container query per step (see CSS).
const (
	xMinStep = 20
	xMinMax  = 1200
)

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// Escape escapes s for XML text and attribute values.
func Escape(s string) string { return xmlEscaper.Replace(s) }

// textWidth estimates the width of s in pixels at size px in a system
// sans-serif font: digits and most letters are about 0.56 em.
func textWidth(s string, px float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ' || r == '.' || r == ',' || r == '/' || r == 'I' || r == 'i' || r == 'l':
			w += 0.32
		case r >= 'A' && r <= 'Z', r == '%', r == 'm', r == 'w':
			w += 0.75
		default:
			w += 0.58
		}
	}
	return w * px
}

// LeftPad is the room, in pixels, the y axis labels need on the left: a
// multiple of 8 from 32 to 120 (the stylesheet has a class for each).
func (c *Chart) LeftPad() int {
	w := 0.0
	for _, t := range c.Scale.Ticks() {
		w = math.Max(w, textWidth(c.TickLabel(t), fontSize))
	}
	pad := int(math.Ceil((w+12)/8)) * 8
	return min(max(pad, 32), 120)
}

func (c *Chart) y(v float64) float64 {
	return plotTop + (1-c.Scale.Frac(v))*plotHeight
}

// x is the centre of slot i as a percentage of the plot width.
func (c *Chart) x(i float64) string {
	return num64(100*(i+0.5)/float64(len(c.Slots))) + "%"
}

// edge is the boundary before slot i, as a percentage.
func (c *Chart) edge(i float64) string {
	return num64(100*i/float64(len(c.Slots))) + "%"
}

type svgWriter struct{ strings.Builder }

func (w *svgWriter) s(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

func (w *svgWriter) line(x1, y1, x2, y2 string) {
	w.s(`<line x1="`, x1, `" y1="`, y1, `" x2="`, x2, `" y2="`, y2, `"/>`)
}

// SVG is the chart as an inline SVG element, for HTML pages: role="img",
// with a <title> and a <desc> that says in words what it shows. Put it in
// an element with the classes FrameClass gives, which sets the padding the
// labels need.
func (c *Chart) SVG() string {
	var w svgWriter
	w.Grow(4096 + 600*len(c.Slots))
	id := c.ID
	w.s(`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" width="100%" height="`, strconv.Itoa(svgHeight),
		`" overflow="visible" role="img" aria-labelledby="`, id, `-title" aria-describedby="`, id, `-desc" font-size="`, strconv.Itoa(fontSize), `">`)
	words := c.Words()
	w.s(`<title id="`, id, `-title">`, Escape(words.Name), `</title>`)
	w.s(`<desc id="`, id, `-desc">`, Escape(words.Description), `</desc>`)
	w.s(`<defs><path id="`, id, `-diamond" d="M0 -5.5L5.5 0L0 5.5L-5.5 0Z"/><path id="`, id, `-square" d="M-6 -6H6V6H-6Z"/></defs>`)

	// Gridlines and y labels.
	w.s(`<g class="chart-grid" stroke="`, colorGrid, `">`)
	for _, t := range c.Scale.Ticks() {
		y := num64(c.y(t))
		w.line("0", y, "100%", y)
	}
	w.s(`</g><g class="chart-axis" fill="`, colorText, `" text-anchor="end">`)
	for _, t := range c.Scale.Ticks() {
		w.s(`<text x="-8" y="`, num64(c.y(t)), `" dy="0.32em">`, Escape(c.TickLabel(t)), `</text>`)
	}
	if u := c.AxisUnit(); u != "" {
		w.s(`<text x="0" y="8" text-anchor="start">`, Escape(u), `</text>`)
	}
	w.s(`</g>`)
	// The baseline of the plot.
	w.s(`<line class="chart-baseline" x1="0" x2="100%" y1="`, num64(plotTop+plotHeight), `" y2="`, num64(plotTop+plotHeight), `" stroke="`, colorText, `"/>`)

	// X labels, each with the plot width below which it is hidden.
	w.s(`<g class="chart-axis" fill="`, colorText, `" text-anchor="middle">`)
	n := len(c.Slots)
	need := 0.0
	for _, s := range c.Slots {
		need = math.Max(need, textWidth(s.Label, fontSize)+10)
	}
	for i, s := range c.Slots {
		if s.Gap {
			continue
		}
		w.s(`<text x="`, c.x(float64(i)), `" y="`, strconv.Itoa(xLabelY), `"`)
		if cls := xLabelClass(need, n, i); cls != "" {
			w.s(` class="`, cls, `"`)
		}
		w.s(`>`, Escape(s.Label), `</text>`)
	}
	w.s(`</g>`)

	if l := c.Limits; l != nil {
		// The average and the usual range (the process limits), behind
		// the figures.
		w.s(`<g class="chart-limits" stroke="`, colorLimit, `" fill="none">`)
		y := num64(c.y(l.Mean))
		w.s(`<line class="chart-mean" x1="0" x2="100%" y1="`, y, `" y2="`, y, `" stroke-width="1.5"><title>`, Escape(NameMean), ` `, Escape(c.Text(l.Mean)), `</title></line>`)
		for _, lim := range []struct {
			name string
			v    float64
		}{{NameUpper, l.Upper}, {NameLower, l.Lower}} {
			if lim.v < c.Scale.Min || lim.v > c.Scale.Max {
				continue // beyond what the axis shows (below 0%, say)
			}
			y := num64(c.y(lim.v))
			w.s(`<line class="chart-limit" x1="0" x2="100%" y1="`, y, `" y2="`, y, `" stroke-width="1.5" stroke-dasharray="3 4"><title>`, Escape(lim.name), ` `, Escape(c.Text(lim.v)), `</title></line>`)
		}
		w.s(`</g>`)
	}
	if c.HasTarget() {
		w.s(`<g class="chart-target" stroke="`, colorTarget, `" stroke-width="2" stroke-dasharray="8 5" fill="none">`)
		c.stepLines(&w, func(s Slot) *float64 { return s.Target })
		w.s(`</g>`)
	}
	if c.HasNational() {
		w.s(`<g class="chart-national" stroke="`, colorNational, `" fill="`, colorNational, `">`)
		w.s(`<g stroke-width="3" stroke-dasharray="0.1 6" stroke-linecap="round">`)
		c.lines(&w, func(s Slot) *float64 { return s.National })
		w.s(`</g>`)
		c.markers(&w, NameNational, func(s Slot) *float64 { return s.National }, func(x, y string) {
			w.s(`<use href="#`, id, `-diamond" x="`, x, `" y="`, y, `" stroke="none">`)
		}, "use")
		w.s(`</g>`)
	}
	w.s(`<g class="chart-actual" stroke="`, colorActual, `" fill="`, colorActual, `">`)
	w.s(`<g stroke-width="3" stroke-linejoin="round" stroke-linecap="round">`)
	c.lines(&w, func(s Slot) *float64 { return s.Value })
	w.s(`</g><g class="chart-ring" stroke="#ffffff" stroke-width="1.5">`)
	for i, s := range c.Slots {
		if s.Value == nil {
			continue
		}
		x, y := c.x(float64(i)), num64(c.y(*s.Value))
		tip := Escape(s.Label) + `: ` + Escape(c.valueName) + ` ` + Escape(c.Text(*s.Value))
		if s.Signal != "" {
			// A signal is a square, bigger than the circles: its shape says
			// so, not only its title.
			w.s(`<use class="chart-signal" href="#`, id, `-square" x="`, x, `" y="`, y, `"><title>`, tip, `, a signal: `, Escape(s.Signal), ` (`, Escape(s.SignalMeaning), `)</title></use>`)
			continue
		}
		w.s(`<circle cx="`, x, `" cy="`, y, `" r="5"><title>`, tip, `</title></circle>`)
	}
	w.s(`</g></g>`)
	c.endLabels(&w)
	w.s(`</svg>`)
	return w.String()
}

// xLabelClass is the class of x label i of n: the plot width below which
// it is hidden. Labels are thinned in steps of 1, 2, 4, 8… slots counted
// back from the newest, which is always shown; with quarters, a step of 4
// keeps the same quarter of each year.
func xLabelClass(need float64, n, i int) string {
	back := n - 1 - i
	if back == 0 {
		return ""
	}
	step := 1
	for back%(step*2) == 0 {
		step *= 2
	}
	// Shown when labels step slots apart fit: plot width >= need*n/step.
	px := need * float64(n) / float64(step)
	t := int(math.Ceil(px/xMinStep)) * xMinStep
	switch {
	case t <= 160:
		return "" // fits on the narrowest phone
	case t > xMinMax:
		return "chart-xmin-never"
	}
	return "chart-xmin-" + strconv.Itoa(t)
}

// lines draws a series as straight segments between consecutive slots that
// both have a value; a missing value breaks the line.
func (c *Chart) lines(w *svgWriter, get func(Slot) *float64) {
	for i := 1; i < len(c.Slots); i++ {
		a, b := get(c.Slots[i-1]), get(c.Slots[i])
		if a == nil || b == nil {
			continue
		}
		w.line(c.x(float64(i-1)), num64(c.y(*a)), c.x(float64(i)), num64(c.y(*b)))
	}
}

// stepLines draws a series as steps that change half way between slots, as
// ECharts' step: "middle" does; a value on its own is a short level line.
func (c *Chart) stepLines(w *svgWriter, get func(Slot) *float64) {
	n := len(c.Slots)
	for i := 0; i < n; i++ {
		v := get(c.Slots[i])
		if v == nil {
			continue
		}
		prev := i > 0 && get(c.Slots[i-1]) != nil
		// Run of slots with the same value, from i to j.
		j := i
		for j+1 < n && get(c.Slots[j+1]) != nil && *get(c.Slots[j+1]) == *v {
			j++
		}
		next := j+1 < n && get(c.Slots[j+1]) != nil
		x1, x2 := c.x(float64(i)), c.x(float64(j))
		if prev {
			x1 = c.edge(float64(i))
		}
		if next {
			x2 = c.edge(float64(j + 1))
		}
		if !prev && !next && i == j {
			x1, x2 = c.edge(float64(i)+0.2), c.edge(float64(i)+0.8)
		}
		y := num64(c.y(*v))
		w.line(x1, y, x2, y)
		if next {
			e := c.edge(float64(j + 1))
			w.line(e, y, e, num64(c.y(*get(c.Slots[j+1]))))
		}
		i = j
	}
}

// markers draws a marker at every value, with a tooltip for mouse users.
func (c *Chart) markers(w *svgWriter, name string, get func(Slot) *float64, open func(x, y string), tag string) {
	for i, s := range c.Slots {
		v := get(s)
		if v == nil {
			continue
		}
		open(c.x(float64(i)), num64(c.y(*v)))
		w.s(`<title>`, Escape(s.Label), `: `, Escape(name), ` `, Escape(c.Text(*v)), `</title></`, tag, `>`)
	}
}

// endLabels names the target and national lines where they end, moved
// apart when they would overlap.
func (c *Chart) endLabels(w *svgWriter) {
	type label struct {
		class, text string
		i           int
		y           float64
		color       string
	}
	var ls []label
	last := func(get func(Slot) *float64) (int, float64, bool) {
		for i := len(c.Slots) - 1; i >= 0; i-- {
			if v := get(c.Slots[i]); v != nil {
				return i, c.y(*v), true
			}
		}
		return 0, 0, false
	}
	if i, y, ok := last(func(s Slot) *float64 { return s.Target }); ok {
		ls = append(ls, label{"chart-end-target", NameTarget, i, y, colorTarget})
	}
	if i, y, ok := last(func(s Slot) *float64 { return s.National }); ok {
		ls = append(ls, label{"chart-end-national", EndNational, i, y, colorNational})
	}
	if i, y, ok := last(func(s Slot) *float64 { return s.Value }); ok && i == len(c.Slots)-1 {
		// The actual line's end is not labelled, but the labels keep clear of it.
		ls = append(ls, label{"", "", i, y, ""})
	}
	sort.SliceStable(ls, func(a, b int) bool { return ls[a].y < ls[b].y })
	const gap = 15
	for k := 1; k < len(ls); k++ {
		if ls[k].i == ls[k-1].i && ls[k].y-ls[k-1].y < gap {
			ls[k].y = ls[k-1].y + gap
		}
	}
	for _, l := range ls {
		if l.text == "" {
			continue
		}
		w.s(`<text class="`, l.class, ` chart-end" x="`, c.x(float64(l.i)), `" dx="10" y="`, num64(l.y), `" dy="0.32em" fill="`, l.color, `">`, Escape(l.text), `</text>`)
	}
}

// FrameClass is the class of the element the SVG goes in: "chart-frame"
// and the left padding the y labels need ("chart-pl-48").
func (c *Chart) FrameClass() string {
	return "chart-frame chart-pl-" + strconv.Itoa(c.LeftPad())
}

// LegendHTML is the chart's legend as an HTML list, with a small sample of
// each line (its colour, dash pattern and marker), for beside the SVG.
func (c *Chart) LegendHTML() string {
	var w svgWriter
	item := func(class, attrs, sample, name string) {
		w.s(`<li><svg class="`, class, `" `, attrs, ` width="40" height="14" aria-hidden="true" focusable="false">`, sample, `</svg> `, Escape(name), `</li>`)
	}
	w.s(`<ul class="chart-legend">`)
	item("chart-actual", `stroke="`+colorActual+`" fill="`+colorActual+`"`, `<line x1="2" y1="7" x2="38" y2="7" stroke-width="3"/><circle cx="20" cy="7" r="5" class="chart-ring" stroke="#ffffff" stroke-width="1.5"/>`, c.valueName)
	if c.HasTarget() {
		item("chart-target", `stroke="`+colorTarget+`" fill="none"`, `<line x1="2" y1="7" x2="38" y2="7" stroke-width="2" stroke-dasharray="8 5"/>`, NameTarget)
	}
	if c.HasNational() {
		item("chart-national", `stroke="`+colorNational+`" fill="`+colorNational+`"`, `<line x1="2" y1="7" x2="38" y2="7" stroke-width="3" stroke-dasharray="0.1 6" stroke-linecap="round"/><path d="M20 1.5L25.5 7L20 12.5L14.5 7Z" stroke="none"/>`, NameNational)
	}
	if c.Limits != nil {
		item("chart-limits", `stroke="`+colorLimit+`" fill="none"`, `<line x1="2" y1="7" x2="38" y2="7" stroke-width="1.5"/>`, NameMean)
		item("chart-limits", `stroke="`+colorLimit+`" fill="none"`, `<line x1="2" y1="7" x2="38" y2="7" stroke-width="1.5" stroke-dasharray="3 4"/>`, NameRange)
	}
	if c.HasSignal() {
		item("chart-actual", `stroke="`+colorActual+`" fill="`+colorActual+`"`, `<path d="M14 1H26V13H14Z" class="chart-ring" stroke="#ffffff" stroke-width="1.5"/>`, NameSignal)
	}
	w.s(`</ul>`)
	return w.String()
}
