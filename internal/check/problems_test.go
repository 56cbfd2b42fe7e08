package check

import (
	"maps"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/perfsite/perfsite/internal/check/checktest"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

// These tests load small sites from memory (load.LoadFS) and check them,
// as a build does before anything else: each problem must be reported
// word for word, at its file:line:col, with a hint. checktest/base.txtar is
// a valid site; each case applies defects to it. (They ran as whole
// builds in internal/build until the problems got tests of their own here,
// which need neither Hugo nor a disk.)

// The base site, its edits and the printing of problems are
// internal/check/checktest's, under short names.
type edit = checktest.Edit

var (
	replace = checktest.Replace
	put     = checktest.Put
	rename  = checktest.Rename
	printed = checktest.Printed
)

const (
	q1       = "data/quarters/2023-24-q1.csv"
	q2       = "data/quarters/2023-24-q2.csv"
	settings = "data/site.toml"
	defs     = "data/measures.toml"
	minutes  = "content/minutes/2023-11-14-cyp.md"
)

var problemCases = []struct {
	name  string
	edits []edit
	want  []string
}{
	// Quarterly data files.
	{
		"unknown measure id, closest id suggested",
		[]edit{replace(q2, "in-care,56.2", "in-cre,56.2")},
		[]string{`data/quarters/2023-24-q2.csv:3:1: the measure "in-cre" is not defined hint: did you mean "in-care"?`},
	},
	{
		"unknown measure id, nothing close",
		[]edit{replace(q2, "in-care,56.2", "exclusions,56.2")},
		[]string{`data/quarters/2023-24-q2.csv:3:1: the measure "exclusions" is not defined hint: define it with a [[measure]] in data/measures.toml, or check the spelling`},
	},
	{
		"value not a number: a decimal comma",
		[]edit{replace(q2, "94.9,", `"94,9",`)},
		[]string{`data/quarters/2023-24-q2.csv:2:18: the value "94,9" is not a number hint: write a point for decimals, and commas only between groups of three digits: 1.23, 1,234 or 1,234,567.8`},
	},
	{
		"value with a sign its unit contradicts",
		[]edit{replace(q2, "in-care,56.2,", "in-care,56.2%,")},
		[]string{`data/quarters/2023-24-q2.csv:3:9: the value "56.2%" has a % sign, but "in-care" is not a percentage: its unit is rate hint: write the figure without the % sign; if the measure is a percentage, set unit = "percent" on it in data/measures.toml`},
	},
	{
		"value not a number, in another column",
		[]edit{replace(q1, "88.5,,86,", "88.5,,n/a,")},
		[]string{`data/quarters/2023-24-q1.csv:2:24: the national "n/a" is not a number hint: write a number such as 94.9, 1,234 or £1.2m, or leave the cell empty if there is no figure`},
	},
	{
		"percentage outside 0 to 100 by default",
		[]edit{replace(q2, "94.9,", "949,")},
		[]string{`data/quarters/2023-24-q2.csv:2:18: the value 949 for "care-leavers-eet" is outside its valid range 0 to 100 hint: a percentage is from 0 to 100 (write 94.9, not 0.949); for a percentage change set min = -100 on the measure`},
	},
	{
		"value outside min and max",
		[]edit{replace(defs, "target = 52", "target = 52\nmin = 0\nmax = 200"), replace(q1, "in-care,51,", "in-care,510,")},
		[]string{`data/quarters/2023-24-q1.csv:3:9: the value 510 for "in-care" is outside its valid range 0 to 200 hint: check the figure, or change min and max on the measure in data/measures.toml`},
	},
	{
		"duplicate measure in one quarter, also through an alias",
		[]edit{replace(q2, "in-care,56.2,,,,\n", "in-care,56.2,,,,\neet,95,,,,\n")},
		[]string{`data/quarters/2023-24-q2.csv:4:1: the measure "care-leavers-eet" already has a row for Q2 2023/24 at data/quarters/2023-24-q2.csv:2:1 hint: keep one row per measure per quarter`},
	},
	{
		"missing required column",
		[]edit{put(q1, "measure,target\ncare-leavers-eet,90\n")},
		[]string{`data/quarters/2023-24-q1.csv:1:1: the required column "value" is missing hint: the first row must name the columns, for example: measure,value,target,national,status,note`},
	},
	{
		"misspelt column",
		[]edit{replace(q1, "measure,value,target,national,status,note", "measure,value,target,nationl,status,note")},
		[]string{`data/quarters/2023-24-q1.csv:1:22: unknown column "nationl" hint: did you mean "national"?`},
	},
	{
		"ragged row: a comma in a note without quotes",
		[]edit{replace(q2, "in-care,56.2,,,,", "in-care,56.2,,,,Up, as expected")},
		[]string{`data/quarters/2023-24-q2.csv:3:20: this row has 7 cells but the header has 6 hint: a cell that contains a comma must be in quotes: "like, this"`},
	},
	{
		"ragged row: cells left out",
		[]edit{replace(q2, "in-care,56.2,,,,", "in-care,56.2")},
		[]string{`data/quarters/2023-24-q2.csv:3:9: this row has 2 cells but the header has 6 hint: give the row one cell per column; an empty cell is fine (two commas in a row), but it must be there`},
	},
	{
		"unterminated quote, at the line where it opens",
		[]edit{replace(q1, "care-leavers-eet,88.5,,86,,", `care-leavers-eet,88.5,,86,,"Up from last year`)},
		[]string{`data/quarters/2023-24-q1.csv:2:28: this quoted cell is never closed: the quote opened here runs to the end of the file hint: add the closing " at the end of the cell; a " inside a quoted cell is written ""`},
	},
	{
		"file name not a quarter, and no period column",
		[]edit{rename(q2, "data/quarters/latest.csv")},
		[]string{`data/quarters/latest.csv: the file name "latest.csv" is not a quarter and the file has no period column hint: name the file after its quarter, like 2023-24-q2.csv, or add a period column`},
	},
	{
		"bad period value",
		[]edit{put("data/quarters/history.csv", "period,measure,value\n2022-23 Q4,in-care,50\n2022/23 Q5,in-care,49\n2022-24 Q3,in-care,48\n")},
		[]string{
			`data/quarters/history.csv:3:1: "2022/23 Q5" is not a quarter; write it like 2023-24-q2 or "2023-24 Q2" hint: write the quarter like "2023-24 Q2"`,
			`data/quarters/history.csv:4:1: "2022-24 Q3" is not a quarter: the year 2022 should be followed by 23 hint: write the quarter like "2023-24 Q2"`,
		},
	},
	{
		"period column disagrees with the file name",
		[]edit{replace(q2, "measure,value,target,national,status,note\n", "measure,value,target,national,status,note,period\n"),
			replace(q2, "in-care,56.2,,,,\n", "in-care,56.2,,,,,2023-24 Q3\n"),
			replace(q2, `course"`, `course",`)},
		[]string{`data/quarters/2023-24-q2.csv:3:18: this row is for 2023-24 Q3 but the file is named for 2023-24-q2 hint: move the row to the file for its quarter, or leave the period empty`},
	},
	{
		"invalid status word",
		[]edit{replace(q2, "in-care,56.2,,,,", "in-care,56.2,,,bad,")},
		[]string{`data/quarters/2023-24-q2.csv:3:16: the status "bad" is not one of on-track, close, off-track hint: leave the status empty to have it worked out from the target, or write on-track, close or off-track (or Green, Amber or Red)`},
	},
	{
		"file neither UTF-8 nor Windows-1252: both in one file",
		[]edit{replace(q2, `"Council ran`, "\"Council spent £15,000 on \xa315,000 on")},
		[]string{`data/quarters/2023-24-q2.csv:2:54: the file is not UTF-8 text: byte 0xA3 cannot be read hint: save the file as UTF-8 (in Excel: Save As, then "CSV UTF-8 (Comma delimited)")`},
	},
	{
		"empty file",
		[]edit{put("data/quarters/2023-24-q3.csv", "")},
		[]string{`data/quarters/2023-24-q3.csv: the file is empty hint: add content to the file, or delete it`},
	},
	{
		"file of blank lines and a byte order mark",
		[]edit{put("data/quarters/2023-24-q3.csv", "\ufeff\r\n\r\n")},
		[]string{`data/quarters/2023-24-q3.csv: the file is empty hint: add content to the file, or delete it`},
	},

	// Measures and site settings (TOML).
	{
		"TOML syntax error, with the line (and no cascade of undefined measures)",
		[]edit{replace(defs, `title = "Children in care per 10,000 children"`, `title = "Children in care per 10,000 children`)},
		[]string{`data/measures.toml:12:9: this is not valid TOML: a text in quotes is not closed on this line hint: add the closing " at the end of the text`},
	},
	{
		"TOML syntax error: text without quotes (and no cascade of undefined services)",
		[]edit{replace(settings, `name = "Children and Families"`, `name = Children and Families`)},
		[]string{`data/site.toml:11:8: this is not valid TOML: text must be in double quotes ("Children") hint: put the text in double quotes, like committee = "cyp"`},
	},
	{
		"TOML syntax error: a value missing",
		[]edit{replace(defs, "target = 52", "target =")},
		[]string{`data/measures.toml:17:9: this is not valid TOML: the value after the = is missing hint: write a value after the =, like target = 90 or title = "Children in care"`},
	},
	{
		"TOML syntax error: a key written twice",
		[]edit{replace(defs, "target = 52", "target = 52\ntarget = 53")},
		[]string{`data/measures.toml:18:1: this is not valid TOML: "target" is written twice in the same table hint: delete one of them; if a new table was meant, start it with its [[...]] line`},
	},
	{
		"unknown TOML key, the right key suggested (and not also reported missing)",
		[]edit{replace(defs, `unit = "rate"`, `unti = "rate"`)},
		[]string{`data/measures.toml:14:1: unknown key "unti" in [[measure]] hint: did you mean "unit"?`},
	},
	{
		"unknown TOML key in the site settings",
		[]edit{replace(settings, `base_url =`, `baseurl =`)},
		[]string{`data/site.toml:3:1: unknown key "baseurl" in data/site.toml hint: did you mean "base_url"?`},
	},
	{
		"TOML value of the wrong type",
		[]edit{replace(defs, "target = 90", `target = "90%"`)},
		[]string{`data/measures.toml:7:1: "target" should be a number (without quotes, % or £), not the text "90%" hint: write a plain number without quotes, % or £, like target = 90`},
	},
	{
		"required TOML key missing",
		[]edit{replace(defs, "better = \"lower\"\n", "")},
		[]string{`data/measures.toml:10:1: [[measure]] is missing the required key "better" hint: add a line such as: better = ...`},
	},
	{
		"duplicate measure id",
		[]edit{replace(defs, "target = 52\n", "target = 52\n\n[[measure]]\nid = \"in-care\"\ntitle = \"Children in care\"\nservice = \"children\"\nunit = \"count\"\nbetter = \"lower\"\n")},
		[]string{`data/measures.toml:20:1: the measure id "in-care" is already used at data/measures.toml:11:1 hint: every measure needs its own id; the id is its permanent web address`},
	},
	{
		"invalid unit, the valid ones listed",
		[]edit{replace(defs, `unit = "percent"`, `unit = "kg"`)},
		[]string{`data/measures.toml:5:1: "kg" is not a unit hint: the units are percent, count, currency, rate, days, score, other; for a unit of your own, write unit = "other" and unit_name = "kg"`},
	},
	{
		"invalid better, the valid ones listed",
		[]edit{replace(defs, `better = "lower"`, `better = "sideways"`)},
		[]string{`data/measures.toml:16:1: "sideways" is not a direction for better hint: better is one of higher, lower, neither`},
	},
	{
		"unknown service",
		[]edit{replace(defs, "service = \"children\"\nunit = \"rate\"", "service = \"childrens\"\nunit = \"rate\"")},
		[]string{`data/measures.toml:13:1: the service "childrens" is not defined in data/site.toml hint: did you mean "children"?`},
	},
	{
		"unknown committee of a service",
		[]edit{replace(settings, `committee = "cyp"`, `committee = "cpy"`)},
		[]string{`data/site.toml:12:1: the service "children" names the committee "cpy", which is not defined hint: did you mean "cyp"?`},
	},
	{
		"unknown committee of minutes",
		[]edit{replace(minutes, "committee: cyp", "committee: scrutiny")},
		[]string{`content/minutes/2023-11-14-cyp.md:3:1: the committee "scrutiny" is not defined hint: define it with a [[committee]] in data/site.toml, or check the spelling`},
	},
	{
		"alias not a slug",
		[]edit{replace(defs, `id = "in-care"`, `id = "in-care"`+"\naliases = [\"Children In Care\"]")},
		[]string{`data/measures.toml:12:1: the alias "Children In Care" is not a valid id hint: use lower-case letters, digits and hyphens only, like care-leavers-eet`},
	},
	{
		"measure id not a slug",
		[]edit{replace(defs, `id = "care-leavers-eet"`, `id = "Care leavers EET"`), replace(q1, "care-leavers-eet,", "eet,"), replace(q2, "care-leavers-eet,", "eet,"),
			replace(minutes, "[care-leavers-eet,", "[eet,"), replace("content/minutes/2023-09-12-cyp.md", "[care-leavers-eet]", "[eet]")},
		[]string{`data/measures.toml:2:1: the measure id "Care leavers EET" is not a valid id hint: use lower-case letters, digits and hyphens only, like care-leavers-eet`},
	},
	{
		"alias colliding with an id",
		[]edit{replace(defs, `aliases = ["eet"]`, `aliases = ["eet", "in-care"]`)},
		[]string{`data/measures.toml:8:1: the alias "in-care" of the measure "care-leavers-eet" is already the id of the measure "in-care" hint: an alias is an old id that now leads to this measure; it cannot also be another measure's id or alias`},
	},
	{
		"alias colliding with another alias",
		[]edit{replace(defs, "target = 52\n", "target = 52\naliases = [\"eet\"]\n")},
		[]string{`data/measures.toml:18:1: the alias "eet" of the measure "in-care" is already an alias of the measure "care-leavers-eet" hint: an alias is an old id that now leads to this measure; it cannot also be another measure's id or alias`},
	},

	// Minutes and pages (front matter).
	{
		"minutes naming an unknown measure, at the id in the list",
		[]edit{replace(minutes, "in-care]", "in-cars]")},
		[]string{`content/minutes/2023-11-14-cyp.md:6:30: the minutes name the measure "in-cars", which is not defined hint: did you mean "in-care"?`},
	},
	{
		"minutes naming an unknown measure, in a list written one per line",
		[]edit{replace(minutes, "measures: [care-leavers-eet, in-care]", "measures:\n  - care-leavers-eet\n  - children-in-care")},
		[]string{`content/minutes/2023-11-14-cyp.md:8:5: the minutes name the measure "children-in-care", which is not defined hint: did you mean "in-care"?`},
	},
	{
		"ambiguous minutes date",
		[]edit{replace(minutes, "date: 2023-11-14", "date: 03/11/2023")},
		[]string{`content/minutes/2023-11-14-cyp.md:4:1: the date "03/11/2023" could be 3 November 2023 or 11 March 2023 hint: write it as 2023-11-03 (3 November 2023) or 2023-03-11 (11 March 2023), which cannot be misread`},
	},
	{
		"minutes date that does not exist",
		[]edit{replace(minutes, "date: 2023-11-14", "date: 2023-02-30")},
		[]string{`content/minutes/2023-11-14-cyp.md:4:1: the date "2023-02-30" is not a date: there is no 30 February 2023 hint: check the day and the month; write the date like 2023-11-14 (year, month, day)`},
	},
	{
		"bad period in minutes",
		[]edit{replace(minutes, "period: 2023-24-q2", "period: Q2")},
		[]string{`content/minutes/2023-11-14-cyp.md:5:1: "Q2" is not a quarter; write it like 2023-24-q2 or "2023-24 Q2" hint: write the quarter the minutes discuss like 2023-24-q2`},
	},
	{
		"minutes source_url not a web address",
		[]edit{replace(minutes, "period: 2023-24-q2\n", "period: 2023-24-q2\nsource_url: javascript:alert(1)\n")},
		[]string{`content/minutes/2023-11-14-cyp.md:6:1: source_url "javascript:alert(1)" is not a web address starting with https:// hint: write the full address of the official minutes, like "https://democracy.example.gov.uk/minutes.pdf"`},
	},
	{
		"unterminated front matter",
		[]edit{replace(minutes, "in-care]\n---\n", "in-care]\n\n")},
		[]string{`content/minutes/2023-11-14-cyp.md:1:1: the front matter that starts here is never closed with --- hint: add a line of --- after the last setting, before the text`},
	},
	{
		"no front matter",
		[]edit{put("content/about.md", "About this site\n")},
		[]string{`content/about.md:1:1: the file does not start with front matter hint: start the file with a line of three dashes (---), then the settings such as title: ..., then another line of ---`},
	},
	{
		"front matter not valid YAML: a colon in a value",
		[]edit{replace(minutes, "title: Quarter 2 performance", "title: Performance: quarter 2")},
		[]string{`content/minutes/2023-11-14-cyp.md:2:1: the front matter is not valid YAML: a setting's value contains a colon hint: put the value in double quotes, like title: "Budget: the figures"`},
	},
	{
		"front matter not valid YAML: a list not closed, at the line where it opens",
		[]edit{replace(minutes, "in-care]", "in-care")},
		[]string{`content/minutes/2023-11-14-cyp.md:6:1: the front matter is not valid YAML: a list is not closed hint: write a list in square brackets on one line, like measures: [eet, in-care]`},
	},
	{
		"front matter setting written twice",
		[]edit{replace(minutes, "date: 2023-11-14\n", "date: 2023-11-14\ntitle: Again\n")},
		[]string{`content/minutes/2023-11-14-cyp.md:5:1: the setting "title" is written twice; the first is on line 2 hint: delete one of the two lines`},
	},
	{
		"front matter: unknown setting and missing one, in YAML's own words",
		[]edit{replace(minutes, "title: Quarter 2 performance\n", "titel: Quarter 2 performance\n"), replace(minutes, "date: 2023-11-14\n", "")},
		[]string{
			`content/minutes/2023-11-14-cyp.md:1:1: the front matter is missing the required key "date" hint: add a line such as: date: ...`,
			`content/minutes/2023-11-14-cyp.md:2:1: unknown key "titel" in the front matter hint: did you mean "title"?`,
		},
	},
	{
		"TOML front matter",
		[]edit{put("content/minutes/2023-12-01-cyp.md", "+++\ntitle = \"Extra meeting\"\ncommittee = \"cyp\"\ndate = 2023-12-01\nmeasures = [\"in-care\", \"eet\", \"care-leaver\"]\n+++\nText.\n")},
		[]string{`content/minutes/2023-12-01-cyp.md:5:1: the minutes name the measure "care-leaver", which is not defined hint: did you mean "care-leavers-eet"?`},
	},

	// Site settings.
	{
		"site setting out of range",
		[]edit{replace(settings, `base_url = "https://example.org/"`, "base_url = \"https://example.org/\"\nyear_start_month = 13")},
		[]string{`data/site.toml:4:1: year_start_month is 13; it must be a month number from 1 to 12 hint: use 4 for the UK financial year (April to March) or 1 for the calendar year`},
	},
	{
		"site base_url not a web address",
		[]edit{replace(settings, `base_url = "https://example.org/"`, `base_url = "example.org"`)},
		[]string{`data/site.toml:3:1: base_url "example.org" is not a usable web address: it must start with https:// (or http://) hint: write the full address of the site, like "https://performance.example.gov.uk/" or "https://www.example.gov.uk/performance/": http or https, a host name, and a path without spaces, ?, # or control characters`},
	},
	{
		// It once replaced the glossary page, exit 0.
		"extra page at a generated page's address",
		[]edit{put("content/glossary.md", "---\ntitle: Our words\n---\nText.\n")},
		[]string{`content/glossary.md: this page would be at the address of the glossary page (/glossary/), which perfsite makes hint: give the file another name: a page's file name is its address (content/about.md is at /about/)`},
	},
	{
		// A control character in a file name once panicked the build.
		"minutes file name with a control character",
		[]edit{rename("content/minutes/2023-11-14-cyp.md", "content/minutes/2023-11-14\x1b[31m-cyp.md")},
		[]string{`content/minutes/2023-11-14\x1b[31m-cyp.md: the file name "2023-11-14\x1b[31m-cyp" holds the control character U+001B at character 11, which cannot be part of a web address hint: rename the file using letters, digits and hyphens, like 2023-11-14-cyp-scrutiny.md`},
	},
	{
		// Decoded into _redirects, it once redirected the whole site.
		"site base_url with an encoded newline",
		[]edit{replace(settings, `base_url = "https://example.org/"`, `base_url = "https://example.org/a%0A/*%20https://evil.example%20200!"`)},
		[]string{`data/site.toml:3:1: base_url "https://example.org/a%0A/*%20https://evil.example%20200!" is not a usable web address: its path has the character U+000A (a control character), which a web address cannot hold hint: write the full address of the site, like "https://performance.example.gov.uk/" or "https://www.example.gov.uk/performance/": http or https, a host name, and a path without spaces, ?, # or control characters`},
	},
	{
		"site language not a language tag",
		[]edit{replace(settings, `base_url = "https://example.org/"`, "base_url = \"https://example.org/\"\nlanguage = \"English\"")},
		[]string{`data/site.toml:4:1: language "English" is not a language tag hint: use a language tag such as "en-GB" or "cy"`},
	},
	{
		"site settings file missing (and no cascade of undefined services)",
		[]edit{func(t testing.TB, files map[string]string) { delete(files, settings) }},
		[]string{`data/site.toml: the site settings file is missing hint: create it with at least title and organisation; see README.md`},
	},
	{
		"measures file empty (and no cascade of undefined measures)",
		[]edit{put(defs, "\n")},
		[]string{`data/measures.toml: the file is empty hint: add content to the file, or delete it`},
	},
}

func TestProblems(t *testing.T) {
	base := checktest.Base()
	for _, tc := range problemCases {
		t.Run(tc.name, func(t *testing.T) {
			files := maps.Clone(base)
			for _, e := range tc.edits {
				e(t, files)
			}
			probs := loadAndCheck(t, files)
			if !probs.HasErrors() {
				t.Fatalf("no errors: %v", printed(probs, -1))
			}
			got := printed(probs, model.Error)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("errors:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
			for _, p := range probs {
				if p.Hint == "" {
					t.Errorf("no hint: %s", p)
				}
			}
		})
	}
}

// allAtOnce are defects in several files (internal/build's
// TestProblemsStopTheBuild builds a site with the same).
func allAtOnce() []edit {
	return []edit{
		replace(settings, `base_url = "https://example.org/"`, "base_url = \"https://example.org/\"\nyear_start_month = 0"),
		replace(defs, `unit = "percent"`, `unit = "kg"`),
		replace(defs, "target = 52\n", "target = 52\n\n[[measure]]\nid = \"new-measure\"\ntitle = \"New\"\nservice = \"children\"\nunit = \"count\"\nbetter = \"higher\"\n"),
		replace(q1, "in-care,51,,,,", "in-care,51,,,bad,"),
		replace(q2, "in-care,56.2,", "in-cre,56.2,"),
		replace(q2, "94.9,", "n/a,"),
		put("data/quarters/2022-23-q4.csv", "measure,value\nin-care,50\n"),
		replace(minutes, "date: 2023-11-14", "date: 2023-11-31"),
		replace("content/minutes/2023-09-12-cyp.md", "measures: [care-leavers-eet]", "measures: [leavers]"),
	}
}

// TestProblemsAllAtOnce puts defects in several files: every one is
// reported in one run, sorted by file, line and column, errors and
// warnings alike.
func TestProblemsAllAtOnce(t *testing.T) {
	files := checktest.Base()
	for _, e := range allAtOnce() {
		e(t, files)
	}
	want := []string{
		`content/minutes/2023-09-12-cyp.md:6:12: the minutes name the measure "leavers", which is not defined hint: did you mean "care-leavers-eet"?`,
		`content/minutes/2023-11-14-cyp.md:4:1: the date "2023-11-31" is not a date: there is no 31 November 2023 hint: check the day and the month; write the date like 2023-11-14 (year, month, day)`,
		`data/measures.toml:5:1: "kg" is not a unit hint: the units are percent, count, currency, rate, days, score, other; for a unit of your own, write unit = "other" and unit_name = "kg"`,
		`data/measures.toml:19:1: warning: the measure "new-measure" has no figures yet; its page will say so hint: add its figures to the quarterly files in data/quarters`,
		`data/quarters/2023-24-q1.csv:3:14: the status "bad" is not one of on-track, close, off-track hint: leave the status empty to have it worked out from the target, or write on-track, close or off-track (or Green, Amber or Red)`,
		`data/quarters/2023-24-q2.csv:2:18: the value "n/a" is not a number hint: write a number such as 94.9, 1,234 or £1.2m, or leave the cell empty if there is no figure`,
		`data/quarters/2023-24-q2.csv:3:1: the measure "in-cre" is not defined hint: did you mean "in-care"?`,
		`data/site.toml:4:1: year_start_month is 0; it must be a month number from 1 to 12 hint: use 4 for the UK financial year (April to March) or 1 for the calendar year`,
	}
	if got := printed(loadAndCheck(t, files), -1); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestWarnings: a measure with no data and a latest quarter with no
// minutes are reported as warnings, not errors (internal/build's TestWarnings checks
// that such a site is built and published).
func TestWarnings(t *testing.T) {
	files := checktest.Base()
	replace(defs, "target = 52\n", "target = 52\n\n[[measure]]\nid = \"new-measure\"\ntitle = \"A measure with no figures yet\"\nservice = \"children\"\nunit = \"count\"\nbetter = \"higher\"\n")(t, files)
	put("data/quarters/2023-24-q3.csv", "measure,value\nin-care,50\nnew-measure,\n")(t, files)
	want := []string{
		`data/measures.toml:19:1: warning: the measure "new-measure" has no figures yet; its page will say so hint: add its figures to the quarterly files in data/quarters`,
		`data/quarters/2023-24-q3.csv: warning: no minutes discuss Q3 2023/24, the latest quarter hint: add a minutes summary in content/minutes with period: 2023-24-q3, if a committee has discussed it`,
	}
	if got := printed(loadAndCheck(t, files), -1); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// TestProblemsBase: the base site has no problems at all.
func TestProblemsBase(t *testing.T) {
	if probs := loadAndCheck(t, checktest.Base()); len(probs) != 0 {
		t.Fatalf("the base site has problems:\n%s", strings.Join(printed(probs, -1), "\n"))
	}
}

// loadAndCheck loads files (named with forward slashes, as in a site folder)
// from memory and checks them, as a build does: every problem, sorted.
func loadAndCheck(t *testing.T, files map[string]string) model.Problems {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, content := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(content)}
	}
	in, probs, err := load.LoadFS(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, Check(in)...)
	probs.Sort()
	return probs
}
