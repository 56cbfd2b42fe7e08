package bench

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]Size{
		"council":              {Name: "council", Measures: 300, Quarters: 20},
		"council+brand+footer": {Name: "council+brand+footer", Measures: 300, Quarters: 20, Brand: true, Footer: true},
		"national":             {Name: "national", Measures: 10000, Quarters: 12},
		"150x10":               {Name: "150x10", Measures: 150, Quarters: 10},
		"150x10+footer":        {Name: "150x10+footer", Measures: 150, Quarters: 10, Footer: true},
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "town", "x10", "150x", "0x10", "150x-1", "150x10+logo"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q): no error", bad)
		}
	}
}

// The report names every target missed, and only those.
func TestMisses(t *testing.T) {
	fig := func(pages int, wall, cpu float64, rss int64) Figures {
		return Figures{Pages: pages, Wall: wall, CPU: cpu, MaxRSS: rss}
	}
	council := Size{Name: "council", Measures: 300, Quarters: 20}
	footer := Size{Name: "council+footer", Measures: 300, Quarters: 20, Footer: true}
	dressed := Size{Name: "council+brand+footer", Measures: 300, Quarters: 20, Brand: true, Footer: true}
	national := Size{Name: "national", Measures: 10000, Quarters: 12}
	good := &Report{Sizes: []SizeResult{
		{Size: council, Site: []Figures{fig(6000, 1.0, 2, 1<<29)}, Preview: &Preview{Edits: []float64{0.1, 0.2, 0.3}, WholeFile: 1.5}},
		{Size: footer, Site: []Figures{fig(6000, 1.2, 2.2, 1<<29)}},
		{Size: dressed, Site: []Figures{fig(6000, 1.4, 2.4, 1<<29)}},
		{Size: national, Site: []Figures{fig(130000, 29, 50, 2<<30)}},
	}}
	if m := good.check(); len(m) != 0 {
		t.Errorf("misses on figures that meet every target: %v", m)
	}
	bad := &Report{Sizes: []SizeResult{
		{Size: council, Site: []Figures{fig(6000, 1.0, 2, 1<<29)}, Preview: &Preview{Edits: []float64{0.4, 0.5, 0.2}, Stale: 1, WholeFile: 2.5}},
		{Size: footer, Site: []Figures{fig(6000, 1.4, 2.2, 1<<29)}},
		{Size: dressed, Site: []Figures{fig(6000, 1.6, 2.4, 1<<29)}},
		{Size: national, Site: []Figures{fig(130000, 31, 300, 3<<30)}},
	}}
	got := strings.Join(bad.check(), "\n")
	for _, want := range []string{
		"council with a brand and its own footer: full build 1.60 s",
		"council with its own footer: 1.40 s, 1.40 times",
		"after 400 ms, the median of 3 edits",
		"the figure from before after 1 of 3 edits",
		"a whole new quarter's file after 2.50 s",
		"national: full build 31.0 s",
		"national: peak memory 3.00 GiB",
		"cost per page varies",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the misses lack %q:\n%s", want, got)
		}
	}
}

// A report of sites built without ECharts says so: their figures are not
// BENCHMARKS.md's.
func TestReportSaysWithoutCharts(t *testing.T) {
	for _, charts := range []bool{false, true} {
		rep := &Report{InteractiveCharts: charts, Sizes: []SizeResult{{Size: Size{Name: "council", Measures: 300, Quarters: 20},
			Site: []Figures{{Pages: 6000, Wall: 1, CPU: 2, MaxRSS: 1 << 28}}}}}
		var b strings.Builder
		rep.Write(&b)
		if said := strings.Contains(b.String(), "without the interactive charts"); said == charts {
			t.Errorf("interactive charts %v: the report says it was built without them: %v\n%s", charts, said, b.String())
		}
	}
}
