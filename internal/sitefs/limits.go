package sitefs

import (
	"fmt"
	"path"
	"strings"
)

// Kind is a kind of file in a site folder, with the largest size perfsite
// reads. The limits are far above what a council's files come to (a
// national site of 10,000 measures has a 5 MB measures file) and low
// enough that no file can make a build run out of memory.
type Kind struct {
	Name    string   // in words, for messages: "a quarterly data file"
	Pattern []string // path.Match patterns of the files of this kind; "dir/**" is everything under dir
	Limit   int64    // bytes
	Hint    string   // what to do about a file over the limit
}

const (
	kB = 1 << 10
	mB = 1 << 20
)

// Limits are the kinds of file, first match wins; README.md has them as
// a table ("Limits"). The last matches any file.
var Limits = []Kind{
	{"the site settings file", []string{"data/site.toml"}, 1 * mB, "data/site.toml holds settings only; check that it is the right file"},
	{"a file of measure definitions", []string{"data/measures.toml", "data/measures/*.toml"}, 32 * mB,
		"split the measures into several files in data/measures/"},
	{"the glossary", []string{"data/glossary.toml"}, 4 * mB, "keep the glossary to short definitions"},
	{"the revisions file", []string{"data/revisions.csv"}, 16 * mB, "check that it is the right file"},
	{"a quarterly data file", []string{"data/quarters/*.csv"}, 64 * mB,
		"split the figures into one file per quarter (2023-24-q2.csv, 2023-24-q3.csv, ...)"},
	{"a quarterly workbook", []string{"data/quarters/*.xlsx", "data/quarters/*.xlsm"}, 16 * mB,
		"split the figures into one workbook per quarter, or save them as CSV"},
	{"a minutes summary", []string{"content/minutes/*.md"}, 1 * mB, "a summary is a few pages of text: link to the full minutes with source_url"},
	{"a page", []string{"content/**"}, 1 * mB, "split the page into several pages"},
	{"a layout", []string{"layouts/**"}, 1 * mB, "check that it is the right file"},
	{"an asset", []string{"assets/**"}, 16 * mB, "check that it is the right file"},
	{"a static file", []string{"static/**"}, 100 * mB, "host a file this large elsewhere and link to it"},
	{"a file", []string{"**"}, 16 * mB, "check that it is the right file"},
}

// KindOf returns the kind of the file name (a path in the site folder,
// with forward slashes).
func KindOf(name string) Kind {
	for _, k := range Limits {
		for _, p := range k.Pattern {
			if match(p, name) {
				return k
			}
		}
	}
	return Limits[len(Limits)-1]
}

func match(pattern, name string) bool {
	if dir, ok := strings.CutSuffix(pattern, "**"); ok {
		return strings.HasPrefix(name, dir)
	}
	ok, _ := path.Match(pattern, name)
	return ok
}

// Size writes a number of bytes for people: "64 MB", "900 KB", "12 bytes".
func Size(n int64) string {
	switch {
	case n >= mB && n%mB == 0:
		return fmt.Sprintf("%d MB", n/mB)
	case n >= mB:
		return fmt.Sprintf("%.1f MB", float64(n)/mB)
	case n >= kB:
		return fmt.Sprintf("%d KB", n/kB)
	}
	return fmt.Sprintf("%d bytes", n)
}
