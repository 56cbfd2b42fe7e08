package model

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// FuzzParsePeriod: ParsePeriod never panics; what it accepts is a real
// quarter of a plausible year, and written back as a slug (either
// calendar) it reads the same; what it refuses gets a message that quotes
// the input and shows the form to write.
//
//	go test -run=^$ -fuzz=^FuzzParsePeriod$ -fuzztime=30s ./internal/model/
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{
		"2023-24-q2", "2023-24 Q2", "2023/24 Q2", "Q2 2023/24", "q2 2023-24", "2023-q2", "2023 Q2", "Q2 2023",
		" 2023-24-Q4 ", "2023-25 Q1", "2023-24-q5", "2023-24-q0", "2023-24-q22", "1899-00-q1", "3000-01-q1",
		"q", "Q2", "2023", "-q1", "2023-24-", "q2 ", "Q2 2023/24/25", "२०२३-24-q1", "2023-２4-q1", "2023-24-q１",
		"\x00", "2023-24 q+1", "+2023-24-q1", "2023--q1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if !strings.Contains(err.Error(), "2023-24") && !strings.Contains(err.Error(), "should be followed by") {
				t.Errorf("ParsePeriod(%q): the message %q does not show how to write a quarter", s, err)
			}
			if !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Errorf("ParsePeriod(%q): the message %q does not quote the input", s, err)
			}
			if p != (Period{}) {
				t.Errorf("ParsePeriod(%q) = %v with an error", s, p)
			}
			return
		}
		if p.Quarter < 1 || p.Quarter > 4 || p.Year < 1900 || p.Year > 2999 {
			t.Fatalf("ParsePeriod(%q) = %+v", s, p)
		}
		for _, cal := range []Calendar{{StartMonth: time.April}, {StartMonth: time.January}} {
			slug := cal.Slug(p)
			back, err := ParsePeriod(slug)
			if err != nil || back != p {
				t.Errorf("ParsePeriod(%q) = %+v, whose slug %q reads back as %+v, %v", s, p, slug, back, err)
			}
		}
		if got := PeriodFromIndex(p.Index()); got != p {
			t.Errorf("PeriodFromIndex(Index(%+v)) = %+v", p, got)
		}
	})
}
