package build

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// A build draws the share images into the built site while Hugo builds
// the pages; a share image in the site's own static folder wins.
func TestShareImages(t *testing.T) {
	t.Setenv("PERFSITE_CACHE", "off")
	dir := serveSite(t) // the basic test site
	own := filepath.Join(dir, "static", "measures", "in-care", "share.png")
	if err := writeFileAll(own, []byte("the site's own")); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dest, "measures", "eet", "share.png"))
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != 1200 {
		t.Errorf("measures/eet/share.png is not a 1200-pixel PNG: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, "measures", "in-care", "share.png")); err != nil || string(b) != "the site's own" {
		t.Errorf("the site's own share image was replaced: %q, %v", b, err)
	}
}
