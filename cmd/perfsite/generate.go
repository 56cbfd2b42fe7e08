package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/perfsite/perfsite/internal/gen"
	"github.com/perfsite/perfsite/internal/model"
)

func runGenerate(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("generate", "Writes a synthetic site of made-up data, for benchmarks and tests: DIR/data\nand DIR/content following the data contract. The same options always give\nthe same files. DIR must be new or empty.", stderr)
	dest := fs.String("dest", "", "the folder to write the site into (required)")
	measures := fs.Int("measures", gen.DefaultMeasures, "the number of measures")
	services := fs.Int("services", 0, fmt.Sprintf("the number of services, one committee per three (default: one per %d measures)", gen.DefaultMeasuresPerService))
	quarters := fs.Int("quarters", gen.DefaultQuarters, "the number of quarters of data")
	seed := fs.Uint64("seed", 1, "the seed for the made-up figures")
	first := fs.String("first", calendarSlug(gen.DefaultFirstPeriod), "the first quarter of data, like 2019-20-q1")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *dest == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "perfsite: generate needs --dest DIR, and no other arguments")
		fs.Usage()
		return 2
	}
	period, err := model.ParsePeriod(*first)
	if err != nil {
		fmt.Fprintf(stderr, "perfsite: --first: %v\n", err)
		return 2
	}
	cfg := gen.Config{Measures: *measures, Services: *services, Quarters: *quarters, Seed: *seed, FirstPeriod: period}.WithDefaults()
	start := time.Now()
	if err := gen.Write(*dest, cfg); err != nil {
		fmt.Fprintf(stderr, "perfsite: %v\n", err)
		return 1
	}
	where := *dest
	if abs, err := filepath.Abs(where); err == nil {
		where = abs
	}
	fmt.Fprintf(stdout, "perfsite: generated %d measures, %d services and %d quarters (seed %d) into %s in %s\n",
		cfg.Measures, cfg.Services, cfg.Quarters, cfg.Seed, where, time.Since(start).Round(time.Millisecond))
	return 0
}

// calendarSlug writes a period as the generated sites' file names do.
func calendarSlug(p model.Period) string {
	return model.Calendar{StartMonth: time.April}.Slug(p)
}
