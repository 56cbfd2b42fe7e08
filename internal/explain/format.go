// Package explain writes the plain-English text of the site from derived
// data: the summary of each figure, and the headlines of the lists. Its
// functions are pure, so the same data always gives the same words.
package explain

import (
	"math"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// Number formats v for en-GB readers: thousands separated by commas, and
// rounded to decimals places (or, when decimals is nil, shown with no more
// precision than it was given with, to at most 2 places).
func Number(v float64, decimals *int) string {
	var s string
	if decimals != nil {
		s = strconv.FormatFloat(v, 'f', *decimals, 64)
	} else {
		s = strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	out := b.String()
	if neg && strings.Trim(out, "0.,") != "" { // never "-0"
		out = "-" + out
	}
	return out
}

// Value formats a measure's figure with its unit: "94.9%", "£15 million",
// "52.3 per 10,000", "426 days", "1,234".
func Value(m *model.Measure, v float64) string {
	switch m.Unit {
	case model.UnitPercent:
		return Number(v, m.Decimals) + "%"
	case model.UnitCurrency:
		return Money(v, m.Decimals)
	case model.UnitRate:
		return Number(v, m.Decimals) + " per " + Number(m.RatePer, intPtr(0))
	case model.UnitDays:
		if v == 1 {
			return "1 day"
		}
		return Number(v, m.Decimals) + " days"
	}
	return Number(v, m.Decimals)
}

// Plain formats a figure for tables and CSV-like places where the unit is
// shown in the heading: the number alone, rounded as on the page.
func Plain(m *model.Measure, v float64) string {
	if m.Unit == model.UnitCurrency {
		return Money(v, m.Decimals)
	}
	if m.Unit == model.UnitPercent {
		return Number(v, m.Decimals) + "%"
	}
	return Number(v, m.Decimals)
}

// Money formats pounds the way a newspaper would: "£15 million",
// "£2.5 million", "£450,000", "£12.50".
func Money(v float64, decimals *int) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	switch {
	case v >= 1e9:
		return sign + "£" + Number(v/1e9, intPtr(significant(v/1e9))) + " billion"
	case v >= 1e6:
		return sign + "£" + Number(v/1e6, intPtr(significant(v/1e6))) + " million"
	}
	if decimals == nil && v != math.Trunc(v) {
		decimals = intPtr(2)
	}
	return sign + "£" + Number(v, decimals)
}

// significant is how many decimals to show of a figure in millions: "£15
// million", "£2.5 million", never "£15.0 million".
func significant(v float64) int {
	if math.Abs(v-math.Round(v)) < 0.05 || v >= 100 {
		return 0
	}
	return 1
}

// Change formats a difference with its unit, without a sign: "2.8
// percentage points", "£6 million", "12 days", "1.5 per 10,000".
func Change(m *model.Measure, d float64) string {
	d = math.Abs(d)
	switch m.Unit {
	case model.UnitPercent:
		n := Number(d, m.Decimals)
		if n == "1" {
			return "1 percentage point"
		}
		return n + " percentage points"
	case model.UnitCurrency:
		return Money(d, m.Decimals)
	case model.UnitRate:
		return Number(d, m.Decimals) + " per " + Number(m.RatePer, intPtr(0))
	case model.UnitDays:
		if Number(d, m.Decimals) == "1" {
			return "1 day"
		}
		return Number(d, m.Decimals) + " days"
	case model.UnitScore:
		if Number(d, m.Decimals) == "1" {
			return "1 point"
		}
		return Number(d, m.Decimals) + " points"
	}
	return Number(d, m.Decimals)
}

// IsZeroChange reports whether a change rounds to nothing at the measure's
// display precision, so that "up 0.0 points" is never written.
func IsZeroChange(m *model.Measure, d float64) bool {
	return strings.Trim(Number(math.Abs(d), m.Decimals), "0.,") == ""
}

func intPtr(i int) *int { return &i }
