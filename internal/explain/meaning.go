package explain

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Words that keep the text true in meaning, not only in number: titles
// in a sentence, forecasts, reductions that went up, headings that count
// committees, revisions that changed a status, and quarters still being
// filled in.

// Title is a measure's title as the text uses it before a colon or inside
// a sentence: without the full stop a title may end with, so that "Homes
// built." never gives "Homes built.:".
func Title(title string) string {
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(title), ". "))
}

// reductionRE finds the word of a title that names a reduction.
var reductionRE = regexp.MustCompile(`(?i)\b(reduction|decrease|fall)s?\b`)

// Reduction is the word of a measure's title that says its figure is a
// reduction ("reduction", "decrease" or "fall"), for a measure whose
// figures can be negative (min below zero), or "" for any other measure.
// A negative reduction is a rise, and its text says so in plain words.
func Reduction(m *model.Measure) string {
	if m.Min == nil || *m.Min >= 0 {
		return ""
	}
	if sm := reductionRE.FindStringSubmatch(m.Title); sm != nil {
		return strings.ToLower(sm[1])
	}
	return ""
}

// opposite is the plain word for a negative reduction.
var opposite = map[string]string{"reduction": "an increase, not a reduction", "decrease": "an increase, not a decrease", "fall": "a rise, not a fall"}

// Better says which way is better, for the measure's "About" section:
// "Higher is better", "Lower is better", or for better = "neither" that
// the aim is to stay near the target, when there is one.
func Better(m *derive.Measure) string {
	switch m.Better {
	case model.BetterHigher:
		return "Higher is better"
	case model.BetterLower:
		return "Lower is better"
	}
	if m.Target != nil {
		return "Neither higher nor lower is better: the aim is to stay near the target"
	}
	for _, p := range m.Series {
		if p.Target != nil {
			return "Neither higher nor lower is better: the aim is to stay near the target"
		}
	}
	return "Neither higher nor lower is better on its own"
}

// MinutesHeading is the heading of a list of minutes: "What the committee
// said" when they are all one committee's, "What the committees said"
// when they are several committees'.
func MinutesHeading(list []*derive.Minutes) string {
	if derive.CommitteeCount(list) > 1 {
		return "What the committees said"
	}
	return "What the committee said"
}

// StillToCome says how many figures of the latest quarter are still to
// come: "3 figures for July to September 2024 are still to come." It is
// empty when none is (derive.Quarter.Awaited).
func StillToCome(q *derive.Quarter, cal model.Calendar) string {
	switch n := q.Awaited(); n {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("1 figure for %s is still to come.", cal.Months(q.Period))
	default:
		return fmt.Sprintf("%d figures for %s are still to come.", n, cal.Months(q.Period))
	}
}

// RevisionStatus says what a revision did to a figure's status, for the
// notice beside a revised figure: "This changed its status from off track
// to close to target." It is empty when the status did not change.
func RevisionStatus(m *derive.Measure, p derive.Point) string {
	first, changed, ok := m.FirstStatus(p)
	if !ok || !changed {
		return ""
	}
	return fmt.Sprintf("This changed its status from %s to %s.", statusWords(first), statusWords(p.Status))
}

// QuarterRevisions is one line for each figure of a quarter's report that
// was revised after it was published, for the quarter's page: "Families
// getting early help: first published as 2,710, now 2,760 (revised on 14
// November 2023)." with the status it changed, if it did. The quarter's
// counts are those of the revised figures.
func QuarterRevisions(q *derive.Quarter) []string {
	var out []string
	for _, r := range q.Revised() {
		m, p := r.Measure, r.Snapshot.Point
		first := "no figure"
		if v, ok := p.FirstPublished(); ok {
			first = Value(&m.Measure, *v)
		}
		now := "no figure"
		if p.Value != nil {
			now = Value(&m.Measure, *p.Value)
		}
		s := fmt.Sprintf("%s: first published as %s, now %s (revised on %s).", Title(m.Title), first, now, p.LastRevised().Format("2 January 2006"))
		if st := RevisionStatus(m, p); st != "" {
			s += " " + st
		}
		out = append(out, s)
	}
	return out
}
