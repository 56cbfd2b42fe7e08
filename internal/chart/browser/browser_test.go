package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"

	"github.com/perfsite/perfsite/internal/browsertest"
	"github.com/perfsite/perfsite/internal/build"
)

func TestChartsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site and runs a browser")
	}
	root, _ := filepath.Abs("../../..")
	browsertest.NodeModules(t, root, "echarts")
	chromium := browsertest.Chromium(t)

	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: root, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, dest)
	page := srv.URL + "/measures/care-leavers-eet/"

	b := browsertest.Start(t, chromium)
	defer b.Close()

	t.Run("javascript", func(t *testing.T) {
		tab := b.NewTab(t, 375, 800, true)
		tab.Navigate(page)
		// The chart is below the fold of a phone: ECharts is not loaded yet.
		if tab.Requested("/js/chart.") {
			t.Errorf("the ECharts bundle was loaded before the chart came into view: %v", tab.URLs())
		}
		if !tab.Requested("/js/chart-loader.") {
			t.Errorf("the chart loader was not loaded: %v", tab.URLs())
		}
		tab.Eval(`document.querySelector('figure.chart').scrollIntoView()`)
		tab.WaitFor(`document.querySelector('figure.chart').getAttribute('data-chart-state') === 'live'`)
		if !tab.Requested("/js/chart.") {
			t.Errorf("the ECharts bundle was not loaded: %v", tab.URLs())
		}
		if v := tab.Eval(`getComputedStyle(document.querySelector('.chart-frame')).visibility`); v != "hidden" {
			t.Errorf("the SVG is %v once the interactive chart has drawn", v)
		}
		if v := tab.Eval(`document.querySelector('.chart-live svg') !== null`); v != true {
			t.Error("ECharts drew no SVG")
		}
		// Hover the newest figure: the tooltip gives the exact figure and period.
		hoverNewest(tab)
		tab.WaitFor(`(document.querySelector('.chart-tip') || {}).innerText !== undefined && document.querySelector('.chart-tip').innerText.indexOf('94.9%') >= 0`)
		tip := tab.Eval(`document.querySelector('.chart-tip').innerText`).(string)
		for _, want := range []string{"Q2 2023/24", "July to September 2023", "Actual: 94.9%", "National average: 89.6%"} {
			if !strings.Contains(tip, want) {
				t.Errorf("tooltip lacks %q: %q", want, tip)
			}
		}
		shot(tab, "js-375-tooltip")
		tab.CheckOrigin(t, srv.URL)
		tab.CheckNoErrors(t)
	})

	// A measure-per-quarter page draws its chart from its measure page's
	// option (measures/<id>/chart.json), cut down to its own quarter.
	t.Run("quarter page", func(t *testing.T) {
		tab := b.NewTab(t, 1280, 900, true)
		tab.Navigate(srv.URL + "/measures/care-leavers-eet/2022-23-q4/")
		tab.Eval(`document.querySelector('figure.chart').scrollIntoView()`)
		tab.WaitFor(`document.querySelector('figure.chart').getAttribute('data-chart-state') === 'live'`)
		if !tab.Requested("/measures/care-leavers-eet/chart.json") {
			t.Errorf("the measure's option was not fetched: %v", tab.URLs())
		}
		got := tab.Eval(`(function () {
			var fig = document.querySelector('figure.chart');
			var cut = JSON.parse(fig.querySelector('script.chart-option').textContent).perfsite;
			var o = fig.perfsiteChart.getOption();
			var x = o.xAxis[0].data;
			return [x.length === cut.cut, x[x.length - 1], o.yAxis[0].min === cut.min && o.yAxis[0].max === cut.max,
				(Array.isArray(o.aria) ? o.aria[0] : o.aria).label.description === fig.querySelector('.chart-frame svg desc').textContent,
				o.series.map(function (s) { return s.data.length === cut.cut; }).indexOf(false) < 0,
				document.querySelector('.big-figure .value').textContent];
		})()`).([]any)
		if got[0] != true || got[1] != "Q4 2022/23" || got[2] != true || got[3] != true || got[4] != true {
			t.Errorf("the cut chart: x axis cut, last label, y scale, description, series cut: %v", got)
		}
		// The newest point of this quarter's chart is this quarter's figure.
		hoverNewest(tab)
		tab.WaitFor(`(document.querySelector('.chart-tip') || {}).innerText !== undefined && document.querySelector('.chart-tip').innerText.indexOf('Q4 2022/23') >= 0`)
		tip := tab.Eval(`document.querySelector('.chart-tip').innerText`).(string)
		if want := "Actual: " + got[5].(string); !strings.Contains(tip, want) {
			t.Errorf("tooltip lacks %q: %q", want, tip)
		}
		shot(tab, "js-1280-quarter")
		tab.CheckOrigin(t, srv.URL)
		tab.CheckNoErrors(t)
	})

	t.Run("wide and dark", func(t *testing.T) {
		tab := b.NewTab(t, 1280, 900, true)
		browsertest.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}})
		tab.Navigate(page)
		tab.Eval(`document.querySelector('figure.chart').scrollIntoView()`)
		tab.WaitFor(`document.querySelector('figure.chart').getAttribute('data-chart-state') === 'live'`)
		// The interactive chart takes its colours from the page.
		got := tab.Eval(`(function () {
			var o = document.querySelector('figure.chart').perfsiteChart.getOption();
			return o.series[0].lineStyle.color + ' ' + getComputedStyle(document.body).getPropertyValue('--chart-actual').trim();
		})()`).(string)
		if f := strings.Fields(got); len(f) != 2 || f[0] != f[1] || f[0] != "#8cc2ff" {
			t.Errorf("dark mode: actual line colour and --chart-actual: %s", got)
		}
		time.Sleep(200 * time.Millisecond)
		shot(tab, "js-1280-dark")
		tab.CheckOrigin(t, srv.URL)
		tab.CheckNoErrors(t)
	})

	t.Run("no javascript", func(t *testing.T) {
		tab := b.NewTab(t, 375, 800, false)
		tab.Navigate(page)
		tab.Eval(`document.querySelector('figure.chart').scrollIntoView()`)
		time.Sleep(500 * time.Millisecond)
		if tab.Requested("/js/chart.") {
			t.Errorf("the ECharts bundle was loaded with JavaScript off: %v", tab.URLs())
		}
		box := tab.Eval(`(function () {
			var svg = document.querySelector('figure.chart .chart-svg');
			var r = svg.getBoundingClientRect();
			return [r.width, r.height, getComputedStyle(svg.parentNode).visibility, svg.getAttribute('role'),
				document.querySelector('figure.chart').classList.contains('is-live')];
		})()`).([]any)
		if box[0].(float64) < 200 || box[1].(float64) < 200 || box[2] != "visible" || box[3] != "img" || box[4] != false {
			t.Errorf("the SVG chart is not shown: %v", box)
		}
		shot(tab, "nojs-375")
		tab.CheckOrigin(t, srv.URL)
	})
}

// hoverNewest moves the mouse over the chart's newest actual figure.
func hoverNewest(tab *browsertest.Tab) {
	xy := tab.Eval(`(function () {
		var fig = document.querySelector('figure.chart');
		var c = fig.perfsiteChart, o = c.getOption();
		var last = o.xAxis[0].data.length - 1;
		var p = c.convertToPixel({seriesIndex: 0}, [last, o.series[0].data[last].value]);
		var r = fig.querySelector('.chart-live').getBoundingClientRect();
		return [r.left + p[0], r.top + p[1]];
	})()`).([]any)
	browsertest.Call(tab, input.DispatchMouseEvent, input.DispatchMouseEventParams{Type: input.DispatchMouseEventTypeMouseMoved, X: xy[0].(float64), Y: xy[1].(float64)})
}

// shot saves a screenshot of the chart into $PERFSITE_SCREENSHOTS, when
// set, to look at.
func shot(tb *browsertest.Tab, name string) {
	dir := os.Getenv("PERFSITE_SCREENSHOTS")
	if dir == "" {
		return
	}
	r := tb.Eval(`(function () { var r = document.querySelector('figure.chart').getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })()`).([]any)
	res := browsertest.Call(tb, page.CaptureScreenshot, page.CaptureScreenshotParams{Format: page.CaptureScreenshotFormatPng, Clip: &page.Viewport{
		X: r[0].(float64), Y: r[1].(float64) - 10, Width: r[2].(float64), Height: r[3].(float64) + 90, Scale: 1}})
	os.WriteFile(filepath.Join(dir, name+".png"), res.Data, 0o644)
}
