package report

import (
	"path"
	"strconv"
	"strings"
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

// excerpt finds the line a problem points at, and what in it to underline:
// the CSV cell, the TOML or YAML key, the quoted text or the word at the
// column; a spreadsheet cell's whole content.
func (pr Printer) excerpt(pos model.Pos) (excerpt, bool) {
	if pr.Lines == nil || pos.Line <= 0 {
		return excerpt{}, false
	}
	text, ok := pr.Lines.Line(pos)
	if !ok {
		return excerpt{}, false
	}
	text = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\n' {
			return ' '
		}
		if model.SafeText(string(r)) != string(r) { // a control character, or one that reverses text
			return -1
		}
		return r
	}, text)
	if pos.Sheet != "" {
		if strings.TrimSpace(text) == "" {
			return excerpt{}, false
		}
		ex := excerpt{label: model.ColumnName(pos.Col) + itoa(pos.Line), text: text, col: 1, width: utf8.RuneCountInString(text)}
		if pos.Col <= 0 {
			ex.label, ex.width = itoa(pos.Line), 0
		}
		return window(ex), true
	}
	if strings.TrimSpace(text) == "" && pos.Col <= 1 {
		return excerpt{label: itoa(pos.Line), text: text}, true
	}
	ex := excerpt{label: itoa(pos.Line), text: text}
	runes := []rune(text)
	if pos.Col > 0 && pos.Col <= len(runes)+1 {
		ex.col = pos.Col
		ex.width = tokenWidth(runes, pos.Col-1, strings.EqualFold(path.Ext(pos.File), ".csv"))
	}
	return window(ex), true
}

// tokenWidth is the length of what starts at i: a CSV cell up to its comma,
// a quoted string, or a word (a key, a number, an id).
func tokenWidth(runes []rune, i int, csv bool) int {
	if i >= len(runes) {
		return 1 // the end of the line: point just after it
	}
	j := i
	switch {
	case runes[i] == '"':
		j++
		for j < len(runes) {
			if runes[j] == '"' {
				if csv && j+1 < len(runes) && runes[j+1] == '"' {
					j += 2
					continue
				}
				if !csv && runes[j-1] == '\\' {
					j++
					continue
				}
				j++
				break
			}
			j++
		}
	case runes[i] == '[' && !csv: // a TOML table header: [[measure]]
		for j < len(runes) && runes[j] == '[' {
			j++
		}
		for j < len(runes) && runes[j] != ']' {
			j++
		}
		for j < len(runes) && runes[j] == ']' {
			j++
		}
	case csv:
		for j < len(runes) && runes[j] != ',' {
			j++
		}
	default:
		for j < len(runes) && !strings.ContainsRune(" =:,[]{}#", runes[j]) {
			j++
		}
	}
	// Trailing spaces of a CSV cell are not worth underlining.
	for j > i+1 && runes[j-1] == ' ' {
		j--
	}
	return max(1, j-i)
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
