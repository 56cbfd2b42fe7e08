package explain

import (
	"os"
	"strings"
	"testing"
)

func TestMinutesPoints(t *testing.T) {
	src, err := os.ReadFile("../../content/minutes/2023-11-14-cyp-scrutiny-q2.md")
	if err != nil {
		t.Fatal(err)
	}
	body := string(src)
	tests := []struct {
		title string
		want  []string // each wanted point starts with this
		not   []string // no point starts with this
	}{
		{"Care leavers in education, employment or training", []string{"**Care leavers.**"}, []string{"**Children in care.**"}},
		{"New EHC plans issued within 20 weeks", []string{"**EHC plans.**"}, []string{"**Child protection plans.**", "A new recruitment"}},
		{"Children in care per 10,000 children", []string{"**Children in care.**"}, []string{"**Care leavers.**", "**Child protection plans.**"}},
		{"Eligible two-year-olds taking up free nursery places", []string{"**Free nursery places.**"}, nil},
		{"Children on a child protection plan per 10,000 children", []string{"**Child protection plans.**"}, []string{"**EHC plans.**"}},
		{"Primary schools rated good or outstanding by Ofsted", []string{"**Schools.**"}, nil},
		{"Forecast overspend in children and families services", []string{"The children and families service is forecast"}, nil},
	}
	for _, tt := range tests {
		points := MinutesPoints(tt.title, body)
		for _, w := range tt.want {
			if !hasPrefix(points, w) {
				t.Errorf("%s: no point starting %q in %q", tt.title, w, points)
			}
		}
		for _, w := range tt.not {
			if hasPrefix(points, w) {
				t.Errorf("%s: unexpected point starting %q", tt.title, w)
			}
		}
		for _, p := range points {
			if strings.HasPrefix(p, "- ") || strings.HasPrefix(p, "#") {
				t.Errorf("%s: point keeps its Markdown marker: %q", tt.title, p)
			}
		}
	}
	if got := MinutesPoints("Zzz", body); got != nil {
		t.Errorf("a title matching nothing got %q", got)
	}
}

func hasPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
