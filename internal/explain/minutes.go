package explain

import (
	"strings"
	"unicode"
)

// MinutesPoints picks out of a minutes summary (Markdown) the points that
// are about a measure, so that the measure's page can show what the
// committee said about it. A point is a paragraph or a list item; it is
// about the measure when it uses at least two of the significant words of
// the measure's title (or all of them, for a title with only one). Points
// are returned as Markdown, list markers removed, in the order written.
func MinutesPoints(title, body string) []string {
	keys := keywords(title)
	need := min(2, len(keys))
	if need == 0 {
		return nil
	}
	var out []string
	for _, block := range markdownBlocks(body) {
		found := map[string]bool{}
		for _, w := range words(block) {
			if keys[w] {
				found[w] = true
			}
		}
		if len(found) >= need {
			out = append(out, block)
		}
	}
	return out
}

// stopwords are words too common in performance titles to tell measures
// apart.
var stopwords = map[string]bool{
	"the": true, "and": true, "for": true, "per": true, "with": true, "that": true, "are": true,
	"from": true, "who": true, "their": true, "new": true, "number": true, "share": true,
	"rate": true, "within": true, "into": true, "by": true, "of": true, "in": true, "on": true,
	"or": true, "to": true, "a": true, "an": true, "up": true, "all": true, "average": true,
}

// keywords are the significant words of a title, stemmed.
func keywords(title string) map[string]bool {
	keys := map[string]bool{}
	for _, w := range words(title) {
		if len(w) >= 3 && !stopwords[w] && !isNumber(w) {
			keys[w] = true
		}
	}
	return keys
}

// words splits text into lower-case words with a plural or possessive "s"
// removed, so that "plans" matches "plan" and "children's" matches
// "children".
func words(text string) []string {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	})
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		f = strings.TrimSuffix(strings.TrimSuffix(f, "'s"), "’s")
		f = strings.Trim(f, "'’")
		if len(f) > 3 && strings.HasSuffix(f, "s") && !strings.HasSuffix(f, "ss") {
			f = f[:len(f)-1]
		}
		out = append(out, f)
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// markdownBlocks splits Markdown into paragraphs and list items, without
// headings. It is deliberately simple: minutes summaries are short prose.
func markdownBlocks(body string) []string {
	var blocks []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case strings.HasPrefix(trimmed, "#"):
			flush()
		case isListItem(trimmed):
			flush()
			cur = append(cur, strings.TrimSpace(trimmed[listMarkerLen(trimmed):]))
		default:
			cur = append(cur, trimmed)
		}
	}
	flush()
	return blocks
}

func isListItem(s string) bool { return listMarkerLen(s) > 0 }

// listMarkerLen is the length of a leading "- ", "* ", "+ " or "12. ".
func listMarkerLen(s string) int {
	if len(s) >= 2 && strings.ContainsRune("-*+", rune(s[0])) && s[1] == ' ' {
		return 2
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' ' {
		return i + 2
	}
	return 0
}
