package load

import (
	"strconv"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// parseQuarterName reads the name of a quarter as councils name the sheets
// of a workbook and the columns of a table: as perfsite writes it
// ("2024-25-q2", "Q2 2024-25", "2024-25 Q2", "Q2 2024/25", "Quarter 2
// 2024/25": model.ParsePeriod) or as the months it covers ("Jul-Sep 2024",
// "July to September 2024", "Nov 2023 - Jan 2024"), which the site's
// calendar turns into a quarter: with the UK financial year, Jul-Sep 2024
// is Q2 2024/25. Months that are not one of the calendar's quarters are
// not a quarter.
func parseQuarterName(s string, cal model.Calendar) (model.Period, bool) {
	text := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if rest, ok := strings.CutPrefix(text, "quarter "); ok {
		text = "q" + rest
	}
	if p, err := model.ParsePeriod(text); err == nil {
		return p, true
	}
	return monthsQuarter(text, cal)
}

// monthsQuarter reads "jul-sep 2024", "july to september 2024" or "nov 2023
// - jan 2024" (lower case).
func monthsQuarter(text string, cal model.Calendar) (model.Period, bool) {
	text = strings.NewReplacer("–", "-", "—", "-", " to ", "-").Replace(text)
	from, to, ok := strings.Cut(text, "-")
	if !ok {
		return model.Period{}, false
	}
	fromWords, toWords := strings.Fields(from), strings.Fields(to)
	var first, last time.Month
	var year, lastYear int
	switch {
	case len(fromWords) == 1 && len(toWords) == 2: // jul-sep 2024
		first, last = months[fromWords[0]], months[toWords[0]]
		year = fourDigitYear(toWords[1])
		lastYear = year
		if last < first {
			return model.Period{}, false // "nov-jan 2024": which year?
		}
	case len(fromWords) == 2 && len(toWords) == 2: // nov 2023 - jan 2024
		first, last = months[fromWords[0]], months[toWords[0]]
		year, lastYear = fourDigitYear(fromWords[1]), fourDigitYear(toWords[1])
	default:
		return model.Period{}, false
	}
	if first == 0 || last == 0 || year == 0 || lastYear == 0 {
		return model.Period{}, false
	}
	start := time.Date(year, first, 1, 0, 0, 0, 0, time.UTC)
	if end := start.AddDate(0, 2, 0); end.Month() != last || end.Year() != lastYear {
		return model.Period{}, false // not three months
	}
	offset := (int(first) - int(cal.StartMonth) + 12) % 12
	if offset%3 != 0 {
		return model.Period{}, false // three months, but not one of the site's quarters
	}
	p := model.Period{Year: year, Quarter: offset/3 + 1}
	if first < cal.StartMonth {
		p.Year--
	}
	return p, true
}

// fourDigitYear is a year written in full, or 0.
func fourDigitYear(s string) int {
	if len(s) != 4 {
		return 0
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > 2999 {
		return 0
	}
	return y
}
