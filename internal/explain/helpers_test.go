package explain

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name.golden, or rewrites the file with
// -update. Every golden file is meant to be read by eye after an update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	want := string(b)
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w string
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			t.Fatalf("%s differs at line %d (run go test -update and review the diff):\n got: %s\nwant: %s", path, i+1, g, w)
		}
	}
}

func f(v float64) *float64 { return &v }
func dec(i int) *int       { return &i }

// none marks a quarter with a row but no figure.
var none = math.NaN()

func period(s string) model.Period {
	p, err := model.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// rows makes one row per quarter from start, with the values in order; a
// value of none is a row with an empty value.
func rows(id, start string, values ...float64) []model.Row {
	p := period(start)
	var out []model.Row
	for i, v := range values {
		r := model.Row{Measure: id, Period: p.Add(i)}
		if !math.IsNaN(v) {
			r.Value = f(v)
		}
		out = append(out, r)
	}
	return out
}

// at returns the row of quarter p, to set its other columns.
func at(rs []model.Row, p string) *model.Row {
	for i := range rs {
		if rs[i].Period == period(p) {
			return &rs[i]
		}
	}
	panic("no row for " + p)
}

// build derives a site of one service from measures and rows.
func build(startMonth int, ms []model.Measure, rs []model.Row) *derive.Site {
	services := []model.Service{{ID: "svc", Name: "Test service", Committee: "c"}}
	known := map[string]bool{"svc": true}
	for i := range ms {
		if ms[i].Service == "" {
			ms[i].Service = "svc"
		}
		if ms[i].Frequency == "" {
			ms[i].Frequency = model.Quarterly
		}
		if id := ms[i].Service; !known[id] {
			known[id] = true
			services = append(services, model.Service{ID: id, Name: serviceNames[id], Committee: "c"})
		}
	}
	in := &model.Input{
		Site: model.Site{
			Title: "Test", Organisation: "Test Council", YearStartMonth: startMonth,
			Services:   services,
			Committees: []model.Committee{{ID: "c", Name: "Test committee"}},
		},
		Measures: ms,
		Quarters: []model.QuarterFile{{File: "data/quarters/test.csv", Rows: rs}},
	}
	return derive.Derive(in)
}

// serviceNames names the services that measures of the tests belong to.
var serviceNames = map[string]string{"education": "Education", "children": "Children and Families", "empty": "Libraries"}

// describeMeasure is a measure's definition in one line, for golden files.
func describeMeasure(m *model.Measure) string {
	parts := []string{"unit " + m.Unit}
	if m.RatePer != 0 {
		parts = append(parts, "rate_per "+num(&m.RatePer))
	}
	parts = append(parts, "better "+m.Better)
	if m.Frequency == model.Annual {
		parts = append(parts, "annual")
	}
	if m.Cumulative {
		parts = append(parts, "cumulative")
	}
	if m.Covers != "" {
		parts = append(parts, "covers "+m.Covers)
	}
	if m.Target != nil {
		parts = append(parts, "target "+num(m.Target))
	}
	if m.Aim != "" {
		parts = append(parts, "target "+m.Aim)
	}
	if m.Tolerance != nil {
		parts = append(parts, "tolerance "+num(m.Tolerance))
	}
	if m.ToleranceShare != nil {
		parts = append(parts, "tolerance "+num(f(*m.ToleranceShare*100))+"%")
	}
	if m.ChangeThreshold != nil {
		parts = append(parts, "change_threshold "+num(m.ChangeThreshold))
	}
	if m.ChangeThresholdShare != nil {
		parts = append(parts, "change_threshold "+num(f(*m.ChangeThresholdShare*100))+"%")
	}
	if m.Decimals != nil {
		parts = append(parts, fmt.Sprintf("decimals %d", *m.Decimals))
	}
	if m.Max != nil {
		parts = append(parts, "max "+num(m.Max))
	}
	s := fmt.Sprintf("measure %q: %s", m.Title, strings.Join(parts, ", "))
	for _, c := range m.Caveats {
		s += "\n  caveat: " + c
	}
	return s
}

// describeSeries lists a measure's figures, one quarter a line.
func describeSeries(m *derive.Measure, cal model.Calendar) string {
	var b strings.Builder
	for _, p := range m.Series {
		fmt.Fprintf(&b, "  %-11s value %-8s target %-8s national %-8s %s", cal.Label(p.Period), num(p.Value), num(p.Target), num(p.National), p.Status)
		if p.Override && p.Status != p.Derived {
			fmt.Fprintf(&b, " (set by hand; the figures give %s)", p.Derived)
		}
		if p.Note != "" {
			fmt.Fprintf(&b, " note: %s", p.Note)
		}
		b.WriteByte('\n')
	}
	if len(m.Series) == 0 {
		b.WriteString("  (no figures)\n")
	}
	return b.String()
}

func num(v *float64) string {
	if v == nil {
		return "-"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
