// Package gen writes synthetic sites: folders that follow the data contract
// (DESIGN.md, "The data contract") with any number of measures, services and
// quarters, for benchmarks and for test fixtures. The same Config always
// gives byte-identical files.
//
// A generated site holds every kind of measure the contract allows (every
// unit, every direction, annual and cumulative measures, measures without a
// target, with a tolerance, with aliases, with long titles, with caveats) and
// the awkward data real files have (missing values, notes that need CSV
// quoting, per-quarter targets, explicit statuses, a byte order mark and
// CRLF line endings in one file, a measure with no figures at all), so that
// it loads with warnings at most, never errors.
package gen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// Config says what to generate. Zero fields take their defaults.
type Config struct {
	// Measures is the number of measures (default 300).
	Measures int
	// Services is the number of services the measures are shared among,
	// round-robin (default: one per 25 measures, at least 1). There is one
	// committee for every three services.
	Services int
	// Quarters is the number of quarterly data files (default 20).
	Quarters int
	// Seed seeds every random choice; 0 is a seed like any other.
	Seed uint64
	// FirstPeriod is the first quarter of data (default 2019-20 Q1).
	FirstPeriod model.Period
}

// Defaults for a zero Config.
const (
	DefaultMeasures           = 300
	DefaultQuarters           = 20
	DefaultMeasuresPerService = 25
)

// DefaultFirstPeriod is the first quarter when Config.FirstPeriod is zero.
var DefaultFirstPeriod = model.Period{Year: 2019, Quarter: 1}

// WithDefaults returns c with its zero fields filled in.
func (c Config) WithDefaults() Config {
	if c.Measures == 0 {
		c.Measures = DefaultMeasures
	}
	if c.Services == 0 {
		c.Services = max(1, (c.Measures+DefaultMeasuresPerService/2)/DefaultMeasuresPerService)
	}
	if c.Quarters == 0 {
		c.Quarters = DefaultQuarters
	}
	if c.FirstPeriod.IsZero() {
		c.FirstPeriod = DefaultFirstPeriod
	}
	return c
}

func (c Config) validate() error {
	switch {
	case c.Measures < 1:
		return fmt.Errorf("the number of measures must be at least 1, not %d", c.Measures)
	case c.Services < 1:
		return fmt.Errorf("the number of services must be at least 1, not %d", c.Services)
	case c.Services > c.Measures:
		return fmt.Errorf("there are more services (%d) than measures (%d); every service needs a measure", c.Services, c.Measures)
	case c.Quarters < 1 || c.Quarters > 400:
		return fmt.Errorf("the number of quarters must be from 1 to 400, not %d", c.Quarters)
	case c.FirstPeriod.Quarter < 1 || c.FirstPeriod.Quarter > 4 || c.FirstPeriod.Year < 1900 || c.FirstPeriod.Add(c.Quarters).Year > 2999:
		return fmt.Errorf("the first quarter %+v is not a quarter from 1900 to 2999", c.FirstPeriod)
	}
	return nil
}

// calendar is the generated sites' reporting year: the UK financial year.
var calendar = model.Calendar{StartMonth: time.April}

// Write generates a site into dir, which must be empty or not exist yet:
// Write never overwrites or deletes a file.
func Write(dir string, cfg Config) error {
	cfg = cfg.WithDefaults()
	if err := cfg.validate(); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s is not empty; generate into a new or empty folder", dir)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return err
	}
	for _, d := range []string{"data/quarters", "content/minutes"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	g := newGenerator(cfg)
	steps := []struct {
		file string
		fn   func(*writer)
	}{
		{"data/site.toml", g.writeSite},
		{"data/measures.toml", g.writeMeasures},
		{"data/glossary.toml", g.writeGlossary},
		{"content/about.md", g.writeAbout},
	}
	for _, s := range steps {
		if err := writeFile(dir, s.file, s.fn); err != nil {
			return err
		}
	}
	if err := g.writeQuarters(dir); err != nil {
		return err
	}
	return g.writeMinutes(dir)
}

// generator holds the site being generated.
type generator struct {
	cfg        Config
	services   []service
	committees []committee
	measures   []*measure
	rng        *rand.Rand // for site-wide choices (minutes)
}

type service struct {
	id, name  string
	committee int
}

type committee struct {
	id, name string
	measures []int // indexes into generator.measures
	minutes  bool  // it has minutes every quarter
}

func newGenerator(cfg Config) *generator {
	g := &generator{cfg: cfg, rng: newRand(cfg.Seed, 0x5173_5eed)}
	g.committees = make([]committee, (cfg.Services+2)/3)
	for j := range g.committees {
		name, suffix := cycle(committeeThemes, j)
		c := &g.committees[j]
		c.id = slugify(name) + "-scrutiny" + suffixSlug(suffix)
		c.name = name + " Overview and Scrutiny Committee" + suffixName(suffix, " (", ")")
		c.minutes = j%3 != 2 // committee 0 always has minutes, so every quarter is discussed
	}
	g.services = make([]service, cfg.Services)
	for s := range g.services {
		name, suffix := cycle(serviceNames, s)
		g.services[s] = service{
			id:        slugify(name) + suffixSlug(suffix),
			name:      name + suffixName(suffix, " – ", ""),
			committee: s / 3,
		}
	}
	g.measures = make([]*measure, cfg.Measures)
	titles := map[string]int{} // service + title -> times used
	var perUnit [6]int
	for i := range g.measures {
		m := newMeasure(g, i, titles, &perUnit)
		g.measures[i] = m
		c := &g.committees[g.services[i%cfg.Services].committee]
		c.measures = append(c.measures, i)
	}
	return g
}

// cycle returns the i-th name of a list that repeats, and which round of
// the list it is in (0 for the first).
func cycle(list []string, i int) (string, int) {
	return list[i%len(list)], i / len(list)
}

// suffixName names the round of a repeating list: "", then areas.
func suffixName(round int, before, after string) string {
	if round == 0 {
		return ""
	}
	if round <= len(areaNames) {
		return before + areaNames[round-1] + after
	}
	return fmt.Sprintf("%sArea %d%s", before, round, after)
}

func suffixSlug(round int) string {
	if round == 0 {
		return ""
	}
	return "-" + slugify(suffixName(round, "", ""))
}

// newRand returns a generator for one stream of choices. Streams are
// independent of each other, so measure i's figures do not depend on how
// many measures come before or after it.
func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, splitmix(stream)))
}

// splitmix64 scrambles a stream number into a well-spread seed.
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}
