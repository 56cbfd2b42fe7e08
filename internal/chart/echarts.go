package chart

import (
	"bytes"
	"encoding/json"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// The default colours of the series: the light scheme's. The browser script
// replaces them with the page's --chart-* custom properties, so dark mode
// restyles the interactive chart as it does the SVG.
const (
	colorActual   = "#1d4f91"
	colorTarget   = "#0b0c0c"
	colorNational = "#a3480a"
	colorGrid     = "#d3d5d6"
	colorText     = "#484f53"
	// colorLimit is the average and the usual range: a mid grey with a
	// contrast of at least 3:1 against the light and the dark background.
	colorLimit = "#6f777b"
)

// Series ids in the option, which the browser script uses to restyle them.
const (
	idActual   = "actual"
	idTarget   = "target"
	idNational = "national"
	// The average and the process limits.
	idMean  = "mean"
	idUpper = "upper"
	idLower = "lower"
)

// datum is one point of a series in the option. Text is the exact figure
// as the page writes it, for the tooltip; Months is its period in words.
// A figure that is a signal of real change is a square (Symbol "rect",
// bigger), and Signal says why: "above the usual range: worse". Status is
// the actual figure's status in words ("Off track"). Signal and Status are
// the table's words, which the keyboard announces.
type datum struct {
	Value      float64 `json:"value"`
	Text       string  `json:"text"`
	Months     string  `json:"months"`
	Symbol     string  `json:"symbol,omitempty"`
	SymbolSize int     `json:"symbolSize,omitempty"`
	Signal     string  `json:"signal,omitempty"`
	Status     string  `json:"status,omitempty"`
}

// limitDatum is one point of the average or a process limit: the same at
// every slot.
type limitDatum struct {
	Value float64 `json:"value"`
	Text  string  `json:"text"`
}

// Tick is a y axis value with its label, for the browser script (ECharts
// cannot format "£2.5m" without a function, and the option holds none).
type Tick struct {
	Value float64 `json:"value"`
	Label string  `json:"label"`
}

// Line is the chart as a go-echarts line chart: the description the
// interactive chart draws. Missing figures are null (a gap), never zero.
// Its ChartID is the chart's id, so the markup is the same on every build.
func (c *Chart) Line() *charts.Line {
	line := charts.NewLine()
	labels := make([]string, len(c.Slots))
	for i, s := range c.Slots {
		labels[i] = s.Label
	}
	names := []string{c.valueName}
	if c.HasTarget() {
		names = append(names, NameTarget)
	}
	if c.HasNational() {
		names = append(names, NameNational)
	}
	if c.Limits != nil {
		names = append(names, NameMean, NameUpper, NameLower)
	}
	line.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: c.ID, Renderer: "svg", Width: "100%", Height: "300px"}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: c.Words().Description}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Left: "0", Data: names}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "8", Right: "16", Top: "40", Bottom: "8", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(opts.YAxis{
			Type: "value", Min: c.Scale.Min, Max: c.Scale.Max,
			// Equal min and max intervals fix the ticks to the SVG's.
			MinInterval: c.Scale.Step, MaxInterval: c.Scale.Step,
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colorGrid}},
		}),
	)
	line.SetXAxis(labels)

	data := func(get func(Slot) *float64) []any {
		out := make([]any, len(c.Slots))
		for i, s := range c.Slots {
			if v := get(s); v != nil {
				out[i] = datum{Value: *v, Text: c.Text(*v), Months: s.Months}
			} // else nil: null in JSON, a gap in the line
		}
		return out
	}
	setData := func(d []any) charts.SeriesOpts {
		return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = d })
	}
	actual := data(func(s Slot) *float64 { return s.Value })
	for i, s := range c.Slots {
		d, ok := actual[i].(datum)
		if !ok {
			continue
		}
		d.Status = s.Status.Label()
		if s.Signal != "" {
			d.Symbol, d.SymbolSize, d.Signal = "rect", 12, signalText(s)
		}
		actual[i] = d
	}
	line.AddSeries(c.valueName, nil,
		charts.WithSeriesId(idActual),
		setData(actual),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 9, ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: colorActual, Width: 3, Type: "solid"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorActual}),
	)
	if c.HasTarget() {
		// A target holds for a whole quarter, so it is drawn as steps
		// that change half way between two quarters.
		line.AddSeries(NameTarget, nil,
			charts.WithSeriesId(idTarget),
			setData(data(func(s Slot) *float64 { return s.Target })),
			charts.WithLineChartOpts(opts.LineChart{Symbol: "none", Step: "middle", ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colorTarget, Width: 2, Type: "dashed"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorTarget}),
		)
	}
	if c.HasNational() {
		line.AddSeries(NameNational, nil,
			charts.WithSeriesId(idNational),
			setData(data(func(s Slot) *float64 { return s.National })),
			charts.WithLineChartOpts(opts.LineChart{Symbol: "diamond", SymbolSize: 9, ShowSymbol: opts.Bool(true), ConnectNulls: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: colorNational, Width: 2, Type: "dotted"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorNational}),
		)
	}
	if l := c.Limits; l != nil {
		for _, lim := range []struct {
			name, id, dash string
			v              float64
		}{{NameMean, idMean, "solid", l.Mean}, {NameUpper, idUpper, "dashed", l.Upper}, {NameLower, idLower, "dashed", l.Lower}} {
			// The same level at every slot (but a running total's gaps),
			// with its text for the tooltip.
			level := make([]any, len(c.Slots))
			for i, s := range c.Slots {
				if !s.Gap {
					level[i] = limitDatum{Value: lim.v, Text: c.Text(lim.v)}
				}
			}
			line.AddSeries(lim.name, nil,
				charts.WithSeriesId(lim.id),
				setData(level),
				charts.WithLineChartOpts(opts.LineChart{Symbol: "none", ConnectNulls: opts.Bool(false)}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: colorLimit, Width: 1.5, Type: lim.dash}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: colorLimit}),
			)
		}
	}
	line.Validate()
	return line
}

// Option is the ECharts option of the chart, with one key ECharts does not
// know: "perfsite" holds the y axis tick labels for the browser script,
// which removes it before drawing.
func (c *Chart) Option() map[string]any {
	o := c.Line().JSON()
	var ticks []Tick
	for _, t := range c.Scale.Ticks() {
		ticks = append(ticks, Tick{t, c.TickLabel(t)})
	}
	o["perfsite"] = map[string]any{"id": c.ID, "ticks": ticks}
	return o
}

// OptionJSON is the ECharts option as JSON that is safe inside a
// <script type="application/json"> element: <, > and & are written as
// \u003c, \u003e and \u0026 (so no value can close the element), as are
// U+2028 and U+2029. Maps are written with sorted keys, so the bytes are
// the same on every build.
func (c *Chart) OptionJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(c.Option()); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Cut is what a page needs to draw this chart from the option of a later
// chart of the same measure (a measure-per-quarter page, from its measure
// page's option, which perfsite writes as a file): the option's URL, how
// many x axis slots to keep, and this chart's own scale and tick labels.
// The browser script fetches the option, keeps the first Cut slots of
// every series (dropping a series with no figure left), and sets the
// scale; the description for screen readers is the SVG's. A page carries
// a few hundred bytes instead of the whole option.
type Cut struct {
	ID    string  `json:"id"`
	Src   string  `json:"src"`
	Cut   int     `json:"cut"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Step  float64 `json:"step"`
	Ticks []Tick  `json:"ticks"`
	// Limits are this chart's average and process limits as they stood
	// then (the later option's come from its own figures): the script sets
	// every point of the "mean", "upper" and "lower" series to {value,
	// text} from them, but at a running total's gaps (the slots whose
	// label is empty), which stay null; it drops those series when
	// Limits is nil. Signals are the figures that were signals then: the
	// script removes symbol, symbolSize and signal from every point of
	// the "actual" series, then sets symbol "rect", symbolSize 12 and
	// signal on these.
	Limits  *CutLimits  `json:"limits,omitempty"`
	Signals []CutSignal `json:"signals,omitempty"`
}

// CutLimits are a chart's average and process limits, with their texts.
type CutLimits struct {
	Mean      float64 `json:"mean"`
	MeanText  string  `json:"meanText"`
	Upper     float64 `json:"upper"`
	UpperText string  `json:"upperText"`
	Lower     float64 `json:"lower"`
	LowerText string  `json:"lowerText"`
}

// CutSignal is a figure that is a signal of real change: its slot, and
// why.
type CutSignal struct {
	At   int    `json:"at"`
	Text string `json:"text"`
}

// CutJSON is the Cut of this chart from the option at src, as JSON that
// is safe inside a <script type="application/json"> element (as
// OptionJSON). It has one key, "perfsite", as the option's own extra key.
func (c *Chart) CutJSON(src string) ([]byte, error) {
	cut := Cut{ID: c.ID, Src: src, Cut: len(c.Slots), Min: c.Scale.Min, Max: c.Scale.Max, Step: c.Scale.Step}
	if l := c.Limits; l != nil {
		cut.Limits = &CutLimits{Mean: l.Mean, MeanText: c.Text(l.Mean), Upper: l.Upper, UpperText: c.Text(l.Upper), Lower: l.Lower, LowerText: c.Text(l.Lower)}
	}
	for i, s := range c.Slots {
		if s.Signal != "" {
			cut.Signals = append(cut.Signals, CutSignal{At: i, Text: signalText(s)})
		}
	}
	for _, t := range c.Scale.Ticks() {
		cut.Ticks = append(cut.Ticks, Tick{t, c.TickLabel(t)})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(map[string]any{"perfsite": cut}); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// signalText is what the tooltip and the keyboard say of a signal, in the
// table's words: "above the usual range: worse".
func signalText(s Slot) string {
	if s.SignalMeaning == "" {
		return s.Signal
	}
	return s.Signal + ": " + s.SignalMeaning
}
