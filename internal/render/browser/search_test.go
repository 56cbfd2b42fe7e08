package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/browser"

	"github.com/perfsite/perfsite/internal/browsertest"
	"github.com/perfsite/perfsite/internal/build"
	"github.com/perfsite/perfsite/internal/derive"
)

// The example site, built once for the tests of this package.
var example struct {
	once sync.Once
	res  *build.Result
	dest string
	err  error
}

func buildExample(t *testing.T) (*derive.Site, string) {
	t.Helper()
	example.once.Do(func() {
		dir, err := os.MkdirTemp("", "perfsite-browser-")
		if err != nil {
			example.err = err
			return
		}
		root, _ := filepath.Abs("../../..")
		example.dest = filepath.Join(dir, "public")
		example.res, example.err = build.Build(build.Options{Source: root, Dest: example.dest})
	})
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.res.Site, example.dest
}

func TestMain(m *testing.M) {
	code := m.Run()
	if example.dest != "" {
		os.RemoveAll(filepath.Dir(example.dest))
	}
	os.Exit(code)
}

// results is the addresses of the search results shown, in order.
const results = `Array.prototype.map.call(document.querySelectorAll('#search-results a'), function (a) { return a.getAttribute('href'); })`

func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site and runs a browser")
	}
	chromium := browsertest.Chromium(t)
	site, dest := buildExample(t)
	srv := browsertest.Serve(t, dest)
	b := browsertest.Start(t, chromium)
	defer b.Close()

	search := func(t *testing.T, tab *browsertest.Tab, query string) []string {
		t.Helper()
		tab.Eval(fmt.Sprintf(`(function () {
			var q = document.getElementById('search-q');
			q.value = %q;
			document.getElementById('search-form').requestSubmit();
		})()`, query))
		tab.WaitFor(`document.getElementById('search-status').textContent.indexOf(` + fmt.Sprintf("%q", query) + `) >= 0`)
		var out []string
		for _, h := range tab.Eval(results).([]any) {
			out = append(out, h.(string))
		}
		return out
	}

	t.Run("javascript", func(t *testing.T) {
		tab := b.NewTab(t, 375, 800, true)
		tab.Navigate(srv.URL + "/search/")
		cases := []struct {
			query, want, why string
		}{
			{"adoptive", "days-to-adoption", "a word of its title"},
			{"Adopt", "days-to-adoption", "the start of a word, in any case"},
			{"overspend", "childrens-services-overspend", "a word of its title"},
			{"EHCP", "ehc-plans-20-weeks", "a glossary spelling of a term it uses"},
			{"looked after children", "children-in-care", "a glossary term, as several words"},
			{"LAC", "children-in-care", "a glossary abbreviation"},
		}
		for _, c := range cases {
			got := search(t, tab, c.query)
			if len(got) == 0 || got[0] != "/measures/"+c.want+"/" {
				t.Errorf("search %q (%s): got %v, want /measures/%s/ first", c.query, c.why, got, c.want)
			}
		}
		if got := search(t, tab, "zebra crossing"); len(got) != 0 {
			t.Errorf("search for nothing found %v", got)
		}
		if s := tab.Eval(`document.getElementById('search-status').textContent`).(string); !strings.Contains(s, "No measure matches") {
			t.Errorf("no result, and the status says %q", s)
		}
		// The results are the page's own links: a result, followed, lands
		// on the measure.
		search(t, tab, "adoptive")
		tab.Eval(`document.querySelector('#search-results a').click()`)
		tab.WaitLoad("the result")
		if got := tab.Eval(`location.pathname`); got != "/measures/days-to-adoption/" {
			t.Errorf("following the result went to %v", got)
		}
		tab.CheckOrigin(t, srv.URL)
		tab.CheckNoErrors(t)
	})

	t.Run("link to a search", func(t *testing.T) {
		tab := b.NewTab(t, 1280, 900, true)
		tab.Navigate(srv.URL + "/search/?q=adoptive")
		tab.WaitFor(`document.querySelectorAll('#search-results a').length > 0`)
		if got := tab.Eval(results).([]any); got[0] != "/measures/days-to-adoption/" {
			t.Errorf("/search/?q=adoptive shows %v", got)
		}
		if v := tab.Eval(`document.getElementById('search-q').value`); v != "adoptive" {
			t.Errorf("the box shows %v", v)
		}
		tab.CheckNoErrors(t)
	})

	t.Run("no javascript", func(t *testing.T) {
		tab := b.NewTab(t, 375, 800, false)
		tab.Navigate(srv.URL + "/search/")
		// The form still submits (a GET to the same page), which lists
		// every measure from A to Z.
		tab.Eval(`document.getElementById('search-q').value = 'adoptive'; document.getElementById('search-form').submit()`)
		tab.WaitLoad("the submitted search")
		if got := tab.Eval(`location.pathname + location.search`); got != "/search/?q=adoptive" {
			t.Errorf("the form went to %v", got)
		}
		links := tab.Eval(`Array.prototype.map.call(document.querySelectorAll('main a'), function (a) { return a.getAttribute('href'); }).join(' ')`).(string)
		for _, m := range site.Measures {
			if !strings.Contains(links, "/measures/"+m.ID+"/") {
				t.Errorf("without JavaScript, the search page does not list %s", m.ID)
			}
		}
		if tab.Requested("/search/index.json") {
			t.Error("the index was fetched with JavaScript off")
		}
		tab.CheckOrigin(t, srv.URL)
	})
}

// TestCopyButtons: with JavaScript, the citation and the embed code get a
// copy button that copies them; without, the text is there and no button.
func TestCopyButtons(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site and runs a browser")
	}
	chromium := browsertest.Chromium(t)
	_, dest := buildExample(t)
	srv := browsertest.Serve(t, dest)
	b := browsertest.Start(t, chromium)
	defer b.Close()
	page := srv.URL + "/measures/care-leavers-eet/"

	t.Run("javascript", func(t *testing.T) {
		tab := b.NewTab(t, 1280, 900, true)
		for _, p := range []string{"clipboard-read", "clipboard-write"} {
			browsertest.CallBrowser(tab, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: p}, Setting: browser.PermissionSettingGranted, Origin: srv.URL})
		}
		tab.Navigate(page)
		if n := tab.Eval(`document.querySelectorAll('.copy-button').length`); n != float64(2) {
			t.Fatalf("%v copy buttons, want 2 (citation, embed code)", n)
		}
		want := tab.Eval(`document.querySelector('.citation').textContent`).(string)
		tab.Eval(`document.querySelector('.citation + .copy-actions .copy-button').click()`)
		tab.WaitFor(`document.querySelector('.citation + .copy-actions .copy-status').textContent !== ''`)
		if s := tab.Eval(`document.querySelector('.citation + .copy-actions .copy-status').textContent`); s != "Copied." {
			t.Errorf("after a click the status says %q", s)
		} else if got := tab.Eval(`navigator.clipboard.readText()`); got != want {
			t.Errorf("the clipboard holds %q, want the citation %q", got, want)
		}
		tab.CheckOrigin(t, srv.URL)
		tab.CheckNoErrors(t)
	})

	t.Run("no javascript", func(t *testing.T) {
		tab := b.NewTab(t, 375, 800, false)
		tab.Navigate(page)
		if n := tab.Eval(`document.querySelectorAll('button').length`); n != float64(0) {
			t.Errorf("%v buttons without JavaScript", n)
		}
		text := tab.Eval(`document.querySelector('.citation').textContent`).(string)
		if !strings.Contains(text, srv.URL) && !strings.Contains(text, "/measures/care-leavers-eet/") {
			t.Errorf("the citation without JavaScript: %q", text)
		}
		if v := tab.Eval(`document.querySelector('textarea.embed-code').value`).(string); !strings.HasPrefix(v, "<iframe ") {
			t.Errorf("the embed code without JavaScript: %q", v)
		}
	})
}
