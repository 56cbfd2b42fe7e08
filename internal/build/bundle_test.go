package build

import (
	"os"
	"path/filepath"
	"testing"
)

// The charts' script is bundled by the first build and kept: later builds
// of the site use the bundle in the cache (the work folder, whose name
// changes from build to build, is not part of its key), with the same
// bytes.
func TestChartBundleKept(t *testing.T) {
	cacheDir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cacheDir)
	t.Setenv("PERFSITE_CACHE", "")
	dir := serveSite(t)
	if !linkECharts(t, dir) {
		return
	}
	built := func() []byte {
		t.Helper()
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(dest, "js", "chart.bundle.*.js"))
		if len(files) != 1 {
			t.Fatalf("the built site has %d chart bundles, want 1", len(files))
		}
		b, err := os.ReadFile(files[0])
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := built()
	kept, _ := filepath.Glob(filepath.Join(cacheDir, "perfsite", "bundles", "*", "*.json"))
	if len(kept) != 1 {
		t.Fatalf("the cache holds %d bundles after a build, want 1", len(kept))
	}
	if second := built(); string(second) != string(first) {
		t.Error("the second build's bundle differs from the first's")
	}
	// Bundled again, it would be kept under another key.
	if again, _ := filepath.Glob(filepath.Join(cacheDir, "perfsite", "bundles", "*", "*.json")); len(again) != 1 || again[0] != kept[0] {
		t.Errorf("the second build bundled again: the cache holds %v, was %v", again, kept)
	}
}
