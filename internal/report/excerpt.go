package report

import (
	"strconv"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// maxExcerpt is the widest excerpt shown, in characters: a long note in a
// CSV line is cut around the place the problem points at.
const maxExcerpt = 96

// excerpt is a line to show under a problem, with the caret's place.
type excerpt struct {
	label string // the line number, or the cell's reference
	text  string
	col   int // where the caret starts, counting from 1
	width int // how many characters it underlines; 0 for no caret
}

// excerptOf is what a problem's span shows: its line, or its cell's
// content, with what the problem is about underlined. It reads nothing
// but the problem: load gave it its span.
func excerptOf(p model.Problem) (excerpt, bool) {
	span := p.Span
	if span == nil || p.Pos.Line <= 0 {
		return excerpt{}, false
	}
	ex := excerpt{label: itoa(p.Pos.Line)}
	if p.Pos.Sheet != "" && p.Pos.Col > 0 {
		ex.label = model.ColumnName(p.Pos.Col) + itoa(p.Pos.Line)
	}
	// The text as a terminal can show it: tabs and line breaks as spaces,
	// control characters and those that reverse text left out, and the
	// underline moved with what it underlines.
	start, end := span.Start, span.End
	runes := make([]rune, 0, len(span.Text))
	for i, r := range []rune(span.Text) {
		if r == '\t' || r == '\r' || r == '\n' {
			r = ' '
		} else if model.SafeText(string(r)) != string(r) {
			if i+1 < span.Start {
				start--
			}
			if i+1 < span.End {
				end--
			}
			continue
		}
		runes = append(runes, r)
	}
	ex.text = string(runes)
	if start >= 1 && start <= len(runes)+1 && end > start {
		ex.col, ex.width = start, end-start
	}
	return window(ex), true
}

// window cuts a long line down to maxExcerpt characters around the caret.
func window(ex excerpt) excerpt {
	runes := []rune(ex.text)
	if len(runes) <= maxExcerpt {
		return ex
	}
	start := 0
	if ex.col > 0 {
		start = max(0, min(ex.col-1-maxExcerpt/3, len(runes)-maxExcerpt))
	}
	end := min(len(runes), start+maxExcerpt)
	prefix, suffix := "", ""
	if start > 0 {
		prefix = "…"
	}
	if end < len(runes) {
		suffix = "…"
	}
	out := ex
	out.text = prefix + string(runes[start:end]) + suffix
	if ex.col > 0 {
		out.col = ex.col - start + utf8.RuneCountInString(prefix)
		out.width = max(1, min(ex.width, end-(ex.col-1)))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
