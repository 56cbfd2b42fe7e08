package load

import (
	"github.com/perfsite/perfsite/internal/model"
)

// parseMeasures reads one file of [[measure]] tables. ok is false when the
// file could not be read at all (empty, not UTF-8, not valid TOML).
func parseMeasures(file string, src []byte, probs *model.Problems) (_ []model.Measure, ok bool) {
	data, tables := decodeTOML(file, src, probs)
	if data == nil {
		return nil, false
	}
	top := newTableReader(file, data, tables[0], probs)
	list := top.Tables("measure")
	top.Unknown()
	measureTables := tablesNamed(tables, "measure")
	var out []model.Measure
	for i, data := range list {
		r := newTableReader("[[measure]]", data, tableAt(measureTables, i, tables[0]), probs)
		// Problems come in the order the keys are read: the target and
		// tolerance before the range, as ever.
		m := model.Measure{
			ID:        r.String("id", true),
			Title:     r.String("title", true),
			Service:   r.String("service", true),
			Unit:      r.Enum("unit", true, model.Units, unitSynonyms),
			Better:    r.Enum("better", true, model.Betters, betterSynonyms),
			Frequency: r.Enum("frequency", false, model.Frequencies, frequencySynonyms),
		}
		m.Target, m.Aim = r.TargetOrAim("target")
		m.Tolerance, m.ToleranceShare = r.NumberOrShare("tolerance", true)
		m.Decimals = r.Int("decimals")
		m.Min, m.Max = r.Float("min"), r.Float("max")
		m.Cumulative = r.Bool("cumulative")
		m.Noun, m.NounPlural = r.String("noun", false), r.String("noun_plural", false)
		m.UnitName, m.UnitNameOne = r.String("unit_name", false), r.String("unit_name_one", false)
		m.UnitPrefix = r.String("unit_prefix", false)
		m.Description, m.Why, m.Source = r.String("description", false), r.String("why", false), r.String("source", false)
		m.Caveats, m.Aliases = r.Strings("caveats"), r.Strings("aliases")
		m.Pos = r.table.Pos
		m.ChangeThreshold, m.ChangeThresholdShare = r.NumberOrShare("change_threshold", true)
		m.Covers = r.Covers("covers")
		if per := r.Float("rate_per"); per != nil {
			m.RatePer = *per
		}
		if m.Frequency == "" {
			m.Frequency = model.Quarterly
		}
		r.Unknown()
		m.KeyPos = r.keyPositions()
		out = append(out, m)
	}
	return out, true
}

// parseGlossary reads data/glossary.toml: [[term]] tables.
func parseGlossary(file string, src []byte, probs *model.Problems) []model.Term {
	data, tables := decodeTOML(file, src, probs)
	if data == nil {
		return nil
	}
	top := newTableReader(file, data, tables[0], probs)
	list := top.Tables("term")
	top.Unknown()
	termTables := tablesNamed(tables, "term")
	var out []model.Term
	for i, data := range list {
		r := newTableReader("[[term]]", data, tableAt(termTables, i, tables[0]), probs)
		t := model.Term{
			Term:        r.String("term", true),
			Meaning:     r.String("meaning", true),
			Abbr:        r.Bool("abbr"),
			AlsoMatches: r.Strings("also_matches"),
			Pos:         r.table.Pos,
		}
		r.Unknown()
		out = append(out, t)
	}
	return out
}
