package model

import (
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	good := map[string]Period{
		"2023-24-q2":  {2023, 2},
		"2023-24 Q2":  {2023, 2},
		"2023/24 Q2":  {2023, 2},
		"Q2 2023/24":  {2023, 2},
		" 2023-24-Q4": {2023, 4},
		"1999-00-q1":  {1999, 1},
		"2023-q3":     {2023, 3},
		"2023 Q1":     {2023, 1},
	}
	for in, want := range good {
		got, err := ParsePeriod(in)
		if err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2023", "2023-24", "2023-25-q2", "2023-24-q5", "2023-24-q0", "23-24-q1", "2023-24-q12", "q2", "Q2 23/24", "2023-24-x2"} {
		if p, err := ParsePeriod(in); err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want an error", in, p)
		}
	}
}

func TestCalendar(t *testing.T) {
	fy := Calendar{StartMonth: time.April}
	tests := []struct {
		p                   Period
		slug, label, months string
	}{
		{Period{2023, 1}, "2023-24-q1", "Q1 2023/24", "April to June 2023"},
		{Period{2023, 2}, "2023-24-q2", "Q2 2023/24", "July to September 2023"},
		{Period{2023, 3}, "2023-24-q3", "Q3 2023/24", "October to December 2023"},
		{Period{2023, 4}, "2023-24-q4", "Q4 2023/24", "January to March 2024"},
		{Period{1999, 4}, "1999-00-q4", "Q4 1999/00", "January to March 2000"},
	}
	for _, tt := range tests {
		if got := fy.Slug(tt.p); got != tt.slug {
			t.Errorf("Slug(%v) = %q, want %q", tt.p, got, tt.slug)
		}
		if got := fy.Label(tt.p); got != tt.label {
			t.Errorf("Label(%v) = %q, want %q", tt.p, got, tt.label)
		}
		if got := fy.Months(tt.p); got != tt.months {
			t.Errorf("Months(%v) = %q, want %q", tt.p, got, tt.months)
		}
		back, err := ParsePeriod(tt.slug)
		if err != nil || back != tt.p {
			t.Errorf("ParsePeriod(Slug(%v)) = %v, %v", tt.p, back, err)
		}
	}
	cal := Calendar{StartMonth: time.January}
	if got := cal.Slug(Period{2023, 2}); got != "2023-q2" {
		t.Errorf("calendar-year slug = %q", got)
	}
	if got := cal.Months(Period{2023, 4}); got != "October to December 2023" {
		t.Errorf("calendar-year months = %q", got)
	}
	nov := Calendar{StartMonth: time.November}
	if got := nov.Months(Period{2023, 1}); got != "November 2023 to January 2024" {
		t.Errorf("November-start months = %q", got)
	}
	if got := (Period{2023, 4}).Add(1); got != (Period{2024, 1}) {
		t.Errorf("Add across a year = %v", got)
	}
	if got := (Period{2023, 1}).Add(-1); got != (Period{2022, 4}) {
		t.Errorf("Add backwards = %v", got)
	}
}
