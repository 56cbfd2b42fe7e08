package load

import (
	"slices"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// The words a measure's unit, better and frequency are written in, as
// people write them. A value is read in any case and with any spaces
// around it ("Percent", " lower "): that changes nothing. A synonym whose
// meaning is clear ("%", "£", "number", "yearly") is read as the word it
// stands for, with a warning that says so: the warning names what was
// assumed, so that a wrong guess is seen, and how to write it. Anything
// else is left as written, for check to refuse with a "did you mean".
var (
	unitSynonyms = map[string]string{
		"%": model.UnitPercent, "percentage": model.UnitPercent, "per cent": model.UnitPercent, "pct": model.UnitPercent,
		"number": model.UnitCount, "numbers": model.UnitCount, "no.": model.UnitCount, "#": model.UnitCount,
		"£": model.UnitCurrency, "gbp": model.UnitCurrency, "pounds": model.UnitCurrency, "pound": model.UnitCurrency,
		"money": model.UnitCurrency, "sterling": model.UnitCurrency,
		"day": model.UnitDays,
	}
	betterSynonyms = map[string]string{
		"higher is better": model.BetterHigher, "high": model.BetterHigher, "up": model.BetterHigher,
		"increase": model.BetterHigher, "bigger": model.BetterHigher, "more": model.BetterHigher,
		"lower is better": model.BetterLower, "low": model.BetterLower, "down": model.BetterLower,
		"decrease": model.BetterLower, "smaller": model.BetterLower, "less": model.BetterLower, "fewer": model.BetterLower,
		"none": model.BetterNeither, "neutral": model.BetterNeither, "no direction": model.BetterNeither,
	}
	frequencySynonyms = map[string]string{
		"quarter": model.Quarterly, "every quarter": model.Quarterly,
		"annually": model.Annual, "yearly": model.Annual, "year": model.Annual, "every year": model.Annual,
	}
)

// Enum reads a key whose value is one of values: in any case, or as one
// of synonyms (with a warning); anything else is returned as written.
func (r *tableReader) Enum(key string, required bool, values []string, synonyms map[string]string) string {
	s := r.String(key, required)
	word := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	if slices.Contains(values, word) {
		return word
	}
	if canonical, ok := synonyms[word]; ok {
		r.probs.Warnf(r.pos(key), "write "+key+r.sep+strconv.Quote(canonical)+", the word perfsite uses, and this warning goes",
			"%s %q is read as %q", key, strings.TrimSpace(s), canonical)
		return canonical
	}
	return s
}
