// Package contrast works out how well two colours can be told apart, as
// WCAG 2.2 defines it (the contrast ratio of their relative luminances),
// so that a council's brand colours are checked before its site is built.
package contrast

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Colour is an sRGB colour.
type Colour struct{ R, G, B uint8 }

// Parse reads a colour written as CSS writes it in hex: #1d4f91 or #fff.
func Parse(s string) (Colour, error) {
	h := strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if len(h) != 6 || !strings.HasPrefix(strings.TrimSpace(s), "#") {
		return Colour{}, fmt.Errorf("%q is not a colour written like #1d4f91", s)
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return Colour{}, fmt.Errorf("%q is not a colour written like #1d4f91", s)
	}
	return Colour{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// String writes c as #rrggbb.
func (c Colour) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is c's relative luminance, from 0 (black) to 1 (white).
func (c Colour) Luminance() float64 {
	channel := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.R) + 0.7152*channel(c.G) + 0.0722*channel(c.B)
}

// Ratio is the contrast ratio of a and b, from 1 to 21.
func Ratio(a, b Colour) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// The ratios WCAG 2.2 AA asks for: text (1.4.3) and the parts of charts
// and controls that must be seen (1.4.11).
const (
	Text    = 4.5
	Graphic = 3.0
)

// Nearest is the colour nearest to c, of the same hue, that has at least
// ratio against every one of against: c darkened or lightened step by
// step; ok is false when none does.
func Nearest(c Colour, ratio float64, against ...Colour) (Colour, bool) {
	enough := func(x Colour) bool {
		for _, a := range against {
			if Ratio(x, a) < ratio {
				return false
			}
		}
		return true
	}
	if enough(c) {
		return c, true
	}
	mix := func(t float64, to uint8) Colour {
		m := func(v uint8) uint8 { return uint8(math.Round(float64(v)*(1-t) + float64(to)*t)) }
		return Colour{m(c.R), m(c.G), m(c.B)}
	}
	for step := 1; step <= 100; step++ {
		t := float64(step) / 100
		for _, to := range []uint8{0, 255} {
			if x := mix(t, to); enough(x) {
				return x, true
			}
		}
	}
	return Colour{}, false
}
