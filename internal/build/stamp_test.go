package build

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/browsertest"
	"github.com/perfsite/perfsite/internal/gen"
)

// TestStampedMatchesHugo builds sites with their measure pages, embed
// pages and quarter pages stamped from shells (render/stamp.go, what a build does)
// and laid out by Hugo page by page (what it did before, and still does
// for a site with layouts of its own), and compares every file, the pages
// at the measures' old addresses too: the example site, with
// interactive charts and measures renamed; a site whose text is full of
// HTML and script, without them, under a base URL with a "+"; and a
// generated site of every kind of figure under a base URL in a folder
// with an accent; and a new site, whose measures have no figure yet, with
// the interactive charts (whose scripts no page then needs). Only the
// sitemap's order differs: stamping adds the pages after Hugo's.
func TestStampedMatchesHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds four sites twice")
	}
	generated := filepath.Join(t.TempDir(), "generated")
	if err := gen.Write(generated, gen.Config{Measures: 45, Quarters: 9, Seed: 7}.WithDefaults()); err != nil {
		t.Fatal(err)
	}
	linkECharts(t, generated)
	payloads := readTxtar(t, "testdata/security/payloads.txtar")
	noFigures := map[string]string{}
	for name, text := range payloads {
		if !strings.HasPrefix(name, "data/quarters/") {
			noFigures[name] = text
		}
	}
	newSite := writeSite(t, noFigures)
	linkECharts(t, newSite)
	sites := []struct {
		name, source, baseURL string
		// The fewest measure, embed and quarter pages to compare.
		least [3]int
	}{
		{"example", filepath.Join("..", ".."), "", [3]int{3, 2, 5}},
		{"payloads", writeSite(t, payloads), "https://example.org/council+data/", [3]int{3, 2, 5}},
		{"generated", generated, "https://example.org/café/performance/", [3]int{3, 2, 5}},
		{"no figures", newSite, "", [3]int{2, 2, 0}},
	}
	for _, s := range sites {
		t.Run(s.name, func(t *testing.T) {
			stamped := filepath.Join(t.TempDir(), "stamped")
			laidOut := filepath.Join(t.TempDir(), "hugo")
			var pages []int
			for _, o := range []Options{
				{Source: s.source, Dest: stamped, BaseURL: s.baseURL},
				{Source: s.source, Dest: laidOut, BaseURL: s.baseURL, HugoMeasurePages: true},
			} {
				res, err := Build(o)
				if err != nil {
					t.Fatalf("build: %v\n%v", err, printed(res.Problems, -1))
				}
				pages = append(pages, res.Pages)
			}
			if pages[0] != pages[1] {
				t.Errorf("pages built: %d stamped, %d laid out by Hugo", pages[0], pages[1])
			}
			a, b := snapshot(t, stamped), snapshot(t, laidOut)
			measurePages, embedPages, quarterPages := 0, 0, 0
			for name := range b {
				switch {
				case measurePage.MatchString(name):
					measurePages++
				case embedPage.MatchString(name):
					embedPages++
				case quarterPage.MatchString(name):
					quarterPages++
				}
			}
			if measurePages < s.least[0] || embedPages < s.least[1] || quarterPages < s.least[2] {
				t.Fatalf("only %d measure pages, %d embed pages and %d quarter pages to compare", measurePages, embedPages, quarterPages)
			}
			compareTrees(t, a, b, func(name string, x, y []byte) bool {
				if name == "sitemap.xml" {
					return slices.Equal(sitemapURLs(x), sitemapURLs(y))
				}
				return bytes.Equal(x, y)
			})
			for name := range a {
				if strings.Contains(name, "perfsiteshell") {
					t.Errorf("a shell is left in the built site: %s", name)
				}
			}
			t.Logf("%d files (%d measure pages, %d embed pages, %d quarter pages) the same", len(a), measurePages, embedPages, quarterPages)
		})
	}
}

var measurePage = regexp.MustCompile(`^measures/[a-z0-9-]+/index\.html$`)

var embedPage = regexp.MustCompile(`^measures/[a-z0-9-]+/embed/index\.html$`)

var quarterPage = regexp.MustCompile(`^measures/[a-z0-9-]+/\d{4}(-\d\d)?-q[1-4]/index\.html$`)

// sitemapURLs are the addresses in a sitemap, sorted.
func sitemapURLs(b []byte) []string {
	var urls []string
	for _, m := range regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllSubmatch(b, -1) {
		urls = append(urls, string(m[1]))
	}
	sort.Strings(urls)
	return urls
}

// linkECharts links the repository's node_modules into the site at dir,
// so that its pages have the interactive charts, and says whether it did:
// without ECharts (no npm ci) a test goes on without them, but fails in
// CI, which has it.
func linkECharts(t testing.TB, dir string) bool {
	t.Helper()
	nm, err := filepath.Abs(filepath.Join("..", "..", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(nm, "echarts", "package.json")); err != nil {
		browsertest.Without(t, "node_modules/echarts (npm ci), for the interactive charts")
		return false
	}
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	return true
}

// compareTrees reports every file that is in one tree and not the other,
// or that same does not find the same.
func compareTrees(t *testing.T, a, b map[string][]byte, same func(name string, x, y []byte) bool) {
	t.Helper()
	var names []string
	for name := range a {
		names = append(names, name)
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	diffs := 0
	for _, name := range names {
		x, inA := a[name]
		y, inB := b[name]
		switch {
		case !inA:
			t.Errorf("%s: only in the second build", name)
		case !inB:
			t.Errorf("%s: only in the first build", name)
		case !same(name, x, y):
			t.Errorf("%s: differs (%d and %d bytes)%s", name, len(x), len(y), firstDiff(x, y))
		default:
			continue
		}
		if diffs++; diffs == 20 {
			t.Fatal("and more")
		}
	}
}
