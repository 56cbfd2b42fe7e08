package chart

import (
	"fmt"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// quarterName is a quarter's name, which a yearly figure that says its
// year never carries.
var quarterName = regexp.MustCompile(`\bQ\d \d{4}|\bQuarter \d\b`)

// TestChartProperties draws random measures (running totals across
// Aprils, yearly figures that say their year, quarterly figures long
// enough for control limits, with gaps and negative figures) and checks
// that no line joins a running total across the year's start, that its
// words compare it only with the same quarter a year before, that a
// yearly figure is never named by a quarter, and that the marked signals
// and limits are those of derive.
func TestChartProperties(t *testing.T) {
	r := rand.New(rand.NewSource(18))
	var ms []model.Measure
	var rows []model.Row
	for i := 0; i < 400; i++ {
		id := fmt.Sprintf("m%03d", i)
		m := model.Measure{ID: id, Title: "Measure " + id, Unit: model.UnitCount, Better: model.Betters[r.Intn(3)]}
		switch r.Intn(3) {
		case 0:
			m.Cumulative = true
		case 1:
			m.Frequency = model.Annual
			m.Covers = model.CoversValues[r.Intn(3)]
		}
		ms = append(ms, m)
		start := model.Period{Year: 2015 + r.Intn(3), Quarter: 1 + r.Intn(4)}
		n := 1 + r.Intn(30)
		level := float64(r.Intn(200) - 100)
		for j := 0; j < n; j++ {
			p := start.Add(j)
			if m.Frequency == model.Annual {
				p = start.Add(4 * j)
			}
			row := model.Row{Measure: id, Period: p}
			if r.Intn(10) > 0 {
				v := level + float64(r.Intn(20))
				if m.Cumulative {
					v = float64(p.Quarter*10 + r.Intn(10))
				}
				if r.Intn(8) == 0 {
					level += 30
				}
				row.Value = &v
			}
			rows = append(rows, row)
		}
	}
	site := derived(ms, rows)
	charts := 0
	for _, m := range site.Measures {
		for _, pt := range m.Series {
			c := NewAt(m, cal, pt.Period)
			if c == nil {
				continue
			}
			charts++
			where := fmt.Sprintf("%s at %s", m.ID, cal.Label(pt.Period))
			w := c.Words()
			words := w.Name + " " + w.Description + " " + w.Caption + " " + w.Trend
			if m.Cumulative {
				checkRunningTotal(t, where, c, words)
			}
			if m.IsAnnual() {
				if q := quarterName.FindString(words + c.SVG()); q != "" {
					t.Fatalf("%s: a yearly figure named by a quarter, %q: %s", where, q, words)
				}
			}
			checkMarks(t, where, m, c, pt.Period)
		}
	}
	if charts < 2000 {
		t.Errorf("only %d charts", charts)
	}
}

// checkRunningTotal checks that a running total's chart never joins or
// compares figures across the year's start.
func checkRunningTotal(t *testing.T, where string, c *Chart, words string) {
	t.Helper()
	for i := 1; i < len(c.Slots); i++ {
		a, b := c.Slots[i-1], c.Slots[i]
		if !a.Gap && !b.Gap && a.Period.Year != b.Period.Year {
			t.Fatalf("%s: %s and %s are next to each other, with no gap", where, a.Label, b.Label)
		}
	}
	for _, bad := range []string{"went up", "went down", "highest", "Trend from"} {
		if strings.Contains(words, bad) {
			t.Fatalf("%s: a running total compared across its years (%q): %s", where, bad, words)
		}
	}
	// "A year before, it was X.": X is the same quarter's figure.
	var last *Slot
	for i := range c.Slots {
		if c.Slots[i].Value != nil {
			last = &c.Slots[i]
		}
	}
	for _, s := range c.Slots {
		if s.Value != nil && s.Period == last.Period.Add(-4) {
			if want := fmt.Sprintf("A year before, it was %s.", c.Text(*s.Value)); !strings.Contains(words, want) {
				t.Fatalf("%s: want %q in %s", where, want, words)
			}
			return
		}
	}
	if strings.Contains(words, "a year before") {
		t.Fatalf("%s: no figure a year before, but %s", where, words)
	}
}

// checkMarks checks that the chart marks as signals the figures derive
// says were signals at period p, and draws its limits.
func checkMarks(t *testing.T, where string, m *derive.Measure, c *Chart, p model.Period) {
	t.Helper()
	controls := m.ControlsAt(p)
	want := 0
	var limits *derive.Control
	for i, pt := range m.Series {
		if p.Before(pt.Period) {
			break
		}
		if controls[i] != nil {
			limits = controls[i]
			if controls[i].Flag.Signal() {
				want++
			}
		}
	}
	got := 0
	for _, s := range c.Slots {
		if s.Signal != "" {
			got++
		}
	}
	if got != want || strings.Count(c.SVG(), `class="chart-signal"`) != want {
		t.Fatalf("%s: %d signals marked, want %d", where, got, want)
	}
	switch {
	case m.Cumulative:
		if c.Limits != nil {
			t.Fatalf("%s: limits on a running total", where)
		}
	case limits == nil:
		if c.Limits != nil {
			t.Fatalf("%s: limits with too few figures", where)
		}
	case c.Limits == nil || c.Limits.Mean != limits.Mean || c.Limits.Upper != limits.Upper:
		t.Fatalf("%s: limits %+v, want %+v", where, c.Limits, limits)
	}
}
