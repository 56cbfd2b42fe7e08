package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

// writeSite writes files (path -> content) into a new site folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// errorsOf loads and checks the site, returning its errors (not warnings).
func errorsOf(t *testing.T, dir string) []string {
	t.Helper()
	in, probs, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	probs.Sort()
	var out []string
	for _, p := range probs {
		if p.Severity == model.Error {
			out = append(out, p.Pos.String()+": "+p.Message)
		}
	}
	return out
}

const siteTOML = `title = "How we are doing"
organisation = "Example Council"
base_url = "https://example.org/"
[[committee]]
id = "cyp"
name = "Children's Scrutiny Committee"
[[committee]]
id = "adults"
name = "Adults' Scrutiny Committee"
[[service]]
id = "edu"
name = "Education"
committee = "cyp"
[[service]]
id = "care"
name = "Adult care"
committee = "adults"
`

const measuresTOML = `[[measure]]
id = "eet"
title = "Care leavers in work"
service = "edu"
unit = "percent"
better = "higher"
target = 90

[[measure]]
id = "in-care"
title = "Children in care"
service = "edu"
unit = "count"
better = "lower"
aliases = ["looked-after"]

[[measure]]
id = "ofsted"
title = "Good schools"
service = "edu"
unit = "percent"
better = "higher"
frequency = "annual"

[[measure]]
id = "new-yearly"
title = "A yearly figure never reported"
service = "edu"
unit = "count"
better = "higher"
frequency = "annual"

[[measure]]
id = "home-care"
title = "Home care visits on time"
service = "care"
unit = "percent"
better = "higher"
target = 95`

func site(t *testing.T) string {
	return writeSite(t, map[string]string{
		"data/site.toml":     siteTOML,
		"data/measures.toml": measuresTOML,
		// Q1: ofsted reports in Q1 of each year; eet has its own target.
		"data/quarters/2023-24-q1.csv": "measure,value,target\neet,80,85\nin-care,50,\nofsted,88,\nhome-care,90,97\n",
		// Q2: eet keeps its own target; home-care goes back to the usual
		// one; in-care (by its old id) gets one.
		"data/quarters/2023-24-q2.csv": "measure,value,target\neet,81,85\nlooked-after,51,45\nhome-care,91,\n",
	})
}

func TestNewQuarter(t *testing.T) {
	dir := site(t)
	w, err := NewQuarter(dir, "2023-24-q3", QuarterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w.File != "data/quarters/2023-24-q3.csv" {
		t.Errorf("wrote %s", w.File)
	}
	want := "measure,value,target,national,status,note\n" +
		"eet,,85,,,\n" +
		"in-care,,45,,,\n" +
		"new-yearly,,,,,\n" +
		"home-care,,,,,\n"
	if got := read(t, dir, w.File); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	notes := strings.Join(w.Notes, "\n")
	for _, s := range []string{
		"It lists 4 measures for Q3 2023/24 (October to December 2023), with the values empty.",
		"Targets carried forward from the quarter before, where it set its own: eet (85, from Q2 2023/24), in-care (45, from Q2 2023/24).",
		"Yearly measures left out, as they report in another quarter: ofsted (reported in Q1).",
		"Until it has a figure, the site's latest quarter stays Q2 2023/24: the home page, the feeds and What's new describe it, and perfsite check warns that Q3 2023/24 has no figures.",
	} {
		if !strings.Contains(notes, s) {
			t.Errorf("notes lack %q:\n%s", s, notes)
		}
	}
	if errs := errorsOf(t, dir); len(errs) > 0 {
		t.Errorf("the new file has errors: %v", errs)
	}

	// Never overwrites.
	if _, err := NewQuarter(dir, "2023-24 Q3", QuarterOptions{XLSX: true}); !errors.Is(err, ErrExists) {
		t.Errorf("a second time: got %v, want ErrExists", err)
	}

	// The next year's Q1 lists the yearly measure that reports in Q1.
	w, err = NewQuarter(dir, "2024-25-q1", QuarterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, dir, w.File); !strings.Contains(got, "\nofsted,,,,,\n") {
		t.Errorf("Q1 lacks the yearly measure:\n%s", got)
	}
}

// A running total's target is never carried from the quarter before: not
// across the year's start (Q4's is the whole year's), nor within it (it
// grows through the year). The same quarter a year before gives it.
func TestNewQuarterRunningTotal(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"data/site.toml": siteTOML,
		"data/measures.toml": measuresTOML + `

[[measure]]
id = "homes"
title = "Homes built so far this year"
service = "edu"
unit = "count"
better = "higher"
cumulative = true
`,
		"data/quarters/2023-24-q1.csv": "measure,value,target\nhomes,24,25\n",
		"data/quarters/2023-24-q4.csv": "measure,value,target\nhomes,98,100\n",
	})
	w, err := NewQuarter(dir, "2024-25-q1", QuarterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, dir, w.File); !strings.Contains(got, "\nhomes,,25,,,\n") {
		t.Errorf("homes takes Q1's target from a year before, not Q4's:\n%s", got)
	}
	notes := strings.Join(w.Notes, "\n")
	if want := "Running totals (cumulative) take the target of the same quarter a year before, not the quarter before's: homes (25, from Q1 2023/24)."; !strings.Contains(notes, want) {
		t.Errorf("notes lack %q:\n%s", want, notes)
	}
	// With no target a year before, none at all, and the notes say why.
	if err := os.Remove(filepath.Join(dir, "data", "quarters", "2023-24-q1.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(w.File))); err != nil {
		t.Fatal(err)
	}
	w, err = NewQuarter(dir, "2024-25-q1", QuarterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, dir, w.File); !strings.Contains(got, "\nhomes,,,,,\n") {
		t.Errorf("homes has a target carried:\n%s", got)
	}
	notes = strings.Join(w.Notes, "\n")
	if want := "Targets not carried forward for running totals (cumulative), which grow through the year and start again with it: homes (100 in Q4 2023/24). Fill in the new year's first target."; !strings.Contains(notes, want) {
		t.Errorf("notes lack %q:\n%s", want, notes)
	}
}

func TestNewQuarterRefusesAQuarterWithRows(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"data/site.toml":        siteTOML,
		"data/measures.toml":    measuresTOML,
		"data/quarters/all.csv": "measure,period,value\neet,2023-24 Q1,80\n",
	})
	_, err := NewQuarter(dir, "2023-24-q1", QuarterOptions{})
	if err == nil || err.Error() != "data/quarters/all.csv already has rows for Q1 2023/24; add the figures there" {
		t.Errorf("got %v", err)
	}
	if _, err := NewQuarter(dir, "2023-24-q5", QuarterOptions{}); err == nil {
		t.Error("no error for a quarter 5")
	}
}

func TestNewQuarterCalendarYear(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"data/site.toml":     "year_start_month = 1\n" + siteTOML,
		"data/measures.toml": measuresTOML,
	})
	w, err := NewQuarter(dir, "2024-q2", QuarterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w.File != "data/quarters/2024-q2.csv" {
		t.Errorf("wrote %s", w.File)
	}
}

func TestNewQuarterXLSX(t *testing.T) {
	dir := site(t)
	w, err := NewQuarter(dir, "2023-24-q3", QuarterOptions{XLSX: true})
	if err != nil {
		t.Fatal(err)
	}
	if w.File != "data/quarters/2023-24-q3.xlsx" {
		t.Errorf("wrote %s", w.File)
	}
	in, _, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, qf := range in.Quarters {
		if qf.File == w.File {
			for _, r := range qf.Rows {
				s := r.Measure
				if r.Target != nil {
					s += "=" + number(*r.Target)
				}
				if r.Value != nil {
					s += " has a value"
				}
				got = append(got, s)
			}
		}
	}
	if strings.Join(got, " ") != "eet=85 in-care=45 new-yearly home-care" {
		t.Errorf("the workbook reads as %v", got)
	}
	if errs := errorsOf(t, dir); len(errs) > 0 {
		t.Errorf("the new workbook has errors: %v", errs)
	}
	if _, err := NewQuarter(dir, "2023-24-q3", QuarterOptions{}); !errors.Is(err, ErrExists) {
		t.Errorf("a CSV next to the workbook: got %v, want ErrExists", err)
	}
}

func TestNewMeasure(t *testing.T) {
	dir := site(t)
	before := read(t, dir, "data/measures.toml")
	w, err := NewMeasure(dir, "school-places", MeasureOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w.File != "data/measures.toml" || !w.Appended {
		t.Errorf("wrote %+v", w)
	}
	after := read(t, dir, "data/measures.toml")
	if !strings.HasPrefix(after, before+"\n\n[[measure]]\nid = \"school-places\"") {
		t.Errorf("not appended after a blank line:\n%s", after[len(before)-20:])
	}
	for _, s := range []string{`service = "edu"`, "# one of: edu, care", `unit = "percent"`, `# frequency = "annual"`} {
		if !strings.Contains(after, s) {
			t.Errorf("the skeleton lacks %q", s)
		}
	}
	// Until its title is filled in, check points at it; nothing else is wrong.
	errs := errorsOf(t, dir)
	if len(errs) != 1 || !strings.Contains(errs[0], `"title" must not be empty`) || !strings.HasPrefix(errs[0], "data/measures.toml:") {
		t.Errorf("errors: %v", errs)
	}

	for _, tc := range []struct{ id, want string }{
		{"eet", `the measure "eet" already exists, at data/measures.toml:1:1`},
		{"looked-after", `"looked-after" is an old id (alias) of the measure "in-care"`},
		{"School Places", `"School Places" cannot be a measure id`},
	} {
		if _, err := NewMeasure(dir, tc.id, MeasureOptions{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.id, err, tc.want)
		}
	}
	if _, err := NewMeasure(dir, "x", MeasureOptions{Service: "nope"}); err == nil || !strings.Contains(err.Error(), "the services are edu, care") {
		t.Errorf("unknown service: got %v", err)
	}
}

func TestNewMeasureInFolder(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"data/site.toml":         siteTOML,
		"data/measures/edu.toml": measuresTOML,
	})
	w, err := NewMeasure(dir, "visits", MeasureOptions{Title: "Visits on time", Service: "care"})
	if err != nil {
		t.Fatal(err)
	}
	if w.File != "data/measures/visits.toml" || w.Appended {
		t.Errorf("wrote %+v", w)
	}
	if !strings.HasPrefix(read(t, dir, w.File), "[[measure]]\n") {
		t.Error("the new file does not start with [[measure]]")
	}
	if errs := errorsOf(t, dir); len(errs) > 0 {
		t.Errorf("errors: %v", errs)
	}
	if _, err := NewMeasure(dir, "visits", MeasureOptions{}); err == nil {
		t.Error("a second time: no error")
	}
}

func TestNewMinutes(t *testing.T) {
	dir := site(t)
	w, err := NewMinutes(dir, MinutesOptions{Today: time.Date(2024, 2, 13, 15, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if w.File != "content/minutes/2024-02-13-cyp.md" {
		t.Errorf("wrote %s", w.File)
	}
	text := read(t, dir, w.File)
	for _, s := range []string{"committee: \"cyp\"", "date: 2024-02-13", `period: "2023-24-q2"`, "  - eet\n  - in-care\n  - ofsted\n  - new-yearly\n"} {
		if !strings.Contains(text, s) {
			t.Errorf("lacks %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "home-care") {
		t.Error("lists a measure of another committee")
	}
	errs := errorsOf(t, dir)
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "content/minutes/2024-02-13-cyp.md:") || !strings.Contains(errs[0], `"title" must not be empty`) {
		t.Errorf("errors: %v", errs)
	}
	if _, err := NewMinutes(dir, MinutesOptions{Today: time.Date(2024, 2, 13, 0, 0, 0, 0, time.UTC)}); !errors.Is(err, ErrExists) {
		t.Errorf("a second time: got %v", err)
	}

	w, err = NewMinutes(dir, MinutesOptions{Committee: "adults", Date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Period: "2023-24 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	text = read(t, dir, w.File)
	if w.File != "content/minutes/2024-03-01-adults.md" || !strings.Contains(text, `period: "2023-24-q3"`) || !strings.Contains(text, "  - home-care\n") {
		t.Errorf("wrote %s:\n%s", w.File, text)
	}
	if _, err := NewMinutes(dir, MinutesOptions{Committee: "nope"}); err == nil || !strings.Contains(err.Error(), "the committees are cyp, adults") {
		t.Errorf("unknown committee: got %v", err)
	}
}

func TestNotASite(t *testing.T) {
	if _, err := NewQuarter(t.TempDir(), "2023-24-q3", QuarterOptions{}); err == nil || !strings.Contains(err.Error(), "is not a site folder") {
		t.Errorf("got %v", err)
	}
}

// TestNewMinutesChoosesQuarter: new minutes are filed under the latest
// quarter with figures, and the notes say why, and say when a later
// quarter's file was passed over because it has no figures or an error.
func TestNewMinutesChoosesQuarter(t *testing.T) {
	for _, tt := range []struct {
		name, q3   string
		wantPeriod string
		wantNotes  []string
	}{
		{"an empty file for the next quarter", "measure,value\neet,\nin-care,\n", "2023-24-q2", []string{
			"It is filed under Q2 2023/24, the latest quarter with figures; change period if the meeting discussed another quarter.",
			"Q3 2023/24 was not chosen: its file has no figures yet.",
		}},
		{"an error in the next quarter's file", "measure,value\neet,abc\n", "2023-24-q2", []string{
			"It is filed under Q2 2023/24, the latest quarter with figures; change period if the meeting discussed another quarter.",
			`data/quarters/2023-24-q3.csv has errors, so Q3 2023/24 was not chosen: run perfsite check, and change period to "2023-24-q3" if the meeting discussed it.`,
		}},
		{"an error in the latest quarter's file", "measure,value\neet,85\nin-care,abc\n", "2023-24-q3", []string{
			"It is filed under Q3 2023/24, the latest quarter with figures; change period if the meeting discussed another quarter.",
			"data/quarters/2023-24-q3.csv has errors: run perfsite check.",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := site(t)
			if err := os.WriteFile(filepath.Join(dir, "data", "quarters", "2023-24-q3.csv"), []byte(tt.q3), 0o644); err != nil {
				t.Fatal(err)
			}
			w, err := NewMinutes(dir, MinutesOptions{Date: time.Date(2024, 2, 13, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			if text := read(t, dir, w.File); !strings.Contains(text, `period: "`+tt.wantPeriod+`"`) {
				t.Errorf("want period %s:\n%s", tt.wantPeriod, text)
			}
			got := strings.Join(w.Notes[1:], "\n")
			if want := strings.Join(tt.wantNotes, "\n"); got != want {
				t.Errorf("notes:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// A committee id in data/site.toml that climbs out of the folder
// ("x/../../../outside/PWNED") wrote a file outside the site folder.
// Now nothing is written, and check reports the id.
func TestNewMinutesTraversalID(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "a", "b", "site")
	toml := strings.Replace(siteTOML, `id = "cyp"`, `id = "x/../../../outside/PWNED"`, 1)
	if toml == siteTOML {
		t.Fatal("the test's site has no committee cyp")
	}
	for name, content := range map[string]string{"data/site.toml": toml, "data/measures.toml": measuresTOML} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := NewMinutes(dir, MinutesOptions{Today: time.Date(2024, 2, 13, 0, 0, 0, 0, time.UTC)})
	if err == nil || !strings.Contains(err.Error(), "not a valid id") {
		t.Errorf("NewMinutes: %v, want an invalid id", err)
	}
	var written []string
	filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			written = append(written, p)
		}
		return nil
	})
	if len(written) != 2 {
		t.Errorf("files after NewMinutes: %v", written)
	}
	found := false
	for _, e := range errorsOf(t, dir) {
		found = found || strings.Contains(e, `the committee id "x/../../../outside/PWNED" is not a valid id`)
	}
	if !found {
		t.Errorf("check does not report the id: %v", errorsOf(t, dir))
	}
}
