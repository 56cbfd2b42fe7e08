package model

import (
	"strconv"
	"strings"
)

// SafeText returns s with every character that could forge a line or
// drive a terminal written as Go writes it in quotes: a newline as \n,
// an escape as \x1b, a right-to-left override as \u202e. File names and
// other text from a site are printed through it (Problem.String,
// Pos.String, the report), so that a file named with a newline and
// "::error" cannot add a line to a CI log, nor one with an escape
// sequence change a terminal's colours. Everything else is kept as it is.
func SafeText(s string) string {
	if !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unsafeRune(r) {
			b.WriteRune(r)
			continue
		}
		q := strconv.QuoteRuneToASCII(r) // '\n', '\x1b', '\u202e'
		b.WriteString(q[1 : len(q)-1])
	}
	return b.String()
}

// unsafeRune: control characters (C0, DEL, C1), the characters that
// reverse the direction of text, and the line and paragraph separators.
func unsafeRune(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x2028 || r == 0x2029
}
