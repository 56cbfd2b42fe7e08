package explain

import (
	"fmt"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// The series of the hand-worked test site (internal/build/testdata/sites/
// spc.txtar), from Q2 2019/20 to Q1 2024/25.
var (
	noisySeries = []float64{50, 52, 49, 51, 48, 51, 49, 52, 50, 48, 51, 50, 52, 49, 50, 51, 48, 50, 49, 50}
	trendSeries = []float64{40, 42, 39, 41, 40, 42, 39, 41, 40, 42, 40, 41, 40, 41, 42, 43, 44, 45, 46, 47}
	stepSeries  = []float64{29, 31, 29, 31, 32, 30, 29, 31, 30, 29, 36, 35, 37, 36, 34, 36, 37, 35, 36, 37}
)

// judgeCase is a measure whose figures are judged as real changes or
// normal variation, and the text written about it.
type judgeCase struct {
	name    string
	site    model.Site // its settings for every measure; the calendar is April's
	measure model.Measure
	rows    []model.Row
	at      []string // quarters to explain as well as the latest
}

func judgeCases() []judgeCase {
	var cases []judgeCase
	add := func(c judgeCase) { cases = append(cases, c) }
	calls := percent("Calls answered within 20 seconds", "higher", f(52), nil)
	calls.ToleranceShare, calls.Decimals = f(0.05), dec(0)

	// Noise: twenty quarters, no signal; the target inside the limits.
	add(judgeCase{name: "noise: within normal variation; sometimes meets the target; tolerance as a share", measure: calls,
		rows: rows("m", "2019-20-q2", noisySeries...), at: []string{"2021-22-q4"}})

	// Signals.
	recycled := percent("Household waste recycled", "higher", nil, nil)
	recycled.Decimals = dec(0)
	add(judgeCase{name: "signal: a trend up, and above the limits", measure: recycled,
		rows: rows("m", "2019-20-q2", trendSeries...), at: []string{"2023-24-q1", "2022-23-q1"}})
	claims := model.Measure{ID: "m", Title: "Days to process a housing benefit claim", Unit: model.UnitDays, Better: "lower", Target: f(30), ToleranceShare: f(0.1), Decimals: dec(0)}
	add(judgeCase{name: "signal: a step up, for the worse; the target inside the limits", measure: claims,
		rows: rows("m", "2019-20-q2", stepSeries...), at: []string{"2023-24-q3"}})
	// A shift below the mean, whose last change is up: within normal
	// variation, but still a signal the other way.
	down := append(append([]float64{}, stepSeries[10:]...), stepSeries[:10]...)
	down[len(down)-1], down[len(down)-2] = 31, 29
	add(judgeCase{name: "signal: the change is normal variation, the level is a real change", measure: claims,
		rows: rows("m", "2019-20-q2", down...)})
	// Neither direction better: a real change is neither better nor worse.
	plans := model.Measure{ID: "m", Title: "Children on a child protection plan per 10,000 children", Unit: model.UnitRate, RatePer: 10000, Better: "neither", Target: f(33), Tolerance: f(6), Decimals: dec(1)}
	add(judgeCase{name: "signal, neither direction better; changing, so no assurance", measure: plans,
		rows: rows("m", "2019-20-q2", stepSeries...)})
	plans.Target, plans.Tolerance = f(50), f(6)
	add(judgeCase{name: "neither direction better: reliably near the target", measure: plans,
		rows: rows("m", "2019-20-q2", noisySeries...)})

	// Assurance.
	flat := []float64{80, 82, 80, 82, 80, 82, 80, 82, 80, 82, 80, 82} // limits 75.68 to 86.32
	add(judgeCase{name: "assurance: reliably meets the target", measure: percent("Council tax collected", "higher", f(75), nil),
		rows: rows("m", "2020-21-q3", flat...)})
	add(judgeCase{name: "assurance: reliably misses the target", measure: percent("Council tax collected", "higher", f(90), f(3)),
		rows: rows("m", "2020-21-q3", flat...)})
	add(judgeCase{name: "assurance: lower is better, reliably meets", measure: percent("Staff turnover", "lower", f(90), nil),
		rows: rows("m", "2020-21-q3", flat...)})

	// Too few figures for limits: the change threshold decides.
	absence := percent("Pupils who are often absent from school", "lower", f(21), f(2))
	absence.ChangeThreshold = f(1)
	add(judgeCase{name: "too few figures: a change at least the threshold is called", measure: absence,
		rows: rows("m", "2022-23-q4", 22.6, 21.4, 21.0), at: []string{"2023-24-q1"}})
	share := 0.1
	add(judgeCase{name: "too few figures: the site's threshold, as a share", site: model.Site{ChangeThresholdShare: &share},
		measure: percent("Pupils who are often absent from school", "lower", f(21), f(2)),
		rows:    rows("m", "2023-24-q1", 24.0, 21.4, 21.0), at: []string{"2023-24-q2"}})

	// So far this year: a running total across April, compared with the
	// same time last year; the whole year at the year's end.
	homes := model.Measure{ID: "m", Title: "New homes built so far this year", Unit: model.UnitCount, Better: "higher", Decimals: dec(0), Cumulative: true, ChangeThreshold: f(5)}
	add(judgeCase{name: "so far this year: across April, compared with the same time last year", measure: homes,
		rows: rows("m", "2022-23-q1", 25, 49, 75, 98, 27, 52, 78, 104, 29), at: []string{"2023-24-q4", "2023-24-q2"}})
	cumulativeHomes := append([]float64{}, 24, 50, 74, 100, 26, 51, 77, 102, 25, 49, 75, 98, 27, 52, 78, 104, 36)
	add(judgeCase{name: "so far this year: a big rise on the same time last year", measure: homes,
		rows: rows("m", "2020-21-q1", cumulativeHomes...)})

	// Yearly figures that say which year they cover.
	built := model.Measure{ID: "m", Title: "Affordable homes built", Unit: model.UnitCount, Better: "higher", Frequency: model.Annual, Covers: model.CoversFinancialYear, Target: f(380), Decimals: dec(0)}
	add(judgeCase{name: "annual year: the financial year before the quarter that reports it", measure: built,
		rows: append(rows("m", "2022-23-q1", 342), rows("m", "2023-24-q1", 356)...), at: []string{"2022-23-q1"}})
	built.Covers = model.CoversCalendarYear
	add(judgeCase{name: "annual year: a calendar year", measure: built,
		rows: append(rows("m", "2022-23-q4", 342), rows("m", "2023-24-q4", 389)...)})
	ks2 := model.Measure{ID: "m", Title: "Pupils reaching the expected standard at age 11", Unit: model.UnitPercent, Better: "higher", Frequency: model.Annual, Covers: model.CoversAcademicYear, Decimals: dec(1)}
	add(judgeCase{name: "annual year: an academic year, reported a quarter earlier than the year before", measure: ks2,
		rows: append(rows("m", "2022-23-q3", 58.9), rows("m", "2023-24-q2", 59.6)...)})
	add(judgeCase{name: "annual year: the year before has no figure, the one before that does", measure: ks2,
		rows: append(rows("m", "2021-22-q3", 57.0), rows("m", "2023-24-q3", 59.6)...)})

	// A target that is a direction.
	recycled.Aim = model.AimIncrease
	add(judgeCase{name: "direction target: improving, as the council aims", measure: recycled,
		rows: rows("m", "2019-20-q2", trendSeries...)})
	add(judgeCase{name: "direction target: no clear change yet", measure: recycled,
		rows: rows("m", "2019-20-q2", noisySeries...)})
	recycled.Aim = model.AimReduce
	recycled.Better = model.BetterLower
	add(judgeCase{name: "direction target: getting worse, though the council aims to reduce it", measure: recycled,
		rows: rows("m", "2019-20-q2", trendSeries...)})
	recycled.Aim = model.AimMaintain
	recycled.Better = model.BetterHigher
	add(judgeCase{name: "direction target: holding steady", measure: recycled,
		rows: rows("m", "2019-20-q2", noisySeries...)})
	recycled.Aim = model.AimIncrease
	rs := rows("m", "2023-24-q1", 40, 41)
	at(rs, "2023-24-q2").Status = model.OnTrack
	add(judgeCase{name: "direction target: too few figures, status set by hand", measure: recycled, rows: rs})
	return cases
}

// describeJudged lists a measure's figures with what statistical process
// control says of them now.
func describeJudged(m *derive.Measure, cal model.Calendar) string {
	var b strings.Builder
	if c := m.Latest.Control; c != nil {
		fmt.Fprintf(&b, "  limits from %d figures: mean %.4g, %.4g to %.4g\n", c.Points, c.Mean, c.Lower, c.Upper)
	}
	for _, p := range m.Series {
		fmt.Fprintf(&b, "  %-26s value %-6s target %-6s %s", PeriodLabel(p, cal), num(p.Value), num(p.Target), p.Status)
		if p.Override && p.Status != p.Derived {
			fmt.Fprintf(&b, " (set by hand; the figures give %s)", p.Derived)
		}
		if sig := Signal(m, p, p.Control, m.Series[len(m.Series)-1].Period); sig != "" {
			fmt.Fprintf(&b, " signal: %s (%s)", sig, SignalMeaning(m, p.Control))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestJudgedGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range judgeCases() {
		c.site.YearStartMonth = 4
		c.measure.Service, c.measure.Frequency = "svc", cmpOr(c.measure.Frequency, model.Quarterly)
		c.site.Services = []model.Service{{ID: "svc", Name: "Test service"}}
		site := derive.Derive(&model.Input{Site: c.site, Measures: []model.Measure{c.measure},
			Quarters: []model.QuarterFile{{File: "data/quarters/test.csv", Rows: c.rows}}})
		m := site.ByID["m"]
		fmt.Fprintf(&b, "== %s\n%s\n%s", c.name, describeMeasure(&m.Measure), describeJudged(m, site.Cal))
		snaps := []derive.Snapshot{m.Latest}
		for _, p := range c.at {
			snap, ok := m.SnapshotAt(period(p))
			if !ok {
				t.Fatalf("%s: no snapshot at %s", c.name, p)
			}
			snaps = append(snaps, snap)
		}
		for i, snap := range snaps {
			what := "latest"
			if i > 0 {
				what = "as published"
			}
			fmt.Fprintf(&b, "%s, %s:\n  %s\n", what, PeriodLabel(snap.Point, site.Cal), Summary(m, snap, site.Cal))
			if cue, ok := ChangeCue(m, snap); ok {
				fmt.Fprintf(&b, "  list: %s (icon %s)\n", cue, cue.Icon)
			}
			if words, icon := AssuranceWords(snap.Assurance); words != "" {
				fmt.Fprintf(&b, "  assurance: %s (icon %s)\n", words, icon)
			}
		}
		q := site.LatestQuarter()
		fmt.Fprintf(&b, "quarter:\n  %s\n  %s\n", QuarterText(q, site.Cal), strings.Join(QuarterChanges(q, site.Cal), "\n  "))
		b.WriteString("\n")
	}
	golden(t, "judged", b.String())
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
