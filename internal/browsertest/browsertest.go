// Package browsertest drives headless Chromium from Go tests, with chromedp
// (github.com/chromedp/chromedp): the tests that check the site's scripts
// in a real browser (internal/chart/browser, internal/render/browser) open
// tabs, load pages, run JavaScript and look at what each tab requested and
// logged. It also holds the rules for what such a test does when the
// browser or node_modules is missing (Missing, Without), which
// internal/quality and internal/build share. Only tests import it.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// CSP is a strict policy, as a site should be served with: no inline
// script, no inline style attributes, no other origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"

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

// ChromiumPath is the Chromium the tests use: Debian's /usr/bin/chromium,
// or the one PERFSITE_CHROMIUM names (as the quality suite does).
func ChromiumPath() string {
	if p := os.Getenv("PERFSITE_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Chromium returns ChromiumPath, or calls Missing when there is no such
// file.
func Chromium(t testing.TB) string {
	t.Helper()
	p := ChromiumPath()
	if _, err := os.Stat(p); err != nil {
		Missing(t, "Chromium at "+p)
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

// Browser is a headless Chromium, with a fresh profile that chromedp makes
// and removes.
type Browser struct {
	t           testing.TB
	ctx         context.Context // the browser's first tab, which holds it
	cancel      context.CancelFunc
	cancelAlloc context.CancelFunc
}

// Start runs the Chromium at path. Close it when done.
func Start(t testing.TB, path string) *Browser {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	b := &Browser{t: t, ctx: ctx, cancel: cancel, cancelAlloc: cancelAlloc}
	if err := chromedp.Do(ctx); err != nil { // start it
		b.Close()
		t.Fatalf("starting %s: %v", path, err)
	}
	return b
}

// Close stops the browser: it asks it to close, then waits for its
// processes to end and its profile to be removed.
func (b *Browser) Close() {
	chromedp.Cancel(b.ctx)
	b.cancel()
	b.cancelAlloc()
}

// Tab is one page, with what it requested and the errors it logged.
type Tab struct {
	t      testing.TB
	ctx    context.Context
	mu     sync.Mutex
	reqs   []string
	errors []string
	loaded chan struct{}
}

// NewTab opens a tab with a viewport of width by height CSS pixels (a
// phone below 600), with JavaScript on or off. It closes when t ends.
func (b *Browser) NewTab(t testing.TB, width, height int, js bool) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(func() { chromedp.Cancel(ctx); cancel() })
	tb := &Tab{t: t, ctx: ctx, loaded: make(chan struct{}, 8)}
	if err := chromedp.Listen(ctx, tb.event); err != nil {
		t.Fatal(err)
	}
	Call(tb, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(width), Height: int64(height), DeviceScaleFactor: 1, Mobile: width < 600})
	if !js {
		Call(tb, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	}
	return tb
}

// Call runs a DevTools command in the tab and returns its result; an
// error fails the test.
func Call[P, R any](tb *Tab, cmd cdp.Command[P, R], params P) R {
	tb.t.Helper()
	r, err := chromedp.Call(tb.ctx, cmd, params)
	if err != nil {
		tb.t.Fatalf("%s: %v", cmd.Method, err)
	}
	return r
}

// CallBrowser runs a DevTools command of the browser (such as
// Browser.setPermission) and returns its result; an error fails the test.
func CallBrowser[P, R any](tb *Tab, cmd cdp.Command[P, R], params P) R {
	tb.t.Helper()
	r, err := chromedp.CallBrowser(tb.ctx, cmd, params)
	if err != nil {
		tb.t.Fatalf("%s: %v", cmd.Method, err)
	}
	return r
}

// event records what the tab requested and the errors it logged. chromedp
// calls it on the goroutine that reads the browser's messages, so it only
// records.
func (tb *Tab) event(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		tb.reqs = append(tb.reqs, e.Request.URL)
	case *page.EventLoadEventFired:
		select {
		case tb.loaded <- struct{}{}:
		default:
		}
	case *runtime.EventExceptionThrown:
		tb.errors = append(tb.errors, describeException(e.ExceptionDetails))
	case *log.EventEntryAdded:
		if strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
			break // the browser asks for it by itself
		}
		if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning {
			tb.errors = append(tb.errors, e.Entry.Text+" "+e.Entry.URL)
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning {
			var args []string
			for _, a := range e.Args {
				args = append(args, describeObject(a))
			}
			tb.errors = append(tb.errors, fmt.Sprintf("console.%s: %s", e.Type, strings.Join(args, " ")))
		}
	}
}

func describeException(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "an exception"
	}
	s := d.Text
	if d.Exception != nil {
		s += " " + describeObject(d.Exception)
	}
	return fmt.Sprintf("%s (%s:%d:%d)", s, d.URL, d.LineNumber+1, d.ColumnNumber+1)
}

func describeObject(o *runtime.RemoteObject) string {
	if o.Description != "" {
		return o.Description
	}
	return string(o.Value)
}

// Navigate loads url and waits for its load event.
func (tb *Tab) Navigate(url string) {
	tb.t.Helper()
	for len(tb.loaded) > 0 { // forget earlier loads
		<-tb.loaded
	}
	Call(tb, page.Navigate, page.NavigateParams{URL: url})
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
// scripts disabled) and returns its value, decoded from JSON: nil for
// undefined or null, float64, string, bool, []any or map[string]any.
func (tb *Tab) Eval(expr string) any {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[any](expr, chromedp.EvalAwaitPromise))
	if err != nil && !errors.Is(err, chromedp.ErrJSUndefined) && !errors.Is(err, chromedp.ErrJSNull) {
		tb.t.Fatalf("%s: %v", expr, err)
	}
	return v
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
