package bench

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]Size{
		"council":  {"council", 300, 20},
		"national": {"national", 10000, 12},
		"150x10":   {"150x10", 150, 10},
	} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "town", "x10", "150x", "0x10", "150x-1"} {
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
	good := &Report{Sizes: []SizeResult{
		{Size: Size{"council", 300, 20}, Site: []Figures{fig(6000, 1.5, 3, 1<<30)}, Bare: []Figures{fig(6000, 1, 1, 1<<28)}, Serve: []float64{0.5, 0.9, 0.7}},
		{Size: Size{"national", 10000, 12}, Site: []Figures{fig(130000, 60, 66, 5<<30)}, Bare: []Figures{fig(130000, 40, 30, 2<<30)}},
	}}
	if m := good.check(); len(m) != 0 {
		t.Errorf("misses on figures that meet every target: %v", m)
	}
	bad := &Report{Sizes: []SizeResult{
		{Size: Size{"council", 300, 20}, Site: []Figures{fig(6000, 4, 8, 1<<30)}, Bare: []Figures{fig(6000, 0.5, 1, 1<<28)}, Serve: []float64{1.2}},
		{Size: Size{"national", 10000, 12}, Site: []Figures{fig(130000, 150, 300, 7<<30)}, Bare: []Figures{fig(130000, 15, 20, 2<<30)}},
	}}
	got := strings.Join(bad.check(), "\n")
	for _, want := range []string{"council: 8.00 times", "council: full build 4.00 s", "council: preview rebuild 1.20 s",
		"national: full build 150.0 s", "national: peak memory 7.00 GiB", "national: 10.00 times", "cost per page varies"} {
		if !strings.Contains(got, want) {
			t.Errorf("the misses lack %q:\n%s", want, got)
		}
	}
}

// A report of sites built without ECharts says so: their figures are not
// BENCHMARKS.md's.
func TestReportSaysWithoutCharts(t *testing.T) {
	for _, charts := range []bool{false, true} {
		rep := &Report{InteractiveCharts: charts, Sizes: []SizeResult{{Size: Size{"council", 300, 20},
			Site: []Figures{{Pages: 6000, Wall: 1, CPU: 2, MaxRSS: 1 << 28}}, Bare: []Figures{{Pages: 6000, Wall: 1, CPU: 1, MaxRSS: 1 << 28}}}}}
		var b strings.Builder
		rep.Write(&b)
		if said := strings.Contains(b.String(), "without the interactive charts"); said == charts {
			t.Errorf("interactive charts %v: the report says it was built without them: %v\n%s", charts, said, b.String())
		}
	}
}
