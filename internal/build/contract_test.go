package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/gen"
	"github.com/perfsite/perfsite/internal/model"
)

// TestAnyContractSite builds a site that is not the example: 45 measures
// over 11 services with two quarters, minutes for some committees only,
// lower-is-better, no-target and annual measures, negative values, and notes
// with quotes, ampersands and pound signs (internal/gen writes all of these).
// Every measure must get a page and an index.json whose latest status follows
// the status rule.
func TestAnyContractSite(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := gen.Write(src, gen.Config{Measures: 45, Services: 11, Quarters: 2, Seed: 45}); err != nil {
		t.Fatal(err)
	}
	res, err := Build(Options{Source: src, Dest: filepath.Join(dir, "public")})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Problems)
	}
	if len(res.Site.Measures) != 45 {
		t.Fatalf("built %d measures, want 45", len(res.Site.Measures))
	}
	var negative, lower, noTarget int
	for _, m := range res.Site.Measures {
		page := filepath.Join(dir, "public", "measures", m.ID, "index.html")
		if _, err := os.Stat(page); err != nil {
			t.Errorf("measure %s has no page: %v", m.ID, err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "public", "measures", m.ID, "index.json"))
		if err != nil {
			t.Errorf("measure %s has no index.json: %v", m.ID, err)
			continue
		}
		var doc struct {
			ID      string `json:"id"`
			Summary string `json:"summary"`
			Latest  struct {
				Value  *float64     `json:"value"`
				Target *float64     `json:"target"`
				Status model.Status `json:"status"`
			} `json:"latest"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Errorf("measure %s: index.json: %v", m.ID, err)
			continue
		}
		if doc.ID != m.ID || doc.Summary == "" {
			t.Errorf("measure %s: index.json has id %q and summary %q", m.ID, doc.ID, doc.Summary)
		}
		switch {
		case m.Latest.Override:
		case m.Aim != "" && doc.Latest.Target == nil:
			// A target that is a direction: whether the figures show a
			// real change (derive's tests check which).
			if st := doc.Latest.Status; doc.Latest.Value != nil && st != model.OnTrack && st != model.OffTrack && st != model.NoChange {
				t.Errorf("measure %s: latest.status %s for a direction target", m.ID, st)
			}
		default:
			var tol *float64
			if doc.Latest.Target != nil {
				x := m.ToleranceAt(*doc.Latest.Target) // a number, or a share of the target
				tol = &x
			}
			want := derive.Status(doc.Latest.Value, doc.Latest.Target, tol, m.Better)
			if doc.Latest.Status != want {
				t.Errorf("measure %s: latest.status %s, the rule gives %s", m.ID, doc.Latest.Status, want)
			}
		}
		for _, pt := range m.Series {
			if pt.Value != nil && *pt.Value < 0 {
				negative++
			}
		}
		if m.Better == model.BetterLower {
			lower++
		}
		if m.Target == nil {
			noTarget++
		}
	}
	if negative == 0 || lower == 0 || noTarget == 0 {
		t.Errorf("the generated site lacks an edge case: %d negative, %d lower-is-better, %d without target", negative, lower, noTarget)
	}
}
