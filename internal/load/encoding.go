package load

import (
	"strings"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// CSV files as Excel saves them. Excel's "CSV (Comma delimited)" on
// Windows in the UK writes Windows-1252, not UTF-8, and does so again at
// every Save: such a file is read as Windows-1252, with a warning that says
// how to save it as UTF-8. A file that mixes UTF-8 and other bytes is not
// a file Excel writes; it is still refused at the first byte that cannot
// be read.

// windows1252 maps the bytes 0x80 to 0x9F of Windows-1252 to their
// letters; the five bytes it does not define become U+FFFD. Bytes 0xA0 to
// 0xFF are the Unicode code points of the same number (Latin-1).
var windows1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// csvText returns the text of a CSV file as UTF-8, without a byte order
// mark. ok is false, with a problem, for a file that is empty or that
// cannot be read as either encoding; the text is then the file's bytes,
// for a report to show the line of the problem.
func csvText(file string, src []byte, probs *model.Problems) (_ string, ok bool) {
	if utf8.Valid(src) || mixesUTF8(src) {
		return string(stripBOM(src)), checkText(file, src, probs)
	}
	probs.Warnf(model.Pos{File: file},
		`to keep letters such as £, é and ’ exact, save it in Excel with File > Save As and choose "CSV UTF-8 (Comma delimited) (*.csv)"`,
		`the file is not UTF-8, so it was read as Windows-1252, which Excel writes for "CSV (Comma delimited)"`)
	text := decodeWindows1252(src)
	return text, checkText(file, []byte(text), probs)
}

// mixesUTF8 reports whether src, which is not valid UTF-8, still holds
// letters written in UTF-8 (two bytes or more): text pasted from two
// sources, which no one encoding reads right.
func mixesUTF8(src []byte) bool {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError && size > 1 {
			return true
		}
		i += size
	}
	return false
}

// decodeWindows1252 turns Windows-1252 bytes into text: one letter per
// byte, so that columns count as before.
func decodeWindows1252(src []byte) string {
	var b strings.Builder
	b.Grow(len(src) + len(src)/8)
	for _, c := range src {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(windows1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}
