package render

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// The site's own static files win over those perfsite writes straight
// into the built site: RenderPages and ShareImages leave them unwritten,
// for Hugo to copy the site's own.
func TestOwnStaticWins(t *testing.T) {
	_, site, _ := renderExample(t)
	m := site.Measures[0]
	own := map[string]bool{
		measureURL(m.ID) + "data.csv":   true,
		shareImageURL(m.ID):             true,
		"_redirects":                    true,
		measureURL(m.ID) + "index.json": true,
	}
	for _, withOwn := range []bool{false, true} {
		built := t.TempDir()
		o := PageOptions{Built: built, Lists: true}
		if withOwn {
			o.OwnStatic = own
		}
		if _, _, err := RenderPages(site, t.TempDir(), o); err != nil {
			t.Fatal(err)
		}
		if err := ShareImages(site, built, o.OwnStatic); err != nil {
			t.Fatal(err)
		}
		for _, f := range slices.Sorted(maps.Keys(own)) {
			_, err := os.Stat(filepath.Join(built, filepath.FromSlash(f)))
			if written := err == nil; written == withOwn {
				t.Errorf("with the site's own %v: %s written: %v", withOwn, f, written)
			}
		}
	}
}

// StaticFiles reads a static folder as Hugo does: through a link to the
// folder itself, but not through links within it.
func TestStaticFiles(t *testing.T) {
	real := t.TempDir()
	for _, f := range []string{"robots.txt", "css/extra.css"} {
		p := filepath.Join(real, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("robots.txt", filepath.Join(real, "linked.txt")); err != nil {
		t.Fatal(err)
	}
	static := filepath.Join(t.TempDir(), "static")
	if err := os.Symlink(real, static); err != nil {
		t.Fatal(err)
	}
	got, err := StaticFiles(static)
	if err != nil {
		t.Fatal(err)
	}
	if keys, want := slices.Sorted(maps.Keys(got)), []string{"css/extra.css", "robots.txt"}; !slices.Equal(keys, want) {
		t.Errorf("static files %q, want %q", keys, want)
	}
}
