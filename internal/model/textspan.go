package model

import "strings"

// LineSpan is the span of a problem at column col of a line of a text
// file (csv: of a CSV file): what starts there, as tokenWidth finds it;
// the line alone, with nothing underlined, for a problem about the whole
// line (col 0), a column past the line's end, or a blank line.
func LineSpan(line string, col int, csv bool) *TextSpan {
	span := &TextSpan{Text: line}
	runes := []rune(line)
	if col <= 0 || col > len(runes)+1 || col == 1 && strings.TrimSpace(line) == "" {
		return span
	}
	span.Start, span.End = col, col+tokenWidth(runes, col-1, csv)
	return span
}

// tokenWidth is the length of what starts at i: a CSV cell up to its comma,
// a quoted string, a TOML table header, or a word (a key, a number, an id).
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
		for j < len(runes) && !strings.ContainsRune(" \t=:,[]{}#", runes[j]) {
			j++
		}
	}
	return trimmedWidth(runes, i, j)
}

// trimmedWidth is the width of the characters i to j (exclusive) of a
// line, less the spaces at their end, which are not worth underlining,
// and at least one.
func trimmedWidth(runes []rune, i, j int) int {
	for j > i+1 && (runes[j-1] == ' ' || runes[j-1] == '\t') {
		j--
	}
	return max(1, j-i)
}

// SpanBetween is the span of a line underlining its characters from up
// to, not including, to (counting from 1), less the spaces at their end,
// and at least one: a CSV cell as the parser found it.
func SpanBetween(line string, from, to int) *TextSpan {
	return &TextSpan{Text: line, Start: from, End: from + trimmedWidth([]rune(line), from-1, to-1)}
}
