package shareimage

import (
	"fmt"
	"image/color"

	"github.com/perfsite/perfsite/internal/contrast"

	"github.com/perfsite/perfsite/internal/model"
)

// Theme is the colours a share image is drawn in, on a white background.
// DefaultTheme is the site's own light scheme; BrandTheme puts a site's
// main colour in it.
type Theme struct {
	Text   color.RGBA // the title, the figure, the target line and the site's title at the foot
	Muted  color.RGBA // the organisation, the period and the trend's first and last period
	Accent color.RGBA // the band at the top, and the trend's line and dots
	Grid   color.RGBA // the trend's gridlines (decoration: no contrast asked of them)
	Foot   color.RGBA // the band at the foot, behind the site's title

	// The status badge of each status: its word and icon (Text) on its
	// tint (Background).
	OnTrack, Close, OffTrack, NoTarget, NoData StatusColours
}

// StatusColours are a status badge's colours.
type StatusColours struct {
	Text, Background color.RGBA
}

// DefaultTheme is the colours of the share images of a site without a
// brand: the light scheme of the site's pages.
func DefaultTheme() Theme {
	rgb := func(v uint32) color.RGBA { return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff} }
	grey := StatusColours{rgb(0x4a5459), rgb(0xeef0f1)}
	return Theme{
		Text:     rgb(0x0b0c0c),
		Muted:    rgb(0x484f53),
		Accent:   rgb(0x1d4f91),
		Grid:     rgb(0xd3d5d6),
		Foot:     rgb(0xf3f2f1),
		OnTrack:  StatusColours{rgb(0x00703c), rgb(0xe3f1e8)},
		Close:    StatusColours{rgb(0x8a4b00), rgb(0xfdf0d5)},
		OffTrack: StatusColours{rgb(0xb10e1e), rgb(0xfbe4e6)},
		NoTarget: grey,
		NoData:   StatusColours{grey.Text, rgb(0xf3f2f1)},
	}
}

// BrandTheme is DefaultTheme with a site's main colour (site.toml's
// [brand] colour, "" for none) as the accent: the band at the top and the
// trend's line. check has made sure it reads as link text on white, which
// is more than a line needs; a colour that does not parse keeps the default.
func BrandTheme(colour string) Theme {
	t := DefaultTheme()
	if colour == "" {
		return t
	}
	if c, err := contrast.Parse(colour); err == nil {
		t.Accent = color.RGBA{c.R, c.G, c.B, 0xff}
	}
	return t
}

// status is the badge colours of st; an unknown status has no data's.
func (t *Theme) status(st model.Status) StatusColours {
	switch st {
	case model.OnTrack:
		return t.OnTrack
	case model.Close:
		return t.Close
	case model.OffTrack:
		return t.OffTrack
	case model.NoTarget:
		return t.NoTarget
	}
	return t.NoData
}

// Fault is a pair of a theme's colours without the contrast it needs.
type Fault struct {
	What       string // "the title and figure on the background"
	Foreground color.RGBA
	Background color.RGBA
	Ratio      float64
	Want       float64 // contrast.Text or contrast.Graphic
}

func (f Fault) String() string {
	return fmt.Sprintf("%s: %s on %s has a contrast of %.2f:1, below %.1f:1",
		f.What, colour(f.Foreground), colour(f.Background), f.Ratio, f.Want)
}

// colour is c as internal/contrast knows it.
func colour(c color.RGBA) contrast.Colour { return contrast.Colour{R: c.R, G: c.G, B: c.B} }

// pair is two colours of a theme that are seen one on the other.
type pair struct {
	what   string
	fg, bg func(t *Theme) *color.RGBA
	want   float64
}

var white = color.RGBA{0xff, 0xff, 0xff, 0xff}

// pairs are every pair of a theme's colours that must be told apart, with
// the contrast each needs. The background of the image, and the marks in
// the status icons, are white.
func pairs() []pair {
	bg := func(*Theme) *color.RGBA { c := white; return &c }
	ps := []pair{
		{"the title and the figure on the background", func(t *Theme) *color.RGBA { return &t.Text }, bg, contrast.Text},
		{"the site's title on the foot", func(t *Theme) *color.RGBA { return &t.Text }, func(t *Theme) *color.RGBA { return &t.Foot }, contrast.Text},
		{"the organisation and the period on the background", func(t *Theme) *color.RGBA { return &t.Muted }, bg, contrast.Text},
		{"the trend's line on the background", func(t *Theme) *color.RGBA { return &t.Accent }, bg, contrast.Graphic},
	}
	for _, st := range model.Statuses {
		name := "the " + st.Label() + " badge"
		cols := func(t *Theme) *StatusColours {
			switch st {
			case model.OnTrack:
				return &t.OnTrack
			case model.Close:
				return &t.Close
			case model.OffTrack:
				return &t.OffTrack
			case model.NoTarget:
				return &t.NoTarget
			}
			return &t.NoData
		}
		ps = append(ps,
			pair{name + "'s word on its tint", func(t *Theme) *color.RGBA { return &cols(t).Text }, func(t *Theme) *color.RGBA { return &cols(t).Background }, contrast.Text},
			pair{name + "'s icon mark on its icon", bg, func(t *Theme) *color.RGBA { return &cols(t).Text }, contrast.Graphic},
		)
	}
	return ps
}

// Faults are the pairs of t's colours that lack contrast, in a fixed
// order; none for DefaultTheme.
func (t Theme) Faults() []Fault {
	var out []Fault
	for _, p := range pairs() {
		fg, bg := *p.fg(&t), *p.bg(&t)
		if r := Contrast(fg, bg); r < p.want {
			out = append(out, Fault{What: p.what, Foreground: fg, Background: bg, Ratio: r, Want: p.want})
		}
	}
	return out
}

// Contrast is the WCAG 2.2 contrast ratio of two opaque colours, from 1
// (the same) to 21 (black on white).
func Contrast(a, b color.RGBA) float64 {
	return contrast.Ratio(colour(a), colour(b))
}
