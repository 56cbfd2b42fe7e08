package check

import (
	"slices"

	"github.com/perfsite/perfsite/internal/model"
)

// checkSigns reports the numbers of one row written with a sign that
// contradicts the measure's unit: a % in a count, a £ in a percentage. The
// number was read without its sign (load's number rules), so the sign is
// the only trace of a figure that is not what the measure counts: a
// percentage pasted into a count, an amount of money into a rate. A
// measure whose unit is not valid has its own problem, and no other.
func checkSigns(m *model.Measure, signs []model.Sign, pos func(col string) model.Pos, probs *model.Problems) {
	if !slices.Contains(model.Units, m.Unit) {
		return
	}
	for _, s := range signs {
		switch {
		case s.Symbol == model.SignPercent && m.Unit != model.UnitPercent:
			probs.Errorf(pos(s.Column), `write the figure without the % sign; if the measure is a percentage, set unit = "percent" on it in data/measures.toml`,
				"the %s %q has a %% sign, but %q is not a percentage: its unit is %s", s.Column, s.Text, m.ID, m.Unit)
		case s.Symbol == model.SignPounds && m.Unit != model.UnitCurrency:
			probs.Errorf(pos(s.Column), `write the figure without the £ sign; if the measure is an amount of money, set unit = "currency" on it in data/measures.toml`,
				"the %s %q has a £ sign, but %q is not an amount of money: its unit is %s", s.Column, s.Text, m.ID, m.Unit)
		}
	}
}
