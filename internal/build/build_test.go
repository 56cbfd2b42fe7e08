package build

import (
	"bytes"
	jsonenc "encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// The end-to-end tests build whole small sites written as txtar archives
// in testdata/sites. The archive's comment holds the assertions, one per
// line:
//
//	build ok | build fails          whether the build should succeed
//	problem TEXT                    a problem line printed exactly so
//	exists PATH / missing PATH      a built file exists or not
//	contains PATH TEXT              a built file contains TEXT
//	lacks PATH TEXT                 a built file does not contain TEXT
//	json PATH KEY.PATH VALUE        a JSON value (compared as JSON text)
//	count PATH TEXT N               TEXT occurs N times in a built file
//
// PATH is relative to the built site. Before each build a public/ folder
// with a sentinel file is planted, so that every test also checks that a
// failed build leaves it untouched and a good one replaces it.

var only = flag.String("site", "", "run only the txtar site whose name contains this")

func TestSites(t *testing.T) {
	files, err := filepath.Glob("testdata/sites/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test sites")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		if *only != "" && !strings.Contains(name, *only) {
			continue
		}
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			runSite(t, ar)
		})
	}
}

func runSite(t *testing.T, ar *txtar.Archive) {
	dir := writeSite(t, archiveFiles(ar))
	public := plantPublic(t, dir)
	sentinel := filepath.Join(public, "sentinel.txt")

	res, buildErr := Build(Options{Source: dir})
	var probs []string
	if res != nil {
		probs = printed(res.Problems, -1)
	}
	report := func() string { return "problems:\n  " + strings.Join(probs, "\n  ") }

	for n, line := range strings.Split(string(ar.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		at := fmt.Sprintf("assertion line %d (%s)", n+1, line)
		switch verb {
		case "build":
			switch rest {
			case "ok":
				if buildErr != nil {
					t.Fatalf("%s: build failed: %v\n%s", at, buildErr, report())
				}
				if _, err := os.Stat(sentinel); err == nil {
					t.Errorf("%s: the old public/ was not replaced", at)
				}
			case "fails":
				if buildErr == nil {
					t.Fatalf("%s: build succeeded, want a failure\n%s", at, report())
				}
				if !publicUntouched(t, public) {
					t.Errorf("%s: a failed build changed public/: %v", at, names(t, public))
				}
			default:
				t.Fatalf("%s: want 'build ok' or 'build fails'", at)
			}
		case "problem":
			found := false
			for _, p := range probs {
				if p == rest {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: problem not reported\n%s", at, report())
			}
		case "exists", "missing":
			_, err := os.Stat(filepath.Join(public, rest))
			if verb == "exists" && err != nil {
				t.Errorf("%s: %v", at, err)
			}
			if verb == "missing" && err == nil {
				t.Errorf("%s: the file exists", at)
			}
		case "contains", "lacks":
			path, text, _ := strings.Cut(rest, " ")
			b := readBuilt(t, public, path, at)
			has := strings.Contains(string(b), unquote(text))
			if verb == "contains" && !has {
				t.Errorf("%s: not found in:\n%s", at, clip(b))
			}
			if verb == "lacks" && has {
				t.Errorf("%s: found", at)
			}
		case "count":
			fields := strings.Fields(rest)
			if len(fields) < 3 {
				t.Fatalf("%s: want count PATH TEXT N", at)
			}
			path, want := fields[0], fields[len(fields)-1]
			text := unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(rest, path), want)))
			b := readBuilt(t, public, path, at)
			if got := strconv.Itoa(strings.Count(string(b), text)); got != want {
				t.Errorf("%s: found %s times", at, got)
			}
		case "json":
			fields := strings.SplitN(rest, " ", 3)
			if len(fields) != 3 {
				t.Fatalf("%s: want json PATH KEY VALUE", at)
			}
			b := readBuilt(t, public, fields[0], at)
			var doc any
			if err := jsonenc.Unmarshal(b, &doc); err != nil {
				t.Errorf("%s: %v", at, err)
				continue
			}
			got, err := lookup(doc, fields[1])
			if err != nil {
				t.Errorf("%s: %v", at, err)
				continue
			}
			gotJSON, _ := jsonenc.Marshal(got)
			var want any
			if err := jsonenc.Unmarshal([]byte(fields[2]), &want); err != nil {
				t.Fatalf("%s: the expected value is not JSON: %v", at, err)
			}
			wantJSON, _ := jsonenc.Marshal(want)
			if string(gotJSON) != string(wantJSON) {
				t.Errorf("%s: got %s", at, gotJSON)
			}
		default:
			t.Fatalf("%s: unknown assertion %q", at, verb)
		}
	}
}

// readBuilt reads a built file. Pages (.html) are minified (minifyHTML),
// so that assertions are written in one compact form (class=x, no quotes
// where none are needed), whatever the layouts' spacing.
func readBuilt(t *testing.T, public, path, at string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(public, path))
	if err != nil {
		t.Errorf("%s: %v", at, err)
	}
	if strings.HasSuffix(path, ".html") && err == nil {
		if m, err := minifyHTML(b); err == nil {
			b = m
		}
	}
	return b
}

// unquote allows assertions on text with leading or trailing spaces.
func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// lookup follows a dotted path such as latest.status or series.0.value.
func lookup(doc any, path string) (any, error) {
	cur := doc
	for _, key := range strings.Split(path, ".") {
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[key]
			if !ok {
				return nil, fmt.Errorf("no key %q in %s", key, path)
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(v) {
				return nil, fmt.Errorf("no index %q in %s", key, path)
			}
			cur = v[i]
		default:
			return nil, fmt.Errorf("cannot look up %q in %s", key, path)
		}
	}
	return cur, nil
}

func clip(b []byte) string {
	if len(b) > 2000 {
		return string(b[:2000]) + "..."
	}
	return string(b)
}

// minifyHTML minifies a page with tdewolff/minify's HTML minifier and the
// same minifiers for the CSS, JavaScript, JSON and SVG inside.
func minifyHTML(b []byte) ([]byte, error) {
	m := minify.New()
	m.Add("text/css", &css.Minifier{})
	m.AddRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), &js.Minifier{Version: 2022})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-|(ld|manifest)\+)?json$`), &json.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{KeepNamespaces: []string{"", "x-bind"}})
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepSpecialComments: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	var out bytes.Buffer
	err := m.Minify("text/html", &out, bytes.NewReader(b))
	return out.Bytes(), err
}

// writeFileAll writes b to path, making its folders.
func writeFileAll(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
