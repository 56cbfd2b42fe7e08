package browser

import (
	"bufio"
	"bytes"
	"encoding/base64"
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

	"github.com/perfsite/perfsite/internal/build"
)

// csp is a strict policy: no inline script, no inline style attributes, no
// other origin.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func TestChartsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site and runs a browser")
	}
	root, _ := filepath.Abs("../../..")
	if _, err := os.Stat(filepath.Join(root, "node_modules", "echarts", "package.json")); err != nil {
		t.Skip("node_modules/echarts is missing: run npm ci to test the interactive charts")
	}
	chromium := findChromium()
	if chromium == "" {
		t.Skip("no Chromium")
	}

	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		http.FileServer(http.Dir(dest)).ServeHTTP(w, r)
	}))
	defer srv.Close()
	page := srv.URL + "/measures/care-leavers-eet/"

	b := startBrowser(t, chromium)
	defer b.close()

	t.Run("javascript", func(t *testing.T) {
		tab := b.newTab(t, 375, 800, true)
		tab.navigate(page)
		// The chart is below the fold of a phone: ECharts is not loaded yet.
		if tab.requested("/js/chart.") {
			t.Errorf("the ECharts bundle was loaded before the chart came into view: %v", tab.urls())
		}
		if !tab.requested("/js/chart-loader.") {
			t.Errorf("the chart loader was not loaded: %v", tab.urls())
		}
		tab.eval(`document.querySelector('figure.chart').scrollIntoView()`)
		tab.waitFor(`document.querySelector('figure.chart').getAttribute('data-chart-state') === 'live'`)
		if !tab.requested("/js/chart.") {
			t.Errorf("the ECharts bundle was not loaded: %v", tab.urls())
		}
		if v := tab.eval(`getComputedStyle(document.querySelector('.chart-frame')).visibility`); v != "hidden" {
			t.Errorf("the SVG is %v once the interactive chart has drawn", v)
		}
		if v := tab.eval(`document.querySelector('.chart-live svg') !== null`); v != true {
			t.Error("ECharts drew no SVG")
		}
		// Hover the newest figure: the tooltip gives the exact figure and period.
		xy := tab.eval(`(function () {
			var fig = document.querySelector('figure.chart');
			var c = fig.perfsiteChart, o = c.getOption();
			var last = o.xAxis[0].data.length - 1;
			var p = c.convertToPixel({seriesIndex: 0}, [last, o.series[0].data[last].value]);
			var r = fig.querySelector('.chart-live').getBoundingClientRect();
			return [r.left + p[0], r.top + p[1]];
		})()`).([]any)
		tab.call("Input.dispatchMouseEvent", map[string]any{"type": "mouseMoved", "x": xy[0], "y": xy[1]})
		tab.waitFor(`(document.querySelector('.chart-tip') || {}).innerText !== undefined && document.querySelector('.chart-tip').innerText.indexOf('94.9%') >= 0`)
		tip := tab.eval(`document.querySelector('.chart-tip').innerText`).(string)
		for _, want := range []string{"Q2 2023/24", "July to September 2023", "Actual: 94.9%", "National average: 89.6%"} {
			if !strings.Contains(tip, want) {
				t.Errorf("tooltip lacks %q: %q", want, tip)
			}
		}
		tab.shot("js-375-tooltip")
		tab.checkOrigin(t, srv.URL)
		tab.checkNoErrors(t)
	})

	t.Run("wide and dark", func(t *testing.T) {
		tab := b.newTab(t, 1280, 900, true)
		tab.call("Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": "dark"}}})
		tab.navigate(page)
		tab.eval(`document.querySelector('figure.chart').scrollIntoView()`)
		tab.waitFor(`document.querySelector('figure.chart').getAttribute('data-chart-state') === 'live'`)
		// The interactive chart takes its colours from the page.
		got := tab.eval(`(function () {
			var o = document.querySelector('figure.chart').perfsiteChart.getOption();
			return o.series[0].lineStyle.color + ' ' + getComputedStyle(document.body).getPropertyValue('--chart-actual').trim();
		})()`).(string)
		if f := strings.Fields(got); len(f) != 2 || f[0] != f[1] || f[0] != "#8cc2ff" {
			t.Errorf("dark mode: actual line colour and --chart-actual: %s", got)
		}
		time.Sleep(200 * time.Millisecond)
		tab.shot("js-1280-dark")
		tab.checkOrigin(t, srv.URL)
		tab.checkNoErrors(t)
	})

	t.Run("no javascript", func(t *testing.T) {
		tab := b.newTab(t, 375, 800, false)
		tab.navigate(page)
		tab.eval(`document.querySelector('figure.chart').scrollIntoView()`)
		time.Sleep(500 * time.Millisecond)
		if tab.requested("/js/chart.") {
			t.Errorf("the ECharts bundle was loaded with JavaScript off: %v", tab.urls())
		}
		box := tab.eval(`(function () {
			var svg = document.querySelector('figure.chart .chart-svg');
			var r = svg.getBoundingClientRect();
			return [r.width, r.height, getComputedStyle(svg.parentNode).visibility, svg.getAttribute('role'),
				document.querySelector('figure.chart').classList.contains('is-live')];
		})()`).([]any)
		if box[0].(float64) < 200 || box[1].(float64) < 200 || box[2] != "visible" || box[3] != "img" || box[4] != false {
			t.Errorf("the SVG chart is not shown: %v", box)
		}
		tab.shot("nojs-375")
		tab.checkOrigin(t, srv.URL)
	})
}

// browser is headless Chromium driven over the DevTools protocol on a pipe
// (--remote-debugging-pipe: JSON messages ending in a NUL byte).
type browser struct {
	t       *testing.T
	cmd     *exec.Cmd
	w       *os.File
	mu      sync.Mutex
	id      int
	replies map[int]chan map[string]any
	events  map[string]func(method string, params map[string]any) // by session
}

func startBrowser(t *testing.T, path string) *browser {
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
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmdR.Close()
	outW.Close()
	b := &browser{t: t, cmd: cmd, w: cmdW, replies: map[int]chan map[string]any{}, events: map[string]func(string, map[string]any){}}
	go b.read(outR)
	return b
}

func (b *browser) read(r *os.File) {
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

func (b *browser) send(session, method string, params map[string]any) map[string]any {
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

func (b *browser) close() {
	b.w.Close()
	b.cmd.Process.Kill()
	b.cmd.Wait()
}

// tab is one page, with what it requested and the errors it logged.
type tab struct {
	b       *browser
	t       *testing.T
	session string
	mu      sync.Mutex
	reqs    []string
	errors  []string
	loaded  chan struct{}
}

func (b *browser) newTab(t *testing.T, width, height int, js bool) *tab {
	target := b.send("", "Target.createTarget", map[string]any{"url": "about:blank"})
	att := b.send("", "Target.attachToTarget", map[string]any{"targetId": target["targetId"], "flatten": true})
	tb := &tab{b: b, t: t, session: att["sessionId"].(string), loaded: make(chan struct{}, 8)}
	b.mu.Lock()
	b.events[tb.session] = tb.event
	b.mu.Unlock()
	for _, d := range []string{"Page.enable", "Network.enable", "Runtime.enable", "Log.enable"} {
		tb.call(d, nil)
	}
	tb.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
	if !js {
		tb.call("Emulation.setScriptExecutionDisabled", map[string]any{"value": true})
	}
	return tb
}

func (tb *tab) event(method string, p map[string]any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch method {
	case "Network.requestWillBeSent":
		if r, ok := p["request"].(map[string]any); ok {
			tb.reqs = append(tb.reqs, fmt.Sprint(r["url"]))
		}
	case "Page.loadEventFired":
		tb.loaded <- struct{}{}
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

func (tb *tab) call(method string, params map[string]any) map[string]any {
	tb.t.Helper()
	return tb.b.send(tb.session, method, params)
}

func (tb *tab) navigate(url string) {
	tb.t.Helper()
	tb.call("Page.navigate", map[string]any{"url": url})
	select {
	case <-tb.loaded:
	case <-time.After(20 * time.Second):
		tb.t.Fatalf("%s did not load", url)
	}
	time.Sleep(300 * time.Millisecond) // let deferred scripts and observers run
}

// eval runs JavaScript in the page (DevTools can, even with the page's
// scripts disabled) and returns its value.
func (tb *tab) eval(expr string) any {
	tb.t.Helper()
	res := tb.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true})
	if ex, ok := res["exceptionDetails"]; ok {
		tb.t.Fatalf("%s: %v", expr, ex)
	}
	r, _ := res["result"].(map[string]any)
	return r["value"]
}

// shot saves a screenshot of the chart into $PERFSITE_SCREENSHOTS, when
// set, to look at.
func (tb *tab) shot(name string) {
	dir := os.Getenv("PERFSITE_SCREENSHOTS")
	if dir == "" {
		return
	}
	r := tb.eval(`(function () { var r = document.querySelector('figure.chart').getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()`).([]any)
	res := tb.call("Page.captureScreenshot", map[string]any{"format": "png", "clip": map[string]any{
		"x": r[0], "y": r[1].(float64) - 10, "width": r[2], "height": r[3].(float64) + 90, "scale": 1}})
	data, _ := base64.StdEncoding.DecodeString(res["data"].(string))
	os.WriteFile(filepath.Join(dir, name+".png"), data, 0o644)
}

func (tb *tab) waitFor(expr string) {
	tb.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if tb.eval(expr) == true {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	tb.t.Fatalf("timed out waiting for %s; errors: %v", expr, tb.errors)
}

func (tb *tab) urls() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.reqs...)
}

func (tb *tab) requested(part string) bool {
	for _, u := range tb.urls() {
		if strings.Contains(u, part) {
			return true
		}
	}
	return false
}

// checkOrigin fails if the page made any request to another origin.
func (tb *tab) checkOrigin(t *testing.T, origin string) {
	t.Helper()
	for _, u := range tb.urls() {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request to another origin: %s", u)
		}
	}
}

// checkNoErrors fails on script errors, console errors and CSP reports.
func (tb *tab) checkNoErrors(t *testing.T) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, e := range tb.errors {
		t.Errorf("browser reported: %s", e)
	}
}
