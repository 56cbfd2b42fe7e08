package render

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

// exampleSite is the repository's own example site, the one the README
// builds.
const exampleSite = "../.."

// renderSite loads, checks, derives and renders the site in dir into a
// temporary folder, failing the test on any error.
func renderSite(t *testing.T, dir string) (*model.Input, *derive.Site, *Output) {
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
	out, err := Render(site, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return in, site, out
}

// readStatic reads a generated download.
func readStatic(t *testing.T, out *Output, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out.StaticDir, filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var example struct {
	once sync.Once
	in   *model.Input
	site *derive.Site
	out  *Output
	dir  string
}

// renderExample renders the example site once for all the tests that only
// read it. Its folder outlives the test that made it, so it is not a
// t.TempDir; TestMain removes it.
func renderExample(t *testing.T) (*model.Input, *derive.Site, *Output) {
	t.Helper()
	example.once.Do(func() {
		in, probs, err := load.Load(exampleSite)
		if err != nil || probs.HasErrors() {
			return
		}
		if check.Check(in).HasErrors() {
			return
		}
		dir, err := os.MkdirTemp("", "perfsite-render-test-")
		if err != nil {
			return
		}
		example.dir = dir
		example.site = derive.Derive(in)
		example.in = in
		example.out, _ = Render(example.site, dir)
	})
	if example.out == nil {
		return renderSite(t, exampleSite) // reports why
	}
	return example.in, example.site, example.out
}

func TestMain(m *testing.M) {
	// The share images' cache goes to a folder of the tests' own.
	cacheDir, err := os.MkdirTemp("", "perfsite-test-cache-")
	if err != nil {
		panic(err)
	}
	if os.Getenv(cache.Env) == "" {
		os.Setenv(cache.Env, cacheDir)
	}
	code := m.Run()
	if example.dir != "" {
		os.RemoveAll(example.dir)
	}
	os.RemoveAll(cacheDir)
	os.Exit(code)
}
