package shareimage

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/perfsite/perfsite/internal/derive/derivetest"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// encode must write PNGs that image/png decodes to exactly the pixels
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
	m := derivetest.CareLeavers()
	m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
	share := image.NewRGBA(image.Rect(0, 0, Width, Height))
	if err := painter(t).draw(NewShare(m, cal, Site{Organisation: "Org", Title: "Site"}), share); err != nil {
		t.Fatal(err)
	}
	images["share image"] = share
	// A sub-image: its rows do not start at the start of Pix.
	images["sub-image"] = share.SubImage(image.Rect(10, 20, 610, 320)).(*image.RGBA)
	for name, img := range images {
		b, err := new(encoder).encode(img)
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

// encode copies the bands that are the same as in the image before
// (and whose row above is): the bytes must be those it writes afresh.
func TestEncodePNGReusesBands(t *testing.T) {
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
		want, _ := new(encoder).encode(img)
		var enc encoder
		enc.encode(base) // kept, for img to copy from
		kept := enc.last.Load()
		got, _ := enc.encode(img)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: the bytes depend on the image before", name)
		}
		// The image kept is replaced only by one that copied no band.
		if copied := enc.last.Load() == kept; copied != (name != "nothing in common") {
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
	th := DefaultTheme()
	for _, col := range []color.RGBA{th.Text, th.OffTrack.Text, {0x40, 0x20, 0x10, 0x80}} {
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

// What a Painter keeps from one image to the next (sprites, glyphs, the
// last image encoded) never changes the next image's bytes: each image is
// the same drawn by a Painter that has drawn all the others first and by
// a new one.
func TestShareCachesChangeNothing(t *testing.T) {
	sites := []Site{{Organisation: "Warwickshire County Council", Title: "How we are doing"}, {Organisation: "Other", Title: "Site"}}
	statuses := []model.Status{model.OnTrack, model.Close, model.OffTrack, model.NoTarget}
	var shares []*Share
	for i, m := range append(derivetest.PreviewMeasures(), derivetest.Annual()) {
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
	p := painter(t)
	for _, s := range shares {
		b, err := p.PNG(s)
		if err != nil {
			t.Fatal(err)
		}
		warm = append(warm, b)
	}
	for i, s := range shares {
		b, _ := painter(t).PNG(s)
		if !bytes.Equal(b, warm[i]) {
			t.Errorf("%d (%s, %s): the bytes depend on the images before", i, s.Title, s.Status)
		}
	}
}

// The key of a share image changes with everything it shows, and only
// then.
func TestShareKey(t *testing.T) {
	site := Site{Organisation: "Org", Title: "Site"}
	base := func() *derive.Measure {
		m := derivetest.CareLeavers()
		m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
		return m
	}
	p := painter(t)
	key := p.Key(NewShare(base(), cal, site))
	if again := painter(t).Key(NewShare(base(), cal, site)); again != key {
		t.Errorf("the same measure gives two keys")
	}
	m := base()
	m.Description = "Not drawn"
	m.Minutes = []*derive.Minutes{{}}
	if p.Key(NewShare(m, cal, site)) != key {
		t.Errorf("the key changed with something the image does not show")
	}
	changes := map[string]func(m *derive.Measure, s *Site){
		"title":         func(m *derive.Measure, s *Site) { m.Title += "!" },
		"organisation":  func(m *derive.Measure, s *Site) { s.Organisation = "Other" },
		"site title":    func(m *derive.Measure, s *Site) { s.Title = "Other" },
		"status":        func(m *derive.Measure, s *Site) { m.Latest.Status = model.OffTrack },
		"figure":        func(m *derive.Measure, s *Site) { m.Latest.Value = f(1) },
		"an old figure": func(m *derive.Measure, s *Site) { m.Series[0].Value = f(50) },
		"a target":      func(m *derive.Measure, s *Site) { m.Series[3].Target = f(90) },
		"decimals":      func(m *derive.Measure, s *Site) { d := 2; m.Decimals = &d },
	}
	for name, change := range changes {
		m, s := base(), site
		change(m, &s)
		if p.Key(NewShare(m, cal, s)) == key {
			t.Errorf("changing the %s does not change the key", name)
		}
	}
	// The colours are drawn too.
	th := DefaultTheme()
	th.Accent.B++
	other, err := NewPainter(th)
	if err != nil {
		t.Fatal(err)
	}
	if other.Key(NewShare(base(), cal, site)) == key {
		t.Errorf("changing the theme does not change the key")
	}
}

// A cache keeps share images by key across builds, so the key must change
// whenever the drawing does. If this test fails because the share image
// was changed on purpose, increase shareVersion and update want.
func TestShareImageUnchanged(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("floating point may round differently (fused multiply-add) on", runtime.GOARCH)
	}
	m := derivetest.PreviewMeasures()[1]
	m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
	b, err := painter(t).PNG(NewShare(m, cal, Site{Organisation: "Warwickshire County Council", Title: "How we are doing"}))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	const want, wantVersion = "5d1905c266d177415037642a2ed604798ed09ec950ee9def8b8371c33a91daa1", 5
	if got := hex.EncodeToString(sum[:]); got != want || shareVersion != wantVersion {
		t.Errorf("the share image's bytes are %s, want %s (shareVersion %d): if the drawing changed on purpose, increase shareVersion and update both here", got, want, shareVersion)
	}
}

// A share image is a PNG of 1200 by 630 pixels, with a figure or without.
// CHART_PREVIEW=folder writes them there, to look at.
func TestSharePNG(t *testing.T) {
	withFigure := derivetest.CareLeavers()
	withFigure.Latest = derive.Snapshot{Point: withFigure.Series[len(withFigure.Series)-1]}
	none := derivetest.Quarterly("empty", "Empty", nil, nil, nil, nil)
	none.Latest = derive.Snapshot{Point: derive.Point{Period: model.Period{Year: 2023, Quarter: 2}, Status: model.NoData}}
	p := painter(t)
	for name, share := range map[string]*Share{
		"share":         NewShare(withFigure, cal, Site{Organisation: "Warwickshire County Council", Title: "How we are doing"}),
		"share-no-data": NewShare(none, cal, Site{}),
	} {
		b, err := p.PNG(share)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if cfg.Width != Width || cfg.Height != Height {
			t.Errorf("%s: size %dx%d", name, cfg.Width, cfg.Height)
		}
		if dir := os.Getenv("CHART_PREVIEW"); dir != "" {
			os.WriteFile(filepath.Join(dir, name+".png"), b, 0o644)
		}
	}
}

// One Painter draws a build's images on every core: what each goroutine
// gets is the image a Painter of its own draws. (Run with -race too.)
func TestPainterConcurrent(t *testing.T) {
	var shares []*Share
	for i, m := range append(derivetest.PreviewMeasures(), derivetest.Annual()) {
		for k := range len(m.Series) {
			m := *m
			m.Title = fmt.Sprintf("%s %d", m.Title, k)
			m.Latest = derive.Snapshot{Point: m.Series[k]}
			m.Latest.Status = []model.Status{model.OnTrack, model.Close, model.OffTrack, model.NoTarget, model.NoData}[(i+k)%5]
			shares = append(shares, NewShare(&m, cal, Site{Organisation: "Org", Title: "Site"}))
		}
	}
	want := make([][]byte, len(shares))
	for i, s := range shares {
		want[i], _ = painter(t).PNG(s)
	}
	p := painter(t)
	got := make([][]byte, len(shares))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(shares); i += 4 {
				b, err := p.PNG(shares[i])
				if err != nil {
					t.Error(err)
				}
				got[i] = b
			}
		})
	}
	wg.Wait()
	for i := range shares {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("%d (%s): drawn on four goroutines, the bytes differ", i, shares[i].Title)
		}
	}
}

// The period under the figure says what the figure covers, as the site's
// sentences do: a running total from April, a yearly figure's year, and a
// yearly figure known only by the quarter that reports it.
func TestSharePeriod(t *testing.T) {
	q := model.Period{Year: 2024, Quarter: 2}
	for _, c := range []struct {
		name   string
		freq   string
		span   model.Span
		period string
	}{
		{"quarter", model.Quarterly, cal.QuarterSpan(q), "July to September 2024 (Q2 2024/25)"},
		{"running total", model.Quarterly, cal.YearToDate(q), "April to September 2024 (so far this year)"},
		{"yearly, financial year", model.Annual, cal.CoveredYear(model.CoversFinancialYear, q), "The year April 2023 to March 2024"},
		{"yearly, year not said", model.Annual, cal.QuarterSpan(q), "Yearly figure reported in July to September 2024 (Q2 2024/25)"},
	} {
		v := 5.0
		pt := derive.Point{Period: q, Value: &v, Status: model.NoTarget, Span: c.span}
		m := &derive.Measure{Measure: model.Measure{ID: "m", Title: "M", Unit: model.UnitCount, Frequency: c.freq}, Series: []derive.Point{pt}}
		m.Latest = derive.Snapshot{Point: pt}
		if got := NewShare(m, cal, Site{}).Period; got != c.period {
			t.Errorf("%s: period %q, want %q", c.name, got, c.period)
		}
	}
}
