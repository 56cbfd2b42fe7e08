package explain

import (
	"fmt"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// chartCase is a measure whose chart's words are in chart.golden, drawn
// as it stands at the site's latest quarter or, with at, at an earlier
// one.
type chartCase struct {
	name       string
	measure    model.Measure
	rows       []model.Row
	siteLatest string
	at         string
	// As internal/chart would have them from derive's control limits:
	// the usual range drawn, and the slots that are signals.
	limits  *ChartLimits
	signals map[int]string
}

func chartCases() []chartCase {
	var cases []chartCase
	add := func(c chartCase) { cases = append(cases, c) }

	rs := rows("m", "2021-22-q3", 87.6, 88.4, 89.1, 90.3, 91.2, 89.4, 92.6, 94.9)
	for i, n := range []float64{88.1, 88.1, 88.7, 88.7, 89.2, 89.2, 89.6, 89.6} {
		rs[i].National = f(n)
	}
	add(chartCase{name: "up, with a target and national figures", measure: percent("Care leavers in education, employment or training", "higher", f(90), f(3)), rows: rs})

	// Gaps, a target that changes, national figures that stop.
	rs = rows("m", "2021-22-q3", 66.0, 67.4, none, 70.2, 71.9, 73.5, 78.1, none, 79.4, 80.2, 77.5, 81.0)
	for i := range rs {
		rs[i].Target = f(75)
		if i >= 6 {
			rs[i].Target = f(80)
		}
	}
	for i, n := range []float64{72, 72.5, 73, 74} {
		rs[i].National = f(n)
	}
	add(chartCase{name: "gaps, a target that changes, national figures that stop", measure: percent("Eligible two-year-olds taking up free nursery places", "higher", nil, f(2)), rows: rs})
	add(chartCase{name: "as it stood in an earlier quarter", measure: percent("Eligible two-year-olds taking up free nursery places", "higher", nil, f(2)), rows: rs, at: "2022-23-q4"})

	add(chartCase{name: "money, down, a target of £0", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows: rows("m", "2022-23-q1", 8900000, 10400000, 12300000, 6200000, 2100000)})
	add(chartCase{name: "one figure", measure: percent("Pupils in good schools", "higher", nil, nil), rows: rows("m", "2023-24-q2", 5)})

	rs = rows("m", "2023-24-q1", none, none)
	rs[0].National, rs[1].National = f(40), f(41)
	add(chartCase{name: "national figures only", measure: percent("Pupils in good schools", "higher", nil, nil), rows: rs})

	rs = append(append(rows("m", "2018-19-q3", 64.5), rows("m", "2019-20-q3", 65.1)...), rows("m", "2022-23-q3", 57.8)...)
	for i := range rs {
		rs[i].National = f(*rs[i].Value + 1)
	}
	add(chartCase{name: "annual, with years missing", measure: model.Measure{ID: "m", Title: "KS2", Unit: model.UnitPercent, Better: "higher", Frequency: model.Annual, Decimals: dec(1)}, rows: rs})

	add(chartCase{name: "many gaps, and none in the latest quarter", measure: model.Measure{ID: "m", Title: "Families helped", Unit: model.UnitCount, Better: "higher", Decimals: dec(0)},
		rows: rows("m", "2021-22-q1", 10, none, 12, none, none, 15, none, 11, none), siteLatest: "2023-24-q2"})

	rs = rows("m", "2022-23-q1", 20, 19, 18, 17, 16, 15)
	for i := range rs {
		rs[i].Target = f(float64(25 - i))
	}
	add(chartCase{name: "a target that changes every quarter", measure: model.Measure{ID: "m", Title: "Days to decide", Unit: model.UnitDays, Better: "lower", Decimals: dec(0)}, rows: rs})

	add(chartCase{name: "the same at both ends, highest and lowest between", measure: percent("Rent collected", "higher", nil, nil),
		rows: rows("m", "2022-23-q1", 96.2, 97.9, 95.1, 96.24)})

	add(chartCase{name: "the same every time", measure: percent("Calls answered.", "higher", nil, nil), rows: rows("m", "2023-24-q1", 100, 100, 100)})

	rs = rows("m", "2022-23-q1", 30, 32, 31, 35)
	rs[2].Target, rs[3].Target = f(33), f(33)
	add(chartCase{name: "a target set later", measure: model.Measure{ID: "m", Title: "Homes built", Unit: model.UnitCount, Better: "higher", Decimals: dec(0)}, rows: rs})

	// A running total: each year's line starts again, and only the same
	// quarter a year before is compared.
	rs = rows("m", "2022-23-q1", 25, 49, 73, 98, 27, 52, 78, 104, 29)
	for i := range rs {
		rs[i].Target = f(float64(25 * (i%4 + 1)))
	}
	add(chartCase{name: "a running total", measure: model.Measure{ID: "m", Title: "New foster carers approved", Unit: model.UnitCount, Better: "higher", Decimals: dec(0), Cumulative: true}, rows: rs})
	// Its target for the whole year raised in the second year; and a
	// running total with no target for a fourth quarter, whose target is
	// said to be for the year so far.
	rs = rows("m", "2022-23-q1", 25, 49, 73, 98, 27, 52, 78, 104, 29)
	for i := range rs {
		rs[i].Target = f(float64((25 + 5*(i/4)) * (i%4 + 1)))
	}
	add(chartCase{name: "a running total whose target was raised", measure: model.Measure{ID: "m", Title: "New foster carers approved", Unit: model.UnitCount, Better: "higher", Decimals: dec(0), Cumulative: true}, rows: rs})
	rs = rows("m", "2023-24-q1", 27, 52, 78, 104, 29, 55)
	for i := range rs {
		if i != 3 { // no target for the fourth quarter
			rs[i].Target = f(float64(25 * (i%4 + 1)))
		}
	}
	add(chartCase{name: "a running total with no fourth quarter's target", measure: model.Measure{ID: "m", Title: "New foster carers approved", Unit: model.UnitCount, Better: "higher", Decimals: dec(0), Cumulative: true}, rows: rs})
	// Across a year's start, with few changes: the target is not said
	// to have been cut to the first quarter's.
	rs = rows("m", "2022-23-q3", 73, 98, 27)
	for i, t := range []float64{75, 100, 25} {
		rs[i].Target = f(t)
	}
	add(chartCase{name: "a running total's target across April", measure: model.Measure{ID: "m", Title: "New foster carers approved", Unit: model.UnitCount, Better: "higher", Decimals: dec(0), Cumulative: true}, rows: rs})
	// Five whole years: the last three are said, as the last three.
	rs = rows("m", "2019-20-q1", 20, 40, 60, 90, 25, 50, 70, 96, 24, 48, 72, 95, 22, 45, 68, 90, 21, 43, 65, 86)
	for i := range rs { // a whole-year target of 80, 84, 88, 92 and 96
		rs[i].Target = f(float64((80 + 4*(i/4)) * (i%4 + 1) / 4))
	}
	add(chartCase{name: "a running total of five years", measure: model.Measure{ID: "m", Title: "Apprenticeships started", Unit: model.UnitCount, Better: "higher", Decimals: dec(0), Cumulative: true}, rows: rs})

	// The usual range and signals, as derive's control limits give them.
	rs = rows("m", "2021-22-q1", 41, 42, 40, 43, 41, 42, 41, 40, 42, 43, 42, 44, 45, 46, 47)
	add(chartCase{name: "the usual range, and signals", measure: percent("Calls answered within a minute", "higher", nil, nil), rows: rs,
		limits: &ChartLimits{Mean: 42, Lower: 38.5, Upper: 45.5}, signals: map[int]string{12: "part of 4 rises in a row", 13: "above the usual range", 14: "above the usual range"}})
	add(chartCase{name: "the usual range, no signal", measure: percent("Calls answered within a minute", "higher", nil, nil), rows: rs[:12],
		limits: &ChartLimits{Mean: 41.75, Lower: 38.5, Upper: 45}})
	return cases
}

func TestChartGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range chartCases() {
		site := buildCase(summaryCase{measure: c.measure, rows: c.rows, siteLatest: c.siteLatest})
		m := site.ByID["m"]
		var upTo *model.Period
		if c.at != "" {
			p := period(c.at)
			upTo = &p
		}
		d := chartData(m, site.Cal, upTo)
		d.Limits, d.Slots = c.limits, withSignals(d.Slots, c.signals)
		text := Chart(&m.Measure, d, site.Cal)
		fmt.Fprintf(&b, "== %s\n%s\n%s", c.name, describeMeasure(&m.Measure), describeSeries(m, site.Cal))
		if upTo != nil {
			fmt.Fprintf(&b, "as at %s:\n", site.Cal.Label(*upTo))
		}
		fmt.Fprintf(&b, "name:        %s\ncaption:     %s\ndescription: %s\ntrend:       %s\n\n", text.Name, text.Caption, text.Description, text.Trend)
	}
	golden(t, "chart", b.String())
}

// No words of a chart repeat the title, and every number they quote is
// one the chart shows (a figure, target or national figure, as the page
// formats it; a period) or a count of its periods.
func TestChartQuotesOnlyTheChart(t *testing.T) {
	for _, c := range chartCases() {
		site := buildCase(summaryCase{measure: c.measure, rows: c.rows, siteLatest: c.siteLatest})
		m := site.ByID["m"]
		d := chartData(m, site.Cal, nil)
		d.Limits, d.Slots = c.limits, withSignals(d.Slots, c.signals)
		text := Chart(&m.Measure, d, site.Cal)
		all := text.Name + " " + text.Caption + " " + text.Description + " " + text.Trend
		if strings.Contains(all, m.Title) {
			t.Errorf("%s: repeats the title: %s", c.name, all)
		}
		shown := []string{fmt.Sprint(len(d.Slots))}
		if l := d.Limits; l != nil {
			shown = append(shown, Value(&m.Measure, l.Mean), Value(&m.Measure, l.Lower), Value(&m.Measure, l.Upper))
		}
		for i, p := range d.Slots {
			for _, v := range []*float64{p.Value, p.National} {
				if v != nil {
					shown = append(shown, Value(&m.Measure, *v))
				}
			}
			if p.Target != nil {
				shown = append(shown, Target(&m.Measure, *p.Target))
			}
			shown = append(shown, p.Label, fmt.Sprint(i+1)) // i+1: a count of periods or signals
		}
		known := map[string]bool{}
		for _, s := range shown {
			for _, n := range numberToken.FindAllString(s, -1) {
				known[n] = true
			}
		}
		for _, n := range numberToken.FindAllString(all, -1) {
			if !known[n] {
				t.Errorf("%s: quotes %s, which the chart does not show: %s", c.name, n, all)
			}
		}
	}
}

func TestShareAlt(t *testing.T) {
	site := buildCase(summaryCase{measure: percent("Care leavers in education, employment or training", "higher", f(90), f(3)), rows: rows("m", "2023-24-q1", 92.6, 94.9)})
	if got, want := ShareAlt(site.ByID["m"], site.Cal), "Care leavers in education, employment or training: Q2 2023/24, 94.9%, On track."; got != want {
		t.Errorf("ShareAlt = %q, want %q", got, want)
	}
	site = buildCase(summaryCase{measure: percent("Pupils in good schools", "higher", nil, nil), rows: rows("m", "2023-24-q1", none)})
	if got, want := ShareAlt(site.ByID["m"], site.Cal), "Pupils in good schools: Q1 2023/24, No data."; got != want {
		t.Errorf("ShareAlt = %q, want %q", got, want)
	}
}

// Figures that read the same are not said to have gone from one to the
// other, nor to be the highest and the lowest.
func TestChartSaysSameFiguresOnce(t *testing.T) {
	for _, c := range []struct {
		values []float64
		want   string
	}{
		{[]float64{100, 100, 100}, "The figure was 100.0% every time."},
		{[]float64{100, 99.96, 100.04}, "The figure was 100.0% every time."},
		{[]float64{90, 95, 90}, "The figure was 90.0% at the start and at the end. The highest was 95.0%, in Q2 2023/24."},
	} {
		site := buildCase(summaryCase{measure: percent("Calls answered", "higher", nil, nil), rows: rows("m", "2023-24-q1", c.values...)})
		m := site.ByID["m"]
		d := Chart(&m.Measure, chartData(m, site.Cal, nil), site.Cal).Description
		if !strings.HasPrefix(d, c.want) || strings.Contains(d, "went") || strings.Count(d, "100.0%") > 1 {
			t.Errorf("%v: %s", c.values, d)
		}
	}
}

// chartData is what a chart of m's figures up to upTo shows, as
// internal/chart lays it out for the measures of these tests: a slot a
// quarter, or a year, with a slot of its own for a year with no figure
// between two, and a gap between the years of a running total.
func chartData(m *derive.Measure, cal model.Calendar, upTo *model.Period) ChartData {
	d := ChartData{Annual: m.IsAnnual(), Cumulative: m.Cumulative && !m.IsAnnual()}
	for i, pt := range m.Series {
		if upTo != nil && upTo.Before(pt.Period) {
			break
		}
		switch {
		case d.Annual && i > 0:
			for p := m.Series[i-1].Period.Add(4); p.Before(pt.Period); p = p.Add(4) {
				d.Slots = append(d.Slots, ChartSlot{Period: p, Label: cal.Label(p)})
			}
		case d.Cumulative && i > 0 && pt.Period.Quarter == 1:
			d.Slots = append(d.Slots, ChartSlot{Gap: true})
		}
		d.Slots = append(d.Slots, ChartSlot{Period: pt.Period, Label: cal.Label(pt.Period), Value: pt.Value, Target: pt.Target, National: pt.National})
	}
	return d
}

// withSignals marks the slots of signals (by index) with their words.
func withSignals(slots []ChartSlot, signals map[int]string) []ChartSlot {
	for i, s := range signals {
		slots[i].Signal = s
	}
	return slots
}
