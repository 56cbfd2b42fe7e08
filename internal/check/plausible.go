package check

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/glossary"
	"github.com/perfsite/perfsite/internal/model"
)

// Plausibility: data that is valid but probably not what was meant, and
// would publish a false claim. Each finding is a warning, so the site
// still builds, and each says what the slip probably was.

// checkPlausible warns about figures 10 or 100 times away from their
// neighbours, quarters with no figures, percentages written as fractions,
// running totals not marked cumulative, abbreviations with no glossary
// entry, and reductions with negative figures that nothing explains.
func checkPlausible(in *model.Input, idx measureIndex, probs *model.Problems) {
	cal := in.Site.Calendar()
	// Each measure's rows (the first of each figure), by pointer: a
	// national site has over 100,000.
	byMeasure := make(map[string][]*model.Row, len(idx.order))
	for qi := range in.Quarters {
		for ri := range in.Quarters[qi].Rows {
			r := &in.Quarters[qi].Rows[ri]
			if id, ok := idx.ids[r.Measure]; ok {
				byMeasure[id] = append(byMeasure[id], r)
			}
		}
	}
	for _, id := range idx.order {
		m := idx.byID[id]
		list := byMeasure[id]
		// In order of quarter, and of files within a quarter; a duplicate
		// row (reported by checkQuarters) is dropped for the first.
		slices.SortStableFunc(list, func(a, b *model.Row) int { return a.Period.Index() - b.Period.Index() })
		list = slices.CompactFunc(list, func(a, b *model.Row) bool { return a.Period == b.Period })
		checkScale(m, list, cal, probs)
		checkFractions(m, list, probs)
		checkRunningTotal(m, list, probs)
		checkNegativeReduction(m, list, probs)
	}
	checkAbbreviations(in, idx, probs)
	checkEmptyQuarters(in, probs)
}

// scaleWindow is how many quarters either side of a figure it is compared
// with (years, for a year-to-date total): near enough that a trend does
// not look like a slip.
const scaleWindow = 4

// tightSpread is the most that the largest of the figures compared with
// may be, as a multiple of the smallest, for a slip of 10 times to stand
// out: figures that wander more, or cross zero, are not judged.
const tightSpread = 1.5

// checkScale warns about a figure 10, 100 or 1,000 times smaller or larger
// than the measure's figures and targets near it in time, when dividing or
// multiplying it by that much puts it among them: "0.77 looks like a
// fraction: did you mean 77?". A year-to-date total is compared only with
// the same quarter of other years, as it grows through the year.
func checkScale(m *model.Measure, rows []*model.Row, cal model.Calendar, probs *model.Problems) {
	if len(rows) == 0 {
		return
	}
	// The rows by quarter, from the first: rows are in order.
	first := rows[0].Period.Index()
	byIndex := make([]*model.Row, rows[len(rows)-1].Period.Index()-first+1)
	for _, r := range rows {
		byIndex[r.Period.Index()-first] = r
	}
	step := 1 // quarters between the figures compared
	if m.Cumulative {
		step = 4
	}
	var refs []float64 // the figures near each row's, in one buffer
	for _, row := range rows {
		if row.Value == nil || *row.Value == 0 {
			continue
		}
		v, p := *row.Value, row.Period.Index()
		refs = refs[:0]
		targetNear := false
		for d := -scaleWindow * step; d <= scaleWindow*step; d += step {
			i := p + d - first
			if i < 0 || i >= len(byIndex) || byIndex[i] == nil {
				continue
			}
			r := byIndex[i]
			if r.Value != nil && d != 0 {
				refs = append(refs, *r.Value)
			}
			if r.Target != nil {
				refs = append(refs, *r.Target)
				targetNear = true
			}
		}
		if !targetNear && m.Target != nil && !m.Cumulative {
			refs = append(refs, *m.Target) // a year-to-date target is the year's: not comparable in every quarter
		}
		lo, hi, ok := sameSignRange(refs, v)
		if !ok || len(refs) < 2 || hi/lo > tightSpread || smallWholeNumbers(v, refs, hi) {
			continue
		}
		larger := math.Abs(v) > hi
		for _, scale := range []float64{10, 100, 1000} {
			meant := v * scale
			if larger {
				meant = v / scale
			}
			if a := math.Abs(meant); a < lo/1.1 || a > hi*1.1 {
				continue
			}
			pos := row.Fields.Or("value", row.Pos)
			if m.Unit == model.UnitPercent && scale == 100 && !larger {
				probs.Warnf(pos, "write percentages from 0 to 100: in Excel a cell showing 76.8% holds 0.768, so multiply by 100 before saving as CSV",
					"%s looks like a fraction: did you mean %s? The figures and target of %q around %s are %s to %s",
					plainNumber(v), plainNumber(meant), m.ID, cal.Label(row.Period), plainNumber(lo), plainNumber(hi))
				break
			}
			size := "smaller"
			if larger {
				size = "larger"
			}
			probs.Warnf(pos, "check for a zero too many or too few, or a decimal point in the wrong place",
				"%s is about %s times %s than the figures and target of %q around %s (%s to %s): did you mean %s?",
				plainNumber(v), plainNumber(scale), size, m.ID, cal.Label(row.Period), plainNumber(lo), plainNumber(hi), plainNumber(meant))
			break
		}
	}
}

// sameSignRange is the smallest and largest size of refs, when all of
// them are on the same side of zero as v.
func sameSignRange(refs []float64, v float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), 0
	for _, r := range refs {
		if r == 0 || (r < 0) != (v < 0) {
			return 0, 0, false
		}
		lo, hi = min(lo, math.Abs(r)), max(hi, math.Abs(r))
	}
	return lo, hi, len(refs) > 0
}

// smallWholeNumbers reports whether v and refs are small whole numbers:
// counts below 100 vary by chance by more than the spread allows for,
// and 1 among 7s and 10s is as likely a real figure as a slip.
func smallWholeNumbers(v float64, refs []float64, hi float64) bool {
	if hi >= 100 || v != math.Trunc(v) {
		return false
	}
	for _, r := range refs {
		if r != math.Trunc(r) {
			return false
		}
	}
	return true
}

// checkFractions warns about a percentage whose figures are all between
// 0 and 1 (in size), at least one of them not a whole number: a column
// saved from Excel as fractions. A measure whose max is 1 or less says
// that its figures are that small.
func checkFractions(m *model.Measure, rows []*model.Row, probs *model.Problems) {
	if m.Unit != model.UnitPercent || m.Max != nil && *m.Max <= 1 {
		return
	}
	var first *model.Row
	n, fraction := 0, false
	for _, r := range rows {
		if r.Value == nil {
			continue
		}
		a := math.Abs(*r.Value)
		if a > 1 {
			return
		}
		if first == nil {
			first = r
		}
		n++
		fraction = fraction || a > 0 && a < 1
	}
	if !fraction {
		return
	}
	all := "the figure"
	if n > 1 {
		all = fmt.Sprintf("all %d figures", n)
	}
	probs.Warnf(first.Fields.Or("value", first.Pos),
		"write percentages from 0 to 100: 77 rather than 0.77 (in Excel a cell showing 77% holds 0.77, so multiply by 100 before saving as CSV); if the figures really are below 1%, set max = 1 on the measure",
		"%s for %q %s between 0 and 1, like %s here: a percentage written as a fraction?", all, m.ID, isAre(n), plainNumber(*first.Value))
}

// runningTotalWords are words that say a figure is a running total.
var runningTotalWords = []string{"cumulative", "year to date", "year-to-date", "ytd", "so far this year", "during the year"}

// runningTotal finds in text, as a whole word or phrase in any case, the
// first of runningTotalWords it uses, as written; or "". A plain search,
// not a regular expression: every note of a national site is read.
func runningTotal(text string) string {
	if text == "" {
		return ""
	}
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		return "" // a letter whose small form has another length: none of the words
	}
	for _, w := range runningTotalWords {
		for from := 0; ; {
			i := strings.Index(lower[from:], w)
			if i < 0 {
				break
			}
			i += from
			if wordEdge(lower, i-1) && wordEdge(lower, i+len(w)) {
				return text[i : i+len(w)]
			}
			from = i + 1
		}
	}
	return ""
}

// wordEdge reports whether s[i] is outside a word: before its start, past
// its end, or not a letter or digit.
func wordEdge(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80)
}

// checkRunningTotal warns about a quarterly measure whose title,
// description or notes call it a running total when cumulative is not
// set: its figures would be compared with the quarter before, across the
// start of the year, when the total goes back to zero.
func checkRunningTotal(m *model.Measure, rows []*model.Row, probs *model.Problems) {
	if m.Cumulative || m.Frequency == model.Annual {
		return
	}
	where := func(key, text string, pos func() model.Pos) bool {
		words := runningTotal(text)
		if words == "" {
			return false
		}
		probs.Warnf(pos(), "add cumulative = true to the measure in data/measures.toml, so that each figure is compared with the same time last year; if it is not a running total, reword the "+key,
			"%q looks like a running total (%q in its %s), but cumulative is not set", m.ID, words, key)
		return true
	}
	at := func(fields map[string]model.Pos, key string, fallback model.Pos) func() model.Pos {
		return func() model.Pos { return keyPos(fields, key, fallback) }
	}
	if where("title", m.Title, at(m.KeyPos, "title", m.Pos)) || where("description", m.Description, at(m.KeyPos, "description", m.Pos)) {
		return
	}
	for _, r := range rows {
		if where("note", r.Note, func() model.Pos { return r.Fields.Or("note", r.Pos) }) {
			return
		}
	}
}

// reductionRE finds a title that names a reduction.
var reductionRE = regexp.MustCompile(`(?i)\b(reductions?|decreases?|falls?)\b`)

// negativeMeaningRE finds a description that says what a figure below
// zero means.
var negativeMeaningRE = regexp.MustCompile(`(?i)\b(negative|minus|below zero|less than zero)\b`)

// checkNegativeReduction warns about a measure that is a reduction, with
// a negative figure, when its description does not say what a negative
// figure means: "−16%" beside "reduction in violent offences" reads as
// good news, though offences rose.
func checkNegativeReduction(m *model.Measure, rows []*model.Row, probs *model.Problems) {
	var negative *model.Row
	for _, r := range rows {
		if r.Value != nil && *r.Value < 0 {
			negative = r
			break
		}
	}
	if negative == nil || !reductionRE.MatchString(m.Title) || negativeMeaningRE.MatchString(m.Description) {
		return
	}
	probs.Warnf(negative.Fields.Or("value", negative.Pos),
		`add a sentence to the measure's description that says what a negative figure means, such as "A negative figure means the number went up."`,
		"%q is a %s, and this figure, %s, is negative; its description does not say what that means", m.ID,
		strings.ToLower(reductionRE.FindString(m.Title)), plainNumber(*negative.Value))
}

// checkAbbreviations warns, once for each, about an abbreviation in a
// measure's title or description that neither the site's glossary nor
// the built-in one explains, at its first use, saying how many other
// measures use it.
func checkAbbreviations(in *model.Input, idx measureIndex, probs *model.Problems) {
	known := glossary.NewIndex(append(glossary.Builtin(), in.Glossary...))
	type use struct {
		id, key string
		pos     model.Pos
		others  map[string]bool
	}
	uses := map[string]*use{}
	var order []string
	for _, id := range idx.order {
		m := idx.byID[id]
		for _, f := range []struct{ key, text string }{{"title", m.Title}, {"description", m.Description}} {
			for _, a := range glossary.Abbreviations(f.text) {
				if known.Covers(a.Word) {
					continue
				}
				u, seen := uses[a.Word]
				if !seen {
					u = &use{id: id, key: f.key, pos: keyPos(m.KeyPos, f.key, m.Pos), others: map[string]bool{}}
					uses[a.Word] = u
					order = append(order, a.Word)
				}
				if id != u.id {
					u.others[id] = true
				}
			}
		}
	}
	for _, word := range order {
		u := uses[word]
		also := ""
		if n := len(u.others); n > 0 {
			also = fmt.Sprintf(" (%d other %s %s it)", n, map[bool]string{true: "measure", false: "measures"}[n == 1], map[bool]string{true: "uses", false: "use"}[n == 1])
		}
		probs.Warnf(u.pos, fmt.Sprintf(`add it to data/glossary.toml: [[term]] with term = %q, abbr = true and its meaning, so that the site can explain it; or write it out in full`, word),
			"the abbreviation %q in the %s of %q is not explained in the glossary%s", word, u.key, u.id, also)
	}
}

// checkEmptyQuarters warns about a quarter whose file has no figures: a
// file just made by perfsite new quarter, or saved before it was filled
// in. The site leaves such a quarter out of the home page, the feeds and
// What's new, as the latest quarter is the last one with figures.
func checkEmptyQuarters(in *model.Input, probs *model.Problems) {
	cal := in.Site.Calendar()
	filled := map[model.Period]bool{}
	var latest model.Period
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			if r.Value != nil {
				filled[r.Period] = true
				if latest.Before(r.Period) {
					latest = r.Period
				}
			}
		}
	}
	for _, qf := range in.Quarters {
		for _, p := range qf.Periods {
			if filled[p] {
				continue
			}
			pos := model.Pos{File: qf.File, Line: 1, Col: 1}
			for _, r := range qf.Rows {
				if r.Period == p {
					pos = r.Fields.Or("value", r.Pos)
					break
				}
			}
			hint := "fill in the value column"
			switch {
			case latest.IsZero():
			case latest.Before(p):
				hint += fmt.Sprintf("; until then the home page, the feeds and What's new describe %s, the latest quarter with figures", cal.Label(latest))
			default:
				hint += ", or delete the file if the quarter was never reported"
			}
			probs.Warnf(pos, hint, "%s has no figures: every value is empty", cal.Label(p))
		}
	}
}

// plainNumber writes a number as a person typed it: no exponent, no
// digits from binary rounding (0.77 × 100 is 77, not 77.00000000000001).
func plainNumber(v float64) string {
	return strconv.FormatFloat(strconvRound(v), 'f', -1, 64)
}

// strconvRound rounds v to 10 significant digits.
func strconvRound(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 10, 64), 64)
	return r
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
