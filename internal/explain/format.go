// Package explain writes the plain-English text of the site from derived
// data: the summary of each figure, the paragraphs of the lists (home page,
// services, quarters), what each chart shows (Chart: its caption, name,
// description and sparkline label, which internal/chart puts in place) and
// the glossary explanations of a page. Its functions are pure, so the same
// data always gives the same words.
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

// Minus is the minus sign of a negative number shown to people: U+2212,
// as typesetters and screen readers expect, not the hyphen. Downloads
// keep the hyphen-minus that spreadsheets read.
const Minus = "\u2212"

// Number formats v for en-GB readers: thousands separated by commas, a
// minus sign (Minus) before a negative number, and rounded to decimals
// places (or, when decimals is nil, shown with no more precision than it
// was given with, to at most 2 places).
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
		out = Minus + out
	}
	return out
}

// ValueOrNone is Value, or "no figure" for none: a revised figure's
// before and after.
func ValueOrNone(m *model.Measure, v *float64) string {
	if v == nil {
		return "no figure"
	}
	return Value(m, *v)
}

// Value formats a measure's figure with its unit: "94.9%", "£15 million",
// "52.3 per 10,000 children", "426 days", "36 households", "1,234
// tonnes". It always shows the measure's decimals, so that the figures
// of a table line up.
func Value(m *model.Measure, v float64) string {
	return withUnit(m, v, Number(v, m.Decimals))
}

// Target formats a target exactly as Value formats a figure: with the
// measure's decimals, so that a target, a figure and a national average
// side by side are written to the same precision ("target 20.0 days",
// "national average 20.0 days").
func Target(m *model.Measure, v float64) string {
	return Value(m, v)
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
		return counted(n, "day", "days")
	case model.UnitCount:
		if m.Noun != "" {
			return counted(n, m.Noun, NounPlural(m))
		}
	case model.UnitOther:
		return ownUnit(m, n)
	}
	return n
}

// counted writes n with the word for one or for many: "1 day", "1.5
// days", "2 households". Only the number 1 itself takes the word for one.
func counted(n, one, many string) string {
	if n == "1" {
		return n + " " + one
	}
	return n + " " + many
}

// NounPlural is the plural of the measure's noun: its noun_plural, or the
// noun made plural by the usual rules of English ("household",
// "households"; "family", "families"; "child", "children").
func NounPlural(m *model.Measure) string {
	if m.NounPlural != "" {
		return m.NounPlural
	}
	return pluralOf(m.Noun)
}

// irregular plurals that councils' measures count.
var irregular = map[string]string{"child": "children", "person": "people", "man": "men", "woman": "women"}

// pluralOf makes a noun plural: the last word of it, so that "young
// person" becomes "young people".
func pluralOf(noun string) string {
	head, last := "", noun
	if i := strings.LastIndexByte(noun, ' '); i >= 0 {
		head, last = noun[:i+1], noun[i+1:]
	}
	lower := strings.ToLower(last)
	switch {
	case irregular[lower] != "":
		return head + last[:1] + irregular[lower][1:]
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return head + last[:len(last)-1] + "ies"
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return head + last + "es"
	}
	return head + last + "s"
}

// ownUnit writes n in a unit of the measure's own: "£2.5 million", "1
// tonne", "1,234 tonnes", "12.3 kWh", or the number alone for an index.
func ownUnit(m *model.Measure, n string) string {
	if m.UnitPrefix != "" {
		// The prefix goes after the minus sign: "−£2.5 million".
		if rest, neg := strings.CutPrefix(n, Minus); neg {
			n = Minus + m.UnitPrefix + rest
		} else {
			n = m.UnitPrefix + n
		}
	}
	name := m.UnitName
	if strings.TrimPrefix(n, m.UnitPrefix) == "1" && m.UnitNameOne != "" {
		name = m.UnitNameOne
	}
	if name == "" {
		return n
	}
	return n + " " + name
}

// UnitLabel names the unit for a table's heading or a chart's axis, where
// the figures are shown without it: "Percentage", "Households", "Rate per
// 10,000 children", "Tonnes", "£ million".
func UnitLabel(m *model.Measure) string {
	switch m.Unit {
	case model.UnitPercent:
		return "Percentage"
	case model.UnitCount:
		if m.Noun != "" {
			return capitalLower(NounPlural(m))
		}
		return "Number"
	case model.UnitCurrency:
		return "Pounds (£)"
	case model.UnitRate:
		return "Rate " + Per(m)
	case model.UnitDays:
		return "Days"
	case model.UnitScore:
		return "Score"
	case model.UnitOther:
		if s := strings.TrimSpace(m.UnitPrefix + " " + m.UnitName); s != "" {
			return capitalLower(s)
		}
	}
	return "Number"
}

// capitalLower makes the first letter of s a capital when s is written in
// small letters: "tonnes" becomes "Tonnes", but "kWh" stays as it is.
func capitalLower(s string) string {
	if strings.ToLower(s) != s {
		return s
	}
	return capital(s)
}

// perTitle finds "per 10,000 children" in a measure's title.
var perTitle = regexp.MustCompile(`(?i)\bper\s+([0-9][0-9,]*)\s+([\p{L}][\p{L}'’-]*)`)

// Per is what a rate is counted per: "per 100,000 collections" when the
// measure has a noun ("collection"), "per 10,000 children" when its
// title says what is counted ("Children in care per 10,000 children"),
// otherwise "per 10,000".
func Per(m *model.Measure) string {
	key := perKey{m.Title, m.Noun, m.NounPlural, m.RatePer}
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
	title, noun, plural string
	per                 float64
}

func per(m *model.Measure) string {
	if m.RatePer == 1 && m.Noun != "" {
		return "per " + m.Noun
	}
	per := "per " + Number(m.RatePer, intPtr(0))
	if m.Noun != "" {
		return per + " " + NounPlural(m)
	}
	for _, match := range perTitle.FindAllStringSubmatch(m.Title, -1) {
		n, err := strconv.ParseFloat(strings.ReplaceAll(match[1], ",", ""), 64)
		if err == nil && n == m.RatePer {
			return per + " " + strings.ToLower(match[2])
		}
	}
	return per
}

// Money formats pounds the way a newspaper would: "£15 million",
// "£2.5 million", "£1.15 million", "£450,000", "£12.50", "−£2.5 million".
// Millions and billions are shown to at most two decimals, as many as the
// figure needs: £1,150,000 is "£1.15 million", not "£1.1 million".
func Money(v float64, decimals *int) string {
	sign := ""
	if v < 0 {
		sign, v = Minus, -v
	}
	switch {
	case v >= 1e9:
		return sign + "£" + scaled(v/1e9) + " billion"
	case v >= 1e6:
		return sign + "£" + scaled(v/1e6) + " million"
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

// scaled writes a figure in millions or billions with at most two
// decimals and no trailing zeros: "15", "2.5", "1.15".
func scaled(v float64) string {
	n := Number(v, intPtr(2))
	if whole, frac, ok := strings.Cut(n, "."); ok {
		if frac = strings.TrimRight(frac, "0"); frac == "" {
			return whole
		}
		return whole + "." + frac
	}
	return n
}

// Change formats a difference with its unit, without a sign: "2.8
// percentage points", "£6 million", "12 days", "1.5 per 10,000 children",
// "3 households". It has the measure's decimals, as the figures do: "10.0
// percentage points" between 100.0% and 90.0%.
func Change(m *model.Measure, d float64) string {
	d = math.Abs(d)
	n := Number(d, m.Decimals)
	switch m.Unit {
	case model.UnitPercent:
		return counted(n, "percentage point", "percentage points")
	case model.UnitScore:
		return counted(n, "point", "points")
	}
	return withUnit(m, d, n)
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

func intPtr(i int) *int { return &i }
