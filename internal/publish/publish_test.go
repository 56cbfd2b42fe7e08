package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// tree returns every file under dir with its content, and every folder
// (with a trailing slash), relative to dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." {
				out[rel+"/"] = ""
			}
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// names lists the entries of dir, sorted (as os.ReadDir returns them).
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

var (
	oldSite = map[string]string{"index.html": "old home", "gone/index.html": "a page the new site no longer has"}
	newSite = map[string]string{"index.html": "new home", "measures/eet/index.html": "eet"}
)

// wantTree is the tree of files, with their folders.
func wantTree(files map[string]string) map[string]string {
	out := map[string]string{}
	for name, content := range files {
		out[name] = content
		for d := filepath.ToSlash(filepath.Dir(name)); d != "."; d = filepath.ToSlash(filepath.Dir(d)) {
			out[d+"/"] = ""
		}
	}
	return out
}

// published is a site as Replace publishes it: with perfsite's marker.
func published(files map[string]string) map[string]string {
	out := map[string]string{MarkerName: markerText}
	for k, v := range files {
		out[k] = v
	}
	return out
}

// marked is a leftover folder's files as perfsite makes them: with the
// marker in the folder named first in each path.
func marked(files map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
		if top, _, ok := strings.Cut(k, "/"); ok && strings.HasPrefix(top, ".perfsite-") {
			out[top+"/"+MarkerName] = markerText
		}
	}
	return out
}

// publishNewSite writes newSite into staging and replaces dest with it:
// dest must then be exactly the new site, with nothing left beside it.
func publishNewSite(t *testing.T, staging, dest string) {
	t.Helper()
	write(t, staging, newSite)
	if err := Replace(staging, dest); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); !reflect.DeepEqual(got, wantTree(published(newSite))) {
		t.Errorf("dest = %v, want %v", got, wantTree(published(newSite)))
	}
	if got := names(t, filepath.Dir(dest)); !reflect.DeepEqual(got, []string{"public"}) {
		t.Errorf("left next to dest: %v", got)
	}
}

// bothWays runs a test with the one-step exchange (where the system has it)
// and with the two renames used elsewhere.
func bothWays(t *testing.T, f func(t *testing.T)) {
	t.Run("exchange", f)
	t.Run("two renames", func(t *testing.T) {
		exchange = func(a, b string) error { return errExchangeUnsupported }
		defer func() { exchange = exchangeDirs }()
		f(t)
	})
}

func TestReplaceWithoutDest(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		staging, err := Staging(dest)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(staging) != parent {
			t.Errorf("staging %s is not next to %s", staging, dest)
		}
		publishNewSite(t, staging, dest)
		if fi, _ := os.Stat(dest); fi.Mode().Perm() != 0o755 {
			t.Errorf("dest has mode %v, want 0755 (a web server must read it)", fi.Mode().Perm())
		}
	})
}

func TestReplaceWithDest(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		write(t, dest, oldSite)
		staging, err := Staging(dest)
		if err != nil {
			t.Fatal(err)
		}
		// Making the staging folder does not touch the old site.
		if got := tree(t, dest); !reflect.DeepEqual(got, wantTree(oldSite)) {
			t.Errorf("Staging changed dest: %v", got)
		}
		// The new site replaces the old one entirely: no page of the old
		// site is left behind.
		publishNewSite(t, staging, dest)
	})
}

// A build killed before it published leaves its staging folder, and one
// killed in a two-rename swap leaves the old site moved aside. The next
// build removes the first without publishing it, and puts the second back.
func TestStagingCleansUpAfterAKilledBuild(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, dest, oldSite)
	write(t, parent, marked(map[string]string{
		stagingPrefix + "public-111/half.html":      "half written by a killed build",
		stagingPrefix + "public-222/index.html":     "another",
		oldPrefix + "public-333/site/index.html":    "an old site whose swap finished",
		stagingPrefix + "other-444/keep.html":       "another site's staging folder",
		stagingPrefix + "public-2-666/keep.html":    "the staging folder of a build into public-2",
		"unrelated/keep.html":                       "not perfsite's",
		stagingPrefix + "public-555/nested/a/b.txt": "deep",
	}))
	// Named as perfsite names its folders, but without its marker: not
	// perfsite's, so kept.
	write(t, parent, map[string]string{stagingPrefix + "public-777/own.html": "a person's"})
	// Killed between making its staging folder and marking it: empty,
	// and removed.
	if err := os.Mkdir(filepath.Join(parent, stagingPrefix+"public-888"), 0o755); err != nil {
		t.Fatal(err)
	}
	staging, err := Staging(dest)
	if err != nil {
		t.Fatal(err)
	}
	got := names(t, parent)
	want := []string{stagingPrefix + "other-444", stagingPrefix + "public-2-666", stagingPrefix + "public-777", filepath.Base(staging), "public", "unrelated"}
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after Staging: %v, want %v", got, want)
	}
	if entries := names(t, staging); !reflect.DeepEqual(entries, []string{MarkerName}) {
		t.Errorf("the new staging folder holds %v, want only the marker", entries)
	}
	if got := tree(t, dest); !reflect.DeepEqual(got, wantTree(oldSite)) {
		t.Errorf("Staging changed dest: %v", got)
	}

	// The stale files are never published.
	write(t, staging, newSite)
	if err := Replace(staging, dest); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); !reflect.DeepEqual(got, wantTree(published(newSite))) {
		t.Errorf("dest = %v, want %v", got, wantTree(published(newSite)))
	}
}

// A build killed between the two renames of a swap leaves no dest and the
// old site moved aside: the next build puts it back before it starts, so
// that a failure of that build still leaves the site there.
func TestStagingRestoresASiteMovedAside(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, parent, marked(map[string]string{
		oldPrefix + "public-123/site/index.html":      oldSite["index.html"],
		oldPrefix + "public-123/site/gone/index.html": oldSite["gone/index.html"],
		stagingPrefix + "public-456/index.html":       newSite["index.html"], // finished, never swapped in
	}))
	staging, err := Staging(dest)
	if err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dest); !reflect.DeepEqual(got, wantTree(oldSite)) {
		t.Errorf("dest = %v, want the old site back: %v", got, wantTree(oldSite))
	}
	got := names(t, parent)
	want := []string{filepath.Base(staging), "public"}
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after Staging: %v, want %v", got, want)
	}
}

// When the new site cannot be put in place, the old one stays.
func TestReplaceFailureKeepsTheOldSite(t *testing.T) {
	bothWays(t, func(t *testing.T) {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		write(t, dest, oldSite)
		err := Replace(filepath.Join(parent, stagingPrefix+"public-missing"), dest)
		if err == nil {
			t.Fatal("Replace of a missing staging folder succeeded")
		}
		if got := tree(t, dest); !reflect.DeepEqual(got, wantTree(oldSite)) {
			t.Errorf("dest = %v, want the old site", got)
		}
		for _, n := range names(t, parent) {
			if strings.HasPrefix(n, oldPrefix) {
				t.Errorf("left %s", n)
			}
		}
	})
}

// removeTree removes a whole site, however deep, and nothing beside it.
func TestRemoveTree(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "old")
	for _, f := range []string{"index.html", "measures/a/index.html", "measures/a/2023-24-q1/index.html", "measures/b/share.png", "data/measures.csv", "empty/"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if strings.HasSuffix(f, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	keep := filepath.Join(parent, "public")
	if err := os.WriteFile(keep, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("%s is still there: %v", dir, err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("removed what was beside it: %v", err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removing what is not there: %v", err)
	}
}

// A folder the system will not let perfsite change (read-only, or a file
// in it held open) is an error that says what to do; other errors are as
// they were.
func TestNotRemovableHint(t *testing.T) {
	err := notRemovable("/sites/public", fmt.Errorf("moving the old site aside: %w", &os.PathError{Op: "rename", Path: "/sites/public", Err: os.ErrPermission}))
	for _, want := range []string{"moving the old site aside", "permission denied", `chmod -R u+w "/sites/public"`, "the site there was not changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q: %v", want, err)
		}
	}
	if !errors.Is(err, os.ErrPermission) {
		t.Error("the error no longer wraps the permission error")
	}
	other := errors.New("disk full")
	if got := notRemovable("/sites/public", other); got != other {
		t.Errorf("another error changed: %v", got)
	}
}
