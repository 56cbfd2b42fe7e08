package load

import (
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/perfsite/perfsite/internal/model"
)

// frontMatter is the settings block at the top of a Markdown file, between
// "---" lines (YAML) or "+++" lines (TOML), and the body after it.
type frontMatter struct {
	yaml     bool      // "---" rather than "+++"
	table    tomlTable // key positions, shaped like a TOML table's
	data     map[string]any
	body     string
	bodyLine int
}

// parseFrontMatter splits a Markdown file into front matter and body.
func parseFrontMatter(file string, src []byte, probs *model.Problems) (frontMatter, bool) {
	var fm frontMatter
	if !checkText(file, src, probs) {
		return fm, false
	}
	text := strings.ReplaceAll(string(stripBOM(src)), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	delim := strings.TrimSpace(lines[0])
	if delim != "---" && delim != "+++" {
		probs.Errorf(model.Pos{File: file, Line: 1, Col: 1},
			"start the file with a line of three dashes (---), then the settings such as title: ..., then another line of ---",
			"the file does not start with front matter")
		return fm, false
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == delim {
			end = i
			break
		}
	}
	if end < 0 {
		probs.Errorf(model.Pos{File: file, Line: 1, Col: 1},
			"add a line of "+delim+" after the last setting, before the text",
			"the front matter that starts here is never closed with %s", delim)
		return fm, false
	}
	head := strings.Join(lines[1:end], "")
	if frontMatterTooLarge(file, head, probs) {
		return fm, false
	}
	fm.body = strings.Join(lines[end+1:], "")
	fm.bodyLine = end + 2
	fm.table = tomlTable{Pos: model.Pos{File: file, Line: 1, Col: 1}, KeyPos: map[string]model.Pos{}, Raw: map[string]string{}}
	if delim == "+++" {
		if strings.TrimSpace(head) == "" {
			fm.data = map[string]any{}
			return fm, true
		}
		var sub model.Problems
		data, tables := decodeTOML(file, []byte(head), &sub)
		for _, p := range sub { // the TOML started on line 2 of the file
			if p.Pos.Line > 0 {
				p.Pos.Line++
			}
			*probs = append(*probs, p)
		}
		if data == nil {
			if len(sub) == 0 { // empty front matter
				return fm, true
			}
			return fm, false
		}
		fm.data = tomlDatesToText(data).(map[string]any)
		for k, p := range tables[0].KeyPos {
			p.Line++
			fm.table.KeyPos[k] = p
		}
		fm.table.Raw = tables[0].Raw
		return fm, true
	}

	fm.yaml = true
	if !checkYAMLShape(file, 2, lines[1:end], probs) {
		return fm, false
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(head), &doc); err != nil {
		// The settings start on line 2 of the file, after the "---".
		msg, hint := yamlMessage(err)
		probs.Errorf(model.Pos{File: file, Line: 1 + yamlErrorLine(lines[1:end]), Col: 1}, hint,
			"the front matter is not valid YAML: %s", msg)
		return fm, false
	}
	fm.data = map[string]any{}
	if len(doc.Content) == 0 {
		return fm, true
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		probs.Errorf(model.Pos{File: file, Line: root.Line + 1, Col: root.Column},
			"each setting is written as name: value, one per line", "the front matter should be a list of settings")
		return fm, false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if first, dup := fm.table.KeyPos[k.Value]; dup {
			probs.Errorf(model.Pos{File: file, Line: k.Line + 1, Col: k.Column}, "delete one of the two lines",
				"the setting %q is written twice; the first is on line %d", k.Value, first.Line)
			continue
		}
		if v.Kind == yaml.SequenceNode {
			// Where each item of a list is, so that a check can point at
			// the one measure id in a list that is wrong.
			for j, item := range v.Content {
				fm.table.KeyPos[k.Value+"."+strconv.Itoa(j)] = model.Pos{File: file, Line: item.Line + 1, Col: item.Column}
			}
		}
		var value any
		if err := v.Decode(&value); err != nil {
			probs.Errorf(model.Pos{File: file, Line: v.Line + 1, Col: v.Column}, "write the setting as name: value, with text in double quotes",
				"the setting %q cannot be read: %s", k.Value, strings.TrimPrefix(err.Error(), "yaml: "))
			continue
		}
		if v.Kind == yaml.ScalarNode && (v.Tag == "!!int" || v.Tag == "!!float") {
			fm.table.Raw[k.Value] = v.Value // item: 7.10, as written
		}
		fm.data[k.Value] = yamlToTOMLTypes(value)
		fm.table.KeyPos[k.Value] = model.Pos{File: file, Line: k.Line + 1, Col: k.Column}
	}
	return fm, true
}

// yamlToTOMLTypes converts YAML values into the types decodeTOML produces,
// so that one tableReader serves both front matter formats.
func yamlToTOMLTypes(v any) any {
	switch v := v.(type) {
	case int:
		return int64(v)
	case uint64:
		return float64(v)
	case time.Time:
		return v.Format(time.DateOnly)
	case []any:
		for i := range v {
			v[i] = yamlToTOMLTypes(v[i])
		}
		return v
	case map[string]any:
		for k := range v {
			v[k] = yamlToTOMLTypes(v[k])
		}
		return v
	}
	return v
}

// yamlErrorLine finds the line of the settings (counting from 1) where
// YAML stops making sense: the line after the longest run of lines from
// the top that can be read. The YAML library's own line numbers are not
// used: it counts some errors from 0 and others from 1, and reports an
// unclosed list where the text ends rather than where the list opens. Front
// matter is a few lines, so reading it again once per line is cheap; only
// the first maxScan lines are tried.
func yamlErrorLine(lines []string) int {
	const maxScan = 200
	for n := min(len(lines)-1, maxScan); n >= 1; n-- {
		var doc yaml.Node
		if yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &doc) == nil {
			return n + 1
		}
	}
	return 1
}

// yamlMessage is a YAML error without its "yaml: line N:" prefix, whose
// line number is not reliable (see yamlErrorLine), in words where the
// error is a common one, and a hint.
func yamlMessage(err error) (msg, hint string) {
	msg = err.Error()
	if te, ok := err.(*yaml.TypeError); ok {
		msg = strings.Join(te.Errors, "; ")
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i > 0 && strings.Trim(rest[:i], "0123456789") == "" {
			msg = rest[i+2:]
		}
	}
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return "a setting's value contains a colon", `put the value in double quotes, like title: "Budget: the figures"`
	case strings.Contains(msg, "tab character"):
		return "a line starts with a tab", "start each setting at the beginning of its line, without tabs or spaces"
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		return "a list is not closed", "write a list in square brackets on one line, like measures: [eet, in-care]"
	}
	return msg, "each setting is written as name: value, one per line; a list is written [a, b]"
}

// tomlDatesToText turns the dates of TOML front matter (date = 2023-11-14)
// into text, as YAML front matter's are, so that one reader serves both.
func tomlDatesToText(v any) any {
	switch v := v.(type) {
	case time.Time:
		return tomlTime(v)
	case []any:
		for i := range v {
			v[i] = tomlDatesToText(v[i])
		}
	case map[string]any:
		for k := range v {
			v[k] = tomlDatesToText(v[k])
		}
	}
	return v
}
