package pages

import (
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfsite/perfsite"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/gen"
	"github.com/perfsite/perfsite/internal/load"
)

// BenchmarkCouncilPages lays out every page of a generated council site
// (300 measures, 20 quarters) in memory, with the interactive charts:
//
//	go test -run - -bench CouncilPages -benchtime 3x ./internal/pages
func BenchmarkCouncilPages(b *testing.B) {
	site, opts := generated(b, 300, 20)
	pages := 0
	for b.Loop() {
		r, err := New(site, opts)
		if err != nil {
			b.Fatal(err)
		}
		files := r.SiteFiles()
		for _, m := range site.Measures {
			files = append(files, r.MeasureFiles(m)...)
		}
		pages = len(files)
		for _, f := range files {
			if err := f.Write(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages), "files")
}

// BenchmarkQuarterPageParts lays out one measure-per-quarter page of a
// generated site, whole and by its parts: the frame's (head, breadcrumbs,
// scripts), which are the same on each of a measure's quarter pages, and
// the measure's. Its view is made once, outside the timing, but for
// "view", which times making it:
//
//	go test -run - -bench QuarterPageParts ./internal/pages
func BenchmarkQuarterPageParts(b *testing.B) {
	site, opts := generated(b, 30, 20)
	layouts := opts.Layouts
	r, err := New(site, opts)
	if err != nil {
		b.Fatal(err)
	}
	m := site.Measures[3]
	mc, err := r.measureCommon(m)
	if err != nil {
		b.Fatal(err)
	}
	snap := m.Reported[len(m.Reported)-3] // a past quarter's page
	page, err := r.snapshotPage(m, snap, mc)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("page", func(b *testing.B) {
		for b.Loop() {
			if err := layouts.Execute(io.Discard, "snapshot", page); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, part := range []struct {
		name string
		data any
	}{
		{"_partials/head.html", page}, {"_partials/breadcrumbs.html", page}, {"_partials/scripts.html", page},
		{"_partials/figure-panel.html", page.Measure}, {"_partials/chart.html", page.Measure}, {"_partials/measure-details.html", page.Measure},
	} {
		b.Run(strings.TrimSuffix(strings.TrimPrefix(part.name, "_partials/"), ".html"), func(b *testing.B) {
			for b.Loop() {
				if _, err := layouts.Partial(part.name, part.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("view", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.snapshotPage(m, snap, mc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// generated is a generated site of measures × quarters, derived, and the
// options to lay out its pages with perfsite's layouts and interactive
// charts.
func generated(b *testing.B, measures, quarters int) (*derive.Site, Options) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := gen.Write(dir, gen.Config{Measures: measures, Quarters: quarters, Seed: 1}.WithDefaults()); err != nil {
		b.Fatal(err)
	}
	in, _, err := load.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	site := derive.Derive(in)
	defaults, _ := fs.Sub(perfsite.DefaultLayouts, "layouts")
	assets := map[string]Asset{AssetCSS: {URL: "css/site.css", Integrity: "sha384-x"}, AssetChartLoader: {URL: "js/loader.js", Integrity: "sha384-y"},
		AssetChart: {URL: "js/chart.js", Integrity: "sha384-z"}, AssetCopy: {URL: "js/copy.js", Integrity: "sha384-w"}}
	layouts, probs := ParseLayouts(defaults, nil, Funcs(site.BaseURL, assets))
	if probs.HasErrors() {
		b.Fatal(probs)
	}
	return site, Options{Layouts: layouts, Assets: assets, Interactive: true}
}
