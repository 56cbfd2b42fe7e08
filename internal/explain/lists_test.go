package explain

import (
	"fmt"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

func TestHeadlineGolden(t *testing.T) {
	cases := []struct {
		counts derive.Counts
		when   string
	}{
		{derive.Counts{}, "in Q2 2023/24"},
		{derive.Counts{model.OnTrack: 1}, "in Q2 2023/24"},
		{derive.Counts{model.NoData: 1}, ""},
		{derive.Counts{model.OnTrack: 6, model.Close: 1, model.OffTrack: 4, model.NoTarget: 4}, "in Q2 2023/24"},
		{derive.Counts{model.OnTrack: 6, model.Close: 1, model.OffTrack: 4, model.NoTarget: 4}, ""},
		{derive.Counts{model.OffTrack: 1, model.NoData: 2}, "in Q1 2023/24"},
		{derive.Counts{model.NoTarget: 3}, "in Q2 2023/24"},
		{derive.Counts{model.NoTarget: 2, model.NoData: 1}, ""},
		{derive.Counts{model.NoData: 3}, ""},
		{derive.Counts{model.OnTrack: 6, model.Close: 1, model.OffTrack: 4, model.NoChange: 2, model.NoTarget: 1}, "in Q2 2023/24"},
		{derive.Counts{model.NoChange: 1}, "in Q2 2023/24"},
		{derive.Counts{model.NoChange: 2}, ""},
	}
	var b strings.Builder
	for _, c := range cases {
		var parts []string
		for _, st := range model.Statuses {
			if n := c.counts[st]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", st, n))
			}
		}
		fmt.Fprintf(&b, "== %s; when %q\n  %s\n\n", strings.Join(parts, ", "), c.when, Headline(c.counts, c.when))
	}
	golden(t, "headline", b.String())
}

// listSite is a small site of two services over five quarters, with a
// measure of every kind.
func listSite() *derive.Site {
	var ms []model.Measure
	var rs []model.Row
	add := func(m model.Measure, r []model.Row) {
		ms = append(ms, m)
		rs = append(rs, r...)
	}
	add(model.Measure{ID: "eet", Title: "Care leavers in education, employment or training", Service: "children", Unit: model.UnitPercent, Better: "higher", Target: f(90), Tolerance: f(3), Decimals: dec(1)},
		rows("eet", "2022-23-q2", 90.3, 91.2, 89.4, 92.6, 94.9))
	add(model.Measure{ID: "cic", Title: "Children in care per 10,000 children", Service: "children", Unit: model.UnitRate, RatePer: 10000, Better: "lower", Target: f(52), Tolerance: f(2), Decimals: dec(1)},
		rows("cic", "2022-23-q2", 53.1, 52.4, 51.8, 53.9, 56.2))
	add(model.Measure{ID: "help", Title: "Families getting early help", Service: "children", Unit: model.UnitCount, Better: "neither", Decimals: dec(0)},
		rows("help", "2022-23-q2", 2590, none, 2705, 2760, 2735))
	add(model.Measure{ID: "spend", Title: "Forecast overspend", Service: "children", Unit: model.UnitCurrency, Better: "lower", Target: f(0), Decimals: dec(0)},
		rows("spend", "2022-23-q2", 6800000, 8900000, 10400000, 12300000, 15000000))
	add(model.Measure{ID: "absence", Title: "Pupils who are often absent from school", Service: "education", Unit: model.UnitPercent, Better: "lower", Target: f(21), Tolerance: f(2), Decimals: dec(1)},
		rows("absence", "2022-23-q2", 23.4, 24.4, 22.6, 21.4, 20.8))
	add(model.Measure{ID: "ofsted", Title: "Primary schools rated good or outstanding by Ofsted", Service: "education", Unit: model.UnitPercent, Better: "higher", Frequency: model.Annual, Target: f(88), Tolerance: f(2), Decimals: dec(1)},
		append(rows("ofsted", "2021-22-q3", 86.4), rows("ofsted", "2022-23-q3", 89.1)...))
	add(model.Measure{ID: "foster", Title: "New foster carers approved", Service: "children", Unit: model.UnitCount, Better: "higher", Cumulative: true, Target: f(20), Tolerance: f(3), Decimals: dec(0)},
		rows("foster", "2022-23-q2", 9, 15, 22, 6, 10))
	add(model.Measure{ID: "satisfaction", Title: "Parents' rating of help for children with SEND", Service: "education", Unit: model.UnitScore, Better: "higher", Target: f(7), Tolerance: f(0.5), Decimals: dec(1), Max: f(10)},
		rows("satisfaction", "2022-23-q2", 6.6, 6.6, 6.9, 7.1, 7.2))
	add(model.Measure{ID: "new", Title: "Young people in work", Service: "education", Unit: model.UnitPercent, Better: "higher", Target: f(60), Decimals: dec(1)}, nil)
	add(model.Measure{ID: "vacancies", Title: "Social worker posts that are vacant", Service: "children", Unit: model.UnitPercent, Better: "lower", Target: f(15), Tolerance: f(2), Decimals: dec(1)},
		rows("vacancies", "2022-23-q2", 14.2, 15.1, 15.8, 16.4, 16.1))
	rs[len(rs)-1].Status = model.OffTrack
	return build(4, ms, rs)
}

func TestListsGolden(t *testing.T) {
	site := listSite()
	var b strings.Builder
	b.WriteString("== the measures\n")
	for _, m := range site.Measures {
		fmt.Fprintf(&b, "%s\n%s", describeMeasure(&m.Measure), describeSeries(m, site.Cal))
	}
	fmt.Fprintf(&b, "\n== Home\n  %s\n", Home(site))
	for _, sv := range site.Services {
		fmt.Fprintf(&b, "\n== ServiceText: %s\n  %s\n", sv.Name, ServiceText(sv, site))
	}
	for _, q := range site.Quarters {
		fmt.Fprintf(&b, "\n== QuarterText: %s\n  %s\n", site.Cal.Label(q.Period), QuarterText(q, site.Cal))
		fmt.Fprintf(&b, "== QuarterChanges: %s\n", site.Cal.Label(q.Period))
		for _, l := range QuarterChanges(q, site.Cal) {
			fmt.Fprintf(&b, "  - %s\n", l)
		}
	}

	// A service with one measure, and one with none.
	one := build(4, []model.Measure{{ID: "a", Title: "Library visits", Service: "education", Unit: model.UnitCount, Better: "higher", Decimals: dec(0)}},
		rows("a", "2023-24-q1", 1200, 1300))
	one.Services = append(one.Services, &derive.Service{Service: model.Service{ID: "empty", Name: "Libraries"}})
	for _, sv := range one.Services {
		if sv.ID == "svc" {
			continue
		}
		fmt.Fprintf(&b, "\n== ServiceText: %s (%d measures)\n  %s\n", sv.Name, len(sv.Measures), ServiceText(sv, one))
	}

	// Many status moves are counted, not listed.
	var ms []model.Measure
	var rs []model.Row
	for i, v := range []float64{80, 95, 80, 95, 80, 95} {
		id := fmt.Sprintf("m%d", i)
		ms = append(ms, model.Measure{ID: id, Title: "Measure " + id, Unit: model.UnitPercent, Better: "higher", Target: f(90), Tolerance: f(5), Decimals: dec(1)})
		rs = append(rs, rows(id, "2023-24-q1", v, 175-v)...)
	}
	many := build(4, ms, rs)
	fmt.Fprintf(&b, "\n== QuarterText with 6 status moves\n  %s\n", QuarterText(many.Quarters[1], many.Cal))

	// A forecast's change is counted neither as better or worse nor among
	// the other changes.
	thr := 50.0
	mixed := build(4, []model.Measure{
		{ID: "up", Title: "Library visits", Unit: model.UnitCount, Better: "higher", ChangeThreshold: &thr, Decimals: dec(0)},
		{ID: "pool", Title: "Pool visits", Unit: model.UnitCount, Better: "higher", Decimals: dec(0)},
		{ID: "fc1", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Decimals: dec(0)},
		{ID: "fc2", Title: "Forecast income from parking", Unit: model.UnitCurrency, Better: "higher", Decimals: dec(0)},
	}, append(append(append(rows("up", "2023-24-q1", 1200, 1300), rows("pool", "2023-24-q1", 500, 510)...),
		rows("fc1", "2023-24-q1", 100000, 200000)...), rows("fc2", "2023-24-q1", 300000, 250000)...))
	fmt.Fprintf(&b, "\n== QuarterText with a real change and revised forecasts\n  %s\n", QuarterText(mixed.Quarters[1], mixed.Cal))
	steady := build(4, []model.Measure{
		{ID: "pool", Title: "Pool visits", Unit: model.UnitCount, Better: "higher", Decimals: dec(0)},
		{ID: "fc1", Title: "Forecast overspend", Unit: model.UnitCurrency, Better: "lower", Decimals: dec(0)},
	}, append(rows("pool", "2023-24-q1", 500, 510), rows("fc1", "2023-24-q1", 100000, 200000)...))
	fmt.Fprintf(&b, "\n== QuarterText with no real change and a revised forecast\n  %s\n", QuarterText(steady.Quarters[1], steady.Cal))
	fmt.Fprintf(&b, "\n== Home with no measures\n  %s\n", Home(build(4, nil, nil)))
	golden(t, "lists", b.String())
}
