package shareimage

import (
	"bytes"
	"github.com/perfsite/perfsite/internal/derive/derivetest"
	"image"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/image/font"

	"github.com/perfsite/perfsite/internal/derive"
)

// wrapBefore is wrap as it was until it was made linear: it measured each
// line again with every word added, and the rest again with every rune
// cut from it. wrap must break every text as it did.
func (fs *fontSet) wrapBefore(s string, bold bool, size, width float64, maxLines int) []string {
	var lines []string
	line := ""
	words := strings.Fields(s)
	for i, w := range words {
		try := strings.TrimSpace(line + " " + w)
		if line != "" && fs.measure(try, bold, size) > width {
			lines = append(lines, line)
			line = w
			if len(lines) == maxLines-1 {
				rest := strings.Join(words[i:], " ")
				for fs.measure(rest+"…", bold, size) > width && len(rest) > 0 {
					r := []rune(rest)
					rest = strings.TrimSpace(string(r[:len(r)-1]))
				}
				if rest != strings.Join(words[i:], " ") {
					rest += "…"
				}
				return append(lines, rest)
			}
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// randomTitle is n words of 1 to 12 letters (some not ASCII, some wide),
// with now and then a word of long letters.
func randomTitle(rng *rand.Rand, n int) string {
	letters := []rune("aeilmnorstuwWM.,'’()-–/0123456789éçœ£%")
	var words []string
	for range n {
		k := 1 + rng.IntN(12)
		if rng.IntN(40) == 0 {
			k = 60 + rng.IntN(200)
		}
		w := make([]rune, k)
		for i := range w {
			w[i] = letters[rng.IntN(len(letters))]
		}
		words = append(words, string(w))
	}
	return strings.Join(words, []string{" ", "  ", "\t", " "}[rng.IntN(4)])
}

// wrap breaks every text as it did before, at any width and number of
// lines.
func TestWrapAsBefore(t *testing.T) {
	p := painter(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range 400 {
		s := randomTitle(rng, rng.IntN(40))
		width := []float64{0, 40, 300, 1056, 4000}[i%5]
		lines := 1 + i%4
		bold, size := i%2 == 0, []float64{24, 54}[i/2%2]
		got, want := p.fonts.wrap(s, bold, size, width, lines), p.fonts.wrapBefore(s, bold, size, width, lines)
		if !slices.Equal(got, want) {
			t.Fatalf("wrap(%q, width %v, %d lines) =\n%q, want\n%q", s, width, lines, got, want)
		}
	}
}

// A share image's title, cut to what it can show (visibleTitle), breaks
// into the lines that the whole title broke into: the image is the same.
func TestVisibleTitle(t *testing.T) {
	p := painter(t)
	// The cut relies on no glyph being narrower than 9 pixels in 54-pixel
	// bold, spaces included, but U+0000, which has no width and draws
	// nothing (a title with thousands of them may break otherwise than
	// before where it is cut: no council writes one).
	f, err := p.fonts.face(true, 54)
	if err != nil {
		t.Fatal(err)
	}
	for r := rune(1); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		if w := float64(font.MeasureString(f, string(r))) / 64; w < 9 {
			t.Fatalf("%U is %v pixels wide in 54-pixel bold: maxWordRunes and maxTitleRunes need more", r, w)
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	narrow := strings.Repeat("⁄", 400) // the narrowest glyph
	for i := range 32 {
		s := randomTitle(rng, 20+rng.IntN(120))
		switch i % 4 {
		case 1:
			s = narrow + " " + s
		case 2:
			s = "Short " + narrow[:3*rng.IntN(400)] + " " + s
		case 3:
			s = strings.Repeat("i ", rng.IntN(300)) + s
		}
		got := p.fonts.wrap(visibleTitle(s), true, 54, Width-2*72, 2)
		want := p.fonts.wrapBefore(s, true, 54, Width-2*72, 2)
		// The lines may differ past the image's right edge.
		if a, b := drawLines(p, got), drawLines(p, want); !bytes.Equal(a.Pix, b.Pix) {
			t.Fatalf("%d: cut to what the image shows, %q breaks into\n%q, not\n%q", i, s, got, want)
		}
	}
	if s := "Short title"; visibleTitle(s) != s {
		t.Errorf("a short title is cut: %q", visibleTitle(s))
	}
}

// drawLines draws a title's lines as a share image does.
func drawLines(p *Painter, lines []string) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	f := p.fillers.Get().(*filler)
	defer p.fillers.Put(f)
	cv := &canvas{img: img, painter: p, filler: f}
	for i, l := range lines {
		cv.text(l, 72, 148+64*float64(i), true, 54, p.theme.Text)
	}
	return img
}

// Wrapping takes time linear in the text's length: twice the words take
// about twice the time, four times about four times (measuring each line
// again with every word, and the rest again with every rune cut, took
// about sixteen times as long).
// A share image takes no longer for a longer title: one of 34 KB took 35
// seconds.
func TestWrapLinear(t *testing.T) {
	p := painter(t)
	rng := rand.New(rand.NewPCG(11, 12))
	// The title doubled, and doubled again: each doubling should about
	// double the time, so four times the title about four times. (With
	// one doubling, what does not depend on the length hides much of the
	// square's growth.)
	short := randomTitle(rng, 150) // about 1,000 runes
	long := short + " " + randomTitle(rng, 150)
	long += " " + long
	// Each time is of as many calls as take 5 ms for the short text, so
	// that the clock's grain and the scheduler's do not count.
	reps := 1
	wrapTime := func(s string) time.Duration {
		start := time.Now()
		for range reps {
			p.fonts.wrap(s, true, 54, 1056, 2)
		}
		return time.Since(start)
	}
	for wrapTime(short) < 5*time.Millisecond {
		reps *= 2
	}
	// About 4 if linear, 16 if quadratic; a busy machine makes either
	// vary, so the limit is half way, in ratio.
	within(t, "wrapping four times the words", 8, func() (time.Duration, time.Duration) { return wrapTime(short), wrapTime(long) })

	m := derivetest.CareLeavers()
	m.Latest = derive.Snapshot{Point: m.Series[len(m.Series)-1]}
	imageTime := func(title string) time.Duration {
		m.Title = title
		s := NewShare(m, cal, Site{Organisation: "Org", Title: "Site"})
		start := time.Now()
		if _, err := p.PNG(s); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	title := strings.Repeat("Households in temporary accommodation ", 900) // 34 KB
	imageTime(title)                                                       // the fonts, glyphs and sprites, made once per Painter
	within(t, "a share image with a title of 68 KB, against 34 KB,", 2.5, func() (time.Duration, time.Duration) { return imageTime(title), imageTime(title + title) })
	// The title is cut to what the image can show (visibleTitle), so the
	// time does not grow with it at all.
	huge := strings.Repeat(title, 10)
	within(t, "a share image with a title of 340 KB, against 40 bytes,", 2, func() (time.Duration, time.Duration) { return imageTime(title[:40]), imageTime(huge) })
}

// within checks that the second time run returns is at most limit times
// the first. It compares the least of each over up to nine tries, taking
// turns: on a busy machine any one time may be slow, but not every time
// either one is measured.
func within(t *testing.T, what string, limit float64, run func() (a, b time.Duration)) {
	t.Helper()
	var minA, minB time.Duration
	for i := range 9 {
		a, b := run()
		if i == 0 || a < minA {
			minA = a
		}
		if i == 0 || b < minB {
			minB = b
		}
		if float64(minB) <= limit*float64(max(minA, 1)) {
			return
		}
	}
	t.Errorf("%s took %.1f times as long (the shortest of nine tries each): want at most %.1f", what, float64(minB)/float64(max(minA, 1)), limit)
}
