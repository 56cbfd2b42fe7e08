package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestDeterministic builds the example site at the repository root twice,
// into two folders, and compares the two trees byte for byte: the same
// input must give the same site (no random ids, no build time, no map
// order, no temporary paths). It also holds the example site's pages to the
// rules of internal/livecheck: nothing inline that the Content-Security-
// Policy would block, and the policy's <meta> on every page.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site twice")
	}
	root := filepath.Join("..", "..")
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	for _, dest := range []string{a, b} {
		if res, err := Build(Options{Source: root, Dest: dest}); err != nil {
			var probs []string
			if res != nil {
				probs = printed(res.Problems, -1)
			}
			t.Fatalf("build into %s: %v\n%v", dest, err, probs)
		}
	}
	ta, tb := snapshot(t, a), snapshot(t, b)
	if len(ta) == 0 {
		t.Fatal("the build wrote nothing")
	}
	compareTrees(t, ta, tb)
	t.Logf("%d files, identical", len(ta))

	checkNothingLive(t, a, false)
}

// snapshot reads every file under dir, by relative path; folders are
// listed with a trailing slash so that an empty folder counts too.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			out[rel+"/"] = nil
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			out[rel] = []byte("symlink to " + target)
			return err
		}
		b, err := os.ReadFile(p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// compareTrees reports every file that is in one tree only, or differs.
func compareTrees(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	var names []string
	for name := range a {
		names = append(names, name)
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	diffs := 0
	for _, name := range names {
		x, inA := a[name]
		y, inB := b[name]
		switch {
		case !inA:
			t.Errorf("%s: only in the second build", name)
		case !inB:
			t.Errorf("%s: only in the first build", name)
		case !bytes.Equal(x, y):
			t.Errorf("%s: differs (%d and %d bytes)%s", name, len(x), len(y), firstDiff(x, y))
		default:
			continue
		}
		if diffs++; diffs == 20 {
			t.Fatal("and more")
		}
	}
}

// firstDiff shows where two files first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-60)
	clipAt := func(x []byte) []byte { return x[from:min(len(x), i+60)] }
	return "\n  first: ..." + string(clipAt(a)) + "...\n  second: ..." + string(clipAt(b)) + "..."
}
