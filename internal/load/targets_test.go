package load

import (
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

// TestMeasureTargetsAndYears reads the keys of a measure that say how its
// figures are judged and which year an annual figure covers, in the forms
// people write them.
func TestMeasureTargetsAndYears(t *testing.T) {
	const head = "[[measure]]\nid = \"m\"\ntitle = \"M\"\nservice = \"s\"\nunit = \"percent\"\nbetter = \"higher\"\n"
	tests := []struct {
		keys  string
		check func(m model.Measure) bool
	}{
		{`target = 90`, func(m model.Measure) bool { return *m.Target == 90 && m.Aim == "" }},
		{`target = "increase"`, func(m model.Measure) bool { return m.Target == nil && m.Aim == model.AimIncrease }},
		{`target = "To reduce"`, func(m model.Measure) bool { return m.Aim == model.AimReduce }},
		{`target = "maintain"`, func(m model.Measure) bool { return m.Aim == model.AimMaintain }},
		{`tolerance = 2.5`, func(m model.Measure) bool { return *m.Tolerance == 2.5 && m.ToleranceShare == nil }},
		{`tolerance = "5%"`, func(m model.Measure) bool { return m.Tolerance == nil && *m.ToleranceShare == 0.05 }},
		{`tolerance = " 7.5 % "`, func(m model.Measure) bool { return *m.ToleranceShare == 0.075 }},
		{`change_threshold = 3`, func(m model.Measure) bool { return *m.ChangeThreshold == 3 }},
		{`change_threshold = "10%"`, func(m model.Measure) bool { return *m.ChangeThresholdShare == 0.1 }},
		{"frequency = \"annual\"\ncovers = \"Academic year\"", func(m model.Measure) bool { return m.Covers == model.CoversAcademicYear }},
		{`covers = "financial-year"`, func(m model.Measure) bool { return m.Covers == model.CoversFinancialYear }},
		{``, func(m model.Measure) bool {
			return m.Target == nil && m.Aim == "" && m.Tolerance == nil && m.ToleranceShare == nil && m.Covers == "" && m.ChangeThreshold == nil
		}},
	}
	for _, tt := range tests {
		var probs model.Problems
		ms, _ := parseMeasures("data/measures.toml", []byte(head+tt.keys+"\n"), &probs)
		if len(probs) > 0 || len(ms) != 1 {
			t.Errorf("%s: %v", tt.keys, probs)
			continue
		}
		if !tt.check(ms[0]) {
			t.Errorf("%s: read as %+v", tt.keys, ms[0])
		}
	}

	bad := map[string]string{
		`target = "more"`:           `data/measures.toml:7:1: "target" should be a number or a direction (increase, reduce or maintain), not the text "more"`,
		`target = "90%"`:            `data/measures.toml:7:1: "target" should be a number (without quotes, % or £), not the text "90%"`,
		`tolerance = "five"`:        `data/measures.toml:7:1: "tolerance" should be a number or a share such as "5%", not the text "five"`,
		`tolerance = "5"`:           `data/measures.toml:7:1: "tolerance" should be a number or a share such as "5%", not the text "5"`,
		`change_threshold = "a%"`:   `data/measures.toml:7:1: "change_threshold" should be a number or a share such as "5%", not the text "a%"`,
		`covers = "the last year"`:  `data/measures.toml:7:1: "covers" is not a kind of year: the text "the last year"`,
		`covers = 2023`:             `data/measures.toml:7:1: "covers" is not a kind of year: the text "2023"`,
		`target = true`:             `data/measures.toml:7:1: "target" should be a number (without quotes, % or £), not true`,
		`change_threshold = [1, 2]`: `data/measures.toml:7:1: "change_threshold" should be a number (without quotes, % or £), not a list`,
	}
	for keys, want := range bad {
		var probs model.Problems
		parseMeasures("data/measures.toml", []byte(head+keys+"\n"), &probs)
		if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), want) || probs[0].Hint == "" {
			t.Errorf("%s: got %v, want %s", keys, probs, want)
		}
	}
}

// TestSiteDefaults reads the site-wide tolerance and change threshold,
// which must be shares: a number alone has no unit for every measure.
func TestSiteDefaults(t *testing.T) {
	const head = "title = \"T\"\norganisation = \"O\"\n"
	var probs model.Problems
	site, _ := parseSite("data/site.toml", []byte(head+"tolerance = \"5%\"\nchange_threshold = \"10%\"\n"), &probs)
	if len(probs) > 0 || site.ToleranceShare == nil || *site.ToleranceShare != 0.05 || *site.ChangeThresholdShare != 0.1 {
		t.Errorf("got %v, %v", site.ToleranceShare, probs)
	}
	probs = nil
	site, _ = parseSite("data/site.toml", []byte(head+"tolerance = 5\n"), &probs)
	if len(probs) != 1 || site.ToleranceShare != nil ||
		probs[0].Message != `"tolerance" for every measure must be a share written with %, not the number 5` || probs[0].Hint != `write it as a share, like tolerance = "5%"` {
		t.Errorf("got %v", probs)
	}
}

// TestStatusWords reads the words councils put in the status column.
func TestStatusWords(t *testing.T) {
	src := "measure,value,status\na,1,Green\nb,2,amber\nc,3,R\nd,4,on-track\ne,5,blue\n"
	var probs model.Problems
	qf, _ := parseQuarter("data/quarters/2023-24-q2.csv", []byte(src), model.Calendar{StartMonth: 4}, &probs)
	want := []model.Status{model.OnTrack, model.Close, model.OffTrack, model.OnTrack, ""}
	for i, r := range qf.Rows {
		if r.Status != want[i] {
			t.Errorf("row %d: %q, want %q", i+2, r.Status, want[i])
		}
	}
	if len(probs) != 1 || !strings.Contains(probs[0].String(), `the status "blue" is not one of on-track, close, off-track`) {
		t.Errorf("got %v", probs)
	}
}
