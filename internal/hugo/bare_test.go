package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bare site has as many pages as asked for, and builds.
func TestBareBuilds(t *testing.T) {
	work := t.TempDir()
	s, err := WriteBare(45, work)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := Build(s, dest); err != nil {
		t.Fatal(err)
	}
	pages := 0
	filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".html") {
			pages++
		}
		return err
	})
	if pages != 45 {
		t.Errorf("%d pages built, want 45", pages)
	}
}
