package build

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMeasureListAsTheLayout: the lists of measures perfsite writes
// (render/measurelist.go) are the bytes _partials/measure-list.html
// writes, which a site's own layouts may still call: a site whose home
// and quarter layouts write both is built, and every list compared, on
// text full of HTML and script and a title with a "+", under a base URL
// in a folder.
func TestMeasureListAsTheLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo")
	}
	files := readTxtar(t, "testdata/security/payloads.txtar")
	files["data/measures.toml"] = strings.Replace(files["data/measures.toml"], `title = "Children in care `, `title = "Children in care (aged 16+) `, 1)
	if !strings.Contains(files["data/measures.toml"], "16+") {
		t.Fatal("the payload site has changed: no title to put a + in")
	}
	both := `<div id="partial">{{ partial "measure-list.html" LIST }}</div><div id="perfsite">{{ partial "generated-file.html" FILE }}</div>`
	files["layouts/home.html"] = `{{ define "main" }}{{ range .Params.services }}` +
		strings.NewReplacer("LIST", ".measures", "FILE", ".measures_file").Replace(both) + `{{ end }}{{ end }}`
	files["layouts/quarter.html"] = `{{ define "main" }}` +
		strings.NewReplacer("LIST", ".Params.rows", "FILE", ".Params.rows_file").Replace(both) + `{{ end }}`
	dest := filepath.Join(t.TempDir(), "public")
	if res, err := Build(Options{Source: writeSite(t, files), Dest: dest, BaseURL: "https://example.org/council/performance/"}); err != nil {
		t.Fatalf("build: %v\n%v", err, printed(res.Problems, -1))
	}
	pair := regexp.MustCompile(`(?s)<div id="partial">(.*?)</div><div id="perfsite">(.*?)</div>`)
	lists, plus := 0, false
	for _, page := range []string{"index.html", "quarters/2023-24-q2/index.html", "quarters/2023-24-q1/index.html"} {
		b := []byte(readFile(t, dest, page))
		for _, m := range pair.FindAllSubmatch(b, -1) {
			lists++
			plus = plus || bytes.Contains(m[1], []byte("16&#43;"))
			if !bytes.Equal(m[1], m[2]) {
				t.Errorf("%s: the list perfsite wrote differs from measure-list.html's%s", page, firstDiff(m[1], m[2]))
			}
		}
	}
	if lists < 3 || !plus {
		t.Errorf("compared %d lists (the + in a title: %v): the test site has changed", lists, plus)
	}
}

// A site with its own measure-list.html, or status.html, which the lists
// use, sees it on every list page: perfsite's own lists give way to it.
func TestOwnMeasureListIsUsed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo")
	}
	for _, partial := range []string{"measure-list.html", "status.html"} {
		t.Run(partial, func(t *testing.T) {
			files := readTxtar(t, "testdata/security/payloads.txtar")
			def, err := os.ReadFile(filepath.Join("..", "..", "layouts", "_partials", partial))
			if err != nil {
				t.Fatal(err)
			}
			marker := `<i class="own-` + strings.TrimSuffix(partial, ".html") + `"></i>` // html/template drops comments
			// Inside each item of a list, where either partial writes.
			own := strings.Replace(string(def), `<li class="measure-item">`, `<li class="measure-item">`+marker, 1)
			if partial == "status.html" {
				own = marker + string(def)
			}
			if own == string(def) {
				t.Fatalf("%s has changed: no place for the marker", partial)
			}
			files["layouts/_partials/"+partial] = own
			dest := filepath.Join(t.TempDir(), "public")
			if res, err := Build(Options{Source: writeSite(t, files), Dest: dest}); err != nil {
				t.Fatalf("build: %v\n%v", err, printed(res.Problems, -1))
			}
			for _, page := range []string{"index.html", "measures/index.html", "services/children/index.html", "quarters/2023-24-q2/index.html"} {
				b := []byte(readFile(t, dest, page))
				// In the lists: the counts use status.html as well.
				lists := measureLists.FindAll(b, -1)
				if len(lists) == 0 || !bytes.Contains(bytes.Join(lists, nil), []byte(marker)) {
					t.Errorf("%s: the site's own %s is not used in its %d lists", page, partial, len(lists))
				}
			}
		})
	}
}

var measureLists = regexp.MustCompile(`(?s)<ul class="measure-list">.*?</ul>`)
