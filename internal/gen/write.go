package gen

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// writer is a buffered file writer that remembers its first error, so that
// the code that writes a file reads as a list of lines.
type writer struct {
	w   *bufio.Writer
	buf []byte // scratch space for numbers
}

func (w *writer) str(s string)   { w.w.WriteString(s) }
func (w *writer) bytes(b []byte) { w.w.Write(b) }

// line writes a line of text followed by a newline.
func (w *writer) line(parts ...string) {
	for _, p := range parts {
		w.w.WriteString(p)
	}
	w.w.WriteByte('\n')
}

// writeFile creates dir/name and writes it with fn through a buffer.
func writeFile(dir, name string, fn func(*writer)) error {
	f, err := os.Create(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		return err
	}
	w := &writer{w: bufio.NewWriterSize(f, 64<<10)}
	fn(w)
	err = w.w.Flush() // bufio keeps the first write error and returns it here
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u`)
			b.WriteString(strconv.FormatInt(int64(r)+0x10000, 16)[1:])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// tomlStrings writes a list of strings as a TOML array.
func tomlStrings(list []string) string {
	quoted := make([]string, len(list))
	for i, s := range list {
		quoted[i] = tomlString(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// yamlString quotes s as a double-quoted YAML scalar.
func yamlString(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	return `"` + s + `"`
}

// number formats a float the shortest way that reads back the same, never
// with an exponent: 60, 60.5, 15000000.
func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// appendCSV appends one CSV cell, quoted when it has to be (RFC 4180).
func appendCSV(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i:i+size]...)
		i += size
	}
	return append(b, '"')
}

// slugify turns a name into a lower-case id: "Waste & Recycling" becomes
// "waste-recycling".
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
