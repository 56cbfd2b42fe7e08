package check

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/suggest"
)

// unitHint suggests the unit that a unit which is not one of them is a
// misspelling of, listing the units; else it lists them and says how to
// name a unit of one's own.
func unitHint(unit string) string {
	units := "the units are " + strings.Join(model.Units, ", ")
	if h := suggest.DidYouMean(unit, model.Units); h != "" {
		return h + " (" + units + ")"
	}
	return fmt.Sprintf(`%s; for a unit of your own, write unit = "other" and unit_name = %q`, units, unit)
}

// checkUnitWords checks the keys that say how a measure's figures are
// written: noun and noun_plural for a count or a rate, and unit_name,
// unit_name_one and unit_prefix for a unit of its own.
func checkUnitWords(m *model.Measure, pos func(string) model.Pos, probs *model.Problems) {
	if m.Unit == "" {
		return
	}
	if m.Noun != "" && m.Unit != model.UnitCount && m.Unit != model.UnitRate {
		probs.Errorf(pos("noun"), `noun says what a count counts or what a rate is per; for a unit of your own, write unit = "other" and unit_name`,
			"noun only applies to unit = \"count\" or \"rate\", not %q", m.Unit)
	}
	if m.NounPlural != "" && m.Noun == "" {
		probs.Errorf(pos("noun_plural"), fmt.Sprintf("add noun, the word for one of them, like noun = %q", singularHint(m.NounPlural)),
			"noun_plural is set but noun is not")
	}
	if m.Noun != "" && m.NounPlural == "" && looksPlural(m.Noun) {
		probs.Warnf(pos("noun"), fmt.Sprintf("write the word for one, noun = %q, and perfsite adds the s; or give both, with noun_plural = %q", singularHint(m.Noun), m.Noun),
			"the noun %q looks plural, so the site would write \"1 %s\" and \"2 %ss\"", m.Noun, m.Noun, m.Noun)
	}
	if m.Unit != model.UnitOther {
		for _, key := range []string{"unit_name", "unit_name_one", "unit_prefix"} {
			if _, set := m.KeyPos[key]; set {
				probs.Errorf(pos(key), `set unit = "other" for a unit of your own, or remove `+key,
					"%s only applies to unit = \"other\", not %q", key, m.Unit)
			}
		}
		return
	}
	if m.UnitNameOne != "" && m.UnitName == "" {
		probs.Errorf(pos("unit_name_one"), fmt.Sprintf("add unit_name, how the unit is written after any other number, like unit_name = %q", m.UnitNameOne+"s"),
			"unit_name_one is set but unit_name is not")
	}
}

// looksPlural reports whether a noun ends in an s that makes a plural:
// "households", but not "address", "bus" or "analysis".
func looksPlural(noun string) bool {
	w := strings.ToLower(strings.TrimSpace(noun))
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// singularHint guesses the singular of a plural for an example in a hint.
func singularHint(plural string) string {
	switch {
	case strings.HasSuffix(plural, "ies"):
		return strings.TrimSuffix(plural, "ies") + "y"
	case strings.HasSuffix(plural, "s"):
		return strings.TrimSuffix(plural, "s")
	}
	return plural
}
