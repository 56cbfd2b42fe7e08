package check

import (
	"maps"
	"strings"
	"testing"
)

// baseSite is a small site with no problems at all: each test changes one
// file of it and compares the problems reported, word for word.
var baseSite = map[string]string{
	"data/site.toml": `title = "How we are doing"
organisation = "Example Council"
base_url = "https://example.org/"

[[committee]]
id = "environment-scrutiny"
name = "Environment Scrutiny Committee"

[[service]]
id = "waste-recycling"
name = "Waste and recycling"
committee = "environment-scrutiny"

[[service]]
id = "housing"
name = "Housing"
committee = "environment-scrutiny"
`,
	"data/measures.toml": `[[measure]]
id = "recycling-rate"
title = "Household waste sent for recycling"
service = "waste-recycling"
unit = "percent"
better = "higher"
target = 50

[[measure]]
id = "homes-built"
title = "New homes built"
service = "housing"
unit = "count"
better = "higher"
`,
	"data/quarters/2023-24-q1.csv": "measure,value\nrecycling-rate,48.2\nhomes-built,120\n",
	"data/quarters/2023-24-q2.csv": "measure,value\nrecycling-rate,51.0\nhomes-built,131\n",
	"content/minutes/2023-11-14.md": `---
title: Quarter 2 performance
committee: environment-scrutiny
date: 2023-11-14
period: 2023-24-q2
measures: [recycling-rate]
---
The committee noted the figures.
`,
}

// problems loads and checks the base site with files changed (an empty
// text deletes the file), and returns every problem printed on one line.
func problems(t *testing.T, changed map[string]string) []string {
	t.Helper()
	files := maps.Clone(baseSite)
	for name, text := range changed {
		if text == "" {
			delete(files, name)
		} else {
			files[name] = text
		}
	}
	return printed(loadAndCheck(t, files), -1)
}

func wantProblems(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestBaseSiteHasNoProblems(t *testing.T) {
	wantProblems(t, problems(t, nil))
}

// An id that is a part of a defined id, as people shorten them, is
// suggested, and so is an id of which it is a part: edit distance alone
// finds neither "waste" for "waste-recycling" nor "recycling" for
// "recycling-rate" on a line of its own.
func TestUnknownIDsSuggestByPart(t *testing.T) {
	measures := strings.Replace(baseSite["data/measures.toml"], `service = "waste-recycling"`, `service = "waste"`, 1)
	site := strings.Replace(baseSite["data/site.toml"], `id = "housing"
name = "Housing"
committee = "environment-scrutiny"`, `id = "housing"
name = "Housing"
committee = "environment"`, 1)
	minutes := strings.Replace(baseSite["content/minutes/2023-11-14.md"], "measures: [recycling-rate]", "measures: [recycling, homes]", 1)
	minutes = strings.Replace(minutes, "committee: environment-scrutiny", "committee: Environment-Scrutiny", 1)
	wantProblems(t, problems(t, map[string]string{"data/measures.toml": measures, "data/site.toml": site, "content/minutes/2023-11-14.md": minutes}),
		`content/minutes/2023-11-14.md:3:1: the committee "Environment-Scrutiny" is not defined hint: did you mean "environment-scrutiny"?`,
		`content/minutes/2023-11-14.md:6:12: the minutes name the measure "recycling", which is not defined hint: did you mean "recycling-rate"?`,
		`content/minutes/2023-11-14.md:6:23: the minutes name the measure "homes", which is not defined hint: did you mean "homes-built"?`,
		`data/measures.toml:4:1: the service "waste" is not defined in data/site.toml hint: did you mean "waste-recycling"?`,
		`data/site.toml:17:1: the service "housing" names the committee "environment", which is not defined hint: did you mean "environment-scrutiny"?`,
	)
	q := "measure,value\nrecycling,51.0\nhomes-built,131\n"
	wantProblems(t, problems(t, map[string]string{"data/quarters/2023-24-q2.csv": q}),
		`data/quarters/2023-24-q2.csv:2:1: the measure "recycling" is not defined hint: did you mean "recycling-rate"?`,
	)
}

// Only the latest quarter is warned about when no minutes discuss it:
// the base site has no minutes for Q1, and no warning says so.
func TestNoMinutesOnlyForTheLatestQuarter(t *testing.T) {
	wantProblems(t, problems(t, map[string]string{"content/minutes/2023-11-14.md": ""}),
		`data/quarters/2023-24-q2.csv: warning: no minutes discuss Q2 2023/24, the latest quarter hint: add a minutes summary in content/minutes with period: 2023-24-q2, if a committee has discussed it`,
	)
	// A new latest quarter: the warning moves to it, and Q2 is not named.
	wantProblems(t, problems(t, map[string]string{"data/quarters/2023-24-q3.csv": "measure,value\nrecycling-rate,52\nhomes-built,140\n"}),
		`data/quarters/2023-24-q3.csv: warning: no minutes discuss Q3 2023/24, the latest quarter hint: add a minutes summary in content/minutes with period: 2023-24-q3, if a committee has discussed it`,
	)
}

// A unit, better or frequency that load could not read as one of its words
// is refused, with the word it is a near miss of, or the list.
func TestMeasureWordsRefused(t *testing.T) {
	measures := strings.Replace(baseSite["data/measures.toml"], `unit = "percent"`, `unit = "Percnt"`, 1)
	measures = strings.Replace(measures, `unit = "count"
better = "higher"`, `unit = "kg"
better = "sideways"
frequency = "anual"`, 1)
	wantProblems(t, problems(t, map[string]string{"data/measures.toml": measures}),
		`data/measures.toml:5:1: "Percnt" is not a unit hint: did you mean "percent"? (the units are percent, count, currency, rate, days, score, other)`,
		`data/measures.toml:13:1: "kg" is not a unit hint: the units are percent, count, currency, rate, days, score, other; for a unit of your own, write unit = "other" and unit_name = "kg"`,
		`data/measures.toml:14:1: "sideways" is not a direction for better hint: better is one of higher, lower, neither`,
		`data/measures.toml:15:1: "anual" is not a frequency hint: did you mean "annual"?`,
	)
}

// A cell may carry the sign its measure's unit explains; a sign that
// contradicts the unit is an error at the cell, in the quarterly files and
// in data/revisions.csv.
func TestSignsAgainstUnits(t *testing.T) {
	measures := baseSite["data/measures.toml"] + `
[[measure]]
id = "spend"
title = "Spending on repairs"
service = "housing"
unit = "currency"
better = "lower"
`
	q2 := "measure,value,target,national\nrecycling-rate,94.9%,50%,\nhomes-built,\"1,310\",,\nspend,£1.2m,\"£1,150,000\",£950k\n"
	wantProblems(t, problems(t, map[string]string{"data/measures.toml": measures, "data/quarters/2023-24-q2.csv": q2}))

	q2 = "measure,value,target,national\nrecycling-rate,£51,,\nhomes-built,131%,,\nspend,12%,,\n"
	revisions := "measure,period,previous_value,date\nhomes-built,2023-24-q1,£119,2023-11-14\n"
	wantProblems(t, problems(t, map[string]string{"data/measures.toml": measures, "data/quarters/2023-24-q2.csv": q2, "data/revisions.csv": revisions}),
		`data/quarters/2023-24-q2.csv:2:16: the value "£51" has a £ sign, but "recycling-rate" is not an amount of money: its unit is percent hint: write the figure without the £ sign; if the measure is an amount of money, set unit = "currency" on it in data/measures.toml`,
		`data/quarters/2023-24-q2.csv:3:13: the value "131%" has a % sign, but "homes-built" is not a percentage: its unit is count hint: write the figure without the % sign; if the measure is a percentage, set unit = "percent" on it in data/measures.toml`,
		`data/quarters/2023-24-q2.csv:4:7: the value "12%" has a % sign, but "spend" is not a percentage: its unit is currency hint: write the figure without the % sign; if the measure is a percentage, set unit = "percent" on it in data/measures.toml`,
		`data/revisions.csv:2:24: the previous_value "£119" has a £ sign, but "homes-built" is not an amount of money: its unit is count hint: write the figure without the £ sign; if the measure is an amount of money, set unit = "currency" on it in data/measures.toml`,
	)
}

// When a quarterly file cannot be read, the latest quarter is not known:
// no warning names the quarter before it as the latest.
func TestNoMinutesWarningWhenAQuarterIsUnread(t *testing.T) {
	wantProblems(t, problems(t, map[string]string{
		"content/minutes/2023-11-14.md": "",
		"data/quarters/2023-24-q2.csv":  "measure,valu\nrecycling-rate,51\n",
	}),
		`data/quarters/2023-24-q2.csv:1:1: the required column "value" is missing hint: the first row must name the columns, for example: measure,value,target,national,status,note`,
		`data/quarters/2023-24-q2.csv:1:9: unknown column "valu" hint: did you mean "value"?`,
	)
}
