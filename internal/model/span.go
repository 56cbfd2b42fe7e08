package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The years an annual figure can cover: the value of a measure's covers
// key. A figure covers the latest such year that has ended by the end of
// the quarter that reports it, so that a figure reported in April to June
// 2024 covers the financial year April 2023 to March 2024, the calendar
// year 2023 or the academic year September 2022 to August 2023.
const (
	// CoversFinancialYear is the site's own reporting year, which starts
	// in its year_start_month (April to March by default).
	CoversFinancialYear = "financial-year"
	// CoversCalendarYear is January to December.
	CoversCalendarYear = "calendar-year"
	// CoversAcademicYear is September to August.
	CoversAcademicYear = "academic-year"
)

// CoversValues lists the valid values of covers, for messages.
var CoversValues = []string{CoversFinancialYear, CoversCalendarYear, CoversAcademicYear}

// ParseCovers reads a covers value as people write it: any case, with
// spaces, hyphens or underscores, "year" or not ("Financial year",
// "academic", "school year"). ok is false for anything else.
func ParseCovers(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	switch strings.TrimSuffix(s, " year") {
	case "financial", "reporting":
		return CoversFinancialYear, true
	case "calendar":
		return CoversCalendarYear, true
	case "academic", "school":
		return CoversAcademicYear, true
	}
	return "", false
}

// Aims are the targets that are a direction rather than a number
// (target = "increase").
const (
	AimIncrease = "increase"
	AimReduce   = "reduce"
	AimMaintain = "maintain"
)

// Aims lists the valid aims, for messages.
var Aims = []string{AimIncrease, AimReduce, AimMaintain}

// ParseAim reads a target written as a direction, as council plans write
// it: "increase", "to increase", "raise", "Reduce", "decrease", "lower",
// "to maintain", "keep" (any case). ok is false for anything else.
func ParseAim(s string) (string, bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimPrefix(s, "to ")
	switch s {
	case "increase", "raise":
		return AimIncrease, true
	case "reduce", "decrease", "lower":
		return AimReduce, true
	case "maintain", "keep":
		return AimMaintain, true
	}
	return "", false
}

// ParseStatus reads the status column of a quarterly file: the statuses by
// name (on-track, close, off-track; any case, spaces for hyphens) and the
// words councils use for them: Green, Amber and Red, or G, A and R. ok is
// false for anything else.
func ParseStatus(s string) (Status, bool) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-")
	switch s {
	case "on-track", "green", "g":
		return OnTrack, true
	case "close", "close-to-target", "amber", "a":
		return Close, true
	case "off-track", "red", "r":
		return OffTrack, true
	}
	return "", false
}

// SpanKind is what stretch of time a figure covers.
type SpanKind int

const (
	// SpanQuarter is the quarter that reports the figure: the figure of a
	// quarterly measure, or of an annual measure that does not say which
	// year it covers.
	SpanQuarter SpanKind = iota
	// SpanYearToDate is a running total from the start of the reporting
	// year to the end of the quarter (cumulative = true), before the
	// year's last quarter.
	SpanYearToDate
	// SpanWholeYear is a running total at the end of the year's last
	// quarter: the whole reporting year.
	SpanWholeYear
	// SpanYear is the year an annual figure covers (its measure's covers
	// key).
	SpanYear
)

// Span is the stretch of time a figure covers, from the first day of its
// first month to the last day of its last month.
type Span struct {
	Kind SpanKind
	// Year is the kind of year of a SpanYear: CoversFinancialYear,
	// CoversCalendarYear or CoversAcademicYear.
	Year     string
	From, To time.Time
}

// QuarterSpan is the span of quarter p.
func (c Calendar) QuarterSpan(p Period) Span {
	return Span{Kind: SpanQuarter, From: c.Start(p), To: c.End(p)}
}

// YearToDate is the span of a running total reported in quarter p: from
// the start of p's reporting year to the end of p; the whole year in the
// year's last quarter.
func (c Calendar) YearToDate(p Period) Span {
	kind := SpanYearToDate
	if p.Quarter == 4 {
		kind = SpanWholeYear
	}
	return Span{Kind: kind, From: c.Start(Period{Year: p.Year, Quarter: 1}), To: c.End(p)}
}

// CoveredYear is the span of an annual figure of the given kind of year
// (a covers value) reported in quarter p: the latest such year that has
// ended by the end of p.
func (c Calendar) CoveredYear(kind string, p Period) Span {
	start := c.StartMonth
	switch kind {
	case CoversCalendarYear:
		start = time.January
	case CoversAcademicYear:
		start = time.September
	}
	// The year ends on the last day of the month before its start month:
	// find the latest such end on or before the end of p, from the first
	// day after p.
	after := c.End(p).AddDate(0, 0, 1)
	endYear := after.Year() // the calendar year in which the next year starts
	if after.Month() < start {
		endYear--
	}
	from := time.Date(endYear-1, start, 1, 0, 0, 0, 0, time.UTC)
	return Span{Kind: SpanYear, Year: kind, From: from, To: from.AddDate(1, 0, -1)}
}

// YearCovered is the year that a yearly figure reported in quarter p, of a
// measure whose years are of kind (its Covers), is about: the latest such
// year that has ended by the end of p (CoveredYear); but a forecast's
// (Measure.IsForecast, which the caller works out once for a measure) is
// the year it was made in, whose end it forecasts: the year that p ends in.
func (c Calendar) YearCovered(kind string, forecast bool, p Period) Span {
	y := c.CoveredYear(kind, p)
	if forecast && !y.To.Equal(c.End(p)) {
		y = y.Shift(1)
	}
	return y
}

// Shift returns the span moved by whole years: the same stretch of time
// a year before for years = -1.
func (s Span) Shift(years int) Span {
	s.From = s.From.AddDate(years, 0, 0)
	// To is the last day of a month: move the first day of the next.
	s.To = s.To.AddDate(0, 0, 1).AddDate(years, 0, -1)
	return s
}

// Months is the span as a range of months: "April to September 2024",
// "April 2023 to March 2024", "July to September 2023".
func (s Span) Months() string {
	return monthRange(s.From, s.To)
}

// monthRange names the months from a to b: "July to September 2023", or
// "November 2023 to January 2024" across two calendar years.
func monthRange(a, b time.Time) string {
	if a.Year() == b.Year() {
		if a.Month() == b.Month() {
			return a.Month().String() + " " + strconv.Itoa(a.Year())
		}
		return a.Month().String() + " to " + b.Month().String() + " " + strconv.Itoa(b.Year())
	}
	return a.Month().String() + " " + strconv.Itoa(a.Year()) + " to " + b.Month().String() + " " + strconv.Itoa(b.Year())
}

// YearLabel is a year's short name: "2023/24" for a year that spans two
// calendar years, "2023" for a calendar year.
func (s Span) YearLabel() string {
	if s.From.Year() == s.To.Year() {
		return strconv.Itoa(s.From.Year())
	}
	return fmt.Sprintf("%d/%02d", s.From.Year(), s.To.Year()%100)
}
