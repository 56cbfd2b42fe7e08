package shareimage

import (
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// The measures of internal/chart's tests, which drew these images before
// they had a package of their own (TestShareImageUnchanged's hash is of
// previewMeasures()[1]).

var cal = model.Calendar{StartMonth: 4}

func f(v float64) *float64 { return &v }

// quarterly builds a quarterly measure from Q3 2021/22 with the given
// values (nil for a gap), a target and national figures.
func quarterly(id, title string, target *float64, national []*float64, values ...*float64) *derive.Measure {
	d := 1
	m := &derive.Measure{Measure: model.Measure{ID: id, Title: title, Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Quarterly, Target: target, Decimals: &d}}
	p := model.Period{Year: 2021, Quarter: 3}
	for i, v := range values {
		pt := derive.Point{Period: p.Add(i), Value: v, Target: target, Status: model.NoTarget, Span: cal.QuarterSpan(p.Add(i))}
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

func careLeavers() *derive.Measure {
	n := []*float64{f(88.1), f(88.1), f(88.7), f(88.7), f(89.2), f(89.2), f(89.6), f(89.6)}
	return quarterly("care-leavers-eet", "Care leavers in education, employment or training", nil, n,
		f(87.6), f(88.4), f(89.1), f(90.3), f(91.2), f(89.4), f(92.6), f(94.9))
}

func previewMeasures() []*derive.Measure {
	a := careLeavers()
	// A target that changes, gaps, and national figures that stop.
	b := quarterly("nursery-places-take-up", "Eligible two-year-olds taking up free nursery places", nil, []*float64{f(72), f(72.5), nil, f(74)},
		f(66.0), f(67.4), nil, f(70.2), f(71.9), f(73.5), f(78.1), nil, f(79.4), f(80.2), f(77.5), f(81.0))
	for i := range b.Series {
		t := 75.0
		if i >= 6 {
			t = 80
		}
		b.Series[i].Target = &t
	}
	c := quarterly("childrens-services-overspend", "Children's services overspend", f(0), nil, f(2100000), f(2900000), f(3500000), f(4100000), f(6200000), f(8000000))
	c.Unit = "currency"
	c.Better = "lower"
	c.Decimals = nil
	return []*derive.Measure{a, b, c}
}

// annual is a yearly measure reported in three years of five.
func annual() *derive.Measure {
	d := 1
	m := &derive.Measure{Measure: model.Measure{ID: "ks2", Title: "KS2", Unit: model.UnitPercent, Better: model.BetterHigher, Frequency: model.Annual, Decimals: &d}}
	for _, y := range []struct {
		year int
		v    float64
	}{{2018, 64.5}, {2019, 65.1}, {2022, 57.8}} {
		v := y.v
		p := model.Period{Year: y.year, Quarter: 3}
		m.Series = append(m.Series, derive.Point{Period: p, Value: &v, National: f(v + 1), Status: model.NoTarget, Span: cal.QuarterSpan(p)})
	}
	return m
}

// painter is a Painter in the default colours.
func painter(t testing.TB) *Painter {
	t.Helper()
	p, err := NewPainter(DefaultTheme())
	if err != nil {
		t.Fatal(err)
	}
	return p
}
