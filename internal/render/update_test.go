package render

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Update leaves unchanged files alone, rewrites changed ones and removes
// the ones no longer made; what it leaves is what Render writes.
func TestUpdate(t *testing.T) {
	site := testSite(t)
	want := t.TempDir()
	if _, err := Render(site, want); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := Render(site, dir); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, "content", "measures", "gone.md")
	changed := filepath.Join(dir, "content", "_index.md")
	if err := os.WriteFile(stale, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(changed, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	same := filepath.Join(dir, "static", "data", "measures.csv")
	if err := os.Chtimes(same, old, old); err != nil {
		t.Fatal(err)
	}
	if _, err := new(Preview).Update(site, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a file no longer generated is still there: %v", err)
	}
	if fi, err := os.Stat(same); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("an unchanged file was written again: %v", err)
	}
	if d := diffDirs(t, want, dir); d != "" {
		t.Errorf("after Update, the files differ from Render's: %s", d)
	}
}

// A page must never be written before the fragment file it reads: Hugo's
// readFile gives "" for a missing file, and Hugo does not watch fragments.
func TestFlushWritesFragmentsFirst(t *testing.T) {
	paths := []string{
		"/w/generated/content/measures/a.md",
		"/w/generated/static/measures/fragments/data.csv", // a measure called "fragments"
		"/w/generated/static/measures/a/data.csv",
		"/w/generated/fragments/ff.html",
		"/w/generated/content/measures/a/2023-24-q1.md",
		"/w/generated/fragments/00.html",
	}
	sortForFlush("/w/generated", paths)
	want := []string{
		"/w/generated/fragments/00.html",
		"/w/generated/fragments/ff.html",
		"/w/generated/content/measures/a.md",
		"/w/generated/content/measures/a/2023-24-q1.md",
		"/w/generated/static/measures/a/data.csv",
		"/w/generated/static/measures/fragments/data.csv",
	}
	if strings.Join(paths, " ") != strings.Join(want, " ") {
		t.Errorf("flush order:\n%s\nwant\n%s", strings.Join(paths, "\n"), strings.Join(want, "\n"))
	}
}

// copyInput is a deep copy of in, to edit.
func copyInput(t *testing.T, in *model.Input) *model.Input {
	t.Helper()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var copy model.Input
	if err := json.Unmarshal(b, &copy); err != nil {
		t.Fatal(err)
	}
	return &copy
}

// testSite is the example site, derived.
func testSite(t *testing.T) *derive.Site {
	t.Helper()
	_, site, _ := renderExample(t)
	return site
}

// diffDirs describes the first difference between the files under a and
// b, or returns "".
func diffDirs(t *testing.T, a, b string) string {
	t.Helper()
	files := func(root string) map[string]string {
		m := map[string]string{}
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			body, err := os.ReadFile(path)
			m[rel] = string(body)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	fa, fb := files(a), files(b)
	for name, body := range fa {
		if other, ok := fb[name]; !ok {
			return name + " is missing"
		} else if other != body {
			return name + " differs"
		}
	}
	for name := range fb {
		if _, ok := fa[name]; !ok {
			return name + " is extra"
		}
	}
	return ""
}

// A new figure for the latest quarter changes a handful of pages, not
// every quarter page of its measure: Hugo's server builds the whole site
// again when it sees more than 50 changed files at once (its
// commands/hugobuilder.go), which makes the preview take 5 s instead of
// under 1 s.
func TestPreviewNewFigureChangesFewPages(t *testing.T) {
	in, _, _ := renderExample(t)
	var p Preview
	dir := t.TempDir()
	if _, err := p.Update(derive.Derive(in), dir); err != nil {
		t.Fatal(err)
	}
	edited := copyInput(t, in)
	latest := &edited.Quarters[len(edited.Quarters)-1]
	row := &latest.Rows[0]
	v := *row.Value + 1
	row.Value = &v
	site := derive.Derive(edited)
	if _, err := p.Update(site, dir); err != nil {
		t.Fatal(err)
	}
	slug := site.Cal.Slug(row.Period)
	var content []string
	for _, path := range p.changed {
		if strings.HasPrefix(path, "content/") {
			content = append(content, path)
		}
		if strings.HasPrefix(path, "content/measures/"+row.Measure+"/") && !strings.HasSuffix(path, "/"+slug+".md") && !strings.HasSuffix(path, "/embed.md") {
			t.Errorf("an older quarter's page changed: %s", path)
		}
	}
	if len(content) == 0 || len(content) > 12 {
		t.Errorf("%d content files changed, want 1 to 12: %v", len(content), content)
	}
}

// Render writes on every core at once; the files must be the same bytes
// as when it writes one at a time.
func TestRenderParallelIsSerial(t *testing.T) {
	site := testSite(t)
	serial, parallel := t.TempDir(), t.TempDir()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if _, err := Render(site, serial); err != nil {
		t.Fatal(err)
	}
	runtime.GOMAXPROCS(8)
	for i := 0; i < 2; i++ {
		dir := filepath.Join(parallel, strconv.Itoa(i))
		if _, err := Render(site, dir); err != nil {
			t.Fatal(err)
		}
		if d := diffDirs(t, serial, dir); d != "" {
			t.Errorf("run %d: %s", i, d)
		}
	}
}

// A Preview skips the measures that did not change; what it leaves after
// each edit must be exactly what Render writes for the edited site.
func TestPreviewUpdateIsRender(t *testing.T) {
	in, _, _ := renderExample(t)
	edit := func(change func(in *model.Input)) *derive.Site {
		copy := copyInput(t, in)
		change(copy)
		return derive.Derive(copy)
	}
	var p Preview
	dir := t.TempDir()
	all := len(in.Measures)
	steps := []struct {
		name     string
		rendered int // measures rendered again (each step starts from the example, so it undoes the step before)
		change   func(in *model.Input)
	}{
		{"first", all, func(in *model.Input) {}},
		{"the same again", 0, func(in *model.Input) {}},
		{"one figure", 1, func(in *model.Input) {
			q := &in.Quarters[len(in.Quarters)-1]
			v := *q.Rows[0].Value + 1
			q.Rows[0].Value = &v
		}},
		{"an old figure", 2, func(in *model.Input) {
			v := 1.5
			in.Quarters[0].Rows[1].Value = &v
		}},
		{"a measure's title", 2, func(in *model.Input) { in.Measures[2].Title += " (changed)" }},
		{"the site's title", all, func(in *model.Input) { in.Site.Title += " (changed)" }},
		{"a measure less", all - 1, func(in *model.Input) { in.Measures = in.Measures[1:] }},
		{"back to the start", 1, func(in *model.Input) {}},
	}
	for _, step := range steps {
		site := edit(step.change)
		if _, err := p.Update(site, dir); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if p.rendered != step.rendered {
			t.Errorf("after %s: %d measures rendered, want %d", step.name, p.rendered, step.rendered)
		}
		want := t.TempDir()
		if _, err := Render(site, want); err != nil {
			t.Fatal(err)
		}
		if d := diffDirs(t, want, dir); d != "" {
			t.Errorf("after %s: %s", step.name, d)
		}
	}
}
