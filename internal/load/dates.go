package load

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Dates as people write them, where a date is expected (the date of a
// meeting in minutes, the date of a revision in data/revisions.csv):
//
//   - 2023-11-14, the form perfsite writes;
//   - 14/11/2023, 14-11-2023 or 14.11.2023, day first, as in the UK and as
//     Excel in the UK saves a date in a CSV file;
//   - 14 November 2023, 14 Nov 2023, 14th November 2023, Tuesday 14
//     November 2023, November 14, 2023: the month in words.
//
// A date in figures whose first two numbers could each be the day or the
// month (03/04/2023: 3 April in the UK, March 4 in the US) is refused
// unless the rest of its file settles the order: another date in the file
// with a day over 12 in first place (14/11/2023) makes the file day first;
// one with a day over 12 in second place (11/14/2023, as Excel in the US
// saves it) makes it month first. A two-digit year (14/11/23) is refused:
// write the year in full. A date that does not exist (30/02/2024) is
// refused.

// dateOrder is the order of the day and the month in a date in figures.
type dateOrder int

const (
	orderUnknown dateOrder = iota
	dayFirst               // 14/11/2023
	monthFirst             // 11/14/2023
)

// dateProblem is why a text is not read as a date, and what to write.
type dateProblem struct {
	msg, hint string
}

// parseDateText reads a date written in any of the forms above. order
// settles a date whose day and month could be either way round; shows is
// the order the text itself proves (a number over 12 in first or second
// place), for the caller to settle the other dates of its file.
func parseDateText(s string, order dateOrder) (d time.Time, shows dateOrder, prob *dateProblem) {
	text := strings.TrimSpace(s)
	notDate := &dateProblem{
		msg:  fmt.Sprintf("the date %q is not a date", text),
		hint: "write the date like 2023-11-14 or 14 November 2023",
	}
	if text == "" {
		return time.Time{}, orderUnknown, notDate
	}
	if t, err := time.Parse(time.DateOnly, text); err == nil {
		return t, orderUnknown, nil
	}
	if parts, ok := splitNumericDate(text); ok {
		return numericDate(text, parts, order)
	}
	if t, ok, prob := wordsDate(text); ok || prob != nil {
		return t, orderUnknown, prob
	}
	return time.Time{}, orderUnknown, notDate
}

// splitNumericDate splits "14/11/2023", "14-11-2023" or "14.11.2023" into
// its three numbers, as text; the separators must agree.
func splitNumericDate(s string) ([3]string, bool) {
	var out [3]string
	for _, sep := range []string{"/", "-", "."} {
		parts := strings.Split(s, sep)
		if len(parts) != 3 {
			continue
		}
		for i, p := range parts {
			if p == "" || strings.Trim(p, "0123456789") != "" {
				return out, false
			}
			out[i] = p
		}
		return out, true
	}
	return out, false
}

// numericDate reads day/month/year or month/day/year.
func numericDate(text string, parts [3]string, order dateOrder) (time.Time, dateOrder, *dateProblem) {
	a, _ := strconv.Atoi(parts[0])
	b, _ := strconv.Atoi(parts[1])
	if len(parts[0]) == 4 && len(parts[1]) <= 2 && len(parts[2]) <= 2 { // 2023/11/14, or 2023-02-30
		c, _ := strconv.Atoi(parts[2])
		if t, ok := realDate(a, b, c); ok {
			return t, orderUnknown, nil
		}
		return time.Time{}, orderUnknown, &dateProblem{
			msg:  fmt.Sprintf("the date %q is not a date: there is no %s", text, dateWordsLoose(a, b, c)),
			hint: "check the day and the month; write the date like 2023-11-14 (year, month, day)",
		}
	}
	if len(parts[2]) != 4 || len(parts[0]) > 2 || len(parts[1]) > 2 {
		if len(parts[2]) == 2 && len(parts[0]) <= 2 && len(parts[1]) <= 2 {
			return time.Time{}, orderUnknown, &dateProblem{
				msg:  fmt.Sprintf("the date %q has a two-digit year", text),
				hint: fmt.Sprintf("write the year in full, like %s/%s/20%s or 20%s-%02d-%02d", parts[0], parts[1], parts[2], parts[2], b, a),
			}
		}
		return time.Time{}, orderUnknown, &dateProblem{
			msg:  fmt.Sprintf("the date %q is not a date", text),
			hint: "write the date like 2023-11-14 or 14/11/2023 (day, month, year)",
		}
	}
	year, _ := strconv.Atoi(parts[2])
	shows := orderUnknown
	switch {
	case a > 12 && b <= 12:
		shows = dayFirst
	case b > 12 && a <= 12:
		shows = monthFirst
	case a > 12 && b > 12:
		shows = dayFirst // neither is a month: say so, day first
	}
	use := shows
	if use == orderUnknown {
		use = order
		if a == b {
			use = dayFirst // 12/12/2024: the same either way
		}
	}
	var day, month int
	switch use {
	case dayFirst:
		day, month = a, b
	case monthFirst:
		day, month = b, a
	default:
		return time.Time{}, orderUnknown, &dateProblem{
			msg: fmt.Sprintf("the date %q could be %s or %s", text, dateWords(year, b, a), dateWords(year, a, b)),
			hint: fmt.Sprintf("write it as %04d-%02d-%02d (%s) or %04d-%02d-%02d (%s), which cannot be misread",
				year, b, a, dateWords(year, b, a), year, a, b, dateWords(year, a, b)),
		}
	}
	t, ok := realDate(year, month, day)
	if !ok {
		return time.Time{}, shows, &dateProblem{
			msg:  fmt.Sprintf("the date %q is not a date: there is no %s", text, dateWordsLoose(year, month, day)),
			hint: "check the day and the month; write the date like 2023-11-14 or 14/11/2023 (day, month, year)",
		}
	}
	return t, shows, nil
}

// dateWords writes a date as "3 April 2023", or the numbers if they are
// not a date.
func dateWords(year, month, day int) string {
	if t, ok := realDate(year, month, day); ok {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// dateWordsLoose writes a day that may not exist, like "30 February 2024".
func dateWordsLoose(year, month, day int) string {
	if month >= 1 && month <= 12 {
		return fmt.Sprintf("%d %s %d", day, time.Month(month), year)
	}
	return fmt.Sprintf("month %d", month)
}

// realDate is the date, if the day exists.
func realDate(year, month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == day && int(t.Month()) == month
}

// months are the names of the months as people write them, in lower case.
var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// weekdays may start a date ("Tuesday 14 November 2023"); they are not
// checked against the date.
var weekdays = map[string]bool{
	"monday": true, "mon": true, "tuesday": true, "tue": true, "tues": true, "wednesday": true, "wed": true,
	"thursday": true, "thu": true, "thurs": true, "friday": true, "fri": true, "saturday": true, "sat": true,
	"sunday": true, "sun": true,
}

// wordsDate reads a date with the month in words: "14 November 2023",
// "14th Nov 2023", "Tuesday, 14 November 2023", "November 14, 2023". ok
// is false when the text is not of that shape; prob is set when it is but
// the date is wrong (a two-digit year, a day that does not exist).
func wordsDate(text string) (t time.Time, ok bool, prob *dateProblem) {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return r == ' ' || r == ',' || r == '\u00a0' })
	if len(words) == 4 && weekdays[strings.TrimSuffix(words[0], ".")] {
		words = words[1:]
	}
	if len(words) != 3 {
		return time.Time{}, false, nil
	}
	dayText, monthText, yearText := words[0], words[1], words[2]
	if _, isMonth := months[strings.TrimSuffix(dayText, ".")]; isMonth { // November 14, 2023
		dayText, monthText = monthText, dayText
	}
	month, isMonth := months[strings.TrimSuffix(monthText, ".")]
	dayText = strings.TrimRight(dayText, "stndrh") // 1st, 2nd, 3rd, 14th
	day, err := strconv.Atoi(dayText)
	if !isMonth || err != nil || len(dayText) > 2 || strings.Trim(yearText, "0123456789") != "" {
		return time.Time{}, false, nil
	}
	year, _ := strconv.Atoi(yearText)
	switch len(yearText) {
	case 4:
	case 2:
		return time.Time{}, false, &dateProblem{
			msg:  fmt.Sprintf("the date %q has a two-digit year", text),
			hint: fmt.Sprintf("write the year in full, like %d %s 20%s", day, month, yearText),
		}
	default:
		return time.Time{}, false, nil
	}
	d, real := realDate(year, int(month), day)
	if !real {
		return time.Time{}, false, &dateProblem{
			msg:  fmt.Sprintf("the date %q is not a date: there is no %s", text, dateWordsLoose(year, int(month), day)),
			hint: "check the day and the month",
		}
	}
	return d, true, nil
}

// fileDateOrder settles the order of day and month for the dates in
// figures of one file from the dates that show it: day first if any date
// has a day over 12 in first place and none in second, month first in the
// opposite case, else unknown (no evidence, or both); a text that is not
// a date either way is no evidence. example is the
// first date that shows the order found.
func fileDateOrder(texts []string) (order dateOrder, example string) {
	var first, second string
	for _, s := range texts {
		_, shows, prob := parseDateText(s, orderUnknown)
		if prob != nil {
			continue // not a date, or either way round: it shows nothing
		}
		switch shows {
		case dayFirst:
			if first == "" {
				first = strings.TrimSpace(s)
			}
		case monthFirst:
			if second == "" {
				second = strings.TrimSpace(s)
			}
		}
	}
	switch {
	case first != "" && second == "":
		return dayFirst, first
	case second != "" && first == "":
		return monthFirst, second
	}
	return orderUnknown, ""
}
