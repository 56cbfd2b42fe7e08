package whatsnew

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var site = fstest.MapFS{
	"data/site.toml": {Data: []byte(`title = "How we are doing"
organisation = "Example Council"
base_url = "https://example.org/"
[[committee]]
id = "cyp"
name = "Children's Scrutiny Committee"
[[service]]
id = "edu"
name = "Education"
committee = "cyp"
`)},
	"data/measures.toml": {Data: []byte(`[[measure]]
id = "better"
title = "Gets better"
service = "edu"
unit = "percent"
better = "higher"
target = 90
tolerance = 5
decimals = 1

[[measure]]
id = "worse"
title = "Gets worse"
service = "edu"
unit = "days"
better = "lower"
target = 20

[[measure]]
id = "steady"
title = "Stays on track"
service = "edu"
unit = "count"
better = "higher"
target = 10

[[measure]]
id = "missing"
title = "Has no figure this quarter"
service = "edu"
unit = "count"
better = "higher"

[[measure]]
id = "yearly"
title = "A yearly figure"
service = "edu"
unit = "percent"
better = "higher"
frequency = "annual"
target = 50

[[measure]]
id = "yearly-late"
title = "A yearly figure that is late"
service = "edu"
unit = "percent"
better = "higher"
frequency = "annual"

[[measure]]
id = "newcomer"
title = "A new measure"
service = "edu"
unit = "count"
better = "higher"

[[measure]]
id = "never"
title = "Never reported"
service = "edu"
unit = "count"
better = "higher"

[[measure]]
id = "ytd"
title = "Places filled so far this year"
service = "edu"
unit = "count"
better = "higher"
cumulative = true
change_threshold = 10

[[measure]]
id = "school-year"
title = "Pupils reaching the expected standard"
service = "edu"
unit = "percent"
better = "higher"
frequency = "annual"
covers = "academic-year"
target = 60

[[measure]]
id = "school-year-late"
title = "Pupils in good schools"
service = "edu"
unit = "percent"
better = "higher"
frequency = "annual"
covers = "academic-year"
`)},
	"data/quarters/2022-23-q3.csv": {Data: []byte("measure,value,target\nyearly,40,\nyearly-late,10,\nytd,60,70\nschool-year,58,\nschool-year-late,80,\n")},
	"data/quarters/2023-24-q2.csv": {Data: []byte("measure,value,target\nbetter,86,\nworse,18,\nsteady,11,\nmissing,5,\nytd,45,45\n")},
	"data/quarters/2023-24-q3.csv": {Data: []byte("measure,value,note,target\nbetter,91.5,,\nworse,25,,\nsteady,12,,\nmissing,,The survey was not run.,\nyearly,55,,\nnewcomer,7,,\nnever,,,\nytd,64,,70\nschool-year,61,,\n")},
	// Just made by perfsite new quarter: What's new is still about Q3.
	"data/quarters/2023-24-q4.csv":      {Data: []byte("measure,value\nbetter,\nworse,\nsteady,\n")},
	"content/minutes/2024-02-13-cyp.md": {Data: []byte("---\ntitle: Quarter 3 report\ncommittee: cyp\ndate: 2024-02-13\nperiod: 2023-24-q3\n---\nText.\n")},
	"content/minutes/2023-11-14-cyp.md": {Data: []byte("---\ntitle: Quarter 2 report\ncommittee: cyp\ndate: 2023-11-14\nperiod: 2023-24-q2\n---\nText.\n")},
}

func TestText(t *testing.T) {
	in, probs, err := load.LoadFS(site, "site")
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	if probs.HasErrors() {
		t.Fatalf("the test site has errors:\n%s", probs.Error())
	}
	s := derive.Derive(in)
	got := Compute(s).Text(s)
	path := filepath.Join("testdata", "whats-new.golden")
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// A running total is compared with the same time last year, when it
	// was off track too: not with the quarter before, across a target
	// that grows through the year, when it was on track.
	if strings.Contains(got, "Places filled") {
		t.Errorf("a running total's status compared with the quarter before:\n%s", got)
	}
}
