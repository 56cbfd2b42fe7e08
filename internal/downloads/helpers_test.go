package downloads

import (
	"strings"
	"sync"
	"testing"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
)

// exampleSite is the repository's own example site, the one the README
// builds.
const exampleSite = "../.."

// written is every download of a site, by path.
type written map[string][]byte

// renderSite loads, checks and derives the site in dir and writes its
// downloads, failing the test on any error.
func renderSite(t *testing.T, dir string) (*model.Input, *derive.Site, written) {
	t.Helper()
	in, probs, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	if probs.HasErrors() {
		var lines []string
		for _, p := range probs {
			lines = append(lines, p.String())
		}
		t.Fatalf("the site has errors:\n%s", strings.Join(lines, "\n"))
	}
	site := derive.Derive(in)
	d := New(site)
	files := d.SiteFiles()
	for _, m := range site.Measures {
		files = append(files, d.MeasureFiles(m)...)
	}
	out := written{}
	for _, f := range files {
		if _, dup := out[f.Path]; dup {
			t.Fatalf("%s is written twice", f.Path)
		}
		b, err := output.Render(f)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		out[f.Path] = b
	}
	return in, site, out
}

// read returns a written download.
func (w written) read(t *testing.T, path string) []byte {
	t.Helper()
	b, ok := w[path]
	if !ok {
		t.Fatalf("%s is not written", path)
	}
	return b
}

var example struct {
	once sync.Once
	in   *model.Input
	site *derive.Site
	out  written
}

// renderExample writes the example site's downloads once for all the
// tests that only read them.
func renderExample(t *testing.T) (*model.Input, *derive.Site, written) {
	t.Helper()
	example.once.Do(func() {
		example.in, example.site, example.out = renderSite(t, exampleSite)
	})
	if example.out == nil {
		t.Fatal("the example site's downloads could not be written")
	}
	return example.in, example.site, example.out
}
