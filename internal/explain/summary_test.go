package explain

import (
	"fmt"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// summaryCase is one measure's data and the quarters to explain.
type summaryCase struct {
	name       string
	measure    model.Measure
	rows       []model.Row
	siteLatest string   // another measure reports up to this quarter
	siteFirst  string   // another measure reports from this quarter
	at         []string // quarters to explain as well as the latest
	startMonth int      // 4 unless set
}

func percent(title, better string, target, tolerance *float64) model.Measure {
	return model.Measure{ID: "m", Title: title, Unit: model.UnitPercent, Better: better, Target: target, Tolerance: tolerance, Decimals: dec(1)}
}

func summaryCases() []summaryCase {
	var cases []summaryCase
	add := func(c summaryCase) { cases = append(cases, c) }

	// Better than target; up on the quarter and the year; above national.
	rs := rows("m", "2022-23-q2", 90.3, 91.2, 89.4, 92.6, 94.9)
	at(rs, "2023-24-q2").National = f(89.6)
	at(rs, "2022-23-q2").National = f(88.7)
	add(summaryCase{name: "better than target, up on the quarter and the year, above national", measure: percent("Care leavers in education, employment or training", "higher", f(90), f(3)), rows: rs, at: []string{"2022-23-q2"}})

	// Off track for a streak; a whole-number gap to national.
	rs = rows("m", "2022-23-q4", 42.7, 42.2, 42.5)
	at(rs, "2023-24-q2").National = f(50.5)
	add(summaryCase{name: "off track for the third quarter in a row, 8 points below national", measure: percent("New EHC plans issued within 20 weeks", "higher", f(60), f(5)), rows: rs})

	// A long streak: ordinals past tenth.
	add(summaryCase{name: "off track for the 11th quarter in a row", measure: percent("New EHC plans issued within 20 weeks", "higher", f(60), f(5)),
		rows: rows("m", "2021-22-q1", 41, 42, 41, 42, 41, 42, 41, 42, 41, 42, 41)})

	// Close to target; down on the quarter but up on the year.
	add(summaryCase{name: "close to target, down on the quarter, up on the year", measure: percent("Care leavers in education, employment or training", "higher", f(90), f(3)),
		rows: rows("m", "2022-23-q1", 87.6, 88, 88, 88.4, 88.1)})

	// Exactly on target.
	add(summaryCase{name: "meets the target", measure: percent("Care leavers in education, employment or training", "higher", f(90), f(3)),
		rows: rows("m", "2023-24-q1", 89.5, 90)})

	// A target typed with a fraction keeps it.
	add(summaryCase{name: "target with a fraction", measure: percent("Care leavers in education, employment or training", "higher", f(87.5), nil),
		rows: rows("m", "2023-24-q1", 86, 88)})

	// Lower is better: down is better, up is worse.
	days := model.Measure{ID: "m", Title: "Average days from entering care to moving in with an adoptive family", Unit: model.UnitDays, Better: "lower", Target: f(426), Tolerance: f(30), Decimals: dec(0)}
	rs = rows("m", "2022-23-q2", 440, 432, 428, 421, 417)
	at(rs, "2023-24-q2").National = f(467)
	add(summaryCase{name: "lower is better: days going down", measure: days, rows: rs})
	add(summaryCase{name: "lower is better: 1 day up", measure: days, rows: rows("m", "2023-24-q1", 420, 421)})

	// A rate per 10,000 children, going the wrong way.
	cic := model.Measure{ID: "m", Title: "Children in care per 10,000 children", Unit: model.UnitRate, RatePer: 10000, Better: "lower", Target: f(52), Tolerance: f(2), Decimals: dec(1)}
	rs = rows("m", "2022-23-q2", 53.1, 52.4, 51.8, 53.9, 56.2)
	at(rs, "2023-24-q2").National = f(71)
	add(summaryCase{name: "rate per 10,000 children, up, which is worse, below national, which is better", measure: cic, rows: rs})

	// A sentence that would be too long is split in two.
	add(summaryCase{name: "a streak in a sentence of its own, when one sentence would be too long", measure: cic,
		rows: rows("m", "2023-24-q1", 53.1, 52.4)})

	// A rate whose title does not say what is counted.
	add(summaryCase{name: "rate with no noun in the title", measure: model.Measure{ID: "m", Title: "Referral rate", Unit: model.UnitRate, RatePer: 10000, Better: "neither", Decimals: dec(1)},
		rows: rows("m", "2023-24-q1", 510.2, 498.7)})

	// Better = neither: stay near the target.
	cpp := model.Measure{ID: "m", Title: "Children on a child protection plan per 10,000 children", Unit: model.UnitRate, RatePer: 10000, Better: "neither", Target: f(40), Tolerance: f(5), Decimals: dec(1)}
	rs = rows("m", "2022-23-q2", 37.9, 36.2, 35.4, 36.6, 35.8)
	at(rs, "2023-24-q2").National = f(43.2)
	add(summaryCase{name: "neither: near enough to the target", measure: cpp, rows: rs})
	add(summaryCase{name: "neither: too far above the target", measure: cpp, rows: rows("m", "2023-24-q1", 44, 46.5)})
	add(summaryCase{name: "neither: too far below the target", measure: cpp, rows: rows("m", "2023-24-q1", 36, 34.2)})

	// No change, including two figures that round to the same.
	add(summaryCase{name: "no change since the quarter before", measure: percent("Parents who would recommend the service", "higher", f(80), f(5)),
		rows: rows("m", "2023-24-q1", 81.2, 81.2)})
	add(summaryCase{name: "figures with more decimals than shown: the same as shown", measure: percent("Parents who would recommend the service", "higher", f(80), f(5)),
		rows: rows("m", "2023-24-q1", 81.24, 81.16)})

	// One quarter only, no target.
	add(summaryCase{name: "first figure ever, no target", measure: model.Measure{ID: "m", Title: "Social workers employed through agencies", Unit: model.UnitCount, Better: "lower", Decimals: dec(0)},
		rows: rows("m", "2023-24-q2", 66)})

	// A gap in the quarter before.
	rs = rows("m", "2022-23-q2", 2590, none, 2705, none, 2735)
	add(summaryCase{name: "no figure for the quarter before; compared with a year earlier", measure: model.Measure{ID: "m", Title: "Families getting early help", Unit: model.UnitCount, Better: "neither", Decimals: dec(0)},
		rows: rs, at: []string{"2022-23-q3"}})

	// The latest figure is older than the site's latest quarter.
	add(summaryCase{name: "no figure yet for the latest quarter", measure: percent("Pupils who are often absent from school", "lower", f(21), f(2)),
		rows: rows("m", "2022-23-q4", 22.6, 21.4), siteLatest: "2023-24-q2"})
	add(summaryCase{name: "no figures for the last 3 quarters", measure: percent("Pupils who are often absent from school", "lower", f(21), f(2)),
		rows: rows("m", "2022-23-q3", 24.4, 22.6), siteLatest: "2023-24-q2"})

	// No figures at all.
	add(summaryCase{name: "no figures at all, with a target", measure: percent("Young people in work", "higher", f(90), nil),
		rows: rows("m", "2023-24-q2", none), siteLatest: "2023-24-q2"})
	add(summaryCase{name: "no figures at all, annual, no target", measure: model.Measure{ID: "m", Title: "Pupils reaching the expected standard", Unit: model.UnitPercent, Better: "higher", Frequency: model.Annual, Decimals: dec(1)},
		siteLatest: "2023-24-q2"})

	// No target, lower is better.
	add(summaryCase{name: "no target, lower is better", measure: model.Measure{ID: "m", Title: "Pupils permanently excluded from school", Unit: model.UnitCount, Better: "lower", Decimals: dec(0)},
		rows: rows("m", "2022-23-q2", 8, 24, 29, 23, 10)})

	// Target under review: from a caveat (the latest figure only), or from
	// a quarter's note.
	m := cic
	m.Caveats = []string{"The target is under review. The committee is checking that it is still realistic."}
	rs = rows("m", "2023-24-q1", 53.9, 56.2)
	add(summaryCase{name: "target under review, from a caveat", measure: m, rows: rs, at: []string{"2023-24-q1"}})
	rs = rows("m", "2023-24-q1", 53.9, 56.2)
	at(rs, "2023-24-q1").Note = "The target is under review this quarter."
	add(summaryCase{name: "target under review, from a quarter's note", measure: cic, rows: rs, at: []string{"2023-24-q1"}})

	// Status set by hand.
	vac := percent("Social worker posts that are vacant", "lower", f(15), f(2))
	rs = rows("m", "2023-24-q1", 16.4, 16.1)
	at(rs, "2023-24-q2").Status = model.OffTrack
	add(summaryCase{name: "status set by hand: off track where the figures say close", measure: vac, rows: rs})
	rs = rows("m", "2023-24-q1", 17.4, 17.1)
	at(rs, "2023-24-q1").Status = model.Close
	at(rs, "2023-24-q2").Status = model.Close
	add(summaryCase{name: "status set by hand: close where the figures say off track, two quarters running", measure: vac, rows: rs, at: []string{"2023-24-q1"}})
	rs = rows("m", "2023-24-q1", 16.4, 14.1)
	at(rs, "2023-24-q2").Status = model.OffTrack
	add(summaryCase{name: "status set by hand: off track where the figures say on track", measure: vac, rows: rs})
	rs = rows("m", "2023-24-q1", 16.4, 16.1)
	at(rs, "2023-24-q2").Status = model.Close
	add(summaryCase{name: "status set by hand that agrees with the figures", measure: vac, rows: rs})
	rs = rows("m", "2023-24-q1", 63, 66)
	at(rs, "2023-24-q2").Status = model.OffTrack
	add(summaryCase{name: "status set by hand with no target", measure: model.Measure{ID: "m", Title: "Social workers employed through agencies", Unit: model.UnitCount, Better: "lower", Decimals: dec(0)}, rows: rs})

	// Negative values and zero.
	add(summaryCase{name: "negative values: a percentage change", measure: model.Measure{ID: "m", Title: "Change in the number of children in care", Unit: model.UnitPercent, Better: "lower", Target: f(-2), Tolerance: f(1), Decimals: dec(1), Min: f(-100)},
		rows: rows("m", "2023-24-q1", -3.2, -1.5)})
	add(summaryCase{name: "negative values: an underspend", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows: rows("m", "2023-24-q1", 1200000, -2500000)})
	add(summaryCase{name: "zero: meets a target of £0", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows: rows("m", "2023-24-q1", 450000, 0)})
	add(summaryCase{name: "zero: a count falls to 0", measure: model.Measure{ID: "m", Title: "Children placed out of county", Unit: model.UnitCount, Better: "lower", Decimals: dec(0)},
		rows: rows("m", "2023-24-q1", 3, 0)})

	// Money.
	add(summaryCase{name: "money in millions", measure: model.Measure{ID: "m", Title: "Forecast overspend in children and families services", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows: rows("m", "2022-23-q2", 6800000, 8900000, 10400000, 12300000, 15000000)})
	add(summaryCase{name: "money in pounds and pence", measure: model.Measure{ID: "m", Title: "Average cost of a school meal", Unit: model.UnitCurrency, Better: "lower", Target: f(2.5), Tolerance: f(0.1)},
		rows: rows("m", "2023-24-q1", 2.45, 2.58)})

	// A score out of 10, and a change of 1 percentage point.
	add(summaryCase{name: "score out of 10", measure: model.Measure{ID: "m", Title: "Parents' rating of help for children with SEND", Unit: model.UnitScore, Better: "higher", Target: f(7), Tolerance: f(0.5), Decimals: dec(1), Min: f(0), Max: f(10)},
		rows: rows("m", "2023-24-q1", 6.2, 7.2)})
	add(summaryCase{name: "a change of 1 percentage point", measure: percent("Pupils who are often absent from school", "lower", f(21), f(2)),
		rows: rows("m", "2023-24-q1", 21.4, 20.4)})
	add(summaryCase{name: "thousands", measure: model.Measure{ID: "m", Title: "Families getting early help", Unit: model.UnitCount, Better: "neither", Decimals: dec(0)},
		rows: rows("m", "2023-24-q1", 1234, 12345)})

	// Cumulative: a total for the year so far, compared with the same time
	// last year.
	ytd := model.Measure{ID: "m", Title: "New foster carers approved", Unit: model.UnitCount, Better: "higher", Target: f(20), Tolerance: f(3), Decimals: dec(0), Cumulative: true}
	add(summaryCase{name: "cumulative: compared with the same time last year", measure: ytd,
		rows: rows("m", "2022-23-q1", 4, 9, 15, 22, 6, 10), at: []string{"2023-24-q1"}})
	add(summaryCase{name: "cumulative: no figure for the same time last year", measure: ytd,
		rows: rows("m", "2023-24-q1", 6, 10)})
	add(summaryCase{name: "cumulative: calendar-year site", measure: ytd, startMonth: 1,
		rows: rows("m", "2023-q1", 6, 10, 14)})

	// Annual measures.
	ofsted := model.Measure{ID: "m", Title: "Primary schools rated good or outstanding by Ofsted", Unit: model.UnitPercent, Better: "higher", Frequency: model.Annual, Target: f(88), Tolerance: f(2), Decimals: dec(1)}
	rs = append(rows("m", "2021-22-q3", 86.4), rows("m", "2022-23-q3", 89.1)...)
	at(rs, "2022-23-q3").National = f(90.1)
	add(summaryCase{name: "annual, outside its reporting quarter", measure: ofsted, rows: rs, siteLatest: "2023-24-q2", at: []string{"2021-22-q3"}})
	add(summaryCase{name: "annual, in its reporting quarter", measure: ofsted, rows: append(rows("m", "2022-23-q3", 89.1), rows("m", "2023-24-q3", 89.1)...)})
	add(summaryCase{name: "annual, with a year missing", measure: ofsted, rows: append(rows("m", "2020-21-q3", 85.0), rows("m", "2022-23-q3", 89.1)...), siteLatest: "2023-24-q1"})
	add(summaryCase{name: "annual, one figure, no target", measure: model.Measure{ID: "m", Title: "Pupils reaching the expected standard in reading, writing and maths at age 11", Unit: model.UnitPercent, Better: "higher", Frequency: model.Annual, Decimals: dec(1)},
		rows: rows("m", "2022-23-q3", 57.8), siteLatest: "2023-24-q2"})

	// A calendar-year site.
	add(summaryCase{name: "calendar-year site", measure: percent("Care leavers in education, employment or training", "higher", f(90), f(3)), startMonth: 1,
		rows: rows("m", "2022-q4", 91, 92.5)})

	// Decimals not set: as precise as the data, at most 2 places.
	add(summaryCase{name: "no decimals set", measure: model.Measure{ID: "m", Title: "Average waiting time in weeks", Unit: model.UnitCount, Better: "lower", Target: f(18)},
		rows: rows("m", "2023-24-q1", 18.25, 17.5)})

	// The first figure: of a measure that began on this site, and of one
	// whose figures on this site begin with the site's.
	add(summaryCase{name: "first figure of a measure that began after the site's first quarter", measure: model.Measure{ID: "m", Title: "Social workers employed through agencies", Unit: model.UnitCount, Better: "lower", Decimals: dec(0)},
		rows: rows("m", "2023-24-q2", 66), siteFirst: "2022-23-q1"})

	// A count with a noun, and units of the site's own.
	add(summaryCase{name: "a count with a noun", measure: model.Measure{ID: "m", Title: "Households in temporary accommodation", Unit: model.UnitCount, Better: "lower", Decimals: dec(0), Noun: "household", Target: f(40)},
		rows: rows("m", "2023-24-q1", 37, 36)})
	add(summaryCase{name: "a count with a noun: one", measure: model.Measure{ID: "m", Title: "Households in temporary accommodation", Unit: model.UnitCount, Better: "lower", Decimals: dec(0), Noun: "household"},
		rows: rows("m", "2023-24-q1", 2, 1)})
	add(summaryCase{name: "a rate with a noun", measure: model.Measure{ID: "m", Title: "Missed bin collections", Unit: model.UnitRate, RatePer: 100000, Better: "lower", Decimals: dec(0), Noun: "collection", Target: f(50)},
		rows: rows("m", "2023-24-q1", 52, 47)})
	add(summaryCase{name: "a unit of the site's own: tonnes", measure: model.Measure{ID: "m", Title: "Household waste sent to landfill", Unit: model.UnitOther, UnitName: "tonnes", UnitNameOne: "tonne", Better: "lower", Decimals: dec(0), Target: f(12000)},
		rows: rows("m", "2023-24-q1", 12840, 11950)})
	add(summaryCase{name: "a unit of the site's own: £ million", measure: model.Measure{ID: "m", Title: "Capital spending", Unit: model.UnitOther, UnitPrefix: "£", UnitName: "million", Better: "neither", Decimals: dec(1)},
		rows: rows("m", "2023-24-q1", 12.4, 11.9)})

	// A forecast is the forecast made in a quarter, not the figure for it.
	add(summaryCase{name: "a forecast", measure: model.Measure{ID: "m", Title: "Forecast year-end overspend", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows: rows("m", "2024-25-q1", 95000)})
	add(summaryCase{name: "a forecast in millions, with two decimals", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows: rows("m", "2024-25-q1", 1400000, 1150000)})
	// The year's first forecast is about a new year: it is not compared
	// with the last forecast for the year before.
	add(summaryCase{name: "a forecast across April", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows: rows("m", "2023-24-q3", 2100000, 2900000, 400000, 650000), at: []string{"2023-24-q4", "2024-25-q1"}})
	// A forecast whose target is a direction: with no change threshold, a
	// revision is not judged, so it neither improves nor holds steady.
	add(summaryCase{name: "a forecast with an aim to reduce it", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Aim: model.AimReduce, Decimals: dec(0)},
		rows: rows("m", "2024-25-q1", 1400000, 1150000)})
	add(summaryCase{name: "a forecast with an aim to keep it steady", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Aim: model.AimMaintain, Decimals: dec(0)},
		rows: rows("m", "2024-25-q1", 700000, 8000000)})
	// A yearly forecast has no usual range either, however many years.
	var forecasts []model.Row // made in the second quarter of each year from 2011/12
	for i, v := range []float64{5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 6, 20} {
		forecasts = append(forecasts, rows("m", fmt.Sprintf("%d-%02d-q2", 2011+i, (12+i)%100), v*1e6)...)
	}
	add(summaryCase{name: "a yearly forecast over 13 years", measure: model.Measure{ID: "m", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Frequency: model.Annual, Covers: model.CoversFinancialYear, Decimals: dec(0)},
		rows: forecasts})

	// A reduction that went up: its words say better and worse, not up
	// and down, and what a figure below zero means.
	violence := model.Measure{ID: "m", Title: "% reduction in violent offences", Unit: model.UnitPercent, Better: "higher", Decimals: dec(0), Min: f(-100), Target: f(5), Tolerance: f(2)}
	rs = rows("m", "2022-23-q2", 4, 3, 1, 2, -16)
	at(rs, "2023-24-q2").National = f(3)
	add(summaryCase{name: "a reduction that went up", measure: violence, rows: rs})
	add(summaryCase{name: "a reduction that got bigger", measure: violence, rows: rows("m", "2023-24-q1", -16, 6)})
	return cases
}

func TestSummaryGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range summaryCases() {
		site := buildCase(c)
		m := site.ByID["m"]
		fmt.Fprintf(&b, "== %s\n%s\n%s", c.name, describeMeasure(&m.Measure), describeSeries(m, site.Cal))
		fmt.Fprintf(&b, "latest (%s):\n  %s\n", site.Cal.Label(m.Latest.Period), Summary(m, m.Latest, site.Cal))
		for _, p := range c.at {
			snap, ok := m.SnapshotAt(period(p))
			if !ok {
				t.Fatalf("%s: no snapshot at %s", c.name, p)
			}
			fmt.Fprintf(&b, "%s:\n  %s\n", site.Cal.Label(snap.Period), Summary(m, snap, site.Cal))
		}
		b.WriteString("\n")
	}
	golden(t, "summary", b.String())
}

func buildCase(c summaryCase) *derive.Site {
	ms := []model.Measure{c.measure}
	rs := append([]model.Row(nil), c.rows...)
	if c.siteLatest != "" || c.siteFirst != "" {
		ms = append(ms, model.Measure{ID: "other", Title: "Other", Unit: model.UnitCount, Better: "higher"})
	}
	if c.siteLatest != "" {
		rs = append(rs, rows("other", c.siteLatest, 1)...)
	}
	if c.siteFirst != "" {
		rs = append(rs, rows("other", c.siteFirst, 1)...)
	}
	start := c.startMonth
	if start == 0 {
		start = 4
	}
	return build(start, ms, rs)
}
