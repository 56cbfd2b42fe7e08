package shareimage

import (
	"image/color"
	"math"
	"strings"
	"testing"
)

// Contrast is WCAG's ratio: 21 for black on white, 1 for a colour on
// itself, 4.54 for #767676 on white (the lightest grey that passes AA).
func TestContrast(t *testing.T) {
	black, grey := color.RGBA{0, 0, 0, 0xff}, color.RGBA{0x76, 0x76, 0x76, 0xff}
	for _, c := range []struct {
		a, b color.RGBA
		want float64
	}{{black, white, 21}, {white, black, 21}, {grey, grey, 1}, {grey, white, 4.54}} {
		if got := Contrast(c.a, c.b); math.Abs(got-c.want) > 0.005 {
			t.Errorf("Contrast(%v, %v) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// Today's colours pass: text at 4.5:1 or more, lines and icons at 3:1.
func TestDefaultThemeHasContrast(t *testing.T) {
	if faults := DefaultTheme().Faults(); len(faults) > 0 {
		t.Errorf("the default theme lacks contrast: %v", faults)
	}
}

// A theme that would be hard to read is refused by NewPainter, naming the
// pair and its ratio: a fault in perfsite, since check refuses a brand
// colour without contrast before a painter is made.
func TestThemeContrast(t *testing.T) {
	brand := DefaultTheme()
	brand.Accent = color.RGBA{0x8a, 0x1c, 0x7c, 0xff} // a dark plum: fine
	brand.Muted = color.RGBA{0xa0, 0xa0, 0xa0, 0xff}  // light grey: 2.6:1 on white
	brand.OffTrack.Background = brand.OffTrack.Text   // the word on itself: 1:1
	faults := brand.Faults()
	if len(faults) != 2 {
		t.Errorf("Faults found %d pairs, want 2: %v", len(faults), faults)
	}
	_, err := NewPainter(brand)
	if err == nil || !strings.Contains(err.Error(), "the organisation and the period on the background: #a0a0a0 on #ffffff has a contrast of 2.6") {
		t.Errorf("NewPainter(brand) = %v, want the light grey refused with its ratio", err)
	}
}

// A brand's main colour is the accent (the top band and the trend line);
// the example site's (#00594f) passes.
func TestBrandTheme(t *testing.T) {
	th := BrandTheme("#00594f")
	if th.Accent != (color.RGBA{0x00, 0x59, 0x4f, 0xff}) {
		t.Errorf("BrandTheme accent = %v", th.Accent)
	}
	if faults := th.Faults(); len(faults) > 0 {
		t.Errorf("a brand colour with 4.5:1 on white: %v", faults)
	}
	if BrandTheme("") != DefaultTheme() {
		t.Error("no brand colour should keep the default theme")
	}
}
