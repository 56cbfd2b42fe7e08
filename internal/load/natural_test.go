package load

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// The tests of this file show that what people naturally write is read
// where its meaning is clear, and that what is ambiguous is still refused
// with a hint, at its position.

var naturalSite = map[string]string{
	"data/site.toml": `title = "How we are doing"
organisation = "Example Council"
base_url = "https://example.org/"

[[committee]]
id = "cyp"
name = "Children and Young People Committee"

[[service]]
id = "children"
name = "Children and Families"
committee = "cyp"
`,
	"data/measures.toml": `[[measure]]
id = "eet"
title = "Care leavers in education or work"
service = "children"
unit = "percent"
better = "higher"
`,
	"data/quarters/2023-24-q2.csv": "measure,value\neet,94.9\n",
	"content/minutes/2023-11-14-cyp.md": `---
title: Quarter 2 performance
committee: cyp
date: 2023-11-14
period: 2023-24-q2
measures: [eet]
---
Text.
`,
}

// loadNatural loads the site above with files changed, and returns what
// was read and every problem on one line each.
func loadNatural(t *testing.T, changed map[string]string) (*model.Input, []string) {
	t.Helper()
	files := maps.Clone(naturalSite)
	maps.Copy(files, changed)
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	in, probs, err := LoadFS(fsys, "site")
	if err != nil {
		t.Fatal(err)
	}
	probs.Sort()
	var out []string
	for _, p := range probs {
		out = append(out, strings.ReplaceAll(p.String(), "\n\t", " "))
	}
	return in, out
}

func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func minutesWith(old, new string) map[string]string {
	return map[string]string{"content/minutes/2023-11-14-cyp.md": strings.Replace(naturalSite["content/minutes/2023-11-14-cyp.md"], old, new, 1)}
}

// A number or a date where text is expected is read as the text it is
// written as: item: 7 (YAML), item = 7.10 (TOML front matter, where the
// decoder would give 7.1), a title that is a year or a date.
func TestNumberWhereTextIsExpected(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, item, title string
	}{
		{"YAML whole number", "period:", "item: 7\nperiod:", "7", "Quarter 2 performance"},
		{"YAML number as written", "period:", "item: 7.10\nperiod:", "7.10", "Quarter 2 performance"},
		{"YAML title a year", "title: Quarter 2 performance", "title: 2023", "", "2023"},
		{"YAML title a date", "title: Quarter 2 performance", "title: 2023-11-14", "", "2023-11-14"},
	} {
		in, probs := loadNatural(t, minutesWith(tc.old, tc.new))
		wantLines(t, probs)
		if len(in.Minutes) != 1 || in.Minutes[0].Item != tc.item || in.Minutes[0].Title != tc.title {
			t.Errorf("%s: read %+v", tc.name, in.Minutes)
		}
	}
	toml := "+++\ntitle = 2023\ncommittee = \"cyp\"\ndate = 2023-11-14\nitem = 7.10 # the agenda item\nperiod = \"2023-24-q2\"\n+++\nText.\n"
	in, probs := loadNatural(t, map[string]string{"content/minutes/2023-11-14-cyp.md": toml})
	wantLines(t, probs)
	if m := in.Minutes[0]; m.Item != "7.10" || m.Title != "2023" || !m.Date.Equal(time.Date(2023, 11, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("TOML front matter read as %+v", m)
	}
	// In a TOML data file too: a service named by a number.
	site := strings.Replace(naturalSite["data/site.toml"], `name = "Children and Families"`, "name = 2030", 1)
	in, probs = loadNatural(t, map[string]string{"data/site.toml": site})
	wantLines(t, probs)
	if in.Site.Services[0].Name != "2030" {
		t.Errorf("service name %q", in.Site.Services[0].Name)
	}
	// What is neither text, a number nor a date is still refused.
	_, probs = loadNatural(t, minutesWith("period:", "item: true\nperiod:"))
	wantLines(t, probs, `content/minutes/2023-11-14-cyp.md:5:1: "item" should be text in quotes, not true hint: put the text in double quotes, like item: "..."`)
}

// Dates as people write them, in minutes; and those still refused.
func TestMinutesDates(t *testing.T) {
	nov14 := time.Date(2023, 11, 14, 0, 0, 0, 0, time.UTC)
	for _, text := range []string{"2023-11-14", "14/11/2023", "14-11-2023", "14.11.2023", "14 November 2023", "14 Nov 2023",
		"14th November 2023", "Tuesday 14 November 2023", "Tuesday, 14 November 2023", "November 14, 2023", "14 NOV 2023", `"14/11/2023"`} {
		in, probs := loadNatural(t, minutesWith("date: 2023-11-14", "date: "+text))
		wantLines(t, probs)
		if len(in.Minutes) != 1 || !in.Minutes[0].Date.Equal(nov14) {
			t.Errorf("date: %s read as %v", text, in.Minutes)
		}
	}
	for text, want := range map[string]string{
		"03/04/2023": `content/minutes/2023-11-14-cyp.md:4:1: the date "03/04/2023" could be 3 April 2023 or 4 March 2023 hint: write it as 2023-04-03 (3 April 2023) or 2023-03-04 (4 March 2023), which cannot be misread`,
		"14/11/23":   `content/minutes/2023-11-14-cyp.md:4:1: the date "14/11/23" has a two-digit year hint: write the year in full, like 14/11/2023 or 2023-11-14`,
		"14 Nov 23":  `content/minutes/2023-11-14-cyp.md:4:1: the date "14 Nov 23" has a two-digit year hint: write the year in full, like 14 November 2023`,
		"30/02/2024": `content/minutes/2023-11-14-cyp.md:4:1: the date "30/02/2024" is not a date: there is no 30 February 2024 hint: check the day and the month; write the date like 2023-11-14 or 14/11/2023 (day, month, year)`,
		"2023-02-30": `content/minutes/2023-11-14-cyp.md:4:1: the date "2023-02-30" is not a date: there is no 30 February 2023 hint: check the day and the month; write the date like 2023-11-14 (year, month, day)`,
		"last week":  `content/minutes/2023-11-14-cyp.md:4:1: the date "last week" is not a date hint: write the date like 2023-11-14 or 14 November 2023`,
		"14/13/2023": `content/minutes/2023-11-14-cyp.md:4:1: the date "14/13/2023" is not a date: there is no month 13 hint: check the day and the month; write the date like 2023-11-14 or 14/11/2023 (day, month, year)`,
	} {
		_, probs := loadNatural(t, minutesWith("date: 2023-11-14", "date: "+text))
		wantLines(t, probs, want)
	}
}

func TestParseDateText(t *testing.T) {
	for _, tc := range []struct {
		text  string
		order dateOrder
		want  string // the date, or the start of the problem
		shows dateOrder
	}{
		{"14/11/2023", orderUnknown, "2023-11-14", dayFirst},
		{"11/14/2023", orderUnknown, "2023-11-14", monthFirst},
		{"3/4/2023", dayFirst, "2023-04-03", orderUnknown},
		{"3/4/2023", monthFirst, "2023-03-04", orderUnknown},
		{"3/4/2023", orderUnknown, `the date "3/4/2023" could be`, orderUnknown},
		{"12/12/2024", orderUnknown, "2024-12-12", orderUnknown}, // the same either way
		{"14/11/2023", monthFirst, "2023-11-14", dayFirst},       // a date shows its own order
		{"1st January 2024", orderUnknown, "2024-01-01", orderUnknown},
		{"2 Sept 2024", orderUnknown, "2024-09-02", orderUnknown},
		{"29/02/2023", dayFirst, `the date "29/02/2023" is not a date: there is no 29 February 2023`, dayFirst},
		{"14/11/2023/1", orderUnknown, `the date "14/11/2023/1" is not a date`, orderUnknown},
		{"14/11-2023", orderUnknown, `the date "14/11-2023" is not a date`, orderUnknown},
		{"123/11/2023", orderUnknown, `the date "123/11/2023" is not a date`, orderUnknown},
	} {
		d, shows, prob := parseDateText(tc.text, tc.order)
		got := d.Format(time.DateOnly)
		if prob != nil {
			got = prob.msg
		}
		if !strings.HasPrefix(got, tc.want) || shows != tc.shows {
			t.Errorf("parseDateText(%q, %v) = %q, shows %v; want %q, shows %v", tc.text, tc.order, got, shows, tc.want, tc.shows)
		}
	}
}

// In data/revisions.csv, the rest of the file settles a date whose day
// and month could be either way round.
func TestRevisionDates(t *testing.T) {
	q1 := map[string]string{"data/quarters/2023-24-q1.csv": "measure,value\neet,90\n"}
	revisions := func(dates ...string) map[string]string {
		files := maps.Clone(q1)
		text := "measure,period,previous_value,date\n"
		for _, d := range dates {
			text += "eet,2023-24-q1,89," + d + "\n"
		}
		files["data/revisions.csv"] = text
		return files
	}
	dates := func(in *model.Input) string {
		var out []string
		for _, rv := range in.Revisions {
			out = append(out, rv.Date.Format(time.DateOnly))
		}
		return strings.Join(out, " ")
	}

	// Day first, as Excel in the UK writes: 14/11/2023 settles 03/12/2023.
	in, probs := loadNatural(t, revisions("03/12/2023", "14/11/2023", "12/12/2024", "2 January 2024"))
	wantLines(t, probs)
	if got := dates(in); got != "2023-12-03 2023-11-14 2024-12-12 2024-01-02" {
		t.Errorf("dates %s", got)
	}
	// Month first, as Excel in the US writes: read so, with a warning once.
	in, probs = loadNatural(t, revisions("12/03/2023", "11/14/2023", "12/04/2023"))
	wantLines(t, probs,
		`data/revisions.csv:2:19: warning: the date "12/03/2023" is read month first, as 3 December 2023, because "11/14/2023" elsewhere in the file can only be month first hint: check the computer's region in Excel is United Kingdom, or write dates like 2023-11-14`)
	if got := dates(in); got != "2023-12-03 2023-11-14 2023-12-04" {
		t.Errorf("dates %s", got)
	}
	// Nothing settles it, or the file shows both orders: refused.
	_, probs = loadNatural(t, revisions("03/12/2023", "2023-11-14"))
	wantLines(t, probs,
		`data/revisions.csv:2:19: the date "03/12/2023" could be 3 December 2023 or 12 March 2023 hint: write it as 2023-12-03 (3 December 2023) or 2023-03-12 (12 March 2023), which cannot be misread`)
	in, probs = loadNatural(t, revisions("14/11/2023", "11/14/2023", "03/12/2023"))
	wantLines(t, probs,
		`data/revisions.csv:4:19: the date "03/12/2023" could be 3 December 2023 or 12 March 2023 hint: write it as 2023-12-03 (3 December 2023) or 2023-03-12 (12 March 2023), which cannot be misread`)
	if got := dates(in); got != "2023-11-14 2023-11-14" {
		t.Errorf("dates %s", got)
	}
	_, probs = loadNatural(t, revisions("14/11/23"))
	wantLines(t, probs,
		`data/revisions.csv:2:19: the date "14/11/23" has a two-digit year hint: write the year in full, like 14/11/2023 or 2023-11-14`)
}

// unit, better and frequency are read in any case; a clear synonym is read
// with a warning that says what was assumed; anything else is left as
// written for check to refuse (its "did you mean" is tested there).
func TestMeasureWords(t *testing.T) {
	measures := func(unit, better, frequency string) map[string]string {
		text := strings.Replace(naturalSite["data/measures.toml"], `unit = "percent"`, "unit = "+unit, 1)
		text = strings.Replace(text, `better = "higher"`, "better = "+better+"\nfrequency = "+frequency, 1)
		return map[string]string{"data/measures.toml": text}
	}
	in, probs := loadNatural(t, measures(`"Percent"`, `" Lower "`, `"ANNUAL"`))
	wantLines(t, probs)
	if m := in.Measures[0]; m.Unit != "percent" || m.Better != "lower" || m.Frequency != "annual" {
		t.Errorf("read as %s, %s, %s", m.Unit, m.Better, m.Frequency)
	}
	in, probs = loadNatural(t, measures(`"%"`, `"Lower is better"`, `"yearly"`))
	wantLines(t, probs,
		`data/measures.toml:5:1: warning: unit "%" is read as "percent" hint: write unit = "percent", the word perfsite uses, and this warning goes`,
		`data/measures.toml:6:1: warning: better "Lower is better" is read as "lower" hint: write better = "lower", the word perfsite uses, and this warning goes`,
		`data/measures.toml:7:1: warning: frequency "yearly" is read as "annual" hint: write frequency = "annual", the word perfsite uses, and this warning goes`,
	)
	if m := in.Measures[0]; m.Unit != "percent" || m.Better != "lower" || m.Frequency != "annual" {
		t.Errorf("read as %s, %s, %s", m.Unit, m.Better, m.Frequency)
	}
	for unit, want := range map[string]string{`"£"`: "currency", `"pounds"`: "currency", `"number"`: "count", `"GBP"`: "currency"} {
		in, _ := loadNatural(t, measures(unit, `"higher"`, `"quarterly"`))
		if in.Measures[0].Unit != want {
			t.Errorf("unit = %s read as %q, want %q", unit, in.Measures[0].Unit, want)
		}
	}
	in, probs = loadNatural(t, measures(`"Percnt"`, `"up-ish"`, `"monthly"`))
	wantLines(t, probs)
	if m := in.Measures[0]; m.Unit != "Percnt" || m.Better != "up-ish" || m.Frequency != "monthly" {
		t.Errorf("not left as written: %s, %s, %s", m.Unit, m.Better, m.Frequency)
	}
}
