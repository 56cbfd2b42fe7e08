package build

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// serveSite writes the basic test site into a new folder.
func serveSite(t *testing.T) string {
	t.Helper()
	return writeSite(t, readTxtar(t, "testdata/sites/basic.txtar"))
}

const (
	goodRow   = "in-care,56.2,,,,"
	brokenRow = "in-care,56.2%,,,,"
	quarter   = "data/quarters/2023-24-q2.csv"
)

// editCSV replaces old with new in the site's quarter file.
func editCSV(t *testing.T, dir, old, new string) {
	t.Helper()
	path := filepath.Join(dir, quarter)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%q is not in %s", old, quarter)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// generatedPage reads a generated page's front matter.
func generatedPage(t *testing.T, pv *preview, rel string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pv.hs.ContentDir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	var fm map[string]any
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&fm); err != nil {
		t.Fatal(err)
	}
	return fm
}

// The regeneration the preview runs on every change, without Hugo: an
// error in the data turns every page into the error page, at its own
// address; fixing it brings the site back.
func TestPreviewErrorPageAndRecovery(t *testing.T) {
	dir := serveSite(t)
	var log bytes.Buffer
	pv, err := startPreview(Options{Source: dir, Log: &log}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	filepath.WalkDir(pv.hs.ContentDir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(pv.hs.ContentDir, path)
			pages[filepath.ToSlash(rel)] = generatedPage(t, pv, filepath.ToSlash(rel))["url"].(string)
		}
		return nil
	})
	if len(pages) < 10 {
		t.Fatalf("only %d generated pages", len(pages))
	}
	if fm := generatedPage(t, pv, "_index.md"); fm["layout"] == errorLayout {
		t.Fatal("the good site starts with the error page")
	}

	editCSV(t, dir, goodRow, brokenRow)
	if err := pv.regenerate(); err != nil {
		t.Fatal(err)
	}
	if !pv.broken {
		t.Fatal("the preview does not know it is broken")
	}
	for rel, url := range pages {
		fm := generatedPage(t, pv, rel)
		if fm["layout"] != errorLayout || fm["url"] != url {
			t.Errorf("%s: layout %v url %v, want the error page at %s", rel, fm["layout"], fm["url"], url)
		}
	}
	home := generatedPage(t, pv, "_index.md")["params"].(map[string]any)["perfsite_error"].(string)
	for _, want := range []string{quarter, "Error on line 3, column 9", `the value &#34;56.2%&#34; has a % sign`, "<mark>56.2%</mark>", "Hint:", "1 error in 1 file"} {
		if !strings.Contains(home, want) {
			t.Errorf("the error page lacks %q:\n%s", want, home)
		}
	}
	if !strings.Contains(log.String(), "Error on line 3, column 9") || !strings.Contains(log.String(), "the preview shows these errors") {
		t.Errorf("the log does not report the error:\n%s", log.String())
	}

	editCSV(t, dir, brokenRow, goodRow)
	if err := pv.regenerate(); err != nil {
		t.Fatal(err)
	}
	for rel, url := range pages {
		fm := generatedPage(t, pv, rel)
		if fm["layout"] == errorLayout || fm["url"] != url {
			t.Errorf("%s: still the error page after the fix", rel)
		}
	}
	if !strings.Contains(log.String(), "the errors are fixed") {
		t.Errorf("the log does not say the errors are fixed:\n%s", log.String())
	}
}

// A preview that starts with an error shows it, and recovers.
func TestPreviewStartsBroken(t *testing.T) {
	dir := serveSite(t)
	editCSV(t, dir, goodRow, brokenRow)
	pv, err := startPreview(Options{Source: dir}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if fm := generatedPage(t, pv, "_index.md"); fm["layout"] != errorLayout {
		t.Fatalf("home is %v, want the error page", fm["layout"])
	}
	editCSV(t, dir, brokenRow, goodRow)
	if err := pv.regenerate(); err != nil {
		t.Fatal(err)
	}
	if fm := generatedPage(t, pv, "measures/eet.md"); fm["layout"] == errorLayout {
		t.Fatal("the measure page is the error page after the fix")
	}
}

// The real preview server: Hugo serves the site, then the error page when
// a CSV file breaks, then the site again when it is fixed. Hugo's server
// stops on a request to /__stop when HUGO_TESTRUN is set.
func TestServeShowsErrorsAndRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo's server")
	}
	t.Setenv("HUGO_TESTRUN", "1")
	dir := serveSite(t)
	port := freePort(t)
	done := make(chan error, 1)
	go func() { done <- Serve(Options{Source: dir, Log: io.Discard}, port) }()
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	defer func() {
		if resp, err := http.Get(base + "/__stop"); err == nil {
			resp.Body.Close()
		}
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("the server did not stop")
		}
	}()

	const measure = "/measures/in-care/"
	isSite := func(page string) bool {
		return strings.Contains(page, "56.2") && !strings.Contains(page, "The site cannot be built")
	}
	isError := func(page string) bool { return strings.Contains(page, "The site cannot be built") }
	waitFor(t, done, base+measure, isSite, "the site")
	editCSV(t, dir, goodRow, brokenRow)
	page := waitFor(t, done, base+measure, isError, "the error page")
	for _, want := range []string{quarter, "Error on line 3, column 9", "56.2%", "Hint:"} {
		if !strings.Contains(page, want) {
			t.Errorf("the error page lacks %q:\n%s", want, page)
		}
	}
	waitFor(t, done, base+"/", isError, "the error page at the home page")
	editCSV(t, dir, brokenRow, goodRow)
	waitFor(t, done, base+measure, isSite, "the site again")
	waitFor(t, done, base+"/", func(page string) bool { return !isError(page) }, "the home page again")
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitFor fetches url until its body is what is wanted, for up to a minute.
func waitFor(t *testing.T, done chan error, url string, want func(string) bool, what string) string {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	last := ""
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("waiting for %s: the server stopped: %v", what, err)
		default:
		}
		resp, err := http.Get(url)
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			last = string(b)
			if resp.StatusCode == http.StatusOK && want(last) {
				return last
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("waiting for %s at %s; last:\n%s", what, url, clip([]byte(last)))
	return ""
}
