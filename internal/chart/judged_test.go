package chart

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// derived derives measures from rows, as the site does: with what each
// figure covers and statistical process control.
func derived(ms []model.Measure, rows []model.Row) *derive.Site {
	for i := range ms {
		ms[i].Service = "s"
		if ms[i].Frequency == "" {
			ms[i].Frequency = model.Quarterly
		}
	}
	return derive.Derive(&model.Input{Site: model.Site{YearStartMonth: 4, Services: []model.Service{{ID: "s"}}},
		Measures: ms, Quarters: []model.QuarterFile{{Rows: rows}}})
}

func rowsFrom(id string, start model.Period, values ...float64) []model.Row {
	var out []model.Row
	for i := range values {
		out = append(out, model.Row{Measure: id, Period: start.Add(i), Value: &values[i]})
	}
	return out
}

// judged are measures whose charts show what is new in them: a running
// total across two Aprils, a yearly figure that says its year, and a trend
// with control limits and signals (the hand-worked series of
// internal/build/testdata/sites/spc.txtar).
func judged() []*derive.Measure {
	d := 0
	ms := []model.Measure{
		{ID: "ytd", Title: "Homes built so far this year", Unit: model.UnitCount, Better: model.BetterHigher, Cumulative: true, Decimals: &d},
		{ID: "school", Title: "Pupils at the expected standard", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Annual, Covers: model.CoversAcademicYear, Decimals: &d},
		{ID: "trend", Title: "Household waste recycled", Unit: model.UnitPercent, Better: model.BetterHigher, Target: f(44), Decimals: &d},
	}
	var rows []model.Row
	rows = append(rows, rowsFrom("ytd", model.Period{Year: 2022, Quarter: 3}, 75, 98, 27, 52, 78, 104, 29)...)
	rows = append(rows, model.Row{Measure: "school", Period: model.Period{Year: 2021, Quarter: 3}, Value: f(57)},
		model.Row{Measure: "school", Period: model.Period{Year: 2023, Quarter: 2}, Value: f(59.6)})
	rows = append(rows, rowsFrom("trend", model.Period{Year: 2019, Quarter: 2}, 40, 42, 39, 41, 40, 42, 39, 41, 40, 42, 40, 41, 40, 41, 42, 43, 44, 45, 46, 47)...)
	s := derived(ms, rows)
	return []*derive.Measure{s.ByID["ytd"], s.ByID["school"], s.ByID["trend"]}
}

// A running total starts again each year: no line, in the SVG, the
// interactive chart or the sparkline, joins one year's total to the next.
func TestRunningTotalBreaksAtTheYearStart(t *testing.T) {
	m := judged()[0]
	c := New(m, cal)
	var labels []string
	gaps := 0
	for _, s := range c.Slots {
		labels = append(labels, s.Label)
		if s.Gap {
			gaps++
			if s.Value != nil || s.Target != nil || s.Label != "" {
				t.Errorf("a gap with a figure or a label: %+v", s)
			}
		}
	}
	if got := strings.Join(labels, ","); got != "Q3 2022/23,Q4 2022/23,,Q1 2023/24,Q2 2023/24,Q3 2023/24,Q4 2023/24,,Q1 2024/25" || gaps != 2 {
		t.Errorf("slots %s", got)
	}
	if c.Slots[0].Months != "April to December 2022 (the year to date)" || c.Slots[6].Months != "April 2023 to March 2024 (the whole year)" {
		t.Errorf("months %q, %q", c.Slots[0].Months, c.Slots[6].Months)
	}
	// SVG: lines only between slots of the same year.
	svg := c.SVG()
	actual := svg[strings.Index(svg, `class="chart-actual"`):]
	if n := strings.Count(actual[:strings.Index(actual, "chart-ring")], "<line"); n != 4 {
		t.Errorf("%d line segments, want 4 (Q3-Q4, Q1-Q2-Q3-Q4 of the next year but none across)", n)
	}
	// ECharts: null at the gaps, so no line across.
	var o struct {
		Series []struct {
			ID   string `json:"id"`
			Data []any  `json:"data"`
		} `json:"series"`
	}
	b, _ := c.OptionJSON()
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if d := o.Series[0].Data; o.Series[0].ID != idActual || d[2] != nil || d[7] != nil || d[1] == nil || d[3] == nil {
		t.Errorf("actual data %v", o.Series[0].Data)
	}
	// The sparkline starts a new path at each year.
	spark := c.Sparkline()
	if n := strings.Count(regexp.MustCompile(` d="[^"]*"`).FindString(spark), "M"); n != 3 {
		t.Errorf("sparkline has %d pieces, want 3: %s", n, spark)
	}
	if !strings.Contains(spark, `aria-label="Total for the year so far, Q1 2024/25: 29; 27 a year before"`) {
		t.Errorf("sparkline words: %s", spark)
	}
	desc := c.Words().Description
	for _, want := range []string{
		"The total starts again each April, so each year has its own line.",
		"The latest is 29, for Q1 2024/25. A year before, it was 27.",
		"Whole-year totals were 98 in Q4 2022/23 and 104 in Q4 2023/24.",
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q: %s", want, desc)
		}
	}
	if strings.Contains(desc, "went up") || strings.Contains(desc, "went down") || strings.Contains(desc, "highest") {
		t.Errorf("a running total compared across its years: %s", desc)
	}
	if c.Limits != nil {
		t.Errorf("limits on a running total: %+v", c.Limits)
	}
}

// A yearly figure that says its year is named by it, and a year with no
// figure between two is a gap.
func TestYearlyChartNamesItsYears(t *testing.T) {
	c := New(judged()[1], cal)
	var labels, months []string
	for _, s := range c.Slots {
		labels = append(labels, s.Label)
		months = append(months, s.Months)
	}
	if got := strings.Join(labels, ","); got != "2020/21,2021/22,2022/23" {
		t.Errorf("labels %s", got)
	}
	if months[2] != "September 2022 to August 2023" || c.Slots[1].Value != nil {
		t.Errorf("slots %+v", c.Slots)
	}
	if w := c.Words(); strings.Contains(c.SVG(), "Q3 ") || strings.Contains(w.Name+w.Caption+w.Description, "Q2 ") {
		t.Errorf("a quarter's name on a yearly chart: %+v", w)
	}
}

// The chart shows the average and the usual range, and marks the figures
// that are signals, in the SVG, the option and the words.
func TestChartShowsSignals(t *testing.T) {
	m := judged()[2]
	c := New(m, cal)
	if c.Limits == nil || c.Limits.Mean != 41.75 || c.Limits.Upper != 41.75+2.66*29/19 {
		t.Fatalf("limits %+v", c.Limits)
	}
	svg := c.SVG()
	if n := strings.Count(svg, `class="chart-signal"`); n != 8 {
		t.Errorf("%d signals marked, want 8", n)
	}
	for _, want := range []string{
		`class="chart-mean"`, `class="chart-limit"`,
		`Q1 2024/25: Actual 47%, a signal: above the usual range (better)`,
		`Q2 2022/23: Actual 40%, a signal: part of 7 rises in a row (better)`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	legend := c.LegendHTML()
	for _, want := range []string{NameMean, NameRange, NameSignal} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend lacks %q", want)
		}
	}
	desc := c.Words().Description
	for _, want := range []string{
		"Grey lines show the average, 42%, and the usual range. The usual range runs from 38% to 46%.",
		"Squares mark 8 signals of real change, from Q2 2022/23 to Q1 2024/25.",
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q: %s", want, desc)
		}
	}
	b, _ := c.OptionJSON()
	o := generic(t, b)
	ids := map[string]bool{}
	for _, s := range o["series"].([]any) {
		s := s.(map[string]any)
		ids[s["id"].(string)] = true
		if s["id"] == idActual {
			last := s["data"].([]any)[19].(map[string]any)
			if last["symbol"] != "rect" || last["signal"] != "above the usual range: better" {
				t.Errorf("the last figure: %v", last)
			}
			if first := s["data"].([]any)[0].(map[string]any); first["symbol"] != nil {
				t.Errorf("the first figure is marked: %v", first)
			}
		}
		if s["id"] == idUpper {
			if d := s["data"].([]any)[5].(map[string]any); d["text"] != "46%" {
				t.Errorf("upper limit %v", d)
			}
		}
	}
	if !ids[idMean] || !ids[idUpper] || !ids[idLower] {
		t.Errorf("series %v", ids)
	}
	// As published in Q3 2023/24, only the figures up to then counted:
	// no trend yet, and other limits.
	then := NewAt(m, cal, model.Period{Year: 2023, Quarter: 3})
	if then.Limits == nil || then.Limits.Mean == c.Limits.Mean || then.HasSignal() {
		t.Errorf("as published: limits %+v, signals %v", then.Limits, then.HasSignal())
	}
	if !strings.Contains(then.Words().Description, "Every figure is within normal variation.") {
		t.Errorf("as published: %s", then.Words().Description)
	}
	// With fewer than 12 figures, no limits.
	if early := NewAt(m, cal, model.Period{Year: 2021, Quarter: 4}); early.Limits != nil || strings.Contains(early.SVG(), "chart-mean") {
		t.Errorf("limits from 11 figures: %+v", early.Limits)
	}
}

// Forecasts of the year's outcome are about a new year each year: no line
// joins one year's to the next, and the words say each year's in turn.
func TestForecastsBreakAtTheYearStart(t *testing.T) {
	d := 0
	s := derived([]model.Measure{{ID: "fc", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: model.BetterLower, Target: f(0), Decimals: &d}},
		rowsFrom("fc", model.Period{Year: 2022, Quarter: 3}, 2100000, 2900000, 400000, 650000, 900000, 1200000, 300000))
	c := New(s.ByID["fc"], cal)
	var labels []string
	for _, sl := range c.Slots {
		labels = append(labels, sl.Label)
	}
	if got := strings.Join(labels, ","); got != "Q3 2022/23,Q4 2022/23,,Q1 2023/24,Q2 2023/24,Q3 2023/24,Q4 2023/24,,Q1 2024/25" {
		t.Errorf("slots %s", got)
	}
	svg := c.SVG()
	actual := svg[strings.Index(svg, `class="chart-actual"`):]
	if n := strings.Count(actual[:strings.Index(actual, "chart-ring")], "<line"); n != 4 {
		t.Errorf("%d line segments, want 4 (none across a year's start)", n)
	}
	words := c.Words()
	if want := "The forecasts made in the 7 quarters to Q1 2024/25, each year's as a line of its own, with the target."; words.Caption != want {
		t.Errorf("caption %q, want %q", words.Caption, want)
	}
	for _, want := range []string{
		"Each year's forecasts are about that year, which starts in April, so each year has its own line.",
		"The forecast for 2024/25 was £300,000 in Q1.",
		"The last forecasts of the years before were £2.9 million in Q4 2022/23 and £1.2 million in Q4 2023/24.",
	} {
		if !strings.Contains(words.Description, want) {
			t.Errorf("description lacks %q: %s", want, words.Description)
		}
	}
	if strings.Contains(words.Description, "went up") || strings.Contains(words.Description, "went down") {
		t.Errorf("forecasts compared across their years: %s", words.Description)
	}
	// The sparkline's words compare only with a forecast for the same year.
	if !strings.Contains(c.Sparkline(), `aria-label="Forecast made in Q1 2024/25: £300,000"`) {
		t.Errorf("sparkline words: %s", c.Sparkline())
	}
	if !strings.Contains(NewAt(s.ByID["fc"], cal, model.Period{Year: 2023, Quarter: 2}).Sparkline(), `aria-label="Forecast made in Q2 2023/24: £650,000; £400,000 the quarter before"`) {
		t.Errorf("sparkline words at Q2 2023/24: %s", NewAt(s.ByID["fc"], cal, model.Period{Year: 2023, Quarter: 2}).Sparkline())
	} // Its line is called a forecast wherever the chart names it: the
	// legend, each point's title and the interactive chart's series;
	// "Actual" would say that the amounts have happened.
	b, err := c.OptionJSON()
	if err != nil {
		t.Fatal(err)
	}
	legend, option := c.LegendHTML(), string(b)
	for what, in := range map[string]string{"legend": legend, "SVG": svg, "option": option} {
		if strings.Contains(in, NameActual) {
			t.Errorf("the %s names a forecast's line %q", what, NameActual)
		}
	}
	for what, want := range map[string]string{
		"legend": `</svg> Forecast</li>`,
		"SVG":    `<title>Q1 2024/25: Forecast £300,000</title>`,
		"option": `"name":"Forecast"`,
	} {
		if in := map[string]string{"legend": legend, "SVG": svg, "option": option}[what]; !strings.Contains(in, want) {
			t.Errorf("the %s lacks %q", what, want)
		}
	}
	// A yearly forecast's line is a forecast too.
	yearly := derived([]model.Measure{{ID: "yf", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: model.BetterLower, Frequency: model.Annual, Decimals: &d}},
		append(rowsFrom("yf", model.Period{Year: 2022, Quarter: 3}, 2100000), rowsFrom("yf", model.Period{Year: 2023, Quarter: 3}, 2900000)...))
	yc := New(yearly.ByID["yf"], cal)
	yb, err := yc.OptionJSON()
	if err != nil {
		t.Fatal(err)
	}
	for what, in := range map[string]string{"legend": yc.LegendHTML(), "SVG": yc.SVG(), "option": string(yb)} {
		if strings.Contains(in, NameActual) || !strings.Contains(in, NameForecast) {
			t.Errorf("a yearly forecast's %s: %s", what, in)
		}
	}
	// With more years before than it names, it says it names the last 3.
	long := derived([]model.Measure{{ID: "lf", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: model.BetterLower, Decimals: &d}},
		rowsFrom("lf", model.Period{Year: 2019, Quarter: 1}, 1e6, 2e6, 3e6, 4e6, 1e6, 2e6, 3e6, 5e6, 1e6, 2e6, 3e6, 6e6, 1e6, 2e6, 3e6, 7e6, 1e6))
	if d := New(long.ByID["lf"], cal).Words().Description; !strings.Contains(d, "The last forecasts of the latest 3 years before were £5 million in Q4 2020/21, £6 million in Q4 2021/22 and £7 million in Q4 2022/23.") {
		t.Errorf("four years before: %s", d)
	}
	// A measure that is not a forecast keeps "Actual".
	plain := derived([]model.Measure{{ID: "os", Title: "Overspend", Unit: model.UnitCurrency, Better: model.BetterLower, Target: f(0), Decimals: &d}},
		rowsFrom("os", model.Period{Year: 2022, Quarter: 3}, 2100000, 2900000))
	if legend := New(plain.ByID["os"], cal).LegendHTML(); !strings.Contains(legend, `</svg> Actual</li>`) {
		t.Errorf("an ordinary measure's legend: %s", legend)
	}
}
