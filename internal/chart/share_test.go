package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// encodePNG must write PNGs that image/png decodes to exactly the pixels
// drawn, whatever the image: flat, striped, noisy, narrow or wide.
func TestEncodePNGRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	flat := func(w, h int, fill func(x, y int) color.RGBA) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				img.SetRGBA(x, y, fill(x, y))
			}
		}
		return img
	}
	grey := func(v uint8) color.RGBA { return color.RGBA{v, v, v, 0xff} }
	images := map[string]*image.RGBA{
		"one pixel": flat(1, 1, func(x, y int) color.RGBA { return grey(7) }),
		"white":     flat(300, 40, func(x, y int) color.RGBA { return grey(0xff) }),
		"columns":   flat(97, 31, func(x, y int) color.RGBA { return grey(uint8(x / 3 * 40)) }),
		"rows":      flat(260, 50, func(x, y int) color.RGBA { return grey(uint8(y / 7 * 30)) }),
		"noise": flat(131, 17, func(x, y int) color.RGBA {
			return color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 0xff}
		}),
		"few colours": flat(400, 60, func(x, y int) color.RGBA { return grey(uint8(rng.IntN(3) * 100)) }),
		"long runs":   flat(1000, 3, func(x, y int) color.RGBA { return grey(uint8(x / 259)) }),
	}
	m := careLeavers()
	m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
	share := image.NewRGBA(image.Rect(0, 0, ShareWidth, ShareHeight))
	if err := NewShare(m, cal, ShareSite{Organisation: "Org", Title: "Site"}).draw(share); err != nil {
		t.Fatal(err)
	}
	images["share image"] = share
	// A sub-image: its rows do not start at the start of Pix.
	images["sub-image"] = share.SubImage(image.Rect(10, 20, 610, 320)).(*image.RGBA)
	for name, img := range images {
		b, err := encodePNG(img)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		back, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: image/png cannot read it: %v", name, err)
		}
		if back.Bounds().Dx() != img.Bounds().Dx() || back.Bounds().Dy() != img.Bounds().Dy() {
			t.Fatalf("%s: size %v, want %v", name, back.Bounds(), img.Bounds())
		}
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				want := img.RGBAAt(img.Bounds().Min.X+x, img.Bounds().Min.Y+y)
				r, g, b, _ := back.At(x, y).RGBA()
				if uint8(r>>8) != want.R || uint8(g>>8) != want.G || uint8(b>>8) != want.B {
					t.Fatalf("%s: pixel %d,%d is %d,%d,%d, want %v", name, x, y, r>>8, g>>8, b>>8, want)
				}
			}
		}
	}
}

// The key of a share image changes with everything it shows, and only
// then.
func TestShareKey(t *testing.T) {
	site := ShareSite{Organisation: "Org", Title: "Site"}
	base := func() *derive.Measure {
		m := careLeavers()
		m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
		return m
	}
	key := NewShare(base(), cal, site).Key()
	if again := NewShare(base(), cal, site).Key(); again != key {
		t.Errorf("the same measure gives two keys")
	}
	m := base()
	m.Description = "Not drawn"
	m.Minutes = []*derive.Minutes{{}}
	if NewShare(m, cal, site).Key() != key {
		t.Errorf("the key changed with something the image does not show")
	}
	changes := map[string]func(m *derive.Measure, s *ShareSite){
		"title":         func(m *derive.Measure, s *ShareSite) { m.Title += "!" },
		"organisation":  func(m *derive.Measure, s *ShareSite) { s.Organisation = "Other" },
		"site title":    func(m *derive.Measure, s *ShareSite) { s.Title = "Other" },
		"status":        func(m *derive.Measure, s *ShareSite) { m.Latest.Status = model.OffTrack },
		"figure":        func(m *derive.Measure, s *ShareSite) { m.Latest.Value = f(1) },
		"an old figure": func(m *derive.Measure, s *ShareSite) { m.Series[0].Value = f(50) },
		"a target":      func(m *derive.Measure, s *ShareSite) { m.Series[3].Target = f(90) },
		"decimals":      func(m *derive.Measure, s *ShareSite) { d := 2; m.Decimals = &d },
	}
	for name, change := range changes {
		m, s := base(), site
		change(m, &s)
		if NewShare(m, cal, s).Key() == key {
			t.Errorf("changing the %s does not change the key", name)
		}
	}
}

// A cache keeps share images by key across builds, so the key must change
// whenever the drawing does. If this test fails because the share image
// was changed on purpose, increase shareVersion and update want.
func TestShareImageUnchanged(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("floating point may round differently (fused multiply-add) on", runtime.GOARCH)
	}
	m := previewMeasures()[1]
	m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
	b, err := SharePNG(m, cal, ShareSite{Organisation: "Warwickshire County Council", Title: "How we are doing"})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	const want, wantVersion = "ad135126104e30bd98b59e49ac7c0ef28ffdb5dffda5260f0f358ee860cccdc9", 2
	if got := hex.EncodeToString(sum[:]); got != want || shareVersion != wantVersion {
		t.Errorf("the share image's bytes are %s, want %s (shareVersion %d): if the drawing changed on purpose, increase shareVersion and update both here", got, want, shareVersion)
	}
}
