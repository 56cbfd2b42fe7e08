package build

import (
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/perfsite/perfsite/internal/livecheck"
)

// payloadMarkers are in every payload of testdata/security/payloads.txtar.
// Files that are not checked as markup or data (scripts, stylesheets,
// text) must not contain them at all.
var payloadMarkers = []string{"alert(", "msgbox(", "HYPERLINK", "cmd|"}

// TestNoPayloadIsLive builds a site whose every text holds script payloads
// and checks every built file with internal/livecheck: what "live" means
// depends on the kind of file (see its package comment). It also checks
// that every page carries the Content-Security-Policy <meta> before
// anything it governs, and that the payloads did reach the pages, as text,
// so that the test is not passing on pages that left them out.
func TestNoPayloadIsLive(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo")
	}
	dir := writeSite(t, readTxtar(t, "testdata/security/payloads.txtar"))
	// With the interactive charts: their option JSON in each page holds
	// the measure's title too.
	interactive := linkECharts(t, dir)
	dest := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: dir, Dest: dest})
	if err != nil {
		var probs []string
		if res != nil {
			probs = printed(res.Problems, -1)
		}
		t.Fatalf("build: %v\n%s", err, strings.Join(probs, "\n"))
	}
	checkNothingLive(t, dest, true)

	// The payloads are on the pages, shown as text.
	measure := pageText(t, dest, "measures/care-leavers-eet/index.html")
	for _, want := range []string{
		`Care leavers <script>alert('title')</script> in "work" '><img src=x onerror=alert('title-attr')> </script><!--`,
		`Up </script><script>alert('note')</script> <img src=x onerror=alert('note-img')> javascript:alert('note-js') ]]> <!--`,
		`<style>body{display:none}</style>alert('caveat')`,
	} {
		if !strings.Contains(measure, want) {
			t.Errorf("the measure page does not show %q as text", want)
		}
	}
	if home := pageText(t, dest, "index.html"); !strings.Contains(home, "Council <script>alert('site-title')</script> perfsiteshelljsonld performance") {
		t.Error("the home page does not show the site's title, with its token, as text")
	}
	if home := readFile(t, dest, "index.html"); !strings.Contains(home, "perfsiteshellmain&#34; http-equiv=&#34;refresh&#34;") {
		t.Error("the home page does not hold the description, with its token and meta refresh, escaped")
	}
	minutes := pageText(t, dest, "minutes/2023-09-12-cyp/index.html")
	for _, want := range []string{
		`<script>alert('minutes-html')</script>`,
		`<img src=x onerror="alert('minutes-img')">`,
		`<b onmouseover="alert('minutes-inline')">`,
		"link one", "link two", "link three", "link four", "link five", "link six",
	} {
		if !strings.Contains(minutes, want) {
			t.Errorf("the minutes page does not show %q as text", want)
		}
	}
	if page := readFile(t, dest, "measures/care-leavers-eet/index.html"); interactive && !strings.Contains(page, `class=chart-option`) && !strings.Contains(page, `class="chart-option"`) {
		t.Error("the measure page has no chart option JSON block: the payloads in it are not tested")
	}
	if b := readFile(t, dest, "minutes/2023-09-12-cyp/index.html"); !strings.Contains(b, `href=https://example.org/report.pdf`) && !strings.Contains(b, `href="https://example.org/report.pdf"`) {
		t.Error("the safe Markdown link is not a link")
	}

	// The downloads keep the data as written (JSON), or as a spreadsheet
	// shows it without running it (CSV: a leading ').
	var doc struct {
		Title  string `json:"title"`
		Series []struct {
			Note string `json:"note"`
		} `json:"series"`
	}
	if err := json.Unmarshal([]byte(readFile(t, dest, "measures/care-leavers-eet/index.json")), &doc); err != nil {
		t.Fatal(err)
	}
	if want := `Care leavers <script>alert('title')</script> in "work" '><img src=x onerror=alert('title-attr')> </script><!--`; doc.Title != want {
		t.Errorf("index.json title = %q, want %q", doc.Title, want)
	}
	if len(doc.Series) == 0 || doc.Series[0].Note != `=HYPERLINK("https://evil.example","note-formula")` {
		t.Errorf("index.json does not keep the note as written: %+v", doc.Series)
	}
	records, err := csv.NewReader(strings.NewReader(readFile(t, dest, "measures/care-leavers-eet/data.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, rec := range records {
		for _, cell := range rec {
			if cell == `'=HYPERLINK("https://evil.example","note-formula")` {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("data.csv does not hold the note as text: %q", records)
	}
}

// checkNothingLive checks every file under dest with internal/livecheck,
// that every HTML page has the Content-Security-Policy <meta> of
// layouts/_partials/csp.html before any script or stylesheet, and, when
// markers is set, that the payload markers appear in no file of another
// kind.
func checkNothingLive(t *testing.T, dest string, markers bool) {
	t.Helper()
	csp := metaPolicy(t)
	kinds := map[string]int{}
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ext := strings.ToLower(filepath.Ext(rel))
		kinds[ext]++
		for _, f := range livecheck.File(rel, b) {
			t.Errorf("%s: live: %s", rel, f)
		}
		switch ext {
		case ".html", ".htm":
			if msg := cspFirst(b, csp); msg != "" {
				t.Errorf("%s: %s", rel, msg)
			}
		case ".xml", ".svg", ".csv", ".json", ".webmanifest":
			// Checked by livecheck.
		case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff", ".woff2":
			// Images and fonts: text drawn into pixels is not live.
		default:
			if markers {
				for _, m := range payloadMarkers {
					if strings.Contains(string(b), m) {
						t.Errorf("%s: holds the payload marker %q, in a file not checked as markup or data", rel, m)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if kinds[".html"] == 0 {
		t.Fatalf("no HTML pages were built: %v", kinds)
	}
	t.Logf("checked files by kind: %v", kinds)
}

// cspFirst checks that a page has the Content-Security-Policy <meta> with
// the given policy, and that no script, stylesheet or other element that
// loads something comes before it (a policy in a <meta> only governs what
// follows it).
func cspFirst(b []byte, policy string) string {
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		return err.Error()
	}
	var msg string
	done := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if done {
			return
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "meta":
				if strings.EqualFold(attrOf(n, "http-equiv"), "Content-Security-Policy") {
					if got := attrOf(n, "content"); got != policy {
						msg = "the Content-Security-Policy <meta> is " + got + ", want " + policy
					}
					done = true
					return
				}
			case "script", "link", "style", "img", "iframe", "object", "embed":
				msg = "a <" + n.Data + "> comes before the Content-Security-Policy <meta>"
				done = true
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if !done {
		return "no Content-Security-Policy <meta>"
	}
	return msg
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pageText is the text of a built page as a reader sees it.
func pageText(t *testing.T, dir, rel string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(readFile(t, dir, rel)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode && (n.Parent == nil || n.Parent.Data != "script") {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}
