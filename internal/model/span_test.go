package model

import (
	"testing"
	"time"
)

func TestCoveredYear(t *testing.T) {
	fy := Calendar{StartMonth: time.April}
	cy := Calendar{StartMonth: time.January}
	tests := []struct {
		cal    Calendar
		kind   string
		p      Period
		months string
		label  string
	}{
		// The financial year before the quarter that reports it.
		{fy, CoversFinancialYear, Period{2024, 1}, "April 2023 to March 2024", "2023/24"},
		{fy, CoversFinancialYear, Period{2024, 3}, "April 2023 to March 2024", "2023/24"},
		// The financial year ending in the quarter that reports it.
		{fy, CoversFinancialYear, Period{2023, 4}, "April 2023 to March 2024", "2023/24"},
		{fy, CoversFinancialYear, Period{2023, 3}, "April 2022 to March 2023", "2022/23"},
		// A calendar year: the last one to end by the end of the quarter.
		{fy, CoversCalendarYear, Period{2023, 3}, "January to December 2023", "2023"},
		{fy, CoversCalendarYear, Period{2023, 2}, "January to December 2022", "2022"},
		{fy, CoversCalendarYear, Period{2024, 1}, "January to December 2023", "2023"},
		// An academic year, September to August.
		{fy, CoversAcademicYear, Period{2023, 2}, "September 2022 to August 2023", "2022/23"},
		{fy, CoversAcademicYear, Period{2023, 3}, "September 2022 to August 2023", "2022/23"},
		{fy, CoversAcademicYear, Period{2023, 1}, "September 2021 to August 2022", "2021/22"},
		// A site whose quarters are calendar quarters.
		{cy, CoversFinancialYear, Period{2024, 1}, "January to December 2023", "2023"},
		{cy, CoversFinancialYear, Period{2023, 4}, "January to December 2023", "2023"},
		{cy, CoversAcademicYear, Period{2023, 3}, "September 2022 to August 2023", "2022/23"},
	}
	for _, tt := range tests {
		s := tt.cal.CoveredYear(tt.kind, tt.p)
		if s.Kind != SpanYear || s.Year != tt.kind || s.Months() != tt.months || s.YearLabel() != tt.label {
			t.Errorf("%v %s %v: got %s (%s), kind %v; want %s (%s)", tt.cal.StartMonth, tt.kind, tt.p, s.Months(), s.YearLabel(), s.Kind, tt.months, tt.label)
		}
		if before := s.Shift(-1); before.From.AddDate(1, 0, 0) != s.From || before.To.AddDate(0, 0, 1).AddDate(1, 0, 0) != s.To.AddDate(0, 0, 1) {
			t.Errorf("%s: a year before is %s", s.Months(), before.Months())
		}
	}
}

func TestYearToDate(t *testing.T) {
	fy := Calendar{StartMonth: time.April}
	for _, tt := range []struct {
		p      Period
		kind   SpanKind
		months string
	}{
		{Period{2024, 1}, SpanYearToDate, "April to June 2024"},
		{Period{2024, 2}, SpanYearToDate, "April to September 2024"},
		{Period{2024, 3}, SpanYearToDate, "April to December 2024"},
		{Period{2023, 4}, SpanWholeYear, "April 2023 to March 2024"},
	} {
		s := fy.YearToDate(tt.p)
		if s.Kind != tt.kind || s.Months() != tt.months {
			t.Errorf("%v: got %v %q, want %v %q", tt.p, s.Kind, s.Months(), tt.kind, tt.months)
		}
	}
	if got := (Calendar{StartMonth: time.January}).YearToDate(Period{2024, 2}).Months(); got != "January to June 2024" {
		t.Errorf("calendar year to date: %q", got)
	}
}

func TestParseWords(t *testing.T) {
	for in, want := range map[string]string{
		"financial-year": CoversFinancialYear, "Financial year": CoversFinancialYear, "financial": CoversFinancialYear,
		"calendar_year": CoversCalendarYear, "CALENDAR": CoversCalendarYear,
		"academic-year": CoversAcademicYear, "school year": CoversAcademicYear,
	} {
		if got, ok := ParseCovers(in); !ok || got != want {
			t.Errorf("ParseCovers(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "year", "quarter", "fiscal-year-ish"} {
		if got, ok := ParseCovers(in); ok {
			t.Errorf("ParseCovers(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]string{
		"increase": AimIncrease, "To increase": AimIncrease, "reduce": AimReduce, "to  reduce": AimReduce,
		"Decrease": AimReduce, "maintain": AimMaintain, "to maintain": AimMaintain,
	} {
		if got, ok := ParseAim(in); !ok || got != want {
			t.Errorf("ParseAim(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "90", "up", "more"} {
		if got, ok := ParseAim(in); ok {
			t.Errorf("ParseAim(%q) = %q", in, got)
		}
	}
	for in, want := range map[string]Status{
		"on-track": OnTrack, "On track": OnTrack, "Green": OnTrack, "G": OnTrack, "green ": OnTrack,
		"close": Close, "AMBER": Close, "a": Close, "Close to target": Close,
		"off-track": OffTrack, "Red": OffTrack, "r": OffTrack,
	} {
		if got, ok := ParseStatus(in); !ok || got != want {
			t.Errorf("ParseStatus(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "no-target", "no-data", "blue", "RAG", "no-change"} {
		if got, ok := ParseStatus(in); ok {
			t.Errorf("ParseStatus(%q) = %q", in, got)
		}
	}
}
