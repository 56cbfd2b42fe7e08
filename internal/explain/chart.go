package explain

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// ChartText is what a measure's chart says in words: internal/chart draws
// the chart and puts these where they go. None of them repeats the
// measure's title, which the page shows next to the chart, and each names
// a period by its short label ("Q2 2023/24", or a yearly figure's year,
// "2023/24"), since the caption says what the chart's periods are.
type ChartText struct {
	// Name is the chart's accessible name (the SVG's <title>): "Line
	// chart by quarter, Q3 2021/22 to Q2 2023/24".
	Name string
	// Caption is shown above the chart (its <figcaption>): "The figure for
	// the 8 quarters to Q2 2023/24, with the national average."
	Caption string
	// Description says what the lines do, for anyone who cannot see them
	// (the SVG's <desc>, the interactive chart's aria description).
	Description string
	// Trend is the sparkline's text alternative (ChartTrend).
	Trend string
}

// ChartSlot is one place on a chart's x axis, as its words read it.
type ChartSlot struct {
	Period model.Period
	// Label names the slot: "Q2 2023/24", or the year a yearly figure
	// covers, "2023/24".
	Label                   string
	Value, Target, National *float64
	// Gap is the break between two years of a running total or of
	// forecasts: no label, no figures.
	Gap bool
	// Signal is the special cause the figure is part of ("above the usual
	// range"), or "" for normal variation.
	Signal string
}

// ChartLimits are the average and the usual range (the process limits)
// that a chart draws.
type ChartLimits struct {
	Mean, Lower, Upper float64
}

// ChartData is what a chart shows, for its words: internal/chart's slots
// and limits.
type ChartData struct {
	Slots []ChartSlot
	// Annual: a slot a year. Cumulative: a running total, which starts
	// again each year. Forecast: forecasts of the year's outcome, about a
	// new year each year. Both have a Gap between years.
	Annual, Cumulative, Forecast bool
	Limits                       *ChartLimits // nil when the chart draws none
}

// Chart writes the words of a chart of m's figures.
func Chart(m *model.Measure, d ChartData, cal model.Calendar) ChartText {
	w := newChartWriter(m, d, cal)
	if w.periods == 0 {
		return ChartText{}
	}
	return ChartText{Name: w.name(), Caption: w.caption(), Description: w.description(), Trend: w.trend()}
}

// ChartTrend is the sparkline's text alternative, in a list beside the
// measure's title and latest figure: "Trend over 8 quarters: up from
// 87.6% to 94.9%"; for a running total, which is compared only with the
// same time a year before, "Total for the year so far, Q1 2024/25: 29;
// 27 a year before". It is "" when the chart has no figure.
func ChartTrend(m *model.Measure, d ChartData) string {
	return newChartWriter(m, d, model.Calendar{}).trend()
}

type chartWriter struct {
	m       *model.Measure
	d       ChartData
	slots   []ChartSlot
	cal     model.Calendar
	kind    string // "quarter" or "year"
	periods int    // slots that are not gaps
}

func newChartWriter(m *model.Measure, d ChartData, cal model.Calendar) *chartWriter {
	w := &chartWriter{m: m, d: d, slots: d.Slots, cal: cal, kind: "quarter"}
	if d.Annual {
		w.kind = "year"
	}
	for _, s := range d.Slots {
		if !s.Gap {
			w.periods++
		}
	}
	return w
}

func (w *chartWriter) label(i int) string { return w.slots[i].Label }

func (w *chartWriter) name() string {
	first, last := w.label(0), w.label(len(w.slots)-1)
	if first == last {
		return "Line chart of " + first
	}
	return "Line chart by " + w.kind + ", " + first + " to " + last
}

// caption says what the chart shows over how long, counting its periods
// rather than naming the first: "The figure for the 8 quarters to Q2
// 2023/24, with the target."
func (w *chartWriter) caption() string {
	last := w.label(len(w.slots) - 1)
	what := "The figure for " + last
	switch {
	case w.d.Cumulative && w.periods > 1:
		what = "The total for the year so far at each of the " + plural(w.periods, w.kind) + " to " + last
	case w.d.Cumulative:
		what = "The total for the year so far, in " + last
	case w.d.Forecast && w.periods > 1 && w.years() > 1:
		what = "The forecasts made in the " + plural(w.periods, w.kind) + " to " + last + ", each year's as a line of its own"
	case w.d.Forecast && w.periods > 1:
		what = "The forecasts made in the " + plural(w.periods, w.kind) + " to " + last
	case w.d.Forecast:
		what = "The forecast made in " + last
	case w.periods > 1:
		what = "The figure for the " + plural(w.periods, w.kind) + " to " + last
	}
	var with []string
	if len(w.line(func(s ChartSlot) *float64 { return s.Target })) > 0 {
		with = append(with, "the target")
	}
	if len(w.line(func(s ChartSlot) *float64 { return s.National })) > 0 {
		with = append(with, "the national average")
	}
	if w.d.Limits != nil {
		with = append(with, "the usual range")
	}
	if len(with) == 0 {
		return what + "."
	}
	return what + ", with " + joinAnd(with) + "."
}

// line is what one of the chart's lines holds: the indexes of the slots
// where it has a value.
func (w *chartWriter) line(get func(ChartSlot) *float64) []int {
	var at []int
	for i, s := range w.slots {
		if get(s) != nil {
			at = append(at, i)
		}
	}
	return at
}

// description says what the figure's line does (where it starts and
// ends, its highest and lowest, its gaps), then the target's and the
// national average's, then the usual range and the signals, in short
// sentences.
func (w *chartWriter) description() string {
	var s prose
	text := func(i int) string { return Value(w.m, *w.slots[i].Value) }
	at := w.line(func(s ChartSlot) *float64 { return s.Value })
	switch {
	case len(at) == 0:
		s.add("There are no figures yet.")
	case len(at) == 1:
		s.addf("There is one figure: %s, for %s.", text(at[0]), w.label(at[0]))
	case w.d.Cumulative:
		s.add(w.runningTotal(at))
		s.add(w.gaps(at))
	case w.d.Forecast:
		s.add(w.forecasts(at))
		s.add(w.gaps(at))
	default:
		first, last := at[0], at[len(at)-1]
		hi, lo := first, first
		for _, i := range at {
			if *w.slots[i].Value > *w.slots[hi].Value {
				hi = i
			}
			if *w.slots[i].Value < *w.slots[lo].Value {
				lo = i
			}
		}
		if text(hi) == text(lo) {
			// Every figure reads the same: not "went from 100% to 100%".
			s.addf("The figure was %s every time.", text(first))
		} else {
			s.addf("The figure %s.", fromTo(text(first), text(last), *w.slots[first].Value, *w.slots[last].Value))
			// The highest or lowest at either end has just been said.
			ends := map[string]bool{text(first): true, text(last): true}
			if !ends[text(hi)] {
				s.addf("The highest was %s, in %s.", text(hi), w.label(hi))
			}
			if !ends[text(lo)] {
				s.addf("The lowest was %s, in %s.", text(lo), w.label(lo))
			}
		}
		s.add(w.gaps(at))
	}
	if target := w.line(func(s ChartSlot) *float64 { return s.Target }); len(target) == 0 {
		s.add("There is no target.")
	} else {
		s.add(w.describeLine("The target", target, func(i int) float64 { return *w.slots[i].Target }, func(v float64) string { return Target(w.m, v) }))
	}
	if national := w.line(func(s ChartSlot) *float64 { return s.National }); len(national) > 0 {
		s.add(w.describeLine("The national average", national, func(i int) float64 { return *w.slots[i].National }, func(v float64) string { return Value(w.m, v) }))
	}
	s.add(w.signals())
	return s.String()
}

// fromTo is how a line went from a to b (their texts; their values va,
// vb): "went up from 87.6% to 94.9%".
func fromTo(a, b string, va, vb float64) string {
	switch {
	case a == b:
		return "was " + a + " at the start and at the end"
	case vb > va:
		return "went up from " + unitOnce(a, b) + " to " + b
	}
	return "went down from " + unitOnce(a, b) + " to " + b
}

// unitOnce is a, the first of two figures, without the words of its unit
// when b ends with the same ones, so that the unit is said once: "from
// 55.2 to 56.2 per 10,000 children", "from 461 to 417 days"; but "from 1
// day to 3 days", and money always whole ("from £2.1 million to £15
// million": "£2.1" alone would be two pounds ten).
func unitOnce(a, b string) string {
	if strings.Contains(a, "£") {
		return a
	}
	i, j := strings.IndexByte(a, ' '), strings.IndexByte(b, ' ')
	if i > 0 && j > 0 && a[i:] == b[j:] {
		return a[:i]
	}
	return a
}

// runningTotal says what the chart of a running total shows: each year's
// total starts again, so the latest is compared with the same quarter a
// year before, and each year's whole total with the others'.
func (w *chartWriter) runningTotal(at []int) string {
	var s prose
	s.addf("The total starts again each %s, so each year has its own line.", w.cal.StartMonth)
	last := w.slots[at[len(at)-1]]
	s.addf("The latest is %s, for %s.", Value(w.m, *last.Value), last.Label)
	if before, ok := w.yearBefore(last); ok {
		s.addf("A year before, it was %s.", Value(w.m, *before.Value))
	}
	whole := w.labelled(w.yearEnds(at), w.value)
	switch n := len(whole); {
	case n == 1:
		s.addf("The whole-year total was %s.", whole[0])
	case n > 3: // the last three, said as such: not a list that seems whole
		s.addf("The last 3 whole-year totals were %s.", joinAnd(whole[n-3:]))
	case n > 1:
		s.addf("Whole-year totals were %s.", joinAnd(whole))
	}
	return s.String()
}

// yearEnds are the fourth quarters among the slots at: the ends of years.
func (w *chartWriter) yearEnds(at []int) []int {
	var ends []int
	for _, i := range at {
		if w.slots[i].Period.Quarter == 4 {
			ends = append(ends, i)
		}
	}
	return ends
}

// labelled says each of the slots at as text says it, with its label:
// "98 in Q4 2022/23".
func (w *chartWriter) labelled(at []int, text func(int) string) []string {
	out := make([]string, len(at))
	for k, i := range at {
		out[k] = text(i) + " in " + w.label(i)
	}
	return out
}

// value is the figure of slot i, as the text writes it.
func (w *chartWriter) value(i int) string { return Value(w.m, *w.slots[i].Value) }

// wholeYear says what a running total's line (its target, or the
// national average) was for the whole year, at each fourth quarter:
// "The target for the whole year was 100 each year.", "The target for the
// whole year was 100 in Q4 2022/23 and 110 in Q4 2023/24."; before the
// first fourth quarter, that it is for the year so far.
func (w *chartWriter) wholeYear(name string, at []int, text func(int) string) string {
	ends := w.yearEnds(at)
	if len(ends) == 0 {
		return name + " is for the year so far, as the total is."
	}
	same := true
	for _, i := range ends {
		same = same && text(i) == text(ends[0])
	}
	if same && len(ends) > 1 {
		return fmt.Sprintf("%s for the whole year was %s each year.", name, text(ends[0]))
	}
	parts := w.labelled(ends, text)
	if n := len(parts); n > 3 { // the last three, said as such, as runningTotal does
		return fmt.Sprintf("At the last 3 year ends shown, %s for the whole year was %s.", lowerFirst(name), joinAnd(parts[n-3:]))
	}
	return fmt.Sprintf("%s for the whole year was %s.", name, joinAnd(parts))
}

// forecasts describes forecasts of the year's outcome: each year's are a
// line of their own, the latest year's are said in turn, and the last
// forecast of each earlier year (its fourth quarter's).
func (w *chartWriter) forecasts(at []int) string {
	var s prose
	if w.years() > 1 {
		s.addf("Each year's forecasts are about that year, which starts in %s, so each year has its own line.", w.cal.StartMonth)
	}
	last := w.slots[at[len(at)-1]]
	k := len(at) // at[k:] are the latest year's, which the sentence names
	for k > 0 && w.slots[at[k-1]].Period.Year == last.Period.Year {
		k--
	}
	var year []string
	for _, i := range at[k:] {
		year = append(year, w.value(i)+" in Q"+strconv.Itoa(w.slots[i].Period.Quarter))
	}
	ends := w.labelled(w.yearEnds(at[:k]), w.value)
	if len(year) == 1 {
		s.addf("The forecast for %s was %s.", w.cal.YearLabel(last.Period), year[0])
	} else {
		s.addf("The forecasts for %s were %s.", w.cal.YearLabel(last.Period), joinAnd(year))
	}
	switch n := len(ends); {
	case n == 0:
	case n == 1:
		s.addf("The last forecast of the year before was %s.", ends[0])
	case n > 3: // the last three, said as such: not a list that seems whole
		s.addf("The last forecasts of the latest 3 years before were %s.", joinAnd(ends[n-3:]))
	default:
		s.addf("The last forecasts of the years before were %s.", joinAnd(ends))
	}
	return s.String()
}

// years is how many years the chart's slots are in: one more than its
// gaps.
func (w *chartWriter) years() int {
	n := 1
	for _, sl := range w.slots {
		if sl.Gap {
			n++
		}
	}
	return n
}

// yearBefore is the figure of the same quarter a year before sl's.
func (w *chartWriter) yearBefore(sl ChartSlot) (ChartSlot, bool) {
	for _, o := range w.slots {
		if !o.Gap && o.Value != nil && o.Period == sl.Period.Add(-4) {
			return o, true
		}
	}
	return ChartSlot{}, false
}

// gaps says which periods have no figure: by name when they are few; or
// else how many, and where the figures start and end when that is not at
// the chart's ends.
func (w *chartWriter) gaps(at []int) string {
	var missing []string
	for i, sl := range w.slots {
		if sl.Value == nil && !sl.Gap {
			missing = append(missing, w.label(i))
		}
	}
	switch {
	case len(missing) == 0:
		return ""
	case len(missing) <= 3:
		return "There is no figure for " + joinOr(missing) + "."
	}
	var s prose
	s.addf("There is no figure for %d of the %s.", len(missing), plural(w.periods, w.kind))
	if first := at[0]; first > 0 {
		s.addf("The first is for %s.", w.label(first))
	}
	if last := at[len(at)-1]; last < len(w.slots)-1 {
		s.addf("The latest is for %s.", w.label(last))
	}
	return s.String()
}

// describeLine says what a comparison line did, in short sentences:
// "The target was 60% throughout.", "The target was 75% at first. It
// was 80% from Q1 2023/24.", or with many changes "The national average
// went up from 88.1% to 89.6%." And where it starts or stops, when that is
// not at the chart's ends.
func (w *chartWriter) describeLine(name string, at []int, value func(int) float64, format func(float64) string) string {
	var s prose
	text := func(i int) string { return format(value(i)) }
	var changes []int // where the line takes a value it did not have just before
	for k, i := range at {
		if k == 0 || text(i) != text(at[k-1]) {
			changes = append(changes, i)
		}
	}
	first, last := at[0], at[len(at)-1]
	whole := first == 0 && last == len(w.slots)-1 && len(at) == w.periods
	switch {
	case len(changes) == 1 && whole:
		s.addf("%s was %s throughout.", name, text(first))
	case len(changes) == 1:
		s.addf("%s was %s.", name, text(first))
	case w.d.Cumulative:
		// A running total's target grows through each year and starts
		// again: its first and last are not to be compared, and "it was 6
		// from Q1" would read as a cut. Its whole year's is said, as the
		// whole-year totals are.
		s.add(w.wholeYear(name, at, text))
	case len(changes) <= 3:
		s.addf("%s was %s at first.", name, text(first))
		for _, i := range changes[1:] {
			s.addf("It was %s from %s.", text(i), w.label(i))
		}
	default:
		s.addf("%s %s.", name, fromTo(text(first), text(last), value(first), value(last)))
	}
	if !whole {
		if first > 0 {
			s.addf("It starts in %s.", w.label(first))
		}
		if last < len(w.slots)-1 {
			s.addf("It stops after %s.", w.label(last))
		}
	}
	return s.String()
}

// signals says where the usual range is, and which figures are signals
// of a real change rather than normal variation.
func (w *chartWriter) signals() string {
	var s prose
	if l := w.d.Limits; l != nil {
		s.addf("Grey lines show the average, %s, and the usual range.", Value(w.m, l.Mean))
		s.addf("The usual range runs from %s.", unitOnce(Value(w.m, l.Lower), Value(w.m, l.Upper))+" to "+Value(w.m, l.Upper))
	}
	var signals []string
	for _, sl := range w.slots {
		if sl.Signal != "" {
			signals = append(signals, sl.Label)
		}
	}
	switch n := len(signals); {
	case n == 0 && w.d.Limits != nil:
		s.add("Every figure is within normal variation.")
	case n == 1:
		s.addf("A square marks a signal of real change, in %s.", signals[0])
	case n > 3:
		s.addf("Squares mark %d signals of real change, from %s to %s.", n, signals[0], signals[n-1])
	case n > 0:
		s.addf("Squares mark signals of real change, in %s.", joinAnd(signals))
	}
	return s.String()
}

// trend says what a sparkline shows, over the periods from its first
// figure to its last.
func (w *chartWriter) trend() string {
	at := w.line(func(s ChartSlot) *float64 { return s.Value })
	if len(at) == 0 {
		return ""
	}
	first, last := at[0], at[len(at)-1]
	a, b := Value(w.m, *w.slots[first].Value), Value(w.m, *w.slots[last].Value)
	if w.d.Cumulative {
		s := "Total for the year so far, " + w.label(last) + ": " + b
		if before, ok := w.yearBefore(w.slots[last]); ok {
			s += "; " + Value(w.m, *before.Value) + " a year before"
		}
		return s
	}
	if w.d.Forecast {
		s := "Forecast made in " + w.label(last) + ": " + b
		if prev := last - 1; prev >= 0 && !w.slots[prev].Gap && w.slots[prev].Value != nil {
			s += "; " + Value(w.m, *w.slots[prev].Value) + " the quarter before"
		}
		return s
	}
	if first == last {
		return "One figure so far: " + a + ", for " + w.label(first)
	}
	over := "Trend over " + strconv.Itoa(last-first+1) + " " + w.kind + "s: "
	va, vb := *w.slots[first].Value, *w.slots[last].Value
	switch {
	case a == b:
		return over + a + " at both ends"
	case vb > va:
		return over + "up from " + unitOnce(a, b) + " to " + b
	}
	return over + "down from " + unitOnce(a, b) + " to " + b
}

// ShareAlt is the text alternative of m's share image (og:image:alt),
// which shows the title, the latest figure and its status: "Care leavers
// in education, employment or training: Q2 2023/24, 94.9%, On track." An
// image seen on its own, away from the page, so it names the measure.
func ShareAlt(m *derive.Measure, cal model.Calendar) string {
	alt := Title(m.Title) + ": " + PeriodLabel(m.Latest.Point, cal)
	if m.Latest.Value != nil {
		alt += ", " + Value(&m.Measure, *m.Latest.Value)
	}
	return alt + ", " + m.Latest.Status.Label() + "."
}

// prose is sentences, to be joined by spaces.
type prose []string

// add adds a sentence, unless it is empty.
func (s *prose) add(sentence string) {
	if sentence != "" {
		*s = append(*s, sentence)
	}
}

// addf adds a sentence written by fmt.Sprintf.
func (s *prose) addf(format string, args ...any) { s.add(fmt.Sprintf(format, args...)) }

func (s prose) String() string { return strings.Join(s, " ") }

// joinOr joins "a", "b", "c" as "a, b or c".
func joinOr(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
