// Package checktest holds what the tests of internal/check and
// internal/build share to plant problems in a site: a valid base site
// (base.txtar), edits of its files, and problems printed one to a line.
package checktest

import (
	_ "embed"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/perfsite/perfsite/internal/model"
)

//go:embed base.txtar
var base []byte

// Base is a copy of the files of a valid site, by name with forward
// slashes: a site with no problems at all, which each test edits.
func Base() map[string]string {
	files := map[string]string{}
	for _, f := range txtar.Parse(base).Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// Edit changes the files of a site.
type Edit func(t testing.TB, files map[string]string)

// Replace replaces old, which must occur exactly once, with new in file.
func Replace(file, old, new string) Edit {
	return func(t testing.TB, files map[string]string) {
		t.Helper()
		if n := strings.Count(files[file], old); n != 1 {
			t.Fatalf("edit: %q occurs %d times in %s", old, n, file)
		}
		files[file] = strings.Replace(files[file], old, new, 1)
	}
}

// Put writes file, replacing what was there.
func Put(file, content string) Edit {
	return func(t testing.TB, files map[string]string) { files[file] = content }
}

// Rename moves a file.
func Rename(from, to string) Edit {
	return func(t testing.TB, files map[string]string) {
		t.Helper()
		content, ok := files[from]
		if !ok {
			t.Fatalf("edit: no file %s", from)
		}
		delete(files, from)
		files[to] = content
	}
}

// Printed formats problems as the tests compare them: one line each, the
// hint joined by a space. severity -1 means every problem.
func Printed(ps model.Problems, severity model.Severity) []string {
	var out []string
	for _, p := range ps {
		if severity >= 0 && p.Severity != severity {
			continue
		}
		out = append(out, strings.ReplaceAll(p.String(), "\n\t", " "))
	}
	return out
}
