package load

import (
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// tomlTable is one table of a TOML file as written: its header and where
// each of its keys is. BurntSushi/toml reports positions only for syntax
// errors, so this light scan of the text finds the positions that checks
// need ("measure 3's unit is invalid" becomes a line and column).
type tomlTable struct {
	Name   string // "" for the top level, "measure" for [[measure]]
	Pos    model.Pos
	KeyPos map[string]model.Pos
	// Raw is the text of each value that is written without quotes on
	// its key's line (a number, a date, true), as written: "7.10", which
	// the decoder reads as the number 7.1, for a key that takes text.
	Raw map[string]string
}

// scanTOMLKeys finds the tables and the "key = value" lines of a TOML file.
// It does not parse values: it only skips multi-line strings and arrays so
// that their contents are not taken for keys. Where it cannot tell, a check
// falls back to the table's position, which is still the right place to look.
func scanTOMLKeys(file string, src []byte) []tomlTable {
	tables := []tomlTable{{Pos: model.Pos{File: file, Line: 1, Col: 1}, KeyPos: map[string]model.Pos{}, Raw: map[string]string{}}}
	cur := &tables[0]
	lines := strings.Split(string(src), "\n")
	var inMultiline string // the closing delimiter of a multi-line string
	depth := 0             // open brackets of a multi-line array
	for n, line := range lines {
		lineNo := n + 1
		if inMultiline != "" {
			if strings.Contains(line, inMultiline) {
				inMultiline = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(line)
			continue
		}
		trimmed := strings.TrimSpace(line)
		col := len(line) - len(strings.TrimLeft(line, " \t")) + 1
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case strings.HasPrefix(trimmed, "["):
			name := strings.Trim(strings.SplitN(trimmed, "#", 2)[0], " \t")
			name = strings.TrimSpace(strings.Trim(name, "[]"))
			tables = append(tables, tomlTable{Name: name, Pos: model.Pos{File: file, Line: lineNo, Col: col}, KeyPos: map[string]model.Pos{}, Raw: map[string]string{}})
			cur = &tables[len(tables)-1]
			continue
		}
		key, value, ok := strings.Cut(trimmed, "=")
		if !ok {
			continue
		}
		key = strings.Trim(strings.TrimSpace(key), `"'`)
		value = strings.TrimSpace(value)
		if _, seen := cur.KeyPos[key]; !seen {
			cur.KeyPos[key] = model.Pos{File: file, Line: lineNo, Col: col}
			if value != "" && !strings.ContainsAny(value[:1], "\"'[{") {
				cur.Raw[key] = strings.TrimSpace(strings.SplitN(value, "#", 2)[0])
			}
		}
		for _, delim := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, delim) && !strings.Contains(value[3:], delim) {
				inMultiline = delim
			}
		}
		if strings.HasPrefix(value, "[") {
			depth = bracketDepth(value)
		}
	}
	return tables
}

// bracketDepth counts [ minus ] outside strings and comments on one line.
func bracketDepth(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return depth
		case c == '[':
			depth++
		case c == ']':
			depth--
		}
	}
	return depth
}

// tablesNamed returns the tables with the given header, in file order: the
// i-th [[measure]] header belongs to the i-th measure that toml decoded.
func tablesNamed(tables []tomlTable, name string) []tomlTable {
	var out []tomlTable
	for _, t := range tables {
		if t.Name == name {
			out = append(out, t)
		}
	}
	return out
}
