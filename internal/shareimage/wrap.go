package shareimage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// wrap breaks s into lines no wider than width; the last allowed line
// ends with "…" when the text is longer: the longest start of the rest
// that fits with the "…" after it.
//
// Its time is linear in the length of s: each word is measured once, and
// a line's width is added up as words join it. A string's width is its
// glyphs' advances plus the kerning between neighbours (font.MeasureString),
// whole 1/64ths of a pixel, so the sums are exactly the widths of the
// strings. (Measuring each line again with every word, and the rest again
// with every rune cut from it, took 35 s for a title of 34 KB.)
func (fs *fontSet) wrap(s string, bold bool, size, width float64, maxLines int) []string {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f, err := fs.face(bold, size)
	if err != nil {
		return nil
	}
	fits := func(w fixed.Int26_6) bool { return float64(w)/64 <= width }
	// A word's width after a space, with the kerning on either side of the
	// space (the rune before it is prev).
	space, _ := f.GlyphAdvance(' ')
	after := func(prev rune, word string) fixed.Int26_6 {
		first, _ := utf8.DecodeRuneInString(word)
		return f.Kern(prev, ' ') + space + f.Kern(' ', first) + font.MeasureString(f, word)
	}
	var lines []string
	var line strings.Builder
	var lineWidth fixed.Int26_6
	last := rune(-1) // the line's last rune
	words := strings.Fields(s)
	for i, w := range words {
		if line.Len() == 0 {
			line.WriteString(w)
			lineWidth = font.MeasureString(f, w)
		} else if tryWidth := lineWidth + after(last, w); fits(tryWidth) {
			line.WriteString(" ")
			line.WriteString(w)
			lineWidth = tryWidth
		} else {
			lines = append(lines, line.String())
			if len(lines) == maxLines-1 {
				return append(lines, ellipsis(f, words[i:], fits))
			}
			line.Reset()
			line.WriteString(w)
			lineWidth = font.MeasureString(f, w)
		}
		last, _ = utf8.DecodeLastRuneInString(w)
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// ellipsis is the words joined by spaces if they fit with "…" after them;
// or else the longest start of them, not ending in a space, that fits
// with "…" after it, and the "…".
func ellipsis(f font.Face, words []string, fits func(fixed.Int26_6) bool) string {
	rest := strings.Join(words, " ")
	dots, _ := f.GlyphAdvance('…')
	// The width of rest's first runes up to i, and of the "…" after them.
	var w fixed.Int26_6
	best := 0 // the end of the longest start that fits
	prev := rune(-1)
	for end := 0; end < len(rest); {
		r, n := utf8.DecodeRuneInString(rest[end:])
		end += n
		if prev >= 0 {
			w += f.Kern(prev, r)
		}
		a, _ := f.GlyphAdvance(r)
		w += a
		prev = r
		if r != ' ' && fits(w+f.Kern(r, '…')+dots) {
			best = end
		}
	}
	if best == len(rest) {
		return rest
	}
	return rest[:best] + "…"
}

// A share image shows a title in two lines of 54-pixel bold, 1,056 pixels
// wide, from 72 pixels in: no glyph of Go Bold at that size is narrower
// than 9 pixels (TestVisibleTitle), but U+0000, which draws nothing. So a word of maxWordRunes reaches past
// the image's right edge, and maxTitleRunes is more than the two lines
// can show, however the first line breaks. A title is cut to that much
// before it is wrapped (visibleTitle), which leaves the image as it would
// be without the cut, and the time drawing takes does not grow with the
// title.
const (
	maxWordRunes  = 130 // 72 + 130 × 9 > 1,200
	maxTitleRunes = 300 // the first line's at most 131 runes and a space, then more than 1,056 pixels
)

// visibleTitle is s with each word cut to maxWordRunes and the whole to
// maxTitleRunes: what wrap needs of it to break the lines that the image
// shows. Words are what strings.Fields finds, as in wrap.
func visibleTitle(s string) string {
	if len(s) <= maxWordRunes {
		return s // no more runes than bytes
	}
	var b strings.Builder
	kept, inWord := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			inWord = 0
		} else if inWord++; inWord > maxWordRunes {
			continue
		}
		if kept == maxTitleRunes {
			break
		}
		b.WriteRune(r)
		kept++
	}
	return b.String()
}
