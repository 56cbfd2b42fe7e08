package check_test

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/load"
)

const siteHead = `title = "T"
organisation = "O"
base_url = "https://example.org/"
`

const siteTables = `
[[committee]]
id = "c"
name = "C"

[[service]]
id = "s"
name = "S"
committee = "c"
`

// problemsOf loads a site of one quarterly file from measures (the body
// of data/measures.toml) and rows (the quarter's CSV, after the header),
// and returns the problems of load and check, leaving out the warnings
// that every such small site has.
func problemsOf(t *testing.T, siteExtra, measures string, quarters map[string]string) []string {
	t.Helper()
	fsys := fstest.MapFS{
		"data/site.toml":     {Data: []byte(siteHead + siteExtra + siteTables)},
		"data/measures.toml": {Data: []byte(measures)},
	}
	for name, rows := range quarters {
		fsys["data/quarters/"+name+".csv"] = &fstest.MapFile{Data: []byte("measure,value,target\n" + rows)}
	}
	in, probs, err := load.LoadFS(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	probs.Sort()
	var out []string
	for _, p := range probs {
		if strings.Contains(p.Message, "no minutes discuss") || strings.Contains(p.Message, "has no figures yet") {
			continue
		}
		out = append(out, strings.ReplaceAll(p.String(), "\n\thint: ", " hint: "))
	}
	return out
}

func measure(id, keys string) string {
	return "[[measure]]\nid = \"" + id + "\"\ntitle = \"" + id + "\"\nservice = \"s\"\nunit = \"percent\"\n" + keys + "\n"
}

func TestJudgingProblems(t *testing.T) {
	tests := []struct {
		name     string
		site     string
		measures string
		quarters map[string]string
		want     []string
	}{
		{
			name:     "a tolerance whose targets come from the quarterly files is used: no warning",
			measures: measure("m", "better = \"higher\"\ntolerance = 2"),
			quarters: map[string]string{"2023-24-q1": "m,50,60\n"},
		},
		{
			name:     "a tolerance with a default target: no warning",
			measures: measure("m", "better = \"higher\"\ntarget = 60\ntolerance = \"5%\""),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
		},
		{
			name:     "a tolerance with no target anywhere is unused: removing it changes nothing",
			measures: measure("m", "better = \"higher\"\ntolerance = 2"),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
			want:     []string{`data/measures.toml:7:1: warning: the measure "m" has a tolerance but no target, in data/measures.toml or in any quarterly file hint: add a target, on the measure or in the quarterly files; or remove the tolerance, which nothing uses`},
		},
		{
			name:     "a tolerance with a direction target",
			measures: measure("m", "better = \"higher\"\ntarget = \"increase\"\ntolerance = 2"),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
			want:     []string{`data/measures.toml:8:1: warning: the measure "m" has a tolerance, but its target is a direction (increase), which a tolerance does not apply to hint: remove the tolerance, or set a number as the target`},
		},
		{
			name:     "a direction that disagrees with better",
			measures: measure("m", "better = \"lower\"\ntarget = \"increase\""),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
			want:     []string{`data/measures.toml:7:1: the target "increase" does not agree with better = "lower" hint: to increase the figure is the aim only where higher is better: set better = "higher", or change the target`},
		},
		{
			name:     "maintain fits any direction",
			measures: measure("m", "better = \"neither\"\ntarget = \"maintain\""),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
		},
		{
			name:     "shares out of range",
			site:     "tolerance = \"150%\"\n",
			measures: measure("m", "better = \"higher\"\ntarget = 60\ntolerance = \"-5%\"\nchange_threshold = -1"),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
			want: []string{
				`data/measures.toml:8:1: tolerance is -5% hint: write a share from 0% to 100%, like tolerance = "5%"`,
				`data/measures.toml:9:1: change_threshold is negative hint: write how large a change must be to count, in the measure's unit, like change_threshold = 2`,
				`data/site.toml:4:1: tolerance is 150% hint: write a share from 0% to 100%, like tolerance = "5%"`,
			},
		},
		{
			name:     "covers on a quarterly measure",
			measures: measure("m", "better = \"higher\"\ncovers = \"calendar-year\""),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
			want:     []string{`data/measures.toml:7:1: covers says which year a yearly figure covers, but the measure "m" is not yearly hint: add frequency = "annual", or remove covers: a quarterly figure covers its quarter`},
		},
		{
			name:     "a yearly measure that does not say its year",
			measures: measure("m", "better = \"higher\"\nfrequency = \"annual\""),
			quarters: map[string]string{"2023-24-q1": "m,50,\n"},
			want:     []string{`data/measures.toml:7:1: warning: the yearly measure "m" does not say which year its figures cover, so the site can only name the quarter that reports them hint: add covers = "financial-year", "calendar-year" or "academic-year"`},
		},
		{
			name:     "yearly figures for consecutive academic years, reported in different quarters",
			measures: measure("m", "better = \"higher\"\nfrequency = \"annual\"\ncovers = \"academic-year\""),
			quarters: map[string]string{"2022-23-q3": "m,50,\n", "2023-24-q2": "m,52,\n"},
		},
		{
			name:     "two yearly figures for the same academic year",
			measures: measure("m", "better = \"higher\"\nfrequency = \"annual\"\ncovers = \"academic-year\""),
			quarters: map[string]string{"2023-24-q2": "m,50,\n", "2023-24-q3": "m,52,\n"},
			want:     []string{`data/quarters/2023-24-q3.csv:2:1: the figures of "m" for Q2 2023/24 and Q3 2023/24 both cover September 2022 to August 2023 (at data/quarters/2023-24-q2.csv:2:1) hint: a yearly figure covers the latest academic year that ended by the end of its quarter: keep one figure for each year`},
		},
	}
	for _, tt := range tests {
		got := problemsOf(t, tt.site, tt.measures, tt.quarters)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got: %s\nwant: %s", tt.name, strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
		}
	}
}
