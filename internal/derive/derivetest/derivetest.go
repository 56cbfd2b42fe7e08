// Package derivetest holds derived measures written by hand, for the tests
// of the packages that draw them (internal/chart, internal/shareimage):
// small, fixed series whose pictures and words those tests hold.
package derivetest

import (
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Cal is the calendar of the measures: years starting in April.
var Cal = model.Calendar{StartMonth: 4}

// F is a pointer to v, for a figure.
func F(v float64) *float64 { return &v }

// Quarterly is a quarterly percentage, higher better, of one decimal, from
// Q3 2021/22 with the given values (nil for a gap), a target and national
// figures.
func Quarterly(id, title string, target *float64, national []*float64, values ...*float64) *derive.Measure {
	d := 1
	m := &derive.Measure{Measure: model.Measure{ID: id, Title: title, Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Quarterly, Target: target, Decimals: &d}}
	p := model.Period{Year: 2021, Quarter: 3}
	for i, v := range values {
		pt := derive.Point{Period: p.Add(i), Value: v, Target: target, Status: model.NoTarget, Span: Cal.QuarterSpan(p.Add(i))}
		if i < len(national) {
			pt.National = national[i]
		}
		if v == nil {
			pt.Status = model.NoData
		}
		m.Series = append(m.Series, pt)
	}
	return m
}

// CareLeavers is a rising percentage of eight quarters with national
// figures.
func CareLeavers() *derive.Measure {
	n := []*float64{F(88.1), F(88.1), F(88.7), F(88.7), F(89.2), F(89.2), F(89.6), F(89.6)}
	return Quarterly("care-leavers-eet", "Care leavers in education, employment or training", nil, n,
		F(87.6), F(88.4), F(89.1), F(90.3), F(91.2), F(89.4), F(92.6), F(94.9))
}

// PreviewMeasures are CareLeavers; a percentage with a target that
// changes, gaps, and national figures that stop; and money, lower better,
// with a target of £0.
func PreviewMeasures() []*derive.Measure {
	a := CareLeavers()
	b := Quarterly("nursery-places-take-up", "Eligible two-year-olds taking up free nursery places", nil, []*float64{F(72), F(72.5), nil, F(74)},
		F(66.0), F(67.4), nil, F(70.2), F(71.9), F(73.5), F(78.1), nil, F(79.4), F(80.2), F(77.5), F(81.0))
	for i := range b.Series {
		t := 75.0
		if i >= 6 {
			t = 80
		}
		b.Series[i].Target = &t
	}
	c := Quarterly("childrens-services-overspend", "Children's services overspend", F(0), nil, F(2100000), F(2900000), F(3500000), F(4100000), F(6200000), F(8000000))
	c.Unit = "currency"
	c.Better = "lower"
	c.Decimals = nil
	return []*derive.Measure{a, b, c}
}

// Annual is a yearly percentage reported in Q3 of three years of five
// (2018/19, 2019/20 and 2022/23), with national figures.
func Annual() *derive.Measure {
	d := 1
	m := &derive.Measure{Measure: model.Measure{ID: "ks2", Title: "KS2", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Annual, Decimals: &d}}
	for _, y := range []struct {
		year int
		v    float64
	}{{2018, 64.5}, {2019, 65.1}, {2022, 57.8}} {
		v := y.v
		p := model.Period{Year: y.year, Quarter: 3}
		m.Series = append(m.Series, derive.Point{Period: p, Value: &v, National: F(v + 1), Status: model.NoTarget, Span: Cal.QuarterSpan(p)})
	}
	return m
}
