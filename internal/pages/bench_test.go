package pages

import (
	"io"
	"io/fs"
	"path/filepath"
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
	dir := filepath.Join(b.TempDir(), "site")
	if err := gen.Write(dir, gen.Config{Measures: 300, Quarters: 20, Seed: 1}.WithDefaults()); err != nil {
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
	layouts, _ := ParseLayouts(defaults, nil, Funcs(site.BaseURL, assets))
	pages := 0
	for b.Loop() {
		r, err := New(site, Options{Layouts: layouts, Assets: assets, Interactive: true})
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
