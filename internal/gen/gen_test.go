package gen

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

// loadSite runs the pipeline's first three stages on a generated site and
// fails on any error-severity problem.
func loadSite(t *testing.T, dir string) (*model.Input, model.Problems, *derive.Site) {
	t.Helper()
	in, probs, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	probs.Sort()
	for _, p := range probs {
		if p.Severity == model.Error {
			t.Errorf("error: %s", p)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	return in, probs, derive.Derive(in)
}

func TestGeneratedSitesLoad(t *testing.T) {
	for _, cfg := range []Config{
		{Measures: 1, Services: 1, Quarters: 1, Seed: 7},
		{Measures: 12, Services: 2, Quarters: 4, Seed: 1},
		{Measures: 60, Services: 5, Quarters: 9, Seed: 2, FirstPeriod: model.Period{Year: 2021, Quarter: 3}},
		{Measures: 300, Quarters: 20, Seed: 3},  // the council size
		{Measures: 2000, Quarters: 20, Seed: 1}, // perfsite bench's county: once had tolerances of 800% of a small target
	} {
		cfg := cfg.WithDefaults()
		t.Run(fmt.Sprintf("%dx%dx%d", cfg.Measures, cfg.Services, cfg.Quarters), func(t *testing.T) {
			dir := t.TempDir()
			if err := Write(dir, cfg); err != nil {
				t.Fatal(err)
			}
			in, probs, site := loadSite(t, dir)

			// The only warning is about the measure with no figures.
			_, warnings := probs.Count()
			wantWarnings := 0
			if cfg.Measures >= 2 {
				wantWarnings = 1
			}
			if warnings != wantWarnings {
				t.Errorf("%d warnings, want %d:\n%s", warnings, wantWarnings, probs.Error())
			}
			if len(in.Measures) != cfg.Measures || len(site.Measures) != cfg.Measures {
				t.Errorf("%d measures loaded, %d derived; want %d", len(in.Measures), len(site.Measures), cfg.Measures)
			}
			if len(in.Site.Services) != cfg.Services || len(in.Site.Committees) != (cfg.Services+2)/3 {
				t.Errorf("%d services, %d committees", len(in.Site.Services), len(in.Site.Committees))
			}
			if len(site.Periods) != cfg.Quarters || site.Periods[0] != cfg.FirstPeriod {
				t.Errorf("periods %v, want %d from %v", site.Periods, cfg.Quarters, cfg.FirstPeriod)
			}
			if len(in.Minutes) == 0 || len(in.Pages) != 1 || len(in.Glossary) == 0 {
				t.Errorf("%d minutes, %d pages, %d glossary terms", len(in.Minutes), len(in.Pages), len(in.Glossary))
			}
			if cfg.Measures >= 2 {
				last := site.Measures[len(site.Measures)-1]
				if len(last.Reported) != 0 || last.Latest.Status != model.NoData {
					t.Errorf("the last measure should have no figures: %+v", last.Latest)
				}
			}
		})
	}
}

// TestEdgeCases checks that a council-sized site has every kind of measure
// and data the contract allows, in roughly the proportions asked for.
func TestEdgeCases(t *testing.T) {
	cfg := Config{Measures: 300, Quarters: 20, Seed: 3}.WithDefaults()
	dir := t.TempDir()
	if err := Write(dir, cfg); err != nil {
		t.Fatal(err)
	}
	in, _, site := loadSite(t, dir)

	count := map[string]int{}
	for _, m := range in.Measures {
		count["unit "+m.Unit]++
		count["better "+m.Better]++
		if m.Frequency == model.Annual {
			count["annual"]++
		}
		if m.Target == nil {
			count["no target"]++
		}
		if m.Tolerance != nil {
			count["tolerance"]++
		}
		if m.Cumulative {
			count["cumulative"]++
		}
		if len(m.Aliases) > 0 {
			count["aliases"]++
		}
		if len(m.Title) > 100 {
			count["long title"]++
		}
		if len(m.Caveats) > 0 {
			count["caveats"]++
		}
		if m.Decimals == nil {
			count["minimal"]++
		}
		if m.Min != nil && *m.Min < 0 {
			count["percentage change"]++
		}
		if m.Aim != "" {
			count["direction target"]++
		}
		if m.ToleranceShare != nil {
			count["tolerance as a share"]++
		}
		if m.ChangeThresholdShare != nil {
			count["change threshold"]++
		}
		if m.Covers != "" {
			count["covers "+m.Covers]++
		}
	}
	ids := map[string]bool{}
	for _, m := range in.Measures {
		ids[m.ID] = true
	}
	rows := 0
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			rows++
			switch {
			case r.Value == nil:
				count["missing"]++
			case *r.Value < 0:
				count["negative"]++
			}
			if r.National != nil {
				count["national"]++
			}
			if r.Status != "" {
				count["override"]++
			}
			if r.Target != nil {
				count["quarter target"]++
			}
			if !ids[r.Measure] {
				count["row by alias"]++
			}
			if strings.ContainsAny(r.Note, ",\"&£\n") {
				count["awkward note"]++
			}
		}
	}
	for _, u := range model.Units[:len(templates)] {
		if count["unit "+u] == 0 {
			t.Errorf("no measure in %s", u)
		}
	}
	for _, b := range model.Betters {
		if count["better "+b] == 0 {
			t.Errorf("no measure where %s is better", b)
		}
	}
	n := float64(cfg.Measures)
	between := func(what string, lo, hi float64) {
		t.Helper()
		if f := float64(count[what]) / n; f < lo || f > hi {
			t.Errorf("%s: %d measures (%.1f%%), want %.0f%% to %.0f%%", what, count[what], 100*f, 100*lo, 100*hi)
		}
	}
	between("annual", 0.08, 0.12)
	between("no target", 0.08, 0.25)
	between("tolerance", 0.3, 0.8)
	between("cumulative", 0.02, 0.1)
	between("aliases", 0.03, 0.1)
	between("long title", 0.02, 0.1)
	between("caveats", 0.2, 0.6)
	between("minimal", 0.01, 0.05)
	if f := float64(count["missing"]) / float64(rows); f < 0.015 || f > 0.05 {
		t.Errorf("%d of %d rows have no value (%.1f%%), want about 3%%", count["missing"], rows, 100*f)
	}
	for _, c := range model.CoversValues {
		if count["covers "+c] == 0 {
			t.Errorf("no yearly measure covers a %s", c)
		}
	}
	if count["covers "+model.CoversFinancialYear]+count["covers "+model.CoversCalendarYear]+count["covers "+model.CoversAcademicYear] != count["annual"] {
		t.Errorf("a yearly measure does not say which year it covers: %v", count)
	}
	signals := 0
	for _, m := range site.Measures {
		if m.Latest.Then != nil && m.Latest.Then.Flag.Signal() {
			signals++
		}
	}
	if signals == 0 || signals > cfg.Measures/2 {
		t.Errorf("%d of %d latest figures are signals", signals, cfg.Measures)
	}
	for _, what := range []string{"percentage change", "negative", "national", "override", "quarter target", "row by alias", "awkward note",
		"direction target", "tolerance as a share", "change threshold"} {
		if count[what] == 0 {
			t.Errorf("no %s", what)
		}
	}

	// The statuses are mixed, not all one kind.
	statuses := map[model.Status]int{}
	for _, m := range site.Measures {
		statuses[m.Latest.Status]++
	}
	for _, st := range model.Statuses {
		if statuses[st] == 0 {
			t.Errorf("no measure is %s in the latest quarter: %v", st, statuses)
		}
	}
	if statuses[model.OnTrack] < cfg.Measures/10 || statuses[model.OffTrack] < cfg.Measures/20 {
		t.Errorf("statuses are lopsided: %v", statuses)
	}

	// Annual measures appear only in their reporting quarter.
	for _, m := range site.Measures {
		if !m.IsAnnual() || len(m.Reported) == 0 {
			continue
		}
		q := m.Reported[0].Period.Quarter
		for _, s := range m.Reported {
			if s.Period.Quarter != q {
				t.Errorf("annual measure %s reported in Q%d and Q%d", m.ID, q, s.Period.Quarter)
			}
		}
		if len(m.Reported) > cfg.Quarters/4+1 {
			t.Errorf("annual measure %s reported %d times in %d quarters", m.ID, len(m.Reported), cfg.Quarters)
		}
	}

	// Every quarter has minutes, and minutes name measures.
	discussed := map[model.Period]bool{}
	for _, mn := range in.Minutes {
		discussed[mn.Period] = true
		if len(mn.Measures) == 0 {
			t.Errorf("%s discusses no measures", mn.File)
		}
	}
	if len(discussed) != cfg.Quarters {
		t.Errorf("%d quarters discussed, want %d", len(discussed), cfg.Quarters)
	}

	// The first file is as Excel writes it; the others are plain.
	first, err := os.ReadFile(filepath.Join(dir, "data/quarters/2019-20-q1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(first, []byte("\uFEFFmeasure,value,target,national,status,note\r\n")) {
		t.Errorf("first file starts %q", first[:60])
	}
}

func TestDeterministic(t *testing.T) {
	cfg := Config{Measures: 120, Services: 7, Quarters: 10, Seed: 42}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Write(dir, cfg); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	cfg.Seed++
	if err := Write(c, cfg); err != nil {
		t.Fatal(err)
	}
	if tc := readTree(t, c); bytes.Equal(tc["data/quarters/2020-21-q1.csv"], ta["data/quarters/2020-21-q1.csv"]) {
		t.Error("another seed gave the same figures")
	}
}

// TestLinear checks that the files and rows grow in proportion to measures
// times quarters.
func TestLinear(t *testing.T) {
	// files: every file; rows: quarterly rows; bytes: of the quarterly files
	// and minutes, which both grow with measures x quarters (the measure
	// definitions grow with measures alone).
	size := func(measures, quarters int) (files, rows, bytes int) {
		dir := t.TempDir()
		if err := Write(dir, Config{Measures: measures, Services: measures / 20, Quarters: quarters, Seed: 5}); err != nil {
			t.Fatal(err)
		}
		for name, data := range readTree(t, dir) {
			files++
			if strings.HasPrefix(name, "data/quarters/") || strings.HasPrefix(name, "content/minutes/") {
				bytes += len(data)
			}
		}
		in, _, err := load.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, qf := range in.Quarters {
			rows += len(qf.Rows)
		}
		return
	}
	_, r0, b0 := size(200, 8)
	f1, r1, b1 := size(400, 8)
	f2, r2, b2 := size(200, 16)
	f4, r4, b4 := size(400, 16)
	ratio := func(what string, got, base, want float64) {
		t.Helper()
		if r := got / base; r < want*0.9 || r > want*1.1 {
			t.Errorf("%s grew %.2f times, want about %.0f", what, r, want)
		}
	}
	ratio("rows with twice the measures", float64(r1), float64(r0), 2)
	ratio("rows with twice the quarters", float64(r2), float64(r0), 2)
	ratio("rows with four times measures x quarters", float64(r4), float64(r0), 4)
	ratio("bytes with twice the measures", float64(b1), float64(b0), 2)
	ratio("bytes with twice the quarters", float64(b2), float64(b0), 2)
	ratio("bytes with four times measures x quarters", float64(b4), float64(b0), 4)
	if f2 <= f1/2 || f4 < f1 {
		t.Errorf("files: %d, %d, %d", f1, f2, f4)
	}
}

// TestNationalSpeed generates the national size: 10,000 measures over 12
// quarters, well within 10 seconds.
func TestNationalSpeed(t *testing.T) {
	if testing.Short() {
		t.Skip("writes about 25 MB")
	}
	dir := t.TempDir()
	start := time.Now()
	if err := Write(dir, Config{Measures: 10_000, Quarters: 12, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("generating the national size took %s", d)
	} else {
		t.Logf("national size (10,000 x 12) in %s", d.Round(time.Millisecond))
	}
}

func TestWriteRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, Config{Measures: 5}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("Write into a non-empty folder: %v", err)
	}
	for _, cfg := range []Config{{Measures: -1}, {Measures: 3, Services: 4}, {Quarters: 401}} {
		if err := Write(t.TempDir(), cfg); err == nil {
			t.Errorf("Write(%+v) succeeded", cfg)
		}
	}
}

func TestQuoting(t *testing.T) {
	if got := string(appendCSV(nil, `a "b", c`)); got != `"a ""b"", c"` {
		t.Errorf("appendCSV = %s", got)
	}
	if got := string(appendCSV(nil, "plain £ & text")); got != "plain £ & text" {
		t.Errorf("appendCSV = %s", got)
	}
	if got := tomlString("a \"q\" \\ \n\x01"); got != `"a \"q\" \\ \n\u0001"` {
		t.Errorf("tomlString = %s", got)
	}
	if got := slugify("Waste & Recycling – North"); got != "waste-recycling-north" {
		t.Errorf("slugify = %s", got)
	}
}

func BenchmarkWrite(b *testing.B) {
	for _, s := range []struct {
		name               string
		measures, quarters int
	}{{"council", 300, 20}, {"county", 2000, 20}, {"national", 10_000, 12}} {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				if err := Write(b.TempDir(), Config{Measures: s.measures, Quarters: s.quarters, Seed: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestManySeeds generates many small sites of odd shapes: none may have an
// error, and the only warning is the measure with no figures.
func TestManySeeds(t *testing.T) {
	for seed := uint64(0); seed < 60; seed++ {
		cfg := Config{
			Measures:    2 + int(seed*7%90),
			Quarters:    1 + int(seed%13),
			Seed:        seed,
			FirstPeriod: model.Period{Year: 2015 + int(seed%5), Quarter: 1 + int(seed%4)},
		}
		cfg.Services = 1 + int(seed)%cfg.Measures%9
		dir := t.TempDir()
		if err := Write(dir, cfg); err != nil {
			t.Fatal(err)
		}
		_, probs, _ := loadSite(t, dir)
		if _, warnings := probs.Count(); warnings != 1 {
			t.Errorf("%+v: %d warnings:\n%s", cfg, warnings, probs.Error())
		}
	}
}
