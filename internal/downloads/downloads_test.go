package downloads

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// atom is what the tests read of an Atom feed: encoding/xml checks the
// namespace, so a feed in any other namespace fails to parse.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Links   []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

// checkAtom parses an Atom feed and checks what RFC 4287 requires of it:
// id, title and updated on the feed and on every entry, an author, a
// link to each entry and unique ids, with dates in RFC 3339.
func checkAtom(t *testing.T, name string, b []byte) atom {
	t.Helper()
	var f atom
	if err := xml.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: not Atom XML: %v", name, err)
	}
	if f.ID == "" || f.Title == "" || f.Author.Name == "" {
		t.Errorf("%s: the feed lacks id, title or author: %+v", name, f)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("%s: updated: %v", name, err)
	}
	self := false
	for _, l := range f.Links {
		self = self || l.Rel == "self" && strings.HasPrefix(l.Href, "https://")
	}
	if !self {
		t.Errorf("%s: no absolute self link", name)
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || ids[e.ID] {
			t.Errorf("%s: entry without id or title, or with a repeated id: %+v", name, e)
		}
		ids[e.ID] = true
		u, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("%s: entry %s: updated: %v", name, e.ID, err)
		}
		if fu, _ := time.Parse(time.RFC3339, f.Updated); u.After(fu) {
			t.Errorf("%s: entry %s is newer than the feed", name, e.ID)
		}
		if len(e.Links) == 0 || !strings.HasPrefix(e.Links[0].Href, "https://") {
			t.Errorf("%s: entry %s has no absolute link", name, e.ID)
		}
	}
	return f
}

func TestFeedsAreAtom(t *testing.T) {
	_, site, out := renderExample(t)
	f := checkAtom(t, "feed.xml", out.read(t, "feed.xml"))
	// Every quarter, every revision and every set of minutes is an entry.
	if want := len(site.Quarters) + len(site.Revisions) + len(site.Minutes); len(f.Entries) != want {
		t.Errorf("feed.xml has %d entries, want %d", len(f.Entries), want)
	}
	// The feed is dated by its newest entry, from the data.
	if f.Updated != f.Entries[0].Updated {
		t.Errorf("feed.xml is dated %s, its newest entry %s", f.Updated, f.Entries[0].Updated)
	}
	for _, sv := range site.Services {
		sf := checkAtom(t, sv.ID, out.read(t, urls.ServiceFeed(sv.ID)))
		if len(sf.Entries) == 0 {
			t.Errorf("the feed of %s has no entries", sv.ID)
		}
		for _, e := range sf.Entries {
			for _, m := range site.Measures {
				if m.Service != sv.ID && strings.Contains(e.Content.Body, "/measures/"+m.ID+"/") {
					t.Errorf("the feed of %s mentions %s, of another service", sv.ID, m.ID)
				}
			}
		}
	}
}

// TestRevisionIsAnEntry: the example's revision (a Q1 figure revised in
// November) is an entry of its own, dated the day of the revision, with
// both figures; the Q1 entry keeps the date it was published, as a reader
// saw it first.
func TestRevisionIsAnEntry(t *testing.T) {
	_, site, out := renderExample(t)
	if len(site.Revisions) == 0 {
		t.Fatal("the example site has no revision to test")
	}
	rv := site.Revisions[0]
	m := site.ByID[rv.Measure]
	f := checkAtom(t, "feed.xml", out.read(t, "feed.xml"))
	quarter := "https://perfsite-example.netlify.app/" + urls.Quarter(site.Cal.Slug(rv.Period))
	revision := "https://perfsite-example.netlify.app/" + urls.Snapshot(m.ID, site.Cal.Slug(rv.Period)) + "#revised-" + rv.Date.Format("2006-01-02")
	found := 0
	for _, e := range f.Entries {
		switch e.ID {
		case quarter:
			found++
			if e.Updated == rv.Date.Format(time.RFC3339) || strings.Contains(e.Content.Body, "first published as") {
				t.Errorf("the quarter's entry was changed by the revision: %s %s", e.Updated, e.Content.Body)
			}
		case revision:
			found++
			if want := rv.Date.Format(time.RFC3339); e.Updated != want {
				t.Errorf("the revision's entry is dated %s, want %s", e.Updated, want)
			}
			if !strings.Contains(e.Content.Body, "first published as 2,710, it is now 2,760") {
				t.Errorf("the revision's entry does not give both figures: %s", e.Content.Body)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of the entries %s and %s", found, quarter, revision)
	}
	sf := checkAtom(t, m.Service, out.read(t, urls.ServiceFeed(m.Service)))
	for _, e := range sf.Entries {
		if e.ID == revision {
			return
		}
	}
	t.Errorf("the feed of %s lacks the revision of its measure %s", m.Service, m.ID)
}

// A quarter's entry is dated the day its figures were published, where the
// site says ([published]); else the quarter's last day.
func TestQuarterEntryPublished(t *testing.T) {
	in, _, _ := renderExample(t)
	site := derive.Derive(in)
	q := site.Quarters[len(site.Quarters)-1].Period
	when := time.Date(2023, 11, 3, 0, 0, 0, 0, time.UTC)
	site.Published = map[model.Period]time.Time{q: when}
	b, err := output.Render(New(site).feeds()[0])
	if err != nil {
		t.Fatal(err)
	}
	f := checkAtom(t, "feed.xml", b)
	id := "https://perfsite-example.netlify.app/" + urls.Quarter(site.Cal.Slug(q))
	for _, e := range f.Entries {
		if e.ID == id {
			if e.Updated != when.Format(time.RFC3339) {
				t.Errorf("the entry of %s is dated %s, want %s", id, e.Updated, when.Format(time.RFC3339))
			}
			return
		}
	}
	t.Errorf("no entry %s", id)
}

// TestDownloadsDeterministic renders the example twice: every generated
// file must be byte for byte the same.
func TestDownloadsDeterministic(t *testing.T) {
	_, _, a := renderSite(t, exampleSite)
	_, _, b := renderSite(t, exampleSite)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d files", len(a), len(b))
	}
	for path, x := range a {
		if !bytes.Equal(x, b[path]) {
			t.Errorf("%s differs between two renders of the same data", path)
		}
	}
}

var (
	isoDate   = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	plainNum  = regexp.MustCompile(`^-?\d+(\.\d+)?$`)
	numberCol = map[string]bool{"value": true, "target": true, "national": true, "first_published_value": true, "previous_value": true, "revised_value": true}
	dateCol   = map[string]bool{"start": true, "end": true, "revised_on": true, "date": true}
)

// readCSV parses a download and checks its form: UTF-8, a header row,
// ISO dates and plain numbers. It returns the rows as maps by column.
func readCSV(t *testing.T, name string, b []byte, header []string) []map[string]string {
	t.Helper()
	if !utf8.Valid(b) || bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
		t.Errorf("%s: not UTF-8 without a BOM", name)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(header, ",") {
		t.Fatalf("%s: the header row is %q, want %q", name, recs[0], header)
	}
	var rows []map[string]string
	for i, rec := range recs[1:] {
		row := map[string]string{}
		for j, col := range header {
			v := rec[j]
			row[col] = v
			if v == "" {
				continue
			}
			if numberCol[col] && !plainNum.MatchString(v) {
				t.Errorf("%s:%d: %s %q is not a plain number", name, i+2, col, v)
			}
			if dateCol[col] && !isoDate.MatchString(v) {
				t.Errorf("%s:%d: %s %q is not an ISO date", name, i+2, col, v)
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func numCell(t *testing.T, s string) *float64 {
	t.Helper()
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return &v
}

func sameNum(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// TestCSVDownloadsMatchSource reads every CSV download back and compares
// each figure with the quarterly files it came from.
func TestCSVDownloadsMatchSource(t *testing.T) {
	in, site, out := renderExample(t)
	type key struct {
		id     string
		period string
	}
	ids := map[string]string{}
	targets := map[string]*float64{}
	for _, m := range in.Measures {
		ids[m.ID] = m.ID
		for _, a := range m.Aliases {
			ids[a] = m.ID
		}
		targets[m.ID] = m.Target
	}
	source := map[key]model.Row{}
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			source[key{ids[r.Measure], site.Cal.Slug(r.Period)}] = r
		}
	}
	compare := func(name string, rows []map[string]string) int {
		n := 0
		for i, row := range rows {
			src, ok := source[key{row["measure"], row["period"]}]
			if !ok {
				// A gap in the series: no row, no figure.
				if row["value"] != "" {
					t.Errorf("%s:%d: a value %s with no source row", name, i+2, row["value"])
				}
				continue
			}
			target := src.Target
			if target == nil {
				target = targets[row["measure"]]
			}
			if !sameNum(numCell(t, row["value"]), src.Value) || !sameNum(numCell(t, row["target"]), target) || !sameNum(numCell(t, row["national"]), src.National) {
				t.Errorf("%s:%d: %s %s is %s/%s/%s, the source %s says otherwise", name, i+2, row["measure"], row["period"],
					row["value"], row["target"], row["national"], src.Pos)
			}
			if row["note"] != src.Note {
				t.Errorf("%s:%d: note %q, want %q", name, i+2, row["note"], src.Note)
			}
			n++
		}
		return n
	}
	all := readCSV(t, "data/measures.csv", out.read(t, "data/measures.csv"), csvHeader)
	compare("data/measures.csv", all)
	// Every figure is there (a row with no figure too, except for an
	// annual measure, whose series holds only the years it reported).
	inCSV := map[key]bool{}
	for _, row := range all {
		inCSV[key{row["measure"], row["period"]}] = true
	}
	for k, r := range source {
		if r.Value != nil && !inCSV[k] {
			t.Errorf("the figure at %s is not in data/measures.csv", r.Pos)
		}
	}
	for _, m := range site.Measures {
		name := urls.Measure(m.ID) + "data.csv"
		rows := readCSV(t, name, out.read(t, name), csvHeader)
		if len(rows) != len(m.Series) {
			t.Errorf("%s has %d rows, want %d", name, len(rows), len(m.Series))
		}
		compare(name, rows)
	}
	for _, q := range site.Quarters {
		name := urls.Quarter(site.Cal.Slug(q.Period)) + "data.csv"
		rows := readCSV(t, name, out.read(t, name), csvHeader)
		if len(rows) != len(q.Rows) {
			t.Errorf("%s has %d rows, want %d", name, len(rows), len(q.Rows))
		}
		compare(name, rows)
	}
	// The revisions: the figure first published, and the one now.
	revs := readCSV(t, "data/revisions.csv", out.read(t, "data/revisions.csv"), revisionsCSVHeader)
	if len(revs) != len(in.Revisions) {
		t.Errorf("data/revisions.csv has %d rows, want %d", len(revs), len(in.Revisions))
	}
	for _, rv := range in.Revisions {
		found := false
		for _, row := range all {
			if row["measure"] == ids[rv.Measure] && row["period"] == site.Cal.Slug(rv.Period) {
				found = true
				if !sameNum(numCell(t, row["first_published_value"]), rv.Previous) || row["revised_on"] != rv.Date.Format("2006-01-02") {
					t.Errorf("the revision at %s is not in data/measures.csv: %v", rv.Pos, row)
				}
			}
		}
		if !found {
			t.Errorf("the revised figure at %s is not in data/measures.csv", rv.Pos)
		}
	}
}

// TestDictionaryDescribesEveryColumn: the data dictionary has every CSV
// column, in order, and every key the JSON downloads write.
func TestDictionaryDescribesEveryColumn(t *testing.T) {
	names := func(docs []FieldDoc) []string {
		var out []string
		for _, d := range docs {
			out = append(out, d.Name)
		}
		return out
	}
	if got, want := strings.Join(names(csvDocs), ","), strings.Join(csvHeader, ","); got != want {
		t.Errorf("the dictionary's CSV columns are\n%s\nbut the CSV's are\n%s", got, want)
	}
	if got, want := strings.Join(names(revisionsCSVDocs), ","), strings.Join(revisionsCSVHeader, ","); got != want {
		t.Errorf("the dictionary's revisions columns are\n%s\nbut the CSV's are\n%s", got, want)
	}
	_, _, out := renderExample(t)
	var doc map[string]any
	if err := json.Unmarshal(out.read(t, "data/measures.json"), &doc); err != nil {
		t.Fatal(err)
	}
	documented := func(docs []FieldDoc, key, where string) {
		for _, d := range docs {
			if d.Name == key {
				return
			}
		}
		t.Errorf("the key %q of %s is not in the data dictionary", key, where)
	}
	for k := range doc {
		documented(datasetJSONDocs, k, "data/measures.json")
	}
	revised := false
	for _, m := range doc["measures"].([]any) {
		for k, v := range m.(map[string]any) {
			documented(measureJSONDocs, k, "a measure")
			if k == "series" {
				for _, p := range v.([]any) {
					for pk := range p.(map[string]any) {
						documented(pointJSONDocs, pk, "a series entry")
						revised = revised || pk == "revisions"
					}
				}
			}
		}
	}
	if !revised {
		t.Error("no series entry of the example has revisions")
	}
}

func TestRedirectsFile(t *testing.T) {
	_, site, out := renderExample(t)
	b := string(out.read(t, "_redirects"))
	n := 0
	for _, m := range site.Measures {
		for _, a := range m.Aliases {
			for _, line := range []string{
				"/measures/" + a + " /measures/" + m.ID + "/ 301!\n",
				"/measures/" + a + "/* /measures/" + m.ID + "/:splat 301!\n",
			} {
				if !strings.Contains(b, line) {
					t.Errorf("_redirects lacks %q:\n%s", line, b)
				}
			}
			n++
		}
	}
	if n == 0 {
		t.Error("the example site has no alias to test")
	}
}

func TestSearchIndex(t *testing.T) {
	_, site, out := renderExample(t)
	var index []searchEntry
	if err := json.Unmarshal(out.read(t, urls.SearchIndex), &index); err != nil {
		t.Fatal(err)
	}
	if len(index) != len(site.Measures) {
		t.Fatalf("the index has %d measures, want %d", len(index), len(site.Measures))
	}
	byID := map[string]searchEntry{}
	for _, e := range index {
		byID[e.ID] = e
	}
	has := func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	// The glossary's other spellings of a term the measure uses.
	if e := byID["ehc-plans-20-weeks"]; !has(e.Terms, "ehcp") {
		t.Errorf("ehc-plans-20-weeks cannot be found as EHCP: %v", e.Terms)
	}
	if e := byID["children-in-care"]; !has(e.Terms, "looked-after children") {
		t.Errorf("children-in-care cannot be found as looked-after children: %v", e.Terms)
	}
	for _, e := range index {
		if has(e.Words, "the") || has(e.Words, "and") {
			t.Errorf("%s: the index keeps common words", e.ID)
		}
	}
}
