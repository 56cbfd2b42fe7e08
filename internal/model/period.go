package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is one quarter of a reporting year. Year is the calendar year in
// which the reporting year starts: with the UK financial year (April to
// March), Period{Year: 2023, Quarter: 2} is Q2 2023/24, July to September 2023.
type Period struct {
	Year    int
	Quarter int // 1 to 4
}

// ParsePeriod reads a period written as in file names ("2023-24-q2") or in a
// period column ("2023-24 Q2", "2023/24 Q2", "Q2 2023/24"). A calendar-year
// site writes "2023-q2" or "2023 Q2".
func ParsePeriod(s string) (Period, error) {
	orig := s
	s = strings.ToLower(strings.TrimSpace(s))
	bad := func() (Period, error) {
		return Period{}, fmt.Errorf("%q is not a quarter; write it like 2023-24-q2 or \"2023-24 Q2\"", orig)
	}
	var year, quarter string
	switch {
	case strings.HasPrefix(s, "q"):
		// "q2 2023/24"
		q, y, ok := strings.Cut(s, " ")
		if !ok {
			return bad()
		}
		quarter, year = q[1:], strings.TrimSpace(y)
	default:
		i := strings.LastIndexAny(s, " -")
		if i < 0 || !strings.HasPrefix(s[i+1:], "q") {
			return bad()
		}
		year, quarter = s[:i], s[i+2:]
	}
	q, err := strconv.Atoi(quarter)
	if err != nil || q < 1 || q > 4 || len(quarter) != 1 {
		return bad()
	}
	first, second, twoYears := strings.Cut(strings.ReplaceAll(year, "/", "-"), "-")
	if len(first) != 4 {
		return bad()
	}
	y, err := strconv.Atoi(first)
	if err != nil || y < 1900 || y > 2999 {
		return bad()
	}
	if twoYears {
		next, err := strconv.Atoi(second)
		if err != nil || len(second) != 2 || next != (y+1)%100 {
			return Period{}, fmt.Errorf("%q is not a quarter: the year %s should be followed by %02d", orig, first, (y+1)%100)
		}
	}
	return Period{Year: y, Quarter: q}, nil
}

// Index numbers periods consecutively, so that the difference of two
// indexes is the number of quarters between them.
func (p Period) Index() int { return p.Year*4 + p.Quarter - 1 }

// PeriodFromIndex is the inverse of Index.
func PeriodFromIndex(i int) Period { return Period{Year: i / 4, Quarter: i%4 + 1} }

// Add returns the period n quarters later (earlier if n is negative).
func (p Period) Add(n int) Period { return PeriodFromIndex(p.Index() + n) }

// Before reports whether p comes before q.
func (p Period) Before(q Period) bool { return p.Index() < q.Index() }

// IsZero reports whether p is the zero value (no period).
func (p Period) IsZero() bool { return p.Year == 0 }

// Calendar turns periods into words and dates for one site, whose reporting
// year starts in StartMonth (4, April, for the UK financial year).
type Calendar struct {
	StartMonth time.Month
}

// Slug is the period as used in file names and URLs: "2023-24-q2", or
// "2023-q2" when the reporting year is the calendar year.
func (c Calendar) Slug(p Period) string {
	// Built by hand rather than with fmt: pages name periods hundreds of
	// thousands of times on a large site.
	b := make([]byte, 0, 12)
	b = c.appendYear(b, p, '-')
	b = append(b, "-q"...)
	return string(strconv.AppendInt(b, int64(p.Quarter), 10))
}

// appendYear appends the reporting year, "2023<sep>24" or "2023".
func (c Calendar) appendYear(b []byte, p Period, sep byte) []byte {
	b = strconv.AppendInt(b, int64(p.Year), 10)
	if c.StartMonth == time.January {
		return b
	}
	next := (p.Year + 1) % 100
	if next < 0 {
		next = -next
	}
	return append(b, sep, byte('0'+next/10), byte('0'+next%10))
}

// YearLabel is the reporting year: "2023/24", or "2023".
func (c Calendar) YearLabel(p Period) string {
	return string(c.appendYear(make([]byte, 0, 8), p, '/'))
}

// Label is the short name of the period: "Q2 2023/24".
func (c Calendar) Label(p Period) string {
	b := append(make([]byte, 0, 12), 'Q')
	b = strconv.AppendInt(b, int64(p.Quarter), 10)
	b = append(b, ' ')
	return string(c.appendYear(b, p, '/'))
}

// LongLabel is the name of the period in words: "Quarter 2 2023/24".
func (c Calendar) LongLabel(p Period) string {
	return fmt.Sprintf("Quarter %d %s", p.Quarter, c.YearLabel(p))
}

// Start returns the first day of the period.
func (c Calendar) Start(p Period) time.Time {
	return time.Date(p.Year, c.StartMonth+time.Month(3*(p.Quarter-1)), 1, 0, 0, 0, 0, time.UTC)
}

// End returns the last day of the period.
func (c Calendar) End(p Period) time.Time {
	return c.Start(p).AddDate(0, 3, -1)
}

// Months is the period as a range of months: "July to September 2023", or
// "November 2023 to January 2024" when it spans two calendar years.
func (c Calendar) Months(p Period) string {
	s, e := c.Start(p), c.End(p)
	if s.Year() == e.Year() {
		return s.Month().String() + " to " + e.Month().String() + " " + strconv.Itoa(e.Year())
	}
	return s.Month().String() + " " + strconv.Itoa(s.Year()) + " to " + e.Month().String() + " " + strconv.Itoa(e.Year())
}
