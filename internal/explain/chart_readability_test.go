package explain_test

import (
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/gen"
	"github.com/perfsite/perfsite/internal/load"
)

// The words of the charts, which stand for them for anyone who cannot see
// them, read as easily as the rest of the site: Flesch reading ease 70 or
// more and no sentence over 25 words, on the example site and on a
// generated one, on their own and with every other text of the site. They
// never repeat the measure's title, which is beside the chart.
func TestChartReadability(t *testing.T) {
	dir := t.TempDir()
	if err := gen.Write(dir, gen.Config{Measures: 120, Quarters: 12, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, dir string }{{"example", "../.."}, {"generated", dir}} {
		t.Run(c.name, func(t *testing.T) {
			in, probs, err := load.Load(c.dir)
			if err != nil {
				t.Fatal(err)
			}
			if probs = append(probs, check.Check(in)...); probs.HasErrors() {
				t.Fatalf("%s has errors:\n%v", c.dir, probs)
			}
			site := derive.Derive(in)
			charts := chartTexts(t, site)
			t.Run("charts", func(t *testing.T) { explain.Readability(t, charts, nil) })
			// A title is the council's name for a measure, read as one
			// word (as TestReadability reads it).
			var titles []string
			for _, m := range site.Measures {
				titles = append(titles, explain.Title(m.Title))
			}
			t.Run("all", func(t *testing.T) { explain.Readability(t, append(explain.SiteTexts(t, c.dir), charts...), titles) })
		})
	}
}

// chartTexts is the words of every chart of the site, as a measure page
// and the page of each quarter with a figure draw them: the name, caption
// and description, and the sparkline's label.
func chartTexts(t *testing.T, site *derive.Site) []string {
	t.Helper()
	var out []string
	for _, m := range site.Measures {
		charts := []*chart.Chart{chart.New(m, site.Cal)}
		for _, snap := range m.Reported {
			charts = append(charts, chart.NewAt(m, site.Cal, snap.Period))
		}
		for _, c := range charts {
			if c == nil {
				continue
			}
			w := c.Words()
			for _, text := range []string{w.Name + ".", w.Caption, w.Description, w.Trend + "."} {
				if strings.Contains(text, m.Title) {
					t.Errorf("%s: the chart repeats the title: %q", m.ID, text)
				}
				out = append(out, text)
			}
		}
	}
	return out
}
