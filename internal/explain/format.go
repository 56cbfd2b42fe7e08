// Package explain writes the plain-English text of the site from derived
// data: the summary of each figure, the paragraphs of the lists (home page,
// services, quarters) and the glossary explanations of a page. Its
// functions are pure, so the same data always gives the same words.
//
// Every number in the text is one of the data's numbers formatted by Value,
// Target or Change, so that a reader can find it in the tables and a
// journalist can quote it without checking it.
package explain

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"

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
// "52.3 per 10,000 children", "426 days", "1,234". It always shows the
// measure's decimals, so that the figures of a table line up.
func Value(m *model.Measure, v float64) string {
	return withUnit(m, v, Number(v, m.Decimals))
}

// Target formats a target like Value, except that a whole number is shown
// as one: a target typed as 90 reads "90%", not "90.0%".
func Target(m *model.Measure, v float64) string {
	return withUnit(m, v, trimZeros(Number(v, m.Decimals)))
}

// withUnit puts the unit around n, the number v already formatted.
func withUnit(m *model.Measure, v float64, n string) string {
	switch m.Unit {
	case model.UnitPercent:
		return n + "%"
	case model.UnitCurrency:
		return Money(v, m.Decimals)
	case model.UnitRate:
		return n + " " + Per(m)
	case model.UnitDays:
		if n == "1" {
			return "1 day"
		}
		return n + " days"
	}
	return n
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

// perTitle finds "per 10,000 children" in a measure's title.
var perTitle = regexp.MustCompile(`(?i)\bper\s+([0-9][0-9,]*)\s+([\p{L}][\p{L}'’-]*)`)

// Per is what a rate is counted per: "per 10,000 children" when the
// measure's title says what is counted ("Children in care per 10,000
// children"), otherwise "per 10,000".
func Per(m *model.Measure) string {
	key := perKey{m.Title, m.RatePer}
	if per, ok := perCache.Load(key); ok {
		return per.(string)
	}
	per := per(m)
	perCache.Store(key, per)
	return per
}

// perCache holds Per's answers: it is asked for every figure of a rate on
// every page that shows it, and reads the title with a regular expression.
var perCache sync.Map // perKey → string

type perKey struct {
	title string
	per   float64
}

func per(m *model.Measure) string {
	per := "per " + Number(m.RatePer, intPtr(0))
	for _, match := range perTitle.FindAllStringSubmatch(m.Title, -1) {
		n, err := strconv.ParseFloat(strings.ReplaceAll(match[1], ",", ""), 64)
		if err == nil && n == m.RatePer {
			return per + " " + strings.ToLower(match[2])
		}
	}
	return per
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
	if decimals == nil && v != math.Trunc(v) || decimals != nil && *decimals == 1 {
		decimals = intPtr(2) // pounds and pence: "£12.50", never "£12.5"
	}
	out := Number(v, decimals)
	if out == "0" || strings.Trim(out, "0.") == "" {
		sign = "" // never "-£0"
	}
	return sign + "£" + out
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
// percentage points", "£6 million", "12 days", "1.5 per 10,000 children".
// A whole difference is shown as a whole number ("8 percentage points",
// not "8.0").
func Change(m *model.Measure, d float64) string {
	d = math.Abs(d)
	n := trimZeros(Number(d, m.Decimals))
	switch m.Unit {
	case model.UnitPercent:
		if n == "1" {
			return "1 percentage point"
		}
		return n + " percentage points"
	case model.UnitCurrency:
		return Money(d, m.Decimals)
	case model.UnitRate:
		return n + " " + Per(m)
	case model.UnitDays:
		if n == "1" {
			return "1 day"
		}
		return n + " days"
	case model.UnitScore:
		if n == "1" {
			return "1 point"
		}
		return n + " points"
	}
	return n
}

// IsZeroChange reports whether a change rounds to nothing at the measure's
// display precision, so that "up 0.0 points" is never written.
func IsZeroChange(m *model.Measure, d float64) bool {
	return strings.Trim(Number(math.Abs(d), m.Decimals), "0.,") == ""
}

// Diff is a minus b as the reader sees them: both rounded to the measure's
// display precision first, so that the text never says "up 0.1" between two
// figures that are both shown as 42.5%.
func Diff(m *model.Measure, a, b float64) float64 {
	return round(m, round(m, a)-round(m, b))
}

// round rounds v to the precision the measure is shown with.
func round(m *model.Measure, v float64) float64 {
	places := 2
	if m.Decimals != nil {
		places = *m.Decimals
	}
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// trimZeros drops a fraction that is all zeros: "90.0" becomes "90", "2.50"
// stays "2.50".
func trimZeros(n string) string {
	whole, frac, ok := strings.Cut(n, ".")
	if ok && strings.Trim(frac, "0") == "" {
		return whole
	}
	return n
}

func intPtr(i int) *int { return &i }
