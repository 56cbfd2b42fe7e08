package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/draw"
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
		decodesTo(t, name, b, img)
	}
}

// decodesTo checks that image/png reads b as exactly img's pixels.
func decodesTo(t *testing.T, name string, b []byte, img *image.RGBA) {
	t.Helper()
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

// encodePNG copies the bands that are the same as in the image before
// (and whose row above is): the bytes must be those it writes afresh.
func TestEncodePNGReusesBands(t *testing.T) {
	defer lastImage.Store(nil)
	rng := rand.New(rand.NewPCG(3, 4))
	// Each row is the one above with a few pixels changed, so that rows
	// copy the one above, across bands too.
	base := image.NewRGBA(image.Rect(0, 0, 90, 5*bandRows+3))
	for y := 0; y < base.Rect.Dy(); y++ {
		for x := 0; x < 90; x++ {
			c := color.RGBA{uint8(x / 10 * 20), 0xff, 0xff, 0xff}
			if y > 0 {
				c = base.RGBAAt(x, y-1)
			}
			base.SetRGBA(x, y, c)
		}
		for range 4 {
			base.SetRGBA(rng.IntN(90), y, color.RGBA{uint8(rng.IntN(256)), uint8(y), 0, 0xff})
		}
	}
	changed := func(rows ...int) *image.RGBA {
		img := image.NewRGBA(base.Rect)
		copy(img.Pix, base.Pix)
		for _, y := range rows {
			img.SetRGBA(7, y, color.RGBA{1, 2, 3, 0xff})
		}
		return img
	}
	for name, img := range map[string]*image.RGBA{
		"the same":           changed(),
		"first row":          changed(0),
		"a band's last row":  changed(bandRows - 1),
		"a band's first row": changed(2 * bandRows),
		"the last row":       changed(base.Rect.Dy() - 1),
		"two bands":          changed(bandRows+3, 3*bandRows+5),
		"all but the first":  changed(bandRows, 2*bandRows, 3*bandRows, 4*bandRows, 5*bandRows),
		"nothing in common":  changed(0, bandRows, 2*bandRows, 3*bandRows, 4*bandRows, 5*bandRows),
	} {
		lastImage.Store(nil)
		want, _ := encodePNG(img)
		lastImage.Store(nil)
		encodePNG(base) // kept, for img to copy from
		kept := lastImage.Load()
		got, _ := encodePNG(img)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the bytes depend on the image before", name)
		}
		// The image kept is replaced only by one that copied no band.
		if copied := lastImage.Load() == kept; copied != (name != "nothing in common") {
			t.Errorf("%s: copied bands from the image before: %v", name, copied)
		}
		decodesTo(t, name, got, img)
	}
}

// glyphOver draws the pixels that draw.DrawMask draws, on any background,
// near the edges too.
func TestGlyphOver(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	mask := image.NewAlpha(image.Rect(3, 4, 23, 19))
	for i := range mask.Pix {
		mask.Pix[i] = []uint8{0, 0xff, uint8(rng.IntN(256))}[rng.IntN(3)]
	}
	for _, col := range []color.RGBA{ink, statusColours[model.OffTrack][0], {0x40, 0x20, 0x10, 0x80}} {
		a, b := image.NewRGBA(image.Rect(0, 0, 40, 30)), image.NewRGBA(image.Rect(0, 0, 40, 30))
		for i := range a.Pix {
			a.Pix[i] = 0xff
			if i > len(a.Pix)/2 { // plain above, noise below
				a.Pix[i] = uint8(rng.IntN(256))
			}
		}
		copy(b.Pix, a.Pix)
		bl := &blend{col: col}
		for _, at := range []image.Point{{5, 5}, {6, 5}, {-4, -3}, {30, 20}, {10, 8}} {
			dr := mask.Rect.Sub(mask.Rect.Min).Add(at)
			mp := mask.Rect.Min.Add(image.Pt(1, 2))
			glyphOver(a, dr, bl, mask, mp)
			draw.DrawMask(b, dr, image.NewUniform(col), image.Point{}, mask, mp, draw.Over)
			if !bytes.Equal(a.Pix, b.Pix) {
				t.Fatalf("colour %v at %v: not the pixels of draw.DrawMask", col, at)
			}
		}
	}
}

// What the caches keep from one image to the next (sprites, lastImage)
// never changes the next image's bytes.
func TestShareCachesChangeNothing(t *testing.T) {
	reset := func() {
		lastImage.Store(nil)
		sprites.mu.Lock()
		sprites.m, sprites.bytes = nil, 0
		sprites.mu.Unlock()
	}
	defer reset()
	sites := []ShareSite{{Organisation: "Warwickshire County Council", Title: "How we are doing"}, {Organisation: "Other", Title: "Site"}}
	statuses := []model.Status{model.OnTrack, model.Close, model.OffTrack, model.NoTarget}
	var shares []*Share
	for i, m := range append(previewMeasures(), annual()) {
		for k := range len(m.Series) {
			m := *m
			m.Latest = derive.Snapshot{Point: m.Series[k]}
			m.Latest.Status = model.NoData
			if m.Latest.Value != nil {
				m.Latest.Status = statuses[(i+k)%len(statuses)]
			}
			shares = append(shares, NewShare(&m, cal, sites[k%3/2]))
		}
	}
	var warm [][]byte
	for _, s := range shares {
		b, err := s.PNG()
		if err != nil {
			t.Fatal(err)
		}
		warm = append(warm, b)
	}
	for i, s := range shares {
		reset()
		b, _ := s.PNG()
		if !bytes.Equal(b, warm[i]) {
			t.Errorf("%d (%s, %s): the bytes depend on the images before", i, s.Title, s.Status)
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
	const want, wantVersion = "5d1905c266d177415037642a2ed604798ed09ec950ee9def8b8371c33a91daa1", 5
	if got := hex.EncodeToString(sum[:]); got != want || shareVersion != wantVersion {
		t.Errorf("the share image's bytes are %s, want %s (shareVersion %d): if the drawing changed on purpose, increase shareVersion and update both here", got, want, shareVersion)
	}
}
