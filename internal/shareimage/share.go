// Package shareimage draws a measure's share image: a PNG of 1200 by 630
// pixels, the picture that social media show beside a link to the
// measure's page (summary_large_image). It shows the measure's title, its
// latest figure with its period and status, and the trend.
//
// A build makes one Painter (NewPainter), in the build's colours (Theme),
// and draws every image with it, on as many goroutines as it likes: the
// fonts, the glyphs, the sprites of what recurs from image to image and
// the last image encoded, which later images copy from, all belong to the
// Painter. None of them changes an image's bytes, which depend only on
// the Share and the Theme (Painter.Key).
package shareimage

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// Share image size: what social media show for summary_large_image.
const (
	Width  = 1200
	Height = 630
)

// Site is what the share image says about the site.
type Site struct {
	Organisation string // "Warwickshire County Council"
	Title        string // the site's title, at the foot
}

// Painter draws share images in one Theme. It keeps what images have in
// common (fonts, glyphs, sprites, the last image encoded, canvases), so a
// build makes one and draws all its images with it. It is safe for
// concurrent use.
type Painter struct {
	theme   Theme
	fonts   fontSet
	sprites spriteCache
	enc     encoder
	images  sync.Pool // *image.RGBA, 3 MB each
	fillers sync.Pool // *filler
}

// NewPainter makes a Painter that draws in theme. It refuses a theme
// whose text or lines lack contrast against their background
// (Theme.Faults): check refuses such a brand colour first, so this is a
// fault in perfsite.
func NewPainter(theme Theme) (*Painter, error) {
	if faults := theme.Faults(); len(faults) > 0 {
		msgs := make([]string, len(faults))
		for i, f := range faults {
			msgs[i] = f.String()
		}
		return nil, fmt.Errorf("the share image's colours lack contrast: %s", strings.Join(msgs, "; "))
	}
	p := &Painter{theme: theme}
	if err := p.fonts.parse(); err != nil {
		return nil, err
	}
	p.images.New = func() any { return image.NewRGBA(image.Rect(0, 0, Width, Height)) }
	p.fillers.New = func() any { return &filler{r: vector.NewRasterizer(Width, Height)} }
	return p, nil
}

// fontSet is the two fonts, parsed once per Painter, and their faces by
// size, made when first asked for: a face is cheap to keep and costly to
// make. Faces are not safe for concurrent use, so everything that uses
// one holds mu.
type fontSet struct {
	regular, bold *opentype.Font
	mu            sync.Mutex
	faces         map[faceKey]*cachedFace
}

type faceKey struct {
	bold bool
	size float64
}

func (fs *fontSet) parse() error {
	var err error
	if fs.regular, err = opentype.Parse(goregular.TTF); err != nil {
		return err
	}
	if fs.bold, err = opentype.Parse(gobold.TTF); err != nil {
		return err
	}
	fs.faces = map[faceKey]*cachedFace{}
	return nil
}

// face is the face of that weight and size. Call it holding fs.mu.
func (fs *fontSet) face(bold bool, size float64) (*cachedFace, error) {
	k := faceKey{bold, size}
	if f, ok := fs.faces[k]; ok {
		return f, nil
	}
	f := fs.regular
	if bold {
		f = fs.bold
	}
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	cached := &cachedFace{Face: fc, glyphs: map[glyphKey]cachedGlyph{}}
	fs.faces[k] = cached
	return cached, nil
}

// cachedFace keeps the mask of every glyph drawn, by rune and position
// within a pixel: an opentype face rasterises each glyph it is asked for,
// and the share images draw the same few dozen glyphs thousands of times.
// A glyph moved by whole pixels has the same mask, so the pixels are those
// of the face itself. Used only under its fontSet's mu, as faces are.
type cachedFace struct {
	font.Face
	glyphs map[glyphKey]cachedGlyph
}

type glyphKey struct {
	r      rune
	fx, fy fixed.Int26_6 // the position within a pixel
}

type cachedGlyph struct {
	dr      image.Rectangle // at the pixel of the position
	mask    image.Image
	maskp   image.Point
	advance fixed.Int26_6
	ok      bool
}

func (f *cachedFace) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	ix, iy := dot.X.Floor(), dot.Y.Floor()
	k := glyphKey{r, dot.X - fixed.I(ix), dot.Y - fixed.I(iy)}
	g, ok := f.glyphs[k]
	if !ok {
		dr, mask, maskp, advance, found := f.Face.Glyph(fixed.Point26_6{X: k.fx, Y: k.fy}, r)
		g = cachedGlyph{dr: dr, maskp: maskp, advance: advance, ok: found}
		if mask != nil {
			// The face draws every glyph into the same mask: keep a copy.
			a := image.NewAlpha(mask.Bounds())
			draw.Draw(a, a.Bounds(), mask, a.Bounds().Min, draw.Src)
			g.mask = a
		}
		f.glyphs[k] = g
	}
	return g.dr.Add(image.Pt(ix, iy)), g.mask, g.maskp, g.advance, g.ok
}

// canvas draws on an RGBA image with anti-aliased shapes, for a Painter.
// Faces are shared and not safe for concurrent use, so drawing text holds
// the font lock.
type canvas struct {
	img     *image.RGBA
	painter *Painter
	*filler
	err     error
	touched image.Rectangle // holds every pixel drawn on since reset, for sprites
}

// filler is what fill and text work with, reused from shape to shape
// and image to image (Painter.fillers): a share image fills a hundred shapes or
// so, which allocated 400 times an image.
type filler struct {
	p    path               // the shape filled last
	r    *vector.Rasterizer // holds a float32 per pixel
	mask image.Alpha        // the coverage of the shape filled last
	// The blends of the colours drawn: each is col over a background,
	// which depends on nothing else.
	blends []*blend
}

// path records a shape so that it can be rasterised in its own bounding
// box only: rasterising the whole image for every shape is slow.
type path struct {
	ops            []pathOp
	x0, y0, x1, y1 float32
}

type pathOp struct {
	kind byte // M, L, Q, C, Z
	p    [6]float32
}

func (p *path) add(kind byte, pts ...float32) {
	var op pathOp
	op.kind = kind
	copy(op.p[:], pts)
	for i := 0; i+1 < len(pts); i += 2 {
		if len(p.ops) == 0 && i == 0 {
			p.x0, p.x1, p.y0, p.y1 = pts[0], pts[0], pts[1], pts[1]
		}
		p.x0, p.x1 = min(p.x0, pts[i]), max(p.x1, pts[i])
		p.y0, p.y1 = min(p.y0, pts[i+1]), max(p.y1, pts[i+1])
	}
	p.ops = append(p.ops, op)
}

func (p *path) MoveTo(x, y float32)             { p.add('M', x, y) }
func (p *path) LineTo(x, y float32)             { p.add('L', x, y) }
func (p *path) QuadTo(a, b, x, y float32)       { p.add('Q', a, b, x, y) }
func (p *path) CubeTo(a, b, c, d, x, y float32) { p.add('C', a, b, c, d, x, y) }
func (p *path) ClosePath()                      { p.add('Z') }

// fillBounds are the pixels fill may change for a path within x0, y0 to
// x1, y1: the whole pixels it covers and one more all round.
func fillBounds(x0, y0, x1, y1 float32) image.Rectangle {
	return image.Rect(int(math.Floor(float64(x0)))-1, int(math.Floor(float64(y0)))-1,
		int(math.Ceil(float64(x1)))+1, int(math.Ceil(float64(y1)))+1)
}

func (c *canvas) fill(col color.Color, shape func(z *path)) {
	p := &c.p
	p.ops = p.ops[:0]
	shape(p)
	if len(p.ops) == 0 {
		return
	}
	bounds := fillBounds(p.x0, p.y0, p.x1, p.y1).Intersect(c.img.Bounds())
	if bounds.Empty() {
		return
	}
	c.touched = c.touched.Union(bounds)
	ox, oy := float32(bounds.Min.X), float32(bounds.Min.Y)
	z := c.r
	w, h := bounds.Dx(), bounds.Dy()
	z.Reset(w, h)
	for _, op := range p.ops {
		q := op.p
		switch op.kind {
		case 'M':
			z.MoveTo(q[0]-ox, q[1]-oy)
		case 'L':
			z.LineTo(q[0]-ox, q[1]-oy)
		case 'Q':
			z.QuadTo(q[0]-ox, q[1]-oy, q[2]-ox, q[3]-oy)
		case 'C':
			z.CubeTo(q[0]-ox, q[1]-oy, q[2]-ox, q[3]-oy, q[4]-ox, q[5]-oy)
		case 'Z':
			z.ClosePath()
		}
	}
	// The shape's coverage, a byte a pixel (vector's quickest way out),
	// then the colour through it as text is drawn (glyphOver): a pixel
	// the shape misses is left alone and one it covers whole is set. Most
	// of a shape's bounds are one or the other, and vector's own drawing
	// onto RGBA works out every pixel of them with three divisions.
	if cap(c.mask.Pix) < w*h {
		c.mask.Pix = make([]byte, w*h)
	}
	m := &c.mask
	m.Pix, m.Stride, m.Rect = m.Pix[:w*h], w, image.Rect(0, 0, w, h)
	z.DrawOp = draw.Src
	z.Draw(m, m.Rect, image.Opaque, image.Point{})
	glyphOver(c.img, bounds, c.blendOf(col), m, image.Point{})
}

// blendOf is the blend of col, for fills and text.
func (c *filler) blendOf(col color.Color) *blend {
	rgba := color.RGBAModel.Convert(col).(color.RGBA)
	for _, b := range c.blends {
		if b.col == rgba {
			return b
		}
	}
	b := &blend{col: rgba}
	c.blends = append(c.blends, b)
	return b
}

func (c *canvas) rect(x0, y0, x1, y1 float32, col color.Color) {
	if _, _, _, a := col.RGBA(); a == 0xffff && isInt(x0) && isInt(y0) && isInt(x1) && isInt(y1) {
		// On whole pixels an opaque rectangle covers each pixel fully or
		// not at all: the same pixels as the rasteriser's, without it.
		r := image.Rect(int(x0), int(y0), int(x1), int(y1)).Intersect(c.img.Bounds())
		c.touched = c.touched.Union(r)
		draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
		return
	}
	c.fill(col, func(z *path) {
		z.MoveTo(x0, y0)
		z.LineTo(x1, y0)
		z.LineTo(x1, y1)
		z.LineTo(x0, y1)
		z.ClosePath()
	})
}

func isInt(v float32) bool { return v == float32(math.Trunc(float64(v))) }

func (c *canvas) roundRect(x0, y0, x1, y1, r float32, col color.Color) {
	c.fill(col, func(z *path) {
		z.MoveTo(x0+r, y0)
		z.LineTo(x1-r, y0)
		z.QuadTo(x1, y0, x1, y0+r)
		z.LineTo(x1, y1-r)
		z.QuadTo(x1, y1, x1-r, y1)
		z.LineTo(x0+r, y1)
		z.QuadTo(x0, y1, x0, y1-r)
		z.LineTo(x0, y0+r)
		z.QuadTo(x0, y0, x0+r, y0)
		z.ClosePath()
	})
}

func (c *canvas) circle(cx, cy, r float32, col color.Color) {
	c.fill(col, func(z *path) {
		const k = 0.5523 // cubic Bézier circle
		z.MoveTo(cx+r, cy)
		z.CubeTo(cx+r, cy+k*r, cx+k*r, cy+r, cx, cy+r)
		z.CubeTo(cx-k*r, cy+r, cx-r, cy+k*r, cx-r, cy)
		z.CubeTo(cx-r, cy-k*r, cx-k*r, cy-r, cx, cy-r)
		z.CubeTo(cx+k*r, cy-r, cx+r, cy-k*r, cx+r, cy)
		z.ClosePath()
	})
}

// segment draws a thick line from a to b with round ends.
func (c *canvas) segment(ax, ay, bx, by, width float32, col color.Color) {
	if ax == bx && ay == by {
		c.circle(ax, ay, width/2, col)
		return
	}
	c.bar(ax, ay, bx, by, width, col)
	c.circle(ax, ay, width/2, col)
	c.circle(bx, by, width/2, col)
}

// dashes draws a dashed line from a to b: dashes 16 long every 26, of
// the width given, with round ends. They are one fill, each dash a shape
// of its own: the dashes never touch, so no pixel is covered by two. (A
// dash as a segment, a bar and two circles, took three fills, and a
// share image's target line some fifty dashes.)
func (c *canvas) dashes(ax, ay, bx, by, width float32, col color.Color) {
	l := math.Hypot(float64(bx-ax), float64(by-ay))
	if l == 0 {
		return
	}
	// u is along the line, n across it, each half the width long.
	r := width / 2
	ux, uy := (bx-ax)/float32(l)*r, (by-ay)/float32(l)*r
	nx, ny := -uy, ux
	const k = 0.5523 // cubic Bézier quarter circle, as circle's
	c.fill(col, func(z *path) {
		for d := 0.0; d < l; d += 26 {
			t0, t1 := float32(d/l), float32(math.Min(d+16, l)/l)
			sx, sy := ax+(bx-ax)*t0, ay+(by-ay)*t0
			ex, ey := ax+(bx-ax)*t1, ay+(by-ay)*t1
			// Along one side, round the end at e, back along the
			// other side, round the end at s.
			z.MoveTo(sx+nx, sy+ny)
			z.LineTo(ex+nx, ey+ny)
			z.CubeTo(ex+nx+k*ux, ey+ny+k*uy, ex+ux+k*nx, ey+uy+k*ny, ex+ux, ey+uy)
			z.CubeTo(ex+ux-k*nx, ey+uy-k*ny, ex-nx+k*ux, ey-ny+k*uy, ex-nx, ey-ny)
			z.LineTo(sx-nx, sy-ny)
			z.CubeTo(sx-nx-k*ux, sy-ny-k*uy, sx-ux-k*nx, sy-uy-k*ny, sx-ux, sy-uy)
			z.CubeTo(sx-ux+k*nx, sy-uy+k*ny, sx+nx-k*ux, sy+ny-k*uy, sx+nx, sy+ny)
			z.ClosePath()
		}
	})
}

// bar draws a thick line from a to b with square ends at a and b: a
// segment without its round ends, for where a dot covers them.
func (c *canvas) bar(ax, ay, bx, by, width float32, col color.Color) {
	dx, dy := bx-ax, by-ay
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*width/2, dx/l*width/2
	c.fill(col, func(z *path) {
		z.MoveTo(ax+nx, ay+ny)
		z.LineTo(bx+nx, by+ny)
		z.LineTo(bx-nx, by-ny)
		z.LineTo(ax-nx, ay-ny)
		z.ClosePath()
	})
}

// text draws s with its baseline at (x, y) and returns its width. It does
// what font.Drawer.DrawString does, with glyphOver for draw.DrawMask.
func (c *canvas) text(s string, x, y float64, bold bool, size float64, col color.RGBA) float64 {
	fs := &c.painter.fonts
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f, err := fs.face(bold, size)
	if err != nil {
		c.err = err
		return 0
	}
	dot := fixed.P(int(math.Round(x)), int(math.Round(y)))
	b := c.blendOf(col)
	end := eachGlyph(f, s, dot, func(dr image.Rectangle, mask image.Image, mp image.Point) {
		c.touched = c.touched.Union(dr.Intersect(c.img.Rect))
		glyphOver(c.img, dr, b, mask, mp)
	})
	return float64(end-dot.X) / 64
}

// recurringText is text for what recurs from image to image, kept as a
// sprite.
func (c *canvas) recurringText(s string, x, y float64, bold bool, size float64, col color.RGBA) float64 {
	dot := image.Pt(int(math.Round(x)), int(math.Round(y)))
	return c.sprite(spriteKey{text: s, bold: bold, size: size, col: col}, dot,
		func() image.Rectangle { return c.painter.fonts.rect(s, bold, size) },
		func() float64 { return c.text(s, x, y, bold, size, col) })
}

// rect holds the pixels that text changes when it draws s at (0, 0).
func (fs *fontSet) rect(s string, bold bool, size float64) image.Rectangle {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f, err := fs.face(bold, size)
	if err != nil {
		return image.Rectangle{}
	}
	var r image.Rectangle
	eachGlyph(f, s, fixed.Point26_6{}, func(dr image.Rectangle, _ image.Image, _ image.Point) { r = r.Union(dr) })
	return r
}

// eachGlyph calls draw for each glyph of s from dot, where font.Drawer's
// DrawString would draw it, and returns where the last one ends.
func eachGlyph(f font.Face, s string, dot fixed.Point26_6, draw func(dr image.Rectangle, mask image.Image, mp image.Point)) fixed.Int26_6 {
	prev := rune(-1)
	for _, r := range s {
		if prev >= 0 {
			dot.X += f.Kern(prev, r)
		}
		dr, mask, maskp, advance, _ := f.Glyph(dot, r)
		if !dr.Empty() {
			draw(dr, mask, maskp)
		}
		dot.X += advance
		prev = r
	}
	return dot.X
}

// glyphOver draws col through a glyph's mask, as draw.DrawMask does (with
// draw.Over) to the same pixels, but faster: a glyph's mask is mostly
// empty or full, and full over an opaque colour is just the colour; the
// edges are blended by image/draw's formula, over a background that is
// nearly always the same, so the results are kept in b. draw.DrawMask
// does anything else.
func glyphOver(dst *image.RGBA, dr image.Rectangle, b *blend, mask image.Image, mp image.Point) {
	am, ok := mask.(*image.Alpha)
	if !ok || b.col.A != 0xff {
		draw.DrawMask(dst, dr, image.NewUniform(b.col), image.Point{}, mask, mp, draw.Over)
		return
	}
	// Clip as draw.DrawMask does.
	r := dr.Intersect(dst.Rect).Intersect(am.Rect.Add(dr.Min.Sub(mp)))
	if r.Empty() {
		return
	}
	mp = mp.Add(r.Min.Sub(dr.Min))
	solid := binary.LittleEndian.Uint32([]byte{b.col.R, b.col.G, b.col.B, b.col.A})
	for y := r.Min.Y; y < r.Max.Y; y++ {
		d := dst.Pix[dst.PixOffset(r.Min.X, y):][:4*r.Dx()]
		ms := am.Pix[am.PixOffset(mp.X, mp.Y+y-r.Min.Y):][:r.Dx()]
		for i, v := range ms {
			p := d[4*i : 4*i+4 : 4*i+4]
			switch v {
			case 0:
			case 0xff:
				binary.LittleEndian.PutUint32(p, solid)
			default:
				binary.LittleEndian.PutUint32(p, b.over(binary.LittleEndian.Uint32(p), v))
			}
		}
	}
}

// blend is col drawn over a pixel through a mask, remembered for one
// background.
type blend struct {
	col   color.RGBA
	bg    uint32      // the background pixel that out is for
	bgSet bool        // whether bg has been chosen: the first seen
	out   [256]uint32 // col over bg by mask value, 0 if not yet worked out
}

// over is col over the pixel d (RGBA, little-endian) through a mask
// value v, in image/draw's drawGlyphOver's 32-bit arithmetic.
func (b *blend) over(d uint32, v uint8) uint32 {
	if !b.bgSet {
		b.bg, b.bgSet = d, true
	}
	if d == b.bg && b.out[v] != 0 {
		return b.out[v]
	}
	const m = 0xffff
	sr, sg, sb, sa := b.col.RGBA()
	ma := uint32(v) * 0x101
	a := (m - (sa * ma / m)) * 0x101
	r := uint32(uint8((d&0xff*a + sr*ma) / m >> 8))
	g := uint32(uint8((d>>8&0xff*a + sg*ma) / m >> 8))
	bl := uint32(uint8((d>>16&0xff*a + sb*ma) / m >> 8))
	al := uint32(uint8((d>>24*a + sa*ma) / m >> 8))
	o := r | g<<8 | bl<<16 | al<<24 // never 0: al is at least 1
	if d == b.bg {
		b.out[v] = o
	}
	return o
}

// measure is the width of s, as text draws it.
func (fs *fontSet) measure(s string, bold bool, size float64) float64 {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f, err := fs.face(bold, size)
	if err != nil {
		return 0
	}
	return float64(font.MeasureString(f, s)) / 64
}

// shareVersion is part of every share image's Key: change it whenever the
// drawing or the encoding changes, so that no cache serves old images
// (TestShareImageUnchanged fails until it is changed).
const shareVersion = 5

// Share is a measure's share image, described but not drawn: everything
// the drawing reads but the colours, so that Painter.Key names the
// image's bytes.
type Share struct {
	Version      int
	Organisation string
	SiteTitle    string
	Title        string
	Figure       string // the latest figure, or "No figure yet"
	HasFigure    bool
	Period       string // "July to September 2023 (Q2 2023/24)"
	Status       model.Status
	Trend        *Trend // nil when the measure has no figure
}

// Trend is what the share image draws of the chart: each slot's label,
// figure and target, and the scale.
type Trend struct {
	Slots []TrendSlot
	Scale chart.Scale
}

// TrendSlot is one quarter (or year) of a Trend.
type TrendSlot struct {
	Label         string
	Value, Target *float64
}

// NewShare describes the share image of m.
func NewShare(m *derive.Measure, cal model.Calendar, site Site) *Share {
	latest := m.Latest
	s := &Share{
		Version:      shareVersion,
		Organisation: site.Organisation,
		SiteTitle:    site.Title,
		Title:        m.Title,
		Figure:       "No figure yet",
		Status:       latest.Status,
		Period:       sharePeriod(m, cal),
	}
	c := chart.New(m, cal)
	if latest.Value != nil {
		s.Figure, s.HasFigure = c.Text(*latest.Value), true
	}
	if c != nil {
		t := &Trend{Scale: c.Scale}
		for _, sl := range c.Slots {
			t.Slots = append(t.Slots, TrendSlot{Label: sl.Label, Value: sl.Value, Target: sl.Target})
		}
		s.Trend = t
	}
	return s
}

// sharePeriod is what the latest figure covers, as the site's sentences
// say it (explain.PeriodWords), with the quarter's label for a figure
// known by its quarter: "July to September 2023 (Q2 2023/24)", "April to
// September 2024 (so far this year)", "The year April 2023 to March
// 2024", and for a yearly figure whose measure does not say which year it
// covers, "Yearly figure reported in July to September 2023 (Q2 2023/24)".
func sharePeriod(m *derive.Measure, cal model.Calendar) string {
	pt := m.Latest.Point
	words := explain.PeriodWords(m, pt)
	if pt.Span.Kind != model.SpanQuarter {
		return strings.ToUpper(words[:1]) + words[1:]
	}
	words += " (" + cal.Label(pt.Period) + ")"
	if m.IsAnnual() {
		return "Yearly figure reported in " + words
	}
	return words
}

// Key is a hash of everything the image of s shows and of how p draws
// it: two images with the same key have the same PNG bytes, so a cache
// may keep images by key.
func (p *Painter) Key(s *Share) string {
	b, _ := json.Marshal(struct { // plain data: it cannot fail
		Share *Share
		Theme Theme
	}{s, p.theme})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// PNG draws the image of s and encodes it.
func (p *Painter) PNG(s *Share) ([]byte, error) {
	img := p.images.Get().(*image.RGBA)
	defer p.images.Put(img)
	if err := p.draw(s, img); err != nil {
		return nil, err
	}
	return p.enc.encode(img)
}

// draw draws the image of s on img, reading only s and the theme.
func (p *Painter) draw(s *Share, img *image.RGBA) error {
	draw.Draw(img, img.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	f := p.fillers.Get().(*filler)
	defer p.fillers.Put(f)
	cv := &canvas{img: img, painter: p, filler: f}
	th := &p.theme

	const left = 72.0
	cv.rect(0, 0, Width, 14, th.Accent)
	y := 78.0
	if s.Organisation != "" {
		cv.recurringText(s.Organisation, left, y, false, 30, th.Muted)
	}
	y += 70
	for _, l := range p.fonts.wrap(visibleTitle(s.Title), true, 54, Width-2*left, 2) {
		cv.text(l, left, y, true, 54, th.Text)
		y += 64
	}

	chartTop := y + 10.0
	figSize := 120.0
	if !s.HasFigure {
		figSize = 72
	}
	for p.fonts.measure(s.Figure, true, figSize) > 560 && figSize > 48 {
		figSize -= 8
	}
	fy := chartTop + 120
	cv.text(s.Figure, left, fy, true, figSize, th.Text)
	cv.recurringText(s.Period, left, fy+52, false, 30, th.Muted)

	// Status: an icon and the word, in the status colour on its tint.
	st := s.Status
	cols := th.status(st)
	word := st.Label()
	ww := p.fonts.measure(word, true, 32)
	py := fy + 84
	x0, y0, x1, y1 := float32(left), float32(py), float32(left+ww+84), float32(py+60)
	cv.sprite(spriteKey{text: word, badge: st, x: left, y: py}, image.Point{},
		func() image.Rectangle {
			// The rounded rectangle's, as fill rasterises it; the icon
			// and the word are within.
			return fillBounds(x0, y0, x1, y1)
		},
		func() float64 {
			cv.roundRect(x0, y0, x1, y1, 30, cols.Background)
			cv.statusIcon(st, left+34, py+30, cols.Text)
			return cv.text(word, left+60, py+41, true, 32, cols.Text)
		})

	// The trend, on the right.
	if s.Trend != nil {
		cv.trend(s.Trend, 700, chartTop+10, Width-left, Height-130)
	}

	// Foot: the site.
	cv.rect(0, Height-64, Width, Height, th.Foot)
	if s.SiteTitle != "" {
		cv.recurringText(s.SiteTitle, left, Height-22, false, 28, th.Text)
	}
	return cv.err
}

// statusIcon draws the status's icon as the site's badges do: a tick in a
// circle (on track), "!" in a triangle (close), a cross in a circle (off
// track), a dash in a circle (no target, no data).
func (c *canvas) statusIcon(st model.Status, cx, cy float64, col color.Color) {
	x, y := float32(cx), float32(cy)
	white := color.White
	switch st {
	case model.Close:
		c.fill(col, func(z *path) {
			z.MoveTo(x, y-19)
			z.LineTo(x+20, y+16)
			z.LineTo(x-20, y+16)
			z.ClosePath()
		})
		c.segment(x, y-6, x, y+3, 4.5, white)
		c.circle(x, y+10, 2.6, white)
		return
	}
	c.circle(x, y, 18, col)
	switch st {
	case model.OnTrack:
		c.segment(x-8, y+1, x-2, y+7, 4.5, white)
		c.segment(x-2, y+7, x+9, y-6, 4.5, white)
	case model.OffTrack:
		c.segment(x-7, y-7, x+7, y+7, 4.5, white)
		c.segment(x-7, y+7, x+7, y-7, 4.5, white)
	default:
		c.segment(x-8, y, x+8, y, 4.5, white)
	}
}

// trend draws the actual figures (and the target, dashed) in the box.
func (c *canvas) trend(ch *Trend, x0, y0, x1, y1 float64) {
	th := &c.painter.theme
	s := ch.Scale
	n := len(ch.Slots)
	px := func(i int) float32 {
		if n == 1 {
			return float32((x0 + x1) / 2)
		}
		return float32(x0 + 12 + float64(i)*(x1-x0-24)/float64(n-1))
	}
	py := func(v float64) float32 { return float32(y1 - s.Frac(v)*(y1-y0)) }
	for _, t := range s.Ticks() {
		c.rect(float32(x0), py(t)-1, float32(x1), py(t)+1, th.Grid)
	}
	// Target, dashed, in steps half way between quarters as on the page.
	dash := func(ax, ay, bx, by float32) { c.dashes(ax, ay, bx, by, 4, th.Text) }
	for i := 0; i+1 < n; i++ {
		a, b := ch.Slots[i].Target, ch.Slots[i+1].Target
		if a == nil || b == nil {
			continue
		}
		ax, bx, ay, by := px(i), px(i+1), py(*a), py(*b)
		if ay == by {
			dash(ax, ay, bx, by)
			continue
		}
		mx := (ax + bx) / 2
		dash(ax, ay, mx, ay)
		dash(mx, ay, mx, by)
		dash(mx, by, bx, by)
	}
	for i := 0; i+1 < n; i++ {
		a, b := ch.Slots[i].Value, ch.Slots[i+1].Value
		if a != nil && b != nil {
			// No round ends: the dots drawn next cover them whole (a
			// dot's radius, 8, is more than the half width, 3.5, and
			// the pixels an end touches), so the pixels are the same.
			c.bar(px(i), py(*a), px(i+1), py(*b), 7, th.Accent)
		}
	}
	last := -1
	for i, sl := range ch.Slots {
		if sl.Value != nil {
			c.circle(px(i), py(*sl.Value), 8, th.Accent)
			last = i
		}
	}
	if last >= 0 {
		c.circle(px(last), py(*ch.Slots[last].Value), 15, color.White)
		c.circle(px(last), py(*ch.Slots[last].Value), 11, th.Accent)
	}
	// Its span, below.
	first := ch.Slots[0].Label
	end := ch.Slots[n-1].Label
	c.recurringText(first, x0, y1+36, false, 24, th.Muted)
	if n > 1 {
		w := c.painter.fonts.measure(end, false, 24)
		c.recurringText(end, x1-w, y1+36, false, 24, th.Muted)
	}
}
