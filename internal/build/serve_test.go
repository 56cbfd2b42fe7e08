package build

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// startServe runs the preview of dir on a free port until the test ends,
// and returns its address ("http://127.0.0.1:PORT").
func startServe(t *testing.T, dir string, log io.Writer) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ServeOn(ctx, Options{Source: dir, Log: log}, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("ServeOn: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("the preview did not stop")
		}
	})
	base := "http://" + ln.Addr().String()
	waitFor(t, base+"/", func(int, string) bool { return true }, "the preview to start")
	return base
}

// get fetches url: its status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitFor fetches url until want says its status and body are what is
// wanted, for up to half a minute, and returns the body.
func waitFor(t *testing.T, url string, want func(status int, body string) bool, what string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			last = string(b)
			if want(resp.StatusCode, last) {
				return last
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waiting for %s at %s; last:\n%s", what, url, clip([]byte(last)))
	return ""
}

const measurePage = "/measures/in-care/"

func isSite(status int, page string) bool {
	return status == http.StatusOK && strings.Contains(page, "56.2") && !strings.Contains(page, "The site cannot be built")
}

func isError(status int, page string) bool {
	return status == http.StatusInternalServerError && strings.Contains(page, "The site cannot be built")
}

// The preview serves the site, then the error page on every page when a
// CSV file breaks, with the file, line and hint, then the site again when
// it is fixed, and says so in its log.
func TestServeShowsErrorsAndRecovers(t *testing.T) {
	dir := serveSite(t)
	var log syncBuffer
	base := startServe(t, dir, &log)
	waitFor(t, base+measurePage, isSite, "the site")

	editCSV(t, dir, goodRow, brokenRow)
	page := waitFor(t, base+measurePage, isError, "the error page")
	for _, want := range []string{quarter, "Error on line 3, column 9", "56.2%", "Hint:", reloadPath} {
		if !strings.Contains(page, want) {
			t.Errorf("the error page lacks %q:\n%s", want, page)
		}
	}
	waitFor(t, base+"/", isError, "the error page at the home page")
	if !strings.Contains(log.String(), "Error on line 3, column 9") {
		t.Errorf("the log does not report the error:\n%s", log.String())
	}

	editCSV(t, dir, brokenRow, goodRow)
	waitFor(t, base+measurePage, isSite, "the site again")
	waitFor(t, base+"/", func(status int, page string) bool { return status == http.StatusOK }, "the home page again")
	waitForLog(t, &log, "the errors are fixed")
}

// A preview that starts with an error shows it, and recovers.
func TestServeStartsBroken(t *testing.T) {
	dir := serveSite(t)
	editCSV(t, dir, goodRow, brokenRow)
	base := startServe(t, dir, io.Discard)
	waitFor(t, base+measurePage, isError, "the error page")
	editCSV(t, dir, brokenRow, goodRow)
	waitFor(t, base+measurePage, isSite, "the site")
}

// The preview is the build: every file of a build with the preview's
// address as its base URL is served by the preview with the same bytes
// (a page with the live reload's script added before </body>), and the
// preview serves nothing the build does not have.
func TestPreviewIsTheBuild(t *testing.T) {
	for _, site := range []string{"basic", "links"} {
		t.Run(site, func(t *testing.T) {
			dir := writeSite(t, readTxtar(t, "testdata/sites/"+site+".txtar"))
			base := startServe(t, dir, io.Discard)
			dest := t.TempDir()
			if _, err := Build(Options{Source: dir, Dest: dest, BaseURL: base + "/"}); err != nil {
				t.Fatal(err)
			}
			script := []byte(`<script src="` + reloadPath + `"></script>` + "\n")
			n := 0
			err := filepath.WalkDir(dest, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dest, path)
				rel = filepath.ToSlash(rel)
				if rel == ".perfsite-built" {
					return nil // publish's mark on the folder, not a file of the site
				}
				want, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				url := base + "/" + strings.TrimSuffix(rel, "index.html")
				status, got := get(t, url)
				if rel == "404.html" {
					status = http.StatusOK // served for any missing address, with 404
				}
				if strings.HasSuffix(rel, ".html") {
					got = strings.Replace(got, string(script), "", 1)
				}
				if status != http.StatusOK || got != string(want) {
					t.Errorf("%s: the preview serves %d and %d bytes, the build has %d bytes", rel, status, len(got), len(want))
				}
				n++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if n < 50 {
				t.Fatalf("only %d files compared", n)
			}
			if status, _ := get(t, base+"/measures/no-such-measure/"); status != http.StatusNotFound {
				t.Errorf("a missing page is %d, want 404", status)
			}
		})
	}
}

// Folders made while the preview runs are watched: a new layouts/
// folder's layout shows at once, and so does a quarter file in a
// data/quarters folder deleted and made again (as git checkout and unzip
// do).
func TestServeWatchesNewFolders(t *testing.T) {
	dir := serveSite(t)
	base := startServe(t, dir, io.Discard)
	waitFor(t, base+measurePage, isSite, "the site")

	footer := "{{- /* own */ -}}\n<footer class=\"site-footer\"><p>Our own footer</p></footer>\n"
	if err := os.MkdirAll(filepath.Join(dir, "layouts", "_partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "_partials", "footer.html"), []byte(footer), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base+measurePage, func(s int, p string) bool { return strings.Contains(p, "Our own footer") }, "the new footer")

	quarters := filepath.Join(dir, "data", "quarters")
	saved := t.TempDir()
	if err := os.Rename(quarters, filepath.Join(saved, "quarters")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base+measurePage, func(s int, p string) bool { return !strings.Contains(p, "56.2") }, "the site without figures")
	if err := os.Rename(filepath.Join(saved, "quarters"), quarters); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base+measurePage, isSite, "the figures again")
	editCSV(t, dir, goodRow, "in-care,57.9,,,,")
	waitFor(t, base+measurePage, func(s int, p string) bool { return strings.Contains(p, "57.9") }, "an edit in the folder made again")
}

// However fast the files change, errors and all, the preview shows the
// last of them within a second of the last change.
func TestServeKeepsUpWithFastChanges(t *testing.T) {
	dir := serveSite(t)
	base := startServe(t, dir, io.Discard)
	waitFor(t, base+measurePage, isSite, "the site")
	value := "56.2"
	for i := range 40 { // 20 changes a second for two seconds, every third an error
		next := "5" + string(rune('0'+i%10)) + "." + string(rune('0'+i/10))
		if i%3 == 1 {
			next += "%" // not a number in a rate
		}
		editCSV(t, dir, "in-care,"+value+",", "in-care,"+next+",")
		value = next
		time.Sleep(50 * time.Millisecond)
	}
	editCSV(t, dir, "in-care,"+value+",", "in-care,59.9,")
	value = "59.9"
	start := time.Now()
	waitFor(t, base+measurePage, func(s int, p string) bool { return s == http.StatusOK && strings.Contains(p, value) }, "the last figure")
	if took := time.Since(start); took > time.Second {
		t.Errorf("the last figure showed %s after the last change, want under a second", took)
	}
}

// A page open in a browser is told to reload after a change, and what it
// then fetches is the new figure: never the page from before.
func TestServeTellsPagesToReload(t *testing.T) {
	dir := serveSite(t)
	base := startServe(t, dir, io.Discard)
	resp, err := http.Get(base + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	first := readEvent(t, events)
	for i, value := range []string{"57.1", "58.3", "59.4"} {
		old := goodRow
		if i > 0 {
			old = "in-care," + []string{"57.1", "58.3"}[i-1] + ",,,,"
		}
		editCSV(t, dir, old, "in-care,"+value+",,,,")
		gen := readEvent(t, events)
		if gen == first {
			t.Fatalf("edit %d: the version did not change", i)
		}
		first = gen
		if _, page := get(t, base+measurePage); !strings.Contains(page, value) {
			t.Errorf("edit %d: after the reload message the page lacks %s", i, value)
		}
	}
}

func readEvent(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	got := make(chan string, 1)
	go func() {
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				got <- ""
				return
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				got <- strings.TrimSpace(data)
				return
			}
		}
	}()
	select {
	case s := <-got:
		if s == "" {
			t.Fatal("the event stream ended")
		}
		return s
	case <-time.After(10 * time.Second):
		t.Fatal("no reload message")
	}
	return ""
}

// A port in use is one line that says what to do.
func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = Serve(Options{Source: serveSite(t)}, ln.Addr().(*net.TCPAddr).Port)
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "--port") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("got %v, want one line about the port in use and --port", err)
	}
}

func waitForLog(t *testing.T, log *syncBuffer, want string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("the log does not say %q:\n%s", want, log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// syncBuffer is a log that the preview writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
