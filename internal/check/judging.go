package check

import (
	"fmt"

	"github.com/perfsite/perfsite/internal/model"
)

// checkJudging checks the settings that say how figures are judged and
// what they cover: a target that is a direction, tolerances and change
// thresholds (numbers or shares), and the year an annual figure covers.
// It runs after the quarterly files are checked, as whether a tolerance
// is used depends on the targets they set.
func checkJudging(in *model.Input, idx measureIndex, probs *model.Problems) {
	site := &in.Site
	sitePos := func(key string) model.Pos {
		if p, ok := site.KeyPos[key]; ok {
			return p
		}
		return model.Pos{File: site.File, Line: 1, Col: 1}
	}
	checkShare(site.ToleranceShare, "tolerance", sitePos("tolerance"), probs)
	checkShare(site.ChangeThresholdShare, "change_threshold", sitePos("change_threshold"), probs)

	rowTargets := map[string]bool{} // measures with a target in a quarterly file
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			if id, ok := idx.ids[r.Measure]; ok && r.Target != nil {
				rowTargets[id] = true
			}
		}
	}
	for i := range in.Measures {
		m := &in.Measures[i]
		pos := func(key string) model.Pos { return keyPos(m.KeyPos, key, m.Pos) }
		checkShare(m.ToleranceShare, "tolerance", pos("tolerance"), probs)
		checkShare(m.ChangeThresholdShare, "change_threshold", pos("change_threshold"), probs)
		if m.ChangeThreshold != nil && *m.ChangeThreshold < 0 {
			probs.Errorf(pos("change_threshold"), "write how large a change must be to count, in the measure's unit, like change_threshold = 2",
				"change_threshold is negative")
		}
		if m.Aim != "" {
			checkAim(m, pos("target"), probs)
		}
		// A tolerance is only used against a number to aim for. Warn when
		// there is none anywhere, so that following the hint (removing
		// the tolerance) changes no status: a target in a quarterly file
		// uses it.
		if (m.Tolerance != nil || m.ToleranceShare != nil) && m.Target == nil && !rowTargets[m.ID] {
			if m.Aim != "" {
				probs.Warnf(pos("tolerance"), "remove the tolerance, or set a number as the target",
					"the measure %q has a tolerance, but its target is a direction (%s), which a tolerance does not apply to", m.ID, m.Aim)
			} else {
				probs.Warnf(pos("tolerance"), "add a target, on the measure or in the quarterly files; or remove the tolerance, which nothing uses",
					"the measure %q has a tolerance but no target, in data/measures.toml or in any quarterly file", m.ID)
			}
		}
		switch {
		case m.Covers != "" && m.Frequency != model.Annual:
			probs.Errorf(pos("covers"), `add frequency = "annual", or remove covers: a quarterly figure covers its quarter`,
				"covers says which year a yearly figure covers, but the measure %q is not yearly", m.ID)
		case m.Covers == "" && m.Frequency == model.Annual && m.ID != "":
			probs.Warnf(pos("frequency"), `add covers = "financial-year", "calendar-year" or "academic-year"`,
				"the yearly measure %q does not say which year its figures cover, so the site can only name the quarter that reports them", m.ID)
		}
	}
	checkCoveredYears(in, idx, probs)
}

// checkShare checks a share written with %: from 0% to 100%.
func checkShare(share *float64, key string, pos model.Pos, probs *model.Problems) {
	if share != nil && (*share < 0 || *share > 1) {
		probs.Errorf(pos, fmt.Sprintf(`write a share from 0%% to 100%%, like %s = "5%%"`, key), "%s is %v%%", key, *share*100)
	}
}

// checkAim checks that a direction to aim for agrees with the measure's
// better direction.
func checkAim(m *model.Measure, pos model.Pos, probs *model.Problems) {
	want := map[string]string{model.AimIncrease: model.BetterHigher, model.AimReduce: model.BetterLower}[m.Aim]
	if want == "" || m.Better == "" || m.Better == want {
		return
	}
	probs.Errorf(pos, fmt.Sprintf("to %s the figure is the aim only where %s is better: set better = %q, or change the target", m.Aim, want, want),
		"the target %q does not agree with better = %q", m.Aim, m.Better)
}

// checkCoveredYears finds two figures of a yearly measure that cover the
// same year: a yearly figure covers the latest year of its kind that has
// ended by the end of the quarter that reports it, so two quarters can
// report the same year.
func checkCoveredYears(in *model.Input, idx measureIndex, probs *model.Problems) {
	cal := in.Site.Calendar()
	type yearKey struct {
		id   string
		from string
	}
	first := map[yearKey]model.Row{}
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			id, ok := idx.ids[r.Measure]
			m := idx.byID[id]
			if !ok || m == nil || m.Covers == "" || m.Frequency != model.Annual || r.Value == nil {
				continue
			}
			year := cal.YearCovered(m.Covers, m.IsForecast(), r.Period) // yearly rows: one a year
			k := yearKey{id, year.From.Format("2006-01")}
			prev, dup := first[k]
			if !dup {
				first[k] = r
				continue
			}
			probs.Errorf(r.Fields.Or("measure", r.Pos),
				"a yearly figure covers the latest "+yearWord(m.Covers)+" that ended by the end of its quarter: keep one figure for each year",
				"the figures of %q for %s and %s both cover %s (at %s)", id, cal.Label(prev.Period), cal.Label(r.Period), year.Months(), prev.Fields.Or("measure", prev.Pos))
		}
	}
}

// yearWord names a kind of year in a sentence: "academic year".
func yearWord(covers string) string {
	switch covers {
	case model.CoversCalendarYear:
		return "calendar year"
	case model.CoversAcademicYear:
		return "academic year"
	}
	return "financial year"
}
