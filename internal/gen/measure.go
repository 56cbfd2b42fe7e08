package gen

import (
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/perfsite/perfsite/internal/model"
)

// measure is one generated measure: its definition, and the state of the
// random walk that gives its figures quarter by quarter.
type measure struct {
	i                     int
	id, title, service    string
	unit, better, kind    string
	annual, cumulative    bool
	minimal               bool // only the required keys
	hasTarget, hasTol     bool
	target, tolerance     float64
	aim                   string // a target that is a direction ("increase"); then hasTarget is false
	toleranceShare        bool   // the tolerance is written as a share of the target ("5%")
	threshold             bool   // change_threshold = "10%"
	covers                string // the year a yearly figure covers
	decimals              int
	step                  float64 // values are multiples of step (currency: £1,000); 0 means decimals
	ratePer               float64
	min, max              *float64
	description, why, src string
	noun, nounPlural      string
	caveats, aliases      []string

	level, sd     float64 // the level the walk returns to, and its quarterly step
	reportQuarter int     // annual measures: the quarter they report in
	start         int     // the first quarter (index) with a row
	noData        bool    // no figures at all
	national      bool
	natLevel      float64
	targetFrom    int // from this quarter index, newTarget is written in the target column; -1 for never
	newTarget     float64

	rng         *rand.Rand
	v, nat, ytd float64
	started     bool
	reported    bool // a figure has been written; only then may one be missing
}

// Which measures get which features. Most go by index, so that even a small
// site has every kind and a large one has them in proportion.
func isAnnual(i int) bool         { return i%10 == 3 }
func isNoTarget(i int) bool       { return i%10 == 7 }
func hasAliases(i int) bool       { return i%20 == 2 }
func isLongTitle(i int) bool      { return i%25 == 4 }
func startsLate(i int) bool       { return i%20 == 13 }
func isMinimal(i int) bool        { return i%50 == 9 }
func isCumulativeIdx(i int) bool  { return i%2 == 0 }
func isAim(i int) bool            { return i%20 == 11 }
func isShareTolerance(i int) bool { return i%20 == 5 }
func hasThreshold(i int) bool     { return i%25 == 6 }

// coversOf is the year a yearly measure's figures cover: each kind in
// turn (yearly measures are every tenth, from the fourth).
func coversOf(i int) string {
	return model.CoversValues[(i/10)%len(model.CoversValues)]
}

func newMeasure(g *generator, i int, titles map[string]int, perUnit *[6]int) *measure {
	cfg := g.cfg
	r := newRand(cfg.Seed, uint64(i)+1)
	sv := g.services[i%cfg.Services]
	u := (i/cfg.Services + i%cfg.Services) % len(templates) // the six units with templates: not "other"
	list := templates[u]
	t := list[perUnit[u]%len(list)]
	perUnit[u]++

	m := &measure{
		i: i, service: sv.id, unit: model.Units[u], better: t.better, kind: t.kind,
		description: t.description, why: t.why, src: t.source,
		annual:     isAnnual(i),
		minimal:    isMinimal(i),
		targetFrom: -1,
		rng:        r,
	}
	m.id = t.slug + "-" + strconv.Itoa(i+1)
	m.noun, m.nounPlural = nouns[t.slug][0], nouns[t.slug][1]

	// A title that is unique within its service.
	m.cumulative = t.kind == "flow" && !m.annual && isCumulativeIdx(i)
	m.title = t.title
	if m.cumulative {
		m.title += " (year to date)"
	}
	key := sv.id + "\x00" + m.title
	m.title += suffixName(titles[key], " (", " area)")
	titles[key]++
	if isLongTitle(i) {
		m.title += longTitleTail
	}
	m.shape(r, t)

	m.hasTarget = !m.minimal && !isNoTarget(i) && !(m.annual && r.Float64() < 0.3)
	if m.better == model.BetterNeither && m.kind == "variance" {
		m.hasTarget = true // a budget variance is judged against zero
	}
	if m.hasTarget {
		m.setTarget(r)
	}
	if m.hasTarget && !m.annual && !m.cumulative && m.better != model.BetterNeither && cfg.Quarters >= 4 && r.Float64() < 0.1 {
		// The target is raised (or lowered, if lower is better) half way.
		m.targetFrom = cfg.Quarters / 2
		sign := 1.0
		if m.better == model.BetterLower {
			sign = -1
		}
		m.newTarget = m.clamp(m.round(m.target + sign*math.Max(m.sd, m.unitStep())))
	}
	if m.annual {
		m.reportQuarter = 3
		if r.Float64() < 0.4 {
			m.reportQuarter = 1 + r.IntN(4)
		}
		if cfg.Quarters < 4 { // so that it still has a figure
			m.reportQuarter = cfg.FirstPeriod.Quarter
		}
		m.caveats = append(m.caveats, "This figure is worked out once a year. We report it in Quarter "+strconv.Itoa(m.reportQuarter)+".")
	}
	if startsLate(i) && !m.annual {
		m.start = cfg.Quarters / 2
		m.caveats = append(m.caveats, "This measure was first reported in "+calendar.Label(cfg.FirstPeriod.Add(m.start))+".")
	}
	if r.Float64() < 0.3 {
		k := r.IntN(len(caveatTexts))
		m.caveats = append(m.caveats, caveatTexts[k])
		if r.Float64() < 0.5 {
			m.caveats = append(m.caveats, caveatTexts[(k+1+r.IntN(len(caveatTexts)-1))%len(caveatTexts)])
		}
	}
	if m.annual {
		m.covers = coversOf(i)
	}
	// The kinds of target and tolerance councils set: a direction to aim
	// for, and a tolerance as a share of the target. They take no random
	// numbers, so the figures are the same as without them.
	if isAim(i) && m.hasTarget && !m.annual && !m.cumulative && m.better != model.BetterNeither {
		m.aim = model.AimIncrease
		if m.better == model.BetterLower {
			m.aim = model.AimReduce
		}
		m.hasTarget, m.hasTol, m.targetFrom = false, false, -1
	}
	// A share is of the target, at most all of it: a tolerance larger
	// than a small target stays a number.
	m.toleranceShare = isShareTolerance(i) && m.hasTol && m.target != 0 && m.tolerance <= math.Abs(m.target)
	m.threshold = hasThreshold(i)
	if m.targetFrom >= 0 {
		m.caveats = append(m.caveats, "The target changed in "+calendar.Label(cfg.FirstPeriod.Add(m.targetFrom))+".")
	}
	if hasAliases(i) {
		m.aliases = append(m.aliases, "old-"+m.id)
		if i%40 == 2 {
			m.aliases = append(m.aliases, "kpi-"+strconv.Itoa(1000+i))
		}
	}
	m.national = m.kind != "variance" && !m.cumulative &&
		(m.unit == model.UnitPercent || m.unit == model.UnitRate || m.unit == model.UnitDays || m.unit == model.UnitScore) &&
		r.Float64() < 0.45
	m.natLevel = m.clamp(m.level + m.sd*(r.Float64()*4-2))
	if m.national && r.Float64() < 0.5 {
		m.caveats = append(m.caveats, "The national figure is for the whole of England.")
	}
	if m.unit == model.UnitCurrency && r.Float64() < 0.3 {
		m.caveats = append(m.caveats, "Figures are rounded to the nearest £1,000.")
	}
	m.noData = cfg.Measures >= 2 && i == cfg.Measures-1
	if m.minimal {
		m.caveats, m.aliases = nil, nil
	}
	return m
}

// shape sets the measure's scale: its range, precision, level and step,
// from the template's usual range.
func (m *measure) shape(r *rand.Rand, t template) {
	zero := 0.0
	width := t.hi - t.lo
	uniform := t.lo + width*r.Float64()
	logUniform := t.lo * math.Pow(t.hi/t.lo, r.Float64())
	switch m.unit {
	case model.UnitPercent:
		m.decimals = 1
		if m.kind == "change" {
			lo := -100.0
			m.min = &lo
		}
		m.level = uniform
		m.sd = width * (0.05 + 0.05*r.Float64())
	case model.UnitCount:
		m.min = &zero
		m.level = math.Round(logUniform)
		m.sd = math.Max(1, 0.06*m.level)
		if m.cumulative {
			// level is the total for a year; sd varies each quarter's addition.
			m.level *= 4
			m.sd = math.Max(1, 0.03*m.level)
		}
	case model.UnitCurrency:
		m.step = 1000
		if m.kind == "variance" {
			m.level = 0
			m.sd = width * (0.05 + 0.1*r.Float64())
		} else {
			m.min = &zero
			m.level = logUniform
			m.sd = 0.08 * m.level
		}
	case model.UnitRate:
		m.min = &zero
		m.decimals = 1
		m.ratePer = 10_000
		switch t.kind {
		case "per1000":
			m.ratePer = 1_000
		case "per100000":
			m.ratePer = 100_000
		}
		m.level = uniform
		m.sd = 0.05 * m.level
	case model.UnitDays:
		m.min = &zero
		m.decimals = 1
		m.level = uniform
		m.sd = 0.06 * m.level
	case model.UnitScore:
		scale := 10.0
		m.decimals = 1
		switch m.kind {
		case "score5":
			scale = 5
		case "score12":
			scale = 12
		case "score100":
			scale = 100
			m.decimals = 0
		}
		top := scale
		m.min, m.max = &zero, &top
		m.level = uniform
		m.sd = 0.1*width + 0.01*scale
	}
}

// setTarget sets a default target near the measure's level, so that the
// figures fall on both sides of it, and sometimes a tolerance.
func (m *measure) setTarget(r *rand.Rand) {
	switch m.better {
	case model.BetterHigher:
		m.target = m.level + m.sd*(3*r.Float64()-1)
	case model.BetterLower:
		m.target = m.level - m.sd*(3*r.Float64()-1)
	default:
		m.target = m.level
	}
	if m.unit == model.UnitCount || m.unit == model.UnitCurrency {
		m.target = niceRound(m.target)
	}
	m.target = m.clamp(m.round(m.target))
	if m.better == model.BetterNeither || r.Float64() < 0.6 {
		m.hasTol = true
		m.tolerance = math.Max(m.unitStep(), m.round(m.sd*(1+r.Float64())))
	}
}

// unitStep is the smallest difference between two figures.
func (m *measure) unitStep() float64 {
	if m.step > 0 {
		return m.step
	}
	return math.Pow(10, -float64(m.decimals))
}

// round rounds v to the measure's precision.
func (m *measure) round(v float64) float64 {
	if m.step > 0 {
		v = math.Round(v/m.step) * m.step
	} else {
		p := math.Pow(10, float64(m.decimals))
		v = math.Round(v*p) / p
	}
	if v == 0 {
		v = 0 // never -0
	}
	return v
}

// lo and hi are the valid range, as check.Range works it out.
func (m *measure) lo() float64 {
	if m.min != nil {
		return *m.min
	}
	if m.unit == model.UnitPercent {
		return 0
	}
	return math.Inf(-1)
}

func (m *measure) hi() float64 {
	if m.max != nil {
		return *m.max
	}
	if m.unit == model.UnitPercent {
		return 100
	}
	return math.Inf(1)
}

// clamp keeps v inside the valid range. The bounds are whole numbers, so a
// clamped value stays inside when rounded.
func (m *measure) clamp(v float64) float64 { return math.Min(m.hi(), math.Max(m.lo(), v)) }

// niceRound rounds to two significant figures, as people set targets.
func niceRound(v float64) float64 {
	if v == 0 {
		return 0
	}
	p := math.Pow(10, math.Floor(math.Log10(math.Abs(v)))-1)
	return math.Round(v/p) * p
}

// next advances the walk by one report (a quarter, or a year for annual
// measures) and returns the value for quarter p.
func (m *measure) next(p model.Period) float64 {
	r := m.rng
	if m.cumulative {
		if !m.started || p.Quarter == 1 {
			m.ytd = 0
		}
		m.started = true
		m.ytd += math.Max(0, m.level/4+m.sd*r.NormFloat64())
		return m.clamp(m.round(m.ytd))
	}
	if !m.started {
		m.v = m.level + m.sd*r.NormFloat64()
		m.nat = m.natLevel
		m.started = true
	} else {
		m.v += 0.3*(m.level-m.v) + m.sd*r.NormFloat64()
		m.nat += 0.3*(m.natLevel-m.nat) + 0.5*m.sd*r.NormFloat64()
	}
	m.v = m.clamp(m.v)
	m.nat = m.clamp(m.nat)
	return m.round(m.v)
}

// targetCell is the per-quarter target written in the data file, if any:
// a cumulative measure's target grows through the year; a changed target
// applies from its quarter on.
func (m *measure) targetCell(q int, p model.Period) (float64, bool) {
	switch {
	case !m.hasTarget:
		return 0, false
	case m.cumulative:
		return m.clamp(m.round(m.target * float64(p.Quarter) / 4)), true
	case m.targetFrom >= 0 && q >= m.targetFrom:
		return m.newTarget, true
	}
	return 0, false
}
