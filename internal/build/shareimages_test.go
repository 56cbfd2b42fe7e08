package build

import (
	"bytes"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/perfsite/perfsite/internal/cache"
)

// A build draws the share images; a file of the same name in the site's
// own static folder wins over the one perfsite would write, also when the
// folder is a link to another folder in the site (a link out of the site
// is refused: internal/load's tests).
func TestShareImages(t *testing.T) {
	t.Run("folder", func(t *testing.T) { testShareImages(t, false) })
	t.Run("link", func(t *testing.T) { testShareImages(t, true) })
}

func testShareImages(t *testing.T, link bool) {
	t.Setenv(cache.Env, "off")
	dir := serveSite(t) // the basic test site
	own := map[string]string{
		"measures/in-care/share.png": "the site's own image",
		"measures/eet/data.csv":      "the site's own download",
		"_redirects":                 "/old /new 301\n",
		"extra/notes.txt":            "a file of the site's own",
	}
	static := filepath.Join(dir, "static")
	if link {
		static = filepath.Join(dir, "shared", "static")
		if err := os.MkdirAll(static, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("shared", "static"), filepath.Join(dir, "static")); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range own {
		if err := writeFileAll(filepath.Join(static, filepath.FromSlash(name)), []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if res, err := Build(Options{Source: dir, Dest: dest}); err != nil {
		var probs []string
		if res != nil {
			probs = printed(res.Problems, -1)
		}
		t.Fatalf("%v: %v", err, probs)
	}
	b, err := os.ReadFile(filepath.Join(dest, "measures", "eet", "share.png"))
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != 1200 {
		t.Errorf("measures/eet/share.png is not a 1200-pixel PNG: %v", err)
	}
	for name, text := range own {
		if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name))); err != nil || string(b) != text {
			t.Errorf("%s is not the site's own: %q, %v", name, b, err)
		}
	}
	for _, name := range []string{"measures/in-care/data.csv", "data/measures.csv", "measures/eet/index.json"} {
		if b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name))); err != nil || len(b) == 0 {
			t.Errorf("%s is missing from the built site: %v", name, err)
		}
	}
}

// The share images take the brand's main colour: the band at the top is
// [brand] colour, and without one it is perfsite's blue.
func TestShareImageTakesTheBrand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two sites")
	}
	t.Setenv("PERFSITE_CACHE", "off")
	band := func(extra string) color.RGBA {
		files := readTxtar(t, "testdata/sites/basic.txtar")
		files["data/site.toml"] += extra
		dir := writeSite(t, files)
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(Options{Source: dir, Dest: dest}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dest, "measures", "eet", "share.png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		r, g, bl, _ := img.At(600, 2).RGBA()
		return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), 0xff}
	}
	if got, want := band("\n[brand]\ncolour = \"#00594f\"\n"), (color.RGBA{0x00, 0x59, 0x4f, 0xff}); got != want {
		t.Errorf("a branded site's share image band is %v, want the brand's %v", got, want)
	}
	if got, want := band(""), (color.RGBA{0x1d, 0x4f, 0x91, 0xff}); got != want {
		t.Errorf("an unbranded site's share image band is %v, want perfsite's %v", got, want)
	}
}
