package build

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/derive"
)

// The example site, built once with Hugo for the tests of what a
// journalist relies on: permanent addresses, redirects, the newer-data
// notice, revisions, structured data, feeds and the A to Z.

var example struct {
	once sync.Once
	res  *Result
	dest string
	err  error
}

func buildExample(t *testing.T) (*derive.Site, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the example site with Hugo")
	}
	example.once.Do(func() {
		dir, err := os.MkdirTemp("", "perfsite-example-")
		if err != nil {
			example.err = err
			return
		}
		example.dest = filepath.Join(dir, "public")
		example.res, example.err = Build(Options{Source: "../..", Dest: example.dest})
	})
	if example.err != nil {
		t.Fatal(example.err)
	}
	return example.res.Site, example.dest
}

func TestMain(m *testing.M) {
	// The caches (share images, the chart bundle) go to a folder of the
	// tests' own, not the user's; a test may turn them off.
	cacheDir, err := os.MkdirTemp("", "perfsite-test-cache-")
	if err != nil {
		panic(err)
	}
	if os.Getenv(cache.Env) == "" {
		os.Setenv(cache.Env, cacheDir)
	}
	code := m.Run()
	if example.dest != "" {
		os.RemoveAll(filepath.Dir(example.dest))
	}
	os.RemoveAll(cacheDir)
	os.Exit(code)
}

var ldJSON = regexp.MustCompile(`(?s)<script type="?application/ld\+json"?>(.*?)</script>`)

// TestMeasurePagesHaveDataset: the JSON-LD of every measure page parses
// as JSON and is a schema.org Dataset with its downloads.
func TestMeasurePagesHaveDataset(t *testing.T) {
	site, dest := buildExample(t)
	for _, m := range site.Measures {
		page := readFile(t, dest, "measures/"+m.ID+"/index.html")
		blocks := ldJSON.FindAllStringSubmatch(page, -1)
		if len(blocks) != 1 {
			t.Errorf("%s: %d JSON-LD blocks, want 1", m.ID, len(blocks))
			continue
		}
		var ld struct {
			Context      string                `json:"@context"`
			Type         string                `json:"@type"`
			Name         string                `json:"name"`
			Description  string                `json:"description"`
			Creator      struct{ Name string } `json:"creator"`
			License      string                `json:"license"`
			Temporal     string                `json:"temporalCoverage"`
			DateModified string                `json:"dateModified"`
			Distribution []struct {
				Type           string `json:"@type"`
				EncodingFormat string `json:"encodingFormat"`
				ContentURL     string `json:"contentUrl"`
			} `json:"distribution"`
		}
		if err := json.Unmarshal([]byte(blocks[0][1]), &ld); err != nil {
			t.Errorf("%s: the JSON-LD does not parse: %v\n%s", m.ID, err, blocks[0][1])
			continue
		}
		if ld.Context != "https://schema.org" || ld.Type != "Dataset" || ld.Name != m.Title || ld.Description == "" || ld.Creator.Name != site.Organisation {
			t.Errorf("%s: not a described Dataset: %+v", m.ID, ld)
		}
		if ld.License != site.LicenseURL {
			t.Errorf("%s: license %q, want %q", m.ID, ld.License, site.LicenseURL)
		}
		if len(m.Series) > 0 && (!regexp.MustCompile(`^\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d$`).MatchString(ld.Temporal) || ld.DateModified == "") {
			t.Errorf("%s: temporalCoverage %q, dateModified %q", m.ID, ld.Temporal, ld.DateModified)
		}
		formats := map[string]string{}
		for _, d := range ld.Distribution {
			if d.Type != "DataDownload" || !strings.HasPrefix(d.ContentURL, site.BaseURL) {
				t.Errorf("%s: distribution %+v", m.ID, d)
			}
			formats[d.EncodingFormat] = strings.TrimPrefix(d.ContentURL, site.BaseURL)
		}
		for format, path := range formats {
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(path))); err != nil {
				t.Errorf("%s: the %s download does not exist: %v", m.ID, format, err)
			}
		}
		if formats["text/csv"] == "" || formats["application/json"] == "" {
			t.Errorf("%s: distribution lacks CSV or JSON: %v", m.ID, formats)
		}
	}
}

const newerNotice = "There is newer data"

// TestQuarterPages: every measure has a page for every quarter with a
// figure, and none for a quarter without; the newer-data notice is on
// exactly the pages of figures that are not the latest; a revised figure
// says so.
func TestQuarterPages(t *testing.T) {
	site, dest := buildExample(t)
	revised := 0
	for _, m := range site.Measures {
		reported := map[string]bool{}
		for _, snap := range m.Reported {
			slug := site.Cal.Slug(snap.Period)
			reported[slug] = true
			page := readFile(t, dest, "measures/"+m.ID+"/"+slug+"/index.html")
			newer := snap.Period != m.Latest.Period
			if got := strings.Contains(page, newerNotice); got != newer {
				t.Errorf("%s %s: newer-data notice shown %v, want %v", m.ID, slug, got, newer)
			}
			if got := strings.Contains(page, "<strong>Revised:</strong>"); got != snap.Revised() {
				t.Errorf("%s %s: shown as revised %v, want %v", m.ID, slug, got, snap.Revised())
			}
			if snap.Revised() {
				revised++
			}
		}
		for _, pt := range m.Series {
			slug := site.Cal.Slug(pt.Period)
			if _, err := os.Stat(filepath.Join(dest, "measures", m.ID, slug, "index.html")); (err == nil) != reported[slug] {
				t.Errorf("%s %s: a page exists: %v; the quarter has a figure: %v", m.ID, slug, err == nil, reported[slug])
			}
		}
		if strings.Contains(readFile(t, dest, "measures/"+m.ID+"/index.html"), newerNotice) {
			t.Errorf("%s: the measure page has the newer-data notice", m.ID)
		}
	}
	if revised == 0 {
		t.Error("the example site has no revised figure")
	}
}

// TestAliasesRedirect: every old id of a measure leads to the measure
// page and to each of its quarter pages.
func TestAliasesRedirect(t *testing.T) {
	site, dest := buildExample(t)
	redirects := readFile(t, dest, "_redirects")
	n := 0
	for _, m := range site.Measures {
		for _, a := range m.Aliases {
			n++
			pages := map[string]string{"measures/" + a + "/": "measures/" + m.ID + "/"}
			for _, snap := range m.Reported {
				slug := site.Cal.Slug(snap.Period)
				pages["measures/"+a+"/"+slug+"/"] = "measures/" + m.ID + "/" + slug + "/"
			}
			for from, to := range pages {
				page := readFile(t, dest, from+"index.html")
				target := site.BaseURL + to
				for _, want := range []string{
					`<meta http-equiv="?refresh"? content="0; url=/` + to + `">`,
					`<link rel="?canonical"? href="?` + target + `"?>`,
					`<a href="?/` + to + `"?>`,
				} {
					if !regexp.MustCompile(strings.ReplaceAll(want, ".", `\.`)).MatchString(page) {
						t.Errorf("%s does not redirect to %s: lacks %s\n%s", from, to, want, page)
					}
				}
			}
			if !strings.Contains(redirects, "/measures/"+a+"/* /measures/"+m.ID+"/:splat 301!\n") {
				t.Errorf("_redirects does not redirect %s", a)
			}
		}
	}
	if n == 0 {
		t.Error("the example site has no alias")
	}
}

// TestAZListsEveryMeasure: the A to Z page, and the search page's list
// for browsers without JavaScript, link to every measure.
func TestAZListsEveryMeasure(t *testing.T) {
	site, dest := buildExample(t)
	for _, path := range []string{"measures/index.html", "search/index.html"} {
		page := readFile(t, dest, path)
		for _, m := range site.Measures {
			if !strings.Contains(page, "href=/measures/"+m.ID+"/>") && !strings.Contains(page, `href="/measures/`+m.ID+`/"`) {
				t.Errorf("%s does not list %s", path, m.ID)
			}
		}
	}
}

// TestBuiltFeedsAreAtom: the feeds in the built site parse as Atom.
func TestBuiltFeedsAreAtom(t *testing.T) {
	site, dest := buildExample(t)
	paths := []string{"feed.xml"}
	for _, sv := range site.Services {
		paths = append(paths, "services/"+sv.ID+"/feed.xml")
	}
	for _, path := range paths {
		var feed struct {
			XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
			ID      string   `xml:"id"`
			Entries []struct {
				ID string `xml:"id"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(readFile(t, dest, path)), &feed); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if feed.ID != site.BaseURL+path || len(feed.Entries) == 0 {
			t.Errorf("%s: id %q, %d entries", path, feed.ID, len(feed.Entries))
		}
	}
}
