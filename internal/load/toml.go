package load

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/perfsite/perfsite/internal/model"
)

// decodeTOML parses a TOML file into plain maps. A syntax error becomes a
// problem at its line and column, and the result is nil.
func decodeTOML(file string, src []byte, probs *model.Problems) (map[string]any, []tomlTable) {
	if !checkText(file, src, probs) || !checkTOMLShape(file, src, probs) {
		return nil, nil
	}
	data := map[string]any{}
	if _, err := toml.Decode(string(src), &data); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			msg, hint := explainTOMLError(perr.Message)
			if hint == "" && perr.Usage != "" {
				hint = strings.TrimSpace(strings.SplitN(strings.TrimSpace(perr.Usage), "\n", 2)[0])
			}
			if hint == "" {
				hint = "check the quotes, brackets and = signs on this line"
			}
			line, col := max(perr.Position.Line, 1), perr.Position.Col
			switch {
			case perr.Message == "strings cannot contain newlines":
				// Point at the quote that opens the text, not the line's end.
				if c := openingQuoteCol(src, line); c > 0 {
					col = c
				}
			case strings.HasSuffix(perr.Message, "has already been defined."):
				col = 1 // the key, not the end of its value
			}
			probs.Errorf(model.Pos{File: file, Line: line, Col: col}, hint,
				"this is not valid TOML: %s", msg)
		} else {
			probs.Errorf(model.Pos{File: file, Line: 1}, "check the quotes, brackets and = signs in the file", "this is not valid TOML: %v", err)
		}
		return nil, nil
	}
	return data, scanTOMLKeys(file, src)
}

// explainTOMLError rewrites the TOML parser's most common messages in
// words a person who does not know TOML can act on, with a hint. Other
// messages are kept, with "\n" written as "the end of the line".
func explainTOMLError(msg string) (string, string) {
	switch {
	case msg == `expected value but found '\n' instead` || msg == "unexpected EOF; expected value":
		return "the value after the = is missing", `write a value after the =, like target = 90 or title = "Children in care"`
	case strings.HasPrefix(msg, "expected value but found "):
		return "text must be in double quotes (" + strings.TrimSuffix(strings.TrimPrefix(msg, "expected value but found "), " instead") + ")",
			`put the text in double quotes, like committee = "cyp"`
	case msg == "strings cannot contain newlines" || msg == `unexpected EOF; expected '"'`:
		return "a text in quotes is not closed on this line", `add the closing " at the end of the text`
	case strings.HasPrefix(msg, "Key '") && strings.HasSuffix(msg, "' has already been defined."):
		key := strings.TrimSuffix(strings.TrimPrefix(msg, "Key '"), "' has already been defined.")
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			key = key[i+1:]
		}
		return fmt.Sprintf("%q is written twice in the same table", key),
			"delete one of them; if a new table was meant, start it with its [[...]] line"
	}
	return strings.NewReplacer(`'\n'`, "the end of the line", `'\r'`, "the end of the line").Replace(msg), ""
}

// openingQuoteCol is the column of the first " after the = on a line, or 0.
func openingQuoteCol(src []byte, line int) int {
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return 0
	}
	text := lines[line-1]
	eq := strings.IndexByte(text, '=')
	if eq < 0 {
		return 0
	}
	q := strings.IndexByte(text[eq:], '"')
	if q < 0 {
		return 0
	}
	return utf8.RuneCountInString(text[:eq+q]) + 1
}
