package hugo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bare site has as many pages as asked for, of about the size asked
// for, and builds.
func TestBareBuilds(t *testing.T) {
	for _, pageBytes := range []int{0, 20000} {
		work := t.TempDir()
		s, err := WriteBare(45, pageBytes, work)
		if err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		if err := Build(s, dest); err != nil {
			t.Fatal(err)
		}
		pages, bytes := 0, 0
		filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(path, ".html") {
				pages++
				if fi, err := d.Info(); err == nil {
					bytes += int(fi.Size())
				}
			}
			return err
		})
		if pages != 45 {
			t.Errorf("%d pages built, want 45", pages)
		}
		if per := bytes / 45; per < pageBytes || per > pageBytes+1000 {
			t.Errorf("pages of %d bytes on average, want %d or a little more", per, pageBytes)
		}
	}
}
