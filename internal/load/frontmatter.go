package load

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/perfsite/perfsite/internal/model"
)

// frontMatter is the settings block at the top of a Markdown file, between
// "---" lines (YAML) or "+++" lines (TOML), and the body after it.
type frontMatter struct {
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
	fm.body = strings.Join(lines[end+1:], "")
	fm.bodyLine = end + 2
	fm.table = tomlTable{Pos: model.Pos{File: file, Line: 1, Col: 1}, KeyPos: map[string]model.Pos{}}
	if delim == "+++" {
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
		fm.data = data
		for k, p := range tables[0].KeyPos {
			p.Line++
			fm.table.KeyPos[k] = p
		}
		return fm, true
	}

	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(head), &doc); err != nil {
		msg := err.Error()
		if te, ok := err.(*yaml.TypeError); ok {
			msg = strings.Join(te.Errors, "; ")
		}
		// YAML counts lines from the first setting; the file from the "---".
		probs.Errorf(model.Pos{File: file, Line: 1 + max(1, yamlErrorLine(msg))},
			"each setting is written as name: value, one per line", "the front matter is not valid YAML: %s", strings.TrimPrefix(msg, "yaml: "))
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
		var value any
		if err := v.Decode(&value); err != nil {
			probs.Errorf(model.Pos{File: file, Line: v.Line + 1, Col: v.Column}, "", "this setting cannot be read: %v", err)
			continue
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

// yamlErrorLine finds "line N" in a YAML error message.
func yamlErrorLine(msg string) int {
	i := strings.Index(msg, "line ")
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range msg[i+5:] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// parseDate reads a date written as 2023-11-14.
func parseDate(s string) (time.Time, error) {
	return time.Parse(time.DateOnly, strings.TrimSpace(s))
}
