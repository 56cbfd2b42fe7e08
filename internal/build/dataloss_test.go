package build

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/perfsite/perfsite/internal/publish"
)

// basicSite is the files of testdata/sites/basic.txtar, a small valid site.
func basicSite(t *testing.T) map[string]string {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/sites/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	return archiveFiles(ar)
}

// A build never replaces a folder that perfsite did not build: not the
// site folder, its data/ or content/, the folder above it, nor any folder
// of a person's own files; nor does --whats-new write into the site's
// files. Each was a build that exited 0 and destroyed the site.
func TestBuildReplacesOnlyWhatItMade(t *testing.T) {
	files := basicSite(t)
	dir := writeSite(t, files)
	outside := filepath.Join(filepath.Dir(dir), "own-folder")
	writeFiles(t, outside, map[string]string{"notes.txt": "a person's own file"})
	before := snapshot(t, filepath.Dir(dir))
	for _, tc := range []struct {
		dest, whatsNew, reason string
	}{
		{dest: dir, reason: "the site folder itself"},
		{dest: filepath.Join(dir, "data"), reason: "inside the site's data/ folder"},
		{dest: filepath.Join(dir, "data", "measures.toml"), reason: "inside the site's data/ folder"},
		{dest: filepath.Join(dir, "content"), reason: "inside the site's content/ folder"},
		{dest: filepath.Dir(dir), reason: "holds the site folder"},
		{dest: outside, reason: "holds files that perfsite did not write"},
		{whatsNew: filepath.Join(dir, "data", "measures.toml"), reason: "inside the site folder"},
		{whatsNew: filepath.Join(dir, "public", "whats-new.txt"), reason: "inside the site folder"},
	} {
		res, err := Build(Options{Source: dir, Dest: tc.dest, WhatsNewFile: tc.whatsNew})
		var pe *publish.PathError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("--dest %q --whats-new %q: %v, want %q", tc.dest, tc.whatsNew, err, tc.reason)
		}
		if res != nil && res.WhatsNewFile != "" {
			t.Errorf("wrote %s", res.WhatsNewFile)
		}
		if after := snapshot(t, filepath.Dir(dir)); !reflect.DeepEqual(after, before) {
			t.Fatalf("--dest %q --whats-new %q changed files: %s", tc.dest, tc.whatsNew, describe(after, before, before))
		}
	}
	// A link in the site folder named like a leftover staging folder
	// (relative, so that it survives git clone) is not followed.
	victim := filepath.Join(filepath.Dir(dir), "victim")
	writeFiles(t, victim, map[string]string{"sub/precious.txt": "precious", publish.MarkerName: "looks built"})
	if err := os.Symlink("../victim", filepath.Join(dir, ".perfsite-staging-public-1")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(victim, "sub", "precious.txt")); err != nil || string(b) != "precious" {
		t.Errorf("a build followed a link named like its leftovers: %q %v", b, err)
	}
	// The site it built is marked, and a second build replaces it.
	if _, err := os.Stat(filepath.Join(dir, "public", publish.MarkerName)); err != nil {
		t.Errorf("the built site has no marker: %v", err)
	}
	if _, err := Build(Options{Source: dir}); err != nil {
		t.Errorf("a second build into the site perfsite built: %v", err)
	}
}

// Two builds into one folder at once: each one's clean-up removed the
// other's staging folder, and one published a site with files missing.
// Now the second waits for the first, and both publish the whole site.
func TestConcurrentBuilds(t *testing.T) {
	dir := writeSite(t, basicSite(t))
	reference := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: dir, Dest: reference}); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, reference)
	dest := filepath.Join(t.TempDir(), "public")
	for round := 0; round < 3; round++ {
		var wg sync.WaitGroup
		errs := make([]error, 3)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = Build(Options{Source: dir, Dest: dest})
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil && !errors.Is(err, publish.ErrBusy) {
				t.Errorf("round %d: %v", round, err)
			}
		}
		if got := snapshot(t, dest); !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: the published site is not the whole site: %s", round, describe(got, want, want))
		}
		if got := names(t, filepath.Dir(dest)); !reflect.DeepEqual(got, []string{"public"}) {
			t.Errorf("round %d: left next to public/: %v", round, got)
		}
	}
}
