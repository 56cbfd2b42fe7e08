package load

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/suggest"
)

// tableReader reads typed fields out of one decoded TOML table, reporting
// every wrong type and every unknown key at its position instead of
// stopping at the first.
type tableReader struct {
	what  string // "[[measure]]" or "data/site.toml", for messages
	data  map[string]any
	table tomlTable
	probs *model.Problems
	known []string
	// missing maps a required key that is absent to the index of its
	// problem in probs, so that Unknown can drop it when the key is there
	// under a misspelt name: "unti" is one mistake, not two.
	missing map[string]int
	sep     string // between a key and its value in examples: " = ", or ": " in YAML
}

func newTableReader(what string, data map[string]any, table tomlTable, probs *model.Problems) *tableReader {
	return &tableReader{what: what, data: data, table: table, probs: probs, sep: " = "}
}

// pos is where key is written, or the table header if the scan missed it.
func (r *tableReader) pos(key string) model.Pos {
	if p, ok := r.table.KeyPos[key]; ok {
		return p
	}
	return r.table.Pos
}

// keyPositions returns the positions of every key this table has.
func (r *tableReader) keyPositions() map[string]model.Pos {
	out := make(map[string]model.Pos, len(r.data))
	for k := range r.data {
		out[k] = r.pos(k)
	}
	return out
}

func (r *tableReader) get(key string, required bool) (any, bool) {
	r.known = append(r.known, key)
	v, ok := r.data[key]
	if !ok && required {
		if r.missing == nil {
			r.missing = map[string]int{}
		}
		r.missing[key] = len(*r.probs)
		r.probs.Errorf(r.table.Pos, fmt.Sprintf("add a line such as: %s%s...", key, r.sep), "%s is missing the required key %q", r.what, key)
	}
	return v, ok
}

// typeHints say how to write a value of each wanted type: what to say
// before an example, and the example value.
var typeHints = map[string][2]string{
	"text in quotes":                    {"put the text in double quotes, like ", `"..."`},
	"a number (without quotes, % or £)": {"write a plain number without quotes, % or £, like ", "90"},
	"a whole number":                    {"write a whole number without quotes, like ", "1"},
	"true or false":                     {"write true or false without quotes, like ", "true"},
}

func (r *tableReader) wrongType(key, want string, v any) {
	hint := "write it as " + want
	if h, ok := typeHints[want]; ok {
		hint = h[0] + key + r.sep + h[1]
	}
	r.probs.Errorf(r.pos(key), hint, "%q should be %s, not %s", key, want, describeTOML(v))
}

// String reads a string; required strings must also be non-empty. A
// number or a date where text is expected (item: 7, title = 2023) is read
// as the text it is written as: its meaning is clear, and YAML users
// write it so.
func (r *tableReader) String(key string, required bool) string {
	v, ok := r.get(key, required)
	if !ok {
		return ""
	}
	s, isString := v.(string)
	if !isString {
		if s, ok = r.asText(key, v); !ok {
			r.wrongType(key, "text in quotes", v)
			return ""
		}
	}
	if required && strings.TrimSpace(s) == "" {
		r.probs.Errorf(r.pos(key), "write something between the quotes", "%q must not be empty", key)
	}
	return s
}

// asText is a number or a date as it is written, for a key that takes
// text; ok is false for anything else (true, a list, a table).
func (r *tableReader) asText(key string, v any) (string, bool) {
	raw := r.table.Raw[key]
	switch v := v.(type) {
	case int64:
		if raw != "" {
			return raw, true
		}
		return strconv.FormatInt(v, 10), true
	case float64:
		if raw != "" {
			return raw, true
		}
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case time.Time:
		return tomlTime(v), true
	}
	return "", false
}

// Float reads a number, integer or not.
func (r *tableReader) Float(key string) *float64 {
	v, ok := r.get(key, false)
	if !ok {
		return nil
	}
	return r.float(key, v)
}

// Int reads a whole number.
func (r *tableReader) Int(key string) *int {
	v, ok := r.get(key, false)
	if !ok {
		return nil
	}
	n, isInt := v.(int64)
	if !isInt || n > math.MaxInt32 || n < math.MinInt32 {
		r.wrongType(key, "a whole number", v)
		return nil
	}
	i := int(n)
	return &i
}

// Bool reads true or false.
func (r *tableReader) Bool(key string) bool {
	v, ok := r.get(key, false)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		r.wrongType(key, "true or false", v)
	}
	return b
}

// Strings reads a list of strings; a single string is taken as a list of one.
func (r *tableReader) Strings(key string) []string {
	v, ok := r.get(key, false)
	if !ok {
		return nil
	}
	switch list := v.(type) {
	case string:
		return []string{list}
	case []any:
		out := make([]string, 0, len(list))
		for _, item := range list {
			s, isString := item.(string)
			if !isString {
				r.wrongType(key, `a list of texts, like ["a", "b"]`, v)
				return nil
			}
			out = append(out, s)
		}
		return out
	}
	r.wrongType(key, `a list of texts, like ["a", "b"]`, v)
	return nil
}

// Table reads a table such as [brand]; nil when it is not there.
func (r *tableReader) Table(key string) map[string]any {
	v, ok := r.get(key, false)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		r.wrongType(key, "a ["+key+"] table", v)
		return nil
	}
	return m
}

// Tables reads an array of tables such as [[service]].
func (r *tableReader) Tables(key string) []map[string]any {
	v, ok := r.get(key, false)
	if !ok {
		return nil
	}
	switch list := v.(type) {
	case []map[string]any:
		return list
	case []any:
		var out []map[string]any
		for _, item := range list {
			m, isMap := item.(map[string]any)
			if !isMap {
				r.wrongType(key, "a list of [["+key+"]] tables", v)
				return nil
			}
			out = append(out, m)
		}
		return out
	}
	r.wrongType(key, "a list of [["+key+"]] tables", v)
	return nil
}

// Unknown reports every key that no accessor asked for: a typo such as
// "unitt" fails loudly rather than being silently ignored. When the typo is
// of a required key, the "missing the required key" problem is withdrawn:
// one mistake, one problem, with the right key suggested.
func (r *tableReader) Unknown() {
	known := map[string]bool{}
	for _, k := range r.known {
		known[k] = true
	}
	var unknown []string
	for k := range r.data {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	drop := map[int]bool{}
	for _, k := range unknown {
		hint := suggest.DidYouMean(k, r.known)
		if hint == "" {
			hint = "the keys allowed here are " + strings.Join(r.known, ", ")
		}
		if i, ok := r.missing[suggest.Closest(k, r.known)]; ok {
			drop[i] = true // the required key is there, misspelt
		}
		r.probs.Errorf(r.pos(k), hint, "unknown key %q in %s", k, r.what)
	}
	if len(drop) > 0 {
		kept := (*r.probs)[:0]
		for i, p := range *r.probs {
			if !drop[i] {
				kept = append(kept, p)
			}
		}
		*r.probs = kept
	}
	r.missing = nil
}

func describeTOML(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case int64, float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	case time.Time:
		return "the date " + tomlTime(v)
	}
	return fmt.Sprintf("%v", v)
}

// tomlTime writes a TOML date or date-time as it would be typed: 2023-11-14
// for a date alone.
func tomlTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
