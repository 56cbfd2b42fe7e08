package shareimage

import (
	"bytes"
	"image"
	"image/color"
	"sync"

	"github.com/perfsite/perfsite/internal/model"
)

// Sprites are the pixels that drawing something left on a plain
// background, kept to be copied the next time the same thing is drawn on
// the same background. A build's share images repeat a few things: the
// organisation, the site's title, the status badges, the periods and the
// quarters that label the trend. Drawing is deterministic, so a copy is
// exactly what drawing again would leave, and copying is many times
// cheaper than rasterising. What is drawn once per image (its title,
// figure and trend) is not kept. A spriteCache holds a Painter's sprites,
// which are all in its colours.
type spriteCache struct {
	mu    sync.Mutex
	m     map[spriteKey]*sprite
	bytes int // held by m, at most maxSpriteBytes
}

// maxSpriteBytes bounds the memory that sprites hold: far more than a
// site needs (a sprite is tens of kilobytes), and then no more are kept.
const maxSpriteBytes = 16 << 20

// spriteKey is everything that a sprite's pixels depend on but the
// background.
type spriteKey struct {
	text  string
	bold  bool
	size  float64
	col   color.RGBA
	badge model.Status // a status badge, whose word is text
	x, y  float64      // where a badge is: its shapes' pixels depend on where
}

type sprite struct {
	r     image.Rectangle // what drawing changed, from the point it was drawn at
	bg    []byte          // a row of r's background before, RGBA
	pix   []byte          // r's pixels after, row after row
	width float64         // what the drawing returned
}

// sprite copies the sprite of k to o if the background there is the one it
// was drawn on, or else draws with draw, which returns a width, and keeps
// a sprite if it can: if r() (from o) was all one colour before, and draw
// changed nothing outside it. It returns the width.
func (c *canvas) sprite(k spriteKey, o image.Point, r func() image.Rectangle, draw func() float64) float64 {
	sc := &c.painter.sprites
	sc.mu.Lock()
	s := sc.m[k]
	sc.mu.Unlock()
	if s != nil && c.plain(s.r.Add(o), s.bg) {
		at := s.r.Add(o)
		n := 4 * at.Dx()
		for y := at.Min.Y; y < at.Max.Y; y++ {
			copy(c.img.Pix[c.img.PixOffset(at.Min.X, y):][:n], s.pix[(y-at.Min.Y)*n:])
		}
		c.touched = c.touched.Union(at)
		return s.width
	}
	var bg []byte
	var at image.Rectangle
	if s == nil {
		at = r().Add(o)
		if at.In(c.img.Rect) && !at.Empty() {
			bg = bytes.Repeat(c.img.Pix[c.img.PixOffset(at.Min.X, at.Min.Y):][:4], at.Dx())
			if !c.plain(at, bg) {
				bg = nil
			}
		}
	}
	outer := c.touched
	c.touched = image.Rectangle{}
	width := draw()
	drawn := c.touched
	c.touched = outer.Union(drawn)
	if bg == nil || !drawn.In(at) || c.err != nil {
		return width
	}
	n := 4 * at.Dx()
	s = &sprite{r: at.Sub(o), bg: bg, pix: make([]byte, 0, n*at.Dy()), width: width}
	for y := at.Min.Y; y < at.Max.Y; y++ {
		s.pix = append(s.pix, c.img.Pix[c.img.PixOffset(at.Min.X, y):][:n]...)
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if sc.m == nil {
		sc.m = map[spriteKey]*sprite{}
	}
	if sc.m[k] == nil && sc.bytes+len(s.pix)+len(bg) <= maxSpriteBytes {
		sc.m[k] = s
		sc.bytes += len(s.pix) + len(bg)
	}
	return width
}

// plain reports whether r is within the image and every row of it is bg.
func (c *canvas) plain(r image.Rectangle, bg []byte) bool {
	if !r.In(c.img.Rect) || 4*r.Dx() != len(bg) {
		return false
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		if string(c.img.Pix[c.img.PixOffset(r.Min.X, y):][:len(bg)]) != string(bg) {
			return false
		}
	}
	return true
}
