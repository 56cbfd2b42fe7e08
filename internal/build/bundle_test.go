package build

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/perfsite/perfsite/internal/cache"
)

// The charts' script is bundled by the first build and kept: later builds
// of the site use the bundle in the cache, with the same bytes (the work
// folder, whose name changes from build to build, is not part of its key).
func TestChartBundleKept(t *testing.T) {
	cacheDir := t.TempDir()
	t.Setenv(cache.Env, cacheDir)
	dir := serveSite(t)
	if !linkECharts(t, dir) {
		t.Skip("nothing to test without ECharts")
	}
	built := func() []byte {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(onlyFile(t, filepath.Join(dest, "js", "chart.bundle.*.js")))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	kept := func() os.FileInfo {
		t.Helper()
		fi, err := os.Stat(onlyFile(t, filepath.Join(cacheDir, "bundles", "*", "*.json")))
		if err != nil {
			t.Fatal(err)
		}
		return fi
	}
	first := built()
	before := kept()
	if second := built(); string(second) != string(first) {
		t.Error("the second build's bundle differs from the first's")
	}
	// Bundled again, it would be kept again: a new file (cache.Put
	// renames a new file into place), under the same or another key.
	if !os.SameFile(before, kept()) {
		t.Error("the second build bundled the script again")
	}
}

// onlyFile is the one file that matches pattern.
func onlyFile(t *testing.T, pattern string) string {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) != 1 {
		t.Fatalf("%d files match %s, want 1: %v", len(files), pattern, files)
	}
	return files[0]
}

// A site's own chart-assets.html that does not link the bundle (it may
// js.Build a script of its own) goes without one.
func TestUsesBundle(t *testing.T) {
	dir := t.TempDir()
	if !usesBundle(dir) {
		t.Error("a site without its own chart-assets.html does not use the bundle")
	}
	for _, partials := range partialDirs { // the folder Hugo reads now, and the older one
		own := filepath.Join(dir, filepath.FromSlash(partials), "chart-assets.html")
		for text, want := range map[string]bool{
			`{{ $b := resources.Get "js/chart.bundle.js" | fingerprint }}`: true,
			`{{ $b := resources.Get "js/mine.js" | js.Build }}`:            false,
		} {
			if err := writeFileAll(own, []byte(text)); err != nil {
				t.Fatal(err)
			}
			if got := usesBundle(dir); got != want {
				t.Errorf("usesBundle with %s%s: %v, want %v", partials, text, got, want)
			}
		}
		os.Remove(own)
	}
}

// In the preview, an edit of the site's own charts' script is bundled
// again, through the preview's watcher, and Hugo's server follows.
func TestPreviewRebundles(t *testing.T) {
	dir := serveSite(t)
	if !linkECharts(t, dir) {
		t.Skip("nothing to test without ECharts")
	}
	script := filepath.Join(dir, "assets", "js", "chart.js")
	def, err := os.ReadFile(filepath.Join("..", "..", "assets", "js", "chart.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := writeFileAll(script, def); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	pv, err := startPreview(Options{Source: dir, Log: io.Discard}, work)
	if err != nil {
		t.Fatal(err)
	}
	bundled := filepath.Join(work, "assets", "js", "chart.bundle.js")
	before, err := os.ReadFile(bundled)
	if err != nil {
		t.Fatal(err)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close() // ends watch
	if err := pv.watchScripts(w); err != nil {
		t.Fatal(err)
	}
	go pv.watch(w)
	const mark = "perfsite-test-mark"
	if err := os.WriteFile(script, append(def, []byte("\nwindow.mark = '"+mark+"';\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		after, err := os.ReadFile(bundled)
		if err == nil && string(after) != string(before) && strings.Contains(string(after), mark) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the edited script was not bundled again within 10 s")
		}
	}
}
