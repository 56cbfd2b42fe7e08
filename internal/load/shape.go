package load

import (
	"fmt"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// Limits on the shape of settings (TOML files and front matter), checked
// before the text reaches a parser: the TOML parser's time and memory
// grow with the square of a key's parts and of the depth of nested
// values, so that 200 KB of one dotted key ran out of memory and 300 KB
// of nested inline tables took 8 GB. perfsite's settings are never more
// than a few levels deep, nor a key longer than a few words.
const (
	maxNesting     = 16  // nested [ ] and { } in a value; levels of indentation in YAML
	maxKeyParts    = 16  // parts of a dotted key: a.b.c has 3
	maxKeyLength   = 128 // characters in one part of a key
	maxFrontMatter = 64 << 10
)

const shapeHint = "write each setting on a line of its own, as README.md shows, like title = \"Children in care\""

// checkTOMLShape reports the first place where src, TOML, is nested more
// than maxNesting deep, or has a key of more than maxKeyParts parts or a
// part longer than maxKeyLength characters. It reads the text once,
// skipping strings and comments, and does not otherwise check the
// syntax: that is the parser's work, once the shape is known to be sane.
func checkTOMLShape(file string, src []byte, probs *model.Problems) bool {
	s := string(src)
	line, lineStart := 1, 0
	var stack []byte // the open [ and { of values
	inKey := true    // at a key: the start of a line, or in an inline table after { or ,
	parts, partLen := 1, 0
	fail := func(i int, format string, args ...any) bool {
		col := utf8.RuneCountInString(s[lineStart:i]) + 1
		probs.Errorf(model.Pos{File: file, Line: line, Col: col}, shapeHint, format, args...)
		return false
	}
	keyChars := func(i, n int) bool {
		partLen += n
		if partLen > maxKeyLength {
			return fail(i, "this key is longer than %d characters", maxKeyLength)
		}
		return true
	}
	atLineStart := func(i int) bool {
		for j := lineStart; j < i; j++ {
			if s[j] != ' ' && s[j] != '\t' {
				return false
			}
		}
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n':
			line, lineStart = line+1, i+1
			if len(stack) == 0 {
				inKey, parts, partLen = true, 1, 0
			}
		case c == '#':
			for i+1 < len(s) && s[i+1] != '\n' {
				i++
			}
		case c == '"' || c == '\'':
			start := i
			end, newlines, lastNewline := skipTOMLString(s, i)
			// A key's length is checked before the line moves on past a
			// string of several lines, so that the problem is placed at
			// the string's start, on its own line.
			if inKey && !keyChars(start, end-start) {
				return false
			}
			if newlines > 0 {
				line, lineStart = line+newlines, lastNewline+1
			}
			i = end - 1
		case c == '[' && len(stack) == 0 && inKey && atLineStart(i):
			// A table header, [service] or [[measure]]: its name is a key.
			for i+1 < len(s) && s[i+1] == '[' {
				i++
			}
			for i+1 < len(s) && s[i+1] != ']' && s[i+1] != '\n' {
				i++
				switch s[i] {
				case '.':
					parts, partLen = parts+1, 0
					if parts > maxKeyParts {
						return fail(i, "this key has more than %d parts", maxKeyParts)
					}
				case '"', '\'':
					end, _, _ := skipTOMLString(s, i)
					if !keyChars(i, end-i) {
						return false
					}
					i = end - 1
				default:
					if !keyChars(i, 1) {
						return false
					}
				}
			}
			inKey = false
		case c == '[' || c == '{':
			stack = append(stack, c)
			if len(stack) > maxNesting {
				return fail(i, "the values here are nested more than %d deep", maxNesting)
			}
			inKey, parts, partLen = c == '{', 1, 0
		case c == ']' || c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			inKey = false
		case c == ',' && len(stack) > 0 && stack[len(stack)-1] == '{':
			inKey, parts, partLen = true, 1, 0
		case c == '=':
			inKey = false
		case inKey && c == '.':
			parts, partLen = parts+1, 0
			if parts > maxKeyParts {
				return fail(i, "this key has more than %d parts", maxKeyParts)
			}
		case inKey && c != ' ' && c != '\t' && c != '\r':
			if !keyChars(i, 1) {
				return false
			}
		}
	}
	return true
}

// skipTOMLString finds the end (the index after the closing quote) of the
// string that opens at s[i], basic ("...", with \ escapes) or literal
// ('...'), on one line or multi-line (three quotes). A string that is not
// closed ends at its line's end, or for a multi-line one the text's end:
// the parser reports it. It counts the newlines inside, and where the
// last one is.
func skipTOMLString(s string, i int) (end, newlines, lastNewline int) {
	q := s[i]
	multi := i+2 < len(s) && s[i+1] == q && s[i+2] == q
	j := i + 1
	if multi {
		j = i + 3
	}
	for j < len(s) {
		c := s[j]
		switch {
		case c == '\\' && q == '"':
			j += 2
			continue
		case c == '\n':
			if !multi {
				return j, newlines, lastNewline
			}
			newlines, lastNewline = newlines+1, j
		case c == q && !multi:
			return j + 1, newlines, lastNewline
		case c == q && j+2 < len(s) && s[j+1] == q && s[j+2] == q:
			// A closing """ may be followed by up to two more quotes,
			// which belong to the string.
			k := j + 3
			for k < len(s) && s[k] == q && k < j+5 {
				k++
			}
			return k, newlines, lastNewline
		}
		j++
	}
	return len(s), newlines, lastNewline
}

// checkYAMLShape reports the first place where YAML front matter is
// nested more than maxNesting deep (in [ ] and { } or by indentation),
// or has a key longer than maxKeyLength characters.
func checkYAMLShape(file string, firstLine int, lines []string, probs *model.Problems) bool {
	fail := func(n, col int, format string, args ...any) bool {
		probs.Errorf(model.Pos{File: file, Line: firstLine + n, Col: col}, `write each setting on a line of its own, as README.md shows, like title: "Children in care"`,
			format, args...)
		return false
	}
	var indents []int // the indentation of each open block level
	flow := 0
	for n, text := range lines {
		indent := 0
		for indent < len(text) && text[indent] == ' ' {
			indent++
		}
		rest := text[indent:]
		if len(rest) == 0 || rest[0] == '#' || rest[0] == '\n' || rest[0] == '\r' {
			continue
		}
		if flow == 0 {
			for len(indents) > 0 && indents[len(indents)-1] >= indent {
				indents = indents[:len(indents)-1]
			}
			indents = append(indents, indent)
			if len(indents) > maxNesting {
				return fail(n, indent+1, "the settings here are nested more than %d deep", maxNesting)
			}
			if key, ok := yamlKey(rest); ok && utf8.RuneCountInString(key) > maxKeyLength {
				return fail(n, indent+1, "this key is longer than %d characters", maxKeyLength)
			}
		}
		var quote byte
		for i := 0; i < len(rest); i++ {
			c := rest[i]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				} else if c == '\\' && quote == '"' {
					i++
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '#' && (i == 0 || rest[i-1] == ' '):
				i = len(rest)
			case c == '[' || c == '{':
				flow++
				if flow > maxNesting {
					return fail(n, indent+i+1, "the values here are nested more than %d deep", maxNesting)
				}
			case c == ']' || c == '}':
				if flow > 0 {
					flow--
				}
			}
		}
	}
	return true
}

// yamlKey is the key of a "key: value" line (after any "- "), if it is one.
func yamlKey(rest string) (string, bool) {
	for len(rest) > 1 && rest[0] == '-' && rest[1] == ' ' {
		rest = rest[2:]
	}
	for i := 0; i < len(rest); i++ {
		switch rest[i] {
		case '"', '\'', '[', '{':
			return "", false
		case ':':
			if i+1 == len(rest) || rest[i+1] == ' ' || rest[i+1] == '\n' || rest[i+1] == '\r' {
				return rest[:i], true
			}
		}
	}
	return "", false
}

// frontMatterTooLarge reports front matter longer than maxFrontMatter.
func frontMatterTooLarge(file string, head string, probs *model.Problems) bool {
	if len(head) <= maxFrontMatter {
		return false
	}
	probs.Errorf(model.Pos{File: file, Line: 1, Col: 1}, "put long text in the body, after the second --- line",
		"the settings at the top of the file are %s, more than the %d KB they may be", fmt.Sprintf("%d KB", len(head)>>10), maxFrontMatter>>10)
	return true
}
