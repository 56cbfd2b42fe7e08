package check

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// The longest texts, in characters. A title is shown whole on every list
// and drawn on share images; a longer text is a paragraph or two. A title
// of 85 KB once took minutes to draw, and a note of 100 MB made a site of
// 1.1 GB.
const (
	MaxTitle = 300   // titles and names: of the site, a measure, a service, a committee, minutes, a page, a glossary term
	MaxNote  = 2000  // a quarter's note, a caveat, a revision's reason, a glossary meaning, an item
	MaxText  = 10000 // a description, why, source
)

// MaxGapQuarters is how far (8 quarters, two years) a period may be after
// the latest before it, unless allow_gaps is set: further is taken for a
// typo, such as 2998-99 Q4 for 2023-24 Q4.
const MaxGapQuarters = 8

// checkLengths reports every text longer than its limit.
func checkLengths(in *model.Input, probs *model.Problems) {
	long := func(pos model.Pos, what, text string, limit int, hint string) {
		if n := utf8.RuneCountInString(text); n > limit {
			probs.Errorf(pos, hint, "%s is %s characters long; it may be at most %s", what, thousands(n), thousands(limit))
		}
	}
	const titleHint = "shorten it; say more in the description"
	const textHint = "shorten it; link to a fuller document instead"
	s := &in.Site
	sitePos := func(key string) model.Pos { return keyPos(s.KeyPos, key, model.Pos{File: s.File, Line: 1, Col: 1}) }
	long(sitePos("title"), "the title", s.Title, MaxTitle, "shorten it")
	long(sitePos("organisation"), "the organisation's name", s.Organisation, MaxTitle, "shorten it")
	long(sitePos("description"), "the description", s.Description, MaxNote, textHint)
	for _, sv := range s.Services {
		long(keyPos(sv.KeyPos, "name", sv.Pos), "the service's name", sv.Name, MaxTitle, "shorten it")
	}
	for _, c := range s.Committees {
		long(keyPos(c.KeyPos, "name", c.Pos), "the committee's name", c.Name, MaxTitle, "shorten it")
	}
	for i := range in.Measures {
		m := &in.Measures[i]
		pos := func(key string) model.Pos { return keyPos(m.KeyPos, key, m.Pos) }
		long(pos("title"), "the title", m.Title, MaxTitle, titleHint)
		long(pos("description"), "the description", m.Description, MaxText, textHint)
		long(pos("why"), "why", m.Why, MaxText, textHint)
		long(pos("source"), "the source", m.Source, MaxText, textHint)
		for _, c := range m.Caveats {
			long(pos("caveats"), "a caveat", c, MaxNote, textHint)
		}
	}
	for _, qf := range in.Quarters {
		for _, row := range qf.Rows {
			long(row.Fields.Or("note", row.Pos), "the note", row.Note, MaxNote, "shorten the note; put a longer explanation in the minutes or on a page of its own")
		}
	}
	for _, rv := range in.Revisions {
		long(keyPos(rv.Fields, "reason", rv.Pos), "the reason", rv.Reason, MaxNote, textHint)
	}
	for _, t := range in.Glossary {
		long(t.Pos, "the term", t.Term, MaxTitle, "shorten it")
		long(t.Pos, "the meaning", t.Meaning, MaxNote, textHint)
	}
	for _, mn := range in.Minutes {
		pos := func(key string) model.Pos { return keyPos(mn.KeyPos, key, model.Pos{File: mn.File, Line: 1, Col: 1}) }
		long(pos("title"), "the title", mn.Title, MaxTitle, titleHint)
		long(pos("item"), "the item", mn.Item, MaxTitle, "shorten it")
	}
	for _, p := range in.Pages {
		pos := func(key string) model.Pos { return keyPos(p.KeyPos, key, model.Pos{File: p.File, Line: 1, Col: 1}) }
		long(pos("title"), "the title", p.Title, MaxTitle, titleHint)
		long(pos("description"), "the description", p.Summary, MaxNote, textHint)
	}
}

// checkPeriods reports periods that must be typos: before the site's
// earliest year (1990 unless earliest_year says otherwise), or more than
// MaxGapQuarters after the latest period before them (unless allow_gaps),
// in the quarterly files, the minutes and the revisions; and dates of
// minutes and revisions outside the years from the earliest to two years
// after the latest figures. A period of 2998-99 Q4 once made the home page
// say that the latest figures were for 2999, and a site of 145 MB from a
// file of three rows.
func checkPeriods(in *model.Input, probs *model.Problems) {
	cal := in.Site.Calendar()
	earliest := in.Site.Earliest()
	// Every use of a period: a file named by its quarter, or each row of a
	// file of many quarters. Walked twice (the periods, then the problems)
	// rather than kept: a file of a million rows has a million uses.
	eachUse := func(use func(p model.Period, pos func() model.Pos)) {
		for _, qf := range in.Quarters {
			base := strings.TrimSuffix(path.Base(qf.File), path.Ext(qf.File))
			if p, err := model.ParsePeriod(base); err == nil {
				use(p, func() model.Pos { return model.Pos{File: qf.File} })
				continue
			}
			for _, row := range qf.Rows {
				use(row.Period, func() model.Pos { return row.Fields.Or("period", row.Pos) })
			}
		}
	}
	// The periods in order; each is taken for a typo if it is too early,
	// or too far after the latest one before it that is not.
	seen := map[model.Period]bool{}
	var periods []model.Period
	eachUse(func(p model.Period, _ func() model.Pos) {
		if !seen[p] {
			seen[p] = true
			periods = append(periods, p)
		}
	})
	sort.Slice(periods, func(i, j int) bool { return periods[i].Before(periods[j]) })
	why := map[model.Period]string{}
	var latest model.Period
	for _, p := range periods {
		switch {
		case p.Year < earliest:
			why[p] = fmt.Sprintf("is before %d", earliest)
		case !latest.IsZero() && !in.Site.AllowGaps && p.Index() > latest.Index()+MaxGapQuarters:
			why[p] = fmt.Sprintf("is more than two years after the figures before it (%s)", cal.Label(latest))
		default:
			latest = p
		}
	}
	hint := func(p model.Period) string {
		if p.Year < earliest {
			return "check the year; for figures from before " + strconv.Itoa(earliest) + ", set earliest_year in data/site.toml"
		}
		return "check the year; if the figures really are this far apart, set allow_gaps = true in data/site.toml"
	}
	if len(why) > 0 {
		eachUse(func(p model.Period, pos func() model.Pos) {
			if w, bad := why[p]; bad {
				probs.Errorf(pos(), hint(p), "the period %s %s", cal.Label(p), w)
			}
		})
	}

	// Minutes and revisions name periods and dates near the figures'.
	lastYear := 0
	if !latest.IsZero() {
		lastYear = cal.End(latest).Year() + 2
	}
	later := func(p model.Period) bool {
		return !latest.IsZero() && p.Index() > latest.Index()+MaxGapQuarters
	}
	checkPeriod := func(pos model.Pos, p model.Period) {
		switch {
		case p.IsZero():
		case p.Year < earliest:
			probs.Errorf(pos, hint(p), "the period %s is before %d", cal.Label(p), earliest)
		case later(p):
			probs.Errorf(pos, "check the year", "the period %s is more than two years after the latest figures (%s)", cal.Label(p), cal.Label(latest))
		}
	}
	checkDate := func(pos model.Pos, what string, year int, date string) {
		switch {
		case year < earliest:
			probs.Errorf(pos, "check the year", "%s %s is before %d", what, date, earliest)
		case lastYear != 0 && year > lastYear:
			probs.Errorf(pos, "check the year", "%s %s is more than two years after the latest figures (%s)", what, date, cal.Label(latest))
		}
	}
	for _, mn := range in.Minutes {
		pos := func(key string) model.Pos { return keyPos(mn.KeyPos, key, model.Pos{File: mn.File, Line: 1, Col: 1}) }
		checkPeriod(pos("period"), mn.Period)
		if !mn.Date.IsZero() {
			checkDate(pos("date"), "the date", mn.Date.Year(), mn.Date.Format("2006-01-02"))
		}
	}
	for _, rv := range in.Revisions {
		checkPeriod(keyPos(rv.Fields, "period", rv.Pos), rv.Period)
		checkDate(keyPos(rv.Fields, "date", rv.Pos), "the date", rv.Date.Year(), rv.Date.Format("2006-01-02"))
	}
}

// thousands writes n with commas: 34,512.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
