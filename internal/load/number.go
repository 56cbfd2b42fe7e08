package load

import (
	"math"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// The number rules, one set for CSV files and Excel workbooks alike
// (README.md, "How to write the figures"). A cell may be written as Excel
// shows it:
//
//   - with spaces around it;
//   - with thousands separated by commas, in their places: 1,234 and
//     1,234,567.8, not 1,23 (a decimal comma, which is ambiguous);
//   - negative as -1,234, −1,234 (a minus sign) or (1,234), as Excel's
//     accounting formats show it;
//   - with a % at the end: 94.9% is 94.9;
//   - with a £ in front, and for millions, thousands and billions, m,
//     million, k, thousand, bn or billion after it: £1,200,000, £1.2m,
//     £1.2 million and £950k.
//
// The % and the £ must agree with the measure's unit, which load does not
// know: the number is read without them and the sign is recorded
// (model.Sign) for check to compare. A shortened number (1.2m) needs its
// £, as that is what says it is money. A cell in a workbook that holds a
// number (not text) is taken as it is, whatever its format shows (xlsx.go).

// numberProblem is why a cell is not read as a number: the hint says what
// to write.
type numberProblem struct {
	hint string
}

const plainNumberHint = "write a number such as 94.9, 1,234 or £1.2m, or leave the cell empty if there is no figure"

// readNumber reads the number in a cell of a number column. ok is false
// when the cell is empty; sign is "%" or "£" when the number was written
// with one; prob says why a cell that is not empty is not a number.
func readNumber(c gridCell) (v float64, sign string, ok bool, prob *numberProblem) {
	if c.Num != nil {
		// A workbook's number, whatever its format shows: a cell formatted
		// as a percentage is the percentage it shows, in any measure, as
		// perfsite has always read it.
		return *c.Num, "", true, nil
	}
	text := trimCell(c.Text)
	if text == "" {
		return 0, "", false, nil
	}
	v, sign, prob = parseNumberText(text)
	if prob != nil {
		return 0, "", false, prob
	}
	return v, sign, true, nil
}

// signText is a cell written with a sign, as it was written.
func signText(c gridCell) string { return trimCell(c.Text) }

// trimCell removes the spaces around a cell, the no-break spaces that
// spreadsheets write among them too.
func trimCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u202f'
	})
}

// scaleWords are the words that shorten an amount of money, longest first
// so that "bn" is not read as "n", and the power of ten each stands for.
var scaleWords = []struct {
	word  string
	power int
}{
	{"thousand", 3}, {"million", 6}, {"billion", 9}, {"bn", 9}, {"m", 6}, {"k", 3},
}

// parseNumberText reads a number written as text by the rules above.
func parseNumberText(s string) (float64, string, *numberProblem) {
	s = trimCell(s)
	orig := s
	s = strings.ReplaceAll(s, "\u2212", "-") // the minus sign Excel may show
	negative := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") { // (1,234): accounting
		negative, s = true, trimCell(s[1:len(s)-1])
	}
	signed := false
	takeSign := func() bool {
		if s != "" && (s[0] == '-' || s[0] == '+') {
			if signed || negative {
				return false
			}
			signed, negative = true, s[0] == '-'
			s = trimCell(s[1:])
		}
		return true
	}
	if !takeSign() {
		return 0, "", &numberProblem{plainNumberHint}
	}
	sign := ""
	if rest, ok := strings.CutPrefix(s, "£"); ok {
		sign, s = model.SignPounds, trimCell(rest)
		if !takeSign() { // £-1,200
			return 0, "", &numberProblem{plainNumberHint}
		}
	}
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		if sign != "" {
			return 0, "", &numberProblem{"a figure is an amount of money (£) or a percentage (%), not both: write one sign, or none"}
		}
		sign, s = model.SignPercent, trimCell(rest)
	}
	power := 0
	for _, sw := range scaleWords {
		if len(s) <= len(sw.word) || !strings.EqualFold(s[len(s)-len(sw.word):], sw.word) {
			continue
		}
		number := trimCell(s[:len(s)-len(sw.word)]) // "1.2 million" too
		if number == "" || !isDigit(number[len(number)-1]) {
			continue
		}
		if sign != model.SignPounds {
			hint := plainNumberHint
			if digits, ok := plainDigits(number, false); ok {
				full, _ := strconv.ParseFloat(shiftPoint(digits, sw.power), 64)
				hint = "write £" + strings.TrimSpace(orig) + " if it is an amount of money, or the number in full: " + strconv.FormatFloat(full, 'f', -1, 64)
			}
			return 0, "", &numberProblem{hint}
		}
		power, s = sw.power, number
		break
	}
	digits, ok := plainDigits(s, power == 0 && sign == "")
	if !ok {
		return 0, "", &numberProblem{badNumberHint(orig)}
	}
	v, err := strconv.ParseFloat(shiftPoint(digits, power), 64)
	if err != nil {
		return 0, "", &numberProblem{badNumberHint(orig)}
	}
	if negative && v != 0 {
		v = -v
	}
	return v, sign, nil
}

// plainDigits checks the digits of a number without its sign: digits,
// commas between groups of three, a point and more digits. It returns
// them without the commas. exponent allows 1.2E+07, as Excel writes a large
// number in a narrow column, for a number without a sign or a scale word.
func plainDigits(s string, exponent bool) (string, bool) {
	if exponent {
		if mantissa, exp, ok := strings.Cut(strings.ToLower(s), "e"); ok {
			m, okM := plainDigits(mantissa, false)
			e := strings.TrimPrefix(strings.TrimPrefix(exp, "+"), "-")
			if !okM || e == "" || strings.Trim(e, "0123456789") != "" || len(e) > 3 {
				return "", false
			}
			return m + "e" + exp, true
		}
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" || hasPoint && frac == "" {
		return "", false
	}
	grouped := strings.Contains(intPart, ",")
	if grouped {
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return "", false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return "", false
			}
		}
		intPart = strings.Join(groups, "")
	}
	for i := 0; i < len(intPart); i++ {
		if !isDigit(intPart[i]) {
			return "", false
		}
	}
	for i := 0; i < len(frac); i++ {
		if !isDigit(frac[i]) {
			return "", false
		}
	}
	switch {
	case !grouped:
		return s, true // as written: most figures, read without a copy
	case hasPoint:
		return intPart + "." + frac, true
	}
	return intPart, true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// shiftPoint multiplies a number written in digits by 10^power by moving
// its point, so that £1.2m is exactly 1200000 (1.2*1e6 in floating point
// is not).
func shiftPoint(digits string, power int) string {
	if power == 0 || strings.Contains(digits, "e") {
		return digits
	}
	intPart, frac, _ := strings.Cut(digits, ".")
	for len(frac) < power {
		frac += "0"
	}
	return intPart + frac[:power] + "." + frac[power:] + "0"
}

// badNumberHint says what to write instead of a cell that is not a number,
// given what it looks like.
func badNumberHint(text string) string {
	t := strings.TrimSpace(text)
	switch {
	case strings.ContainsAny(t, "-–—") && strings.Trim(t, "£-–— ") == "": // Excel's accounting zero
		return "write 0 if the figure is zero, or leave the cell empty if there is no figure"
	case strings.ContainsAny(t, "$€¥"):
		return "perfsite counts money in pounds: write the figure as £1,200 or 1200"
	case strings.Contains(t, ","):
		return "write a point for decimals, and commas only between groups of three digits: 1.23, 1,234 or 1,234,567.8"
	}
	return plainNumberHint
}

// MaxMagnitude is the largest figure perfsite takes, either way of zero:
// a thousand million million, beyond any count or sum of money a public
// body reports, and far inside what a float64 holds exactly enough to
// draw (a typo such as 1.79e308 gave "-Inf" and charts that could not be
// drawn).
const MaxMagnitude = 1e15

// saneNumber reports whether v is a finite figure of at most MaxMagnitude.
func saneNumber(v float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) <= MaxMagnitude
}

// tooLarge reports the figure v, which is not a saneNumber, in the cell or
// key at pos (its column or key named what), with its span if known.
func tooLarge(v float64, pos model.Pos, span *model.TextSpan, what string, probs *model.Problems) {
	probs.ErrorfSpan(pos, span, "check the figure: perfsite takes figures of up to 1,000,000,000,000,000 (a thousand million million) either side of zero",
		"the %s %v is too large to be a figure", what, v)
}
