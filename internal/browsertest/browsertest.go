// Package browsertest drives headless Chromium from Go tests over the
// DevTools protocol on a pipe (--remote-debugging-pipe: JSON messages
// ending in a NUL byte), with no dependency beyond the standard library.
// It is used by the tests that check the site's scripts in a real browser
// (internal/chart/browser, internal/render/browser), and its Missing by
// internal/quality; nothing else imports it.
package browsertest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// CSP is a strict policy, as a site should be served with: no inline
// script, no inline style attributes, no other origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"

// Find returns the path of a Chromium, or "" when there is none.
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Missing stops t because something it needs, what, is not installed: it
// skips t on a developer's machine, where the browser tests are optional,
// and fails it in CI (CI set, as .ci/run sets it after installing Chromium
// and node_modules), lest the tests pass there without running.
func Missing(t testing.TB, what string) {
	t.Helper()
	failInCI(t, what)
	t.Skipf("this test needs %s", what)
}

// Without says that t goes on without what, which is not installed and
// which it can do without on a developer's machine (it tests less); in CI
// it fails t, as Missing does.
func Without(t testing.TB, what string) {
	t.Helper()
	failInCI(t, what)
	t.Logf("%s is missing: going on without it", what)
}

func failInCI(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("this test needs %s; .ci/run installs it", what)
	}
}

// Chromium returns the path of a Chromium (Find), or calls Missing.
func Chromium(t testing.TB) string {
	t.Helper()
	p := Find()
	if p == "" {
		Missing(t, "Chromium")
	}
	return p
}

// NodeModules calls Missing unless each of pkgs is installed in the
// node_modules folder of root, the repository (npm ci).
func NodeModules(t testing.TB, root string, pkgs ...string) {
	t.Helper()
	for _, p := range pkgs {
		if _, err := os.Stat(filepath.Join(root, "node_modules", p, "package.json")); err != nil {
			Missing(t, "node_modules/"+p+" (run npm ci)")
		}
	}
}

// Serve serves the folder dir with the strict CSP, until the test ends.
func Serve(t testing.TB, dir string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", CSP)
		http.FileServer(http.Dir(dir)).ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Browser is a headless Chromium.
type Browser struct {
	t       testing.TB
	cmd     *exec.Cmd
	w       *os.File
	mu      sync.Mutex
	id      int
	replies map[int]chan map[string]any
	events  map[string]func(method string, params map[string]any) // by session
}

// Start runs the Chromium at path. Close it when done.
func Start(t testing.TB, path string) *Browser {
	// Chrome reads commands from fd 3 and writes to fd 4.
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--remote-debugging-pipe", "--user-data-dir="+t.TempDir(), "--no-first-run", "about:blank")
	cmd.ExtraFiles = []*os.File{cmdR, outW}
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmdR.Close()
	outW.Close()
	b := &Browser{t: t, cmd: cmd, w: cmdW, replies: map[int]chan map[string]any{}, events: map[string]func(string, map[string]any){}}
	go b.read(outR)
	return b
}

func (b *Browser) read(r *os.File) {
	br := bufio.NewReader(r)
	for {
		msg, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m map[string]any
		if json.Unmarshal(bytes.TrimSuffix(msg, []byte{0}), &m) != nil {
			continue
		}
		b.mu.Lock()
		if id, ok := m["id"].(float64); ok {
			if ch := b.replies[int(id)]; ch != nil {
				ch <- m
				delete(b.replies, int(id))
			}
		} else if method, ok := m["method"].(string); ok {
			session, _ := m["sessionId"].(string)
			params, _ := m["params"].(map[string]any)
			if f := b.events[session]; f != nil {
				f(method, params)
			}
		}
		b.mu.Unlock()
	}
}

// Send sends one DevTools command, to a tab's session or (session "") to
// the browser, and returns its result; an error fails the test.
func (b *Browser) Send(session, method string, params map[string]any) map[string]any {
	b.t.Helper()
	b.mu.Lock()
	b.id++
	id := b.id
	ch := make(chan map[string]any, 1)
	b.replies[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method, "params": params}
	if session != "" {
		msg["sessionId"] = session
	}
	data, _ := json.Marshal(msg)
	if _, err := b.w.Write(append(data, 0)); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
	select {
	case m := <-ch:
		if e, ok := m["error"]; ok {
			b.t.Fatalf("%s: %v", method, e)
		}
		res, _ := m["result"].(map[string]any)
		return res
	case <-time.After(20 * time.Second):
		b.t.Fatalf("%s: no answer from the browser", method)
	}
	return nil
}

// Close stops the browser: it asks it to close, so that it stops writing
// to its profile folder (a t.TempDir), then kills what is left of it.
func (b *Browser) Close() {
	msg, _ := json.Marshal(map[string]any{"id": -1, "method": "Browser.close"})
	b.w.Write(append(msg, 0))
	done := make(chan struct{})
	go func() { b.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	killGroup(b.cmd)
	<-done
	b.w.Close()
}

// Tab is one page, with what it requested and the errors it logged.
type Tab struct {
	b       *Browser
	t       testing.TB
	session string
	mu      sync.Mutex
	reqs    []string
	errors  []string
	loaded  chan struct{}
}

// NewTab opens a tab with a viewport of width by height CSS pixels (a
// phone below 600), with JavaScript on or off.
func (b *Browser) NewTab(t testing.TB, width, height int, js bool) *Tab {
	target := b.Send("", "Target.createTarget", map[string]any{"url": "about:blank"})
	att := b.Send("", "Target.attachToTarget", map[string]any{"targetId": target["targetId"], "flatten": true})
	tb := &Tab{b: b, t: t, session: att["sessionId"].(string), loaded: make(chan struct{}, 8)}
	b.mu.Lock()
	b.events[tb.session] = tb.event
	b.mu.Unlock()
	for _, d := range []string{"Page.enable", "Network.enable", "Runtime.enable", "Log.enable"} {
		tb.Call(d, nil)
	}
	tb.Call("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
	if !js {
		tb.Call("Emulation.setScriptExecutionDisabled", map[string]any{"value": true})
	}
	return tb
}

func (tb *Tab) event(method string, p map[string]any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch method {
	case "Network.requestWillBeSent":
		if r, ok := p["request"].(map[string]any); ok {
			tb.reqs = append(tb.reqs, fmt.Sprint(r["url"]))
		}
	case "Page.loadEventFired":
		select {
		case tb.loaded <- struct{}{}:
		default:
		}
	case "Runtime.exceptionThrown":
		tb.errors = append(tb.errors, fmt.Sprint(p["exceptionDetails"]))
	case "Log.entryAdded":
		e, _ := p["entry"].(map[string]any)
		if url, _ := e["url"].(string); strings.HasSuffix(url, "/favicon.ico") {
			break // the browser asks for it by itself
		}
		if e["level"] == "error" || e["level"] == "warning" {
			tb.errors = append(tb.errors, fmt.Sprint(e["text"], " ", e["url"]))
		}
	case "Runtime.consoleAPICalled":
		if p["type"] == "error" || p["type"] == "warning" {
			tb.errors = append(tb.errors, fmt.Sprint(p["args"]))
		}
	}
}

// Call sends a DevTools command to the tab.
func (tb *Tab) Call(method string, params map[string]any) map[string]any {
	tb.t.Helper()
	return tb.b.Send(tb.session, method, params)
}

// Navigate loads url and waits for its load event.
func (tb *Tab) Navigate(url string) {
	tb.t.Helper()
	for len(tb.loaded) > 0 { // forget earlier loads
		<-tb.loaded
	}
	tb.Call("Page.navigate", map[string]any{"url": url})
	tb.WaitLoad(url)
}

// WaitLoad waits for the next load event, such as after a form is
// submitted; what names the page in the failure.
func (tb *Tab) WaitLoad(what string) {
	tb.t.Helper()
	select {
	case <-tb.loaded:
	case <-time.After(20 * time.Second):
		tb.t.Fatalf("%s did not load", what)
	}
	time.Sleep(300 * time.Millisecond) // let deferred scripts and observers run
}

// Eval runs JavaScript in the page (DevTools can, even with the page's
// scripts disabled) and returns its value.
func (tb *Tab) Eval(expr string) any {
	tb.t.Helper()
	res := tb.Call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
	if ex, ok := res["exceptionDetails"]; ok {
		tb.t.Fatalf("%s: %v", expr, ex)
	}
	r, _ := res["result"].(map[string]any)
	return r["value"]
}

// WaitFor waits until the JavaScript expression is true.
func (tb *Tab) WaitFor(expr string) {
	tb.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if tb.Eval(expr) == true {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.t.Fatalf("timed out waiting for %s; errors: %v", expr, tb.Errors())
}

// URLs lists every address the tab requested.
func (tb *Tab) URLs() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.reqs...)
}

// Requested reports whether the tab requested an address containing part.
func (tb *Tab) Requested(part string) bool {
	for _, u := range tb.URLs() {
		if strings.Contains(u, part) {
			return true
		}
	}
	return false
}

// Errors lists the script errors, console errors and CSP reports so far.
func (tb *Tab) Errors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errors...)
}

// CheckOrigin fails if the page made any request to another origin.
func (tb *Tab) CheckOrigin(t testing.TB, origin string) {
	t.Helper()
	for _, u := range tb.URLs() {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request to another origin: %s", u)
		}
	}
}

// CheckNoErrors fails on script errors, console errors and CSP reports.
func (tb *Tab) CheckNoErrors(t testing.TB) {
	t.Helper()
	for _, e := range tb.Errors() {
		t.Errorf("browser reported: %s", e)
	}
}
