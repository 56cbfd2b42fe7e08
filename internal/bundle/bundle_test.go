package bundle

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/model"
)

// site makes a folder with a script that imports a package from its
// node_modules, as assets/js/chart.js imports ECharts.
func site(t *testing.T) (Entry, string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"node_modules/charts/package.json": `{"name": "charts", "module": "index.js"}`,
		"node_modules/charts/index.js":     "export function answer() { return 40 + 2; }\nexport function unused() { return 'tree-shaken away'; }\n",
		"assets/js/chart.js":               "import { answer } from 'charts';\nwindow.answer = answer();\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	js := filepath.Join(dir, "assets", "js")
	return Entry{Name: "assets/js/chart.js", Contents: []byte(files["assets/js/chart.js"]), ResolveDir: js}, filepath.Join(dir, "node_modules")
}

func TestCharts(t *testing.T) {
	entry, nm := site(t)
	js, err := Charts(entry, nm, cache.Dir{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(js)
	// One minified script, run at once (an IIFE), with only what is used.
	if !strings.HasPrefix(s, "(()=>{") || strings.Contains(s, "tree-shaken away") || !strings.Contains(s, "40+2") && !strings.Contains(s, "42") {
		t.Errorf("not a minified, tree-shaken IIFE of the script:\n%s", s)
	}
	if again, _ := Charts(entry, nm, cache.Dir{}); string(again) != s {
		t.Error("the same inputs make different bundles")
	}
}

// A bundle is kept, and used again until any file it was made from
// changes. The site's node_modules is a link, as the benchmark's is.
func TestChartsCache(t *testing.T) {
	entry, nm := site(t)
	link := filepath.Join(t.TempDir(), "node_modules")
	if err := os.Symlink(nm, link); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c := cache.At(dir, ".json")
	first, err := Charts(entry, link, c)
	if err != nil {
		t.Fatal(err)
	}
	// Mark what the cache holds, so that using it shows.
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.json"))
	if len(files) != 1 {
		t.Fatalf("the cache holds %d files, want 1", len(files))
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	marked := strings.Replace(string(b), `"js":"`, `"js":"`+"Ly9rZXB0", 1) // base64 of "//kept", before the script's own
	if err := os.WriteFile(files[0], []byte(marked), 0o644); err != nil {
		t.Fatal(err)
	}
	kept, err := Charts(entry, link, c)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(kept), "//kept") {
		t.Fatalf("the kept bundle was not used: %.40q", kept)
	}
	// Only a package's package.json changes (what it says has side
	// effects changes what is bundled): bundled again.
	if err := os.WriteFile(filepath.Join(nm, "charts", "package.json"), []byte(`{"name": "charts", "module": "index.js", "sideEffects": false}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if js, err := Charts(entry, link, c); err != nil || strings.HasPrefix(string(js), "//kept") {
		t.Errorf("a changed package.json did not make a new bundle (%v)", err)
	}
	// A package the script imports changes: bundled again.
	if err := os.WriteFile(filepath.Join(nm, "charts", "index.js"), []byte("export function answer() { return 7; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed, err := Charts(entry, link, c)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(string(changed), "//kept") || string(changed) == string(first) || !strings.Contains(string(changed), "7") {
		t.Errorf("a changed import did not make a new bundle: %s", changed)
	}
	// The script itself changes: bundled again.
	entry.Contents = []byte("window.answer = 1;\n")
	if js, err := Charts(entry, link, c); err != nil || strings.Contains(string(js), "answer()") || string(js) == string(changed) {
		t.Errorf("a changed script did not make a new bundle (%v): %s", err, js)
	}
}

// What esbuild cannot bundle is a problem located in the script, with a
// hint.
func TestChartsProblems(t *testing.T) {
	entry, nm := site(t)
	for name, src := range map[string]string{
		"syntax":         "import { answer } from 'charts';\nwindow.answer = answer(;\n",
		"missing import": "import { answer } from 'no-such-package';\nwindow.answer = answer();\n",
	} {
		entry.Contents = []byte(src)
		_, err := Charts(entry, nm, cache.Dir{})
		var ps model.Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("%s: %v, want model.Problems", name, err)
		}
		p := ps[0]
		if p.Pos.File != "assets/js/chart.js" || p.Pos.Line == 0 || p.Pos.Col == 0 || p.Hint == "" {
			t.Errorf("%s: %+v, want a line and column in assets/js/chart.js and a hint", name, p)
		}
	}
}
