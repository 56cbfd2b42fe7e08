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
	if th, faults := DefaultTheme().WithContrast(); th != DefaultTheme() || len(faults) > 0 {
		t.Errorf("WithContrast changed the default theme: %v", faults)
	}
}

// A brand colour that would be hard to read is refused by NewPainter,
// naming the pair and its ratio; WithContrast puts the default in its
// place, says so, and keeps the brand's other colours.
func TestThemeContrast(t *testing.T) {
	brand := DefaultTheme()
	brand.Accent = color.RGBA{0x8a, 0x1c, 0x7c, 0xff} // a dark plum: kept
	brand.Muted = color.RGBA{0xa0, 0xa0, 0xa0, 0xff}  // light grey: 2.6:1 on white
	brand.OffTrack.Background = brand.OffTrack.Text   // the word on itself: 1:1
	brand.Foot = color.RGBA{0x1d, 0x1d, 0x1b, 0xff}   // a dark foot, under dark text
	_, err := NewPainter(brand)
	if err == nil || !strings.Contains(err.Error(), "the organisation and the period on the background: #a0a0a0 on #ffffff has a contrast of 2.6") {
		t.Errorf("NewPainter(brand) = %v, want the light grey refused with its ratio", err)
	}
	fixed, faults := brand.WithContrast()
	if len(faults) != 3 {
		t.Errorf("WithContrast put right %d pairs, want 3: %v", len(faults), faults)
	}
	if left := fixed.Faults(); len(left) > 0 {
		t.Errorf("after WithContrast: %v", left)
	}
	def := DefaultTheme()
	if fixed.Accent != brand.Accent || fixed.Muted != def.Muted || fixed.OffTrack != def.OffTrack || fixed.Foot != def.Foot {
		t.Errorf("WithContrast gave %+v", fixed)
	}
	if _, err := NewPainter(fixed); err != nil {
		t.Error(err)
	}
}
