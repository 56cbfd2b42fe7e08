package explain

import (
	"fmt"
	"math"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/spc"
)

// Methodology is the page that explains how the site judges its figures,
// in plain English, as Markdown: what each status means and how close to
// target is worked out (with the site's own tolerance), how a real change
// is told from normal variation (statistical process control, with a
// worked example from one of the site's own measures), whether a target
// will be met, targets that are a direction, and how running totals and
// yearly figures are compared.
func Methodology(site *derive.Site) string {
	var b strings.Builder
	para := func(sentences ...string) {
		b.WriteString(strings.Join(sentences, " "))
		b.WriteString("\n\n")
	}
	heading := func(s string) { b.WriteString("## " + s + "\n\n") }
	item := func(s string) { b.WriteString("- " + s + "\n") }

	heading("What each status means")
	item("**On track**: the figure meets the target or is on the better side of it.")
	item("**Close to target**: it misses the target, but by no more than the tolerance.")
	item("**Off track**: it misses the target by more than the tolerance.")
	item("**No clear change**: the target is a direction, such as “to reduce”, and the figures show no real change yet.")
	item("**No target** and **No data**: there is no target, or no figure.")
	b.WriteString("\n")
	para("Every status is shown as a word and an icon as well as a colour.")
	tolerance(&b, site, para)

	heading("A real change, or normal variation?")
	para("Every figure goes up and down a little from one quarter to the next, for no particular reason.",
		"We call this normal variation.",
		"A change is only called better or worse when it is bigger than normal variation.")
	para("We use the method the NHS uses in its “Making Data Count” programme.",
		"From a measure's past figures we work out its average and its usual range.",
		"Statisticians call the edges of the usual range the natural process limits.")
	para(fmt.Sprintf("We need at least %d figures to work out a usual range.", spc.MinPoints),
		"With fewer, the range moves too much with each new figure to be trusted.",
		fmt.Sprintf("%d quarters is three years of figures.", spc.MinPoints))
	b.WriteString("There are four signs that a figure is a real change:\n\n")
	item("It is outside the usual range (Western Electric's first rule).")
	item(fmt.Sprintf("It is one of %d or more figures in a row on the same side of the average (a shift).", spc.RunLength))
	item(fmt.Sprintf("It is one of %d or more figures in a row that each go up, or each go down (a trend).", spc.RunLength))
	item("Two of three figures in a row are in the outer third of the usual range, on one side (Western Electric's second rule).")
	b.WriteString("\n")
	para("The run rules are the ones Making Data Count uses.",
		"A figure equal to the one before ends a trend, and a figure equal to the average ends a shift.")
	para("A change from the quarter before is called better or worse only when two things are true.",
		"The new figure is a sign of real change in that direction.",
		"And the change is at least the usual move from one figure to the next.",
		"A small step can still lead to a figure that shows a real change.",
		"Then we call the step normal variation, and say what the real change is.")
	threshold(&b, site, para)
	workedExample(&b, site, para, item)

	heading("Will it meet its target?")
	para("When a measure has a usual range and a target, we also say whether it will meet the target.")
	item("If the whole usual range is on the right side of the target, it can be relied on to meet it.")
	item("If the whole usual range is on the wrong side, it will not meet it without a real change.")
	item("If the target is inside the usual range, it will meet it in some quarters and miss it in others.")
	b.WriteString("\n")
	para("When the latest figure is a signal of real change, the figures are changing.",
		"A usual range worked out from figures before and after a change describes neither.",
		"So we do not say whether it will meet its target until the figures settle.")

	heading("Targets that are a direction")
	para("Some targets are a direction, not a number: to increase a figure, to reduce it, or to keep it steady.",
		"Such a measure is on track when its figures show a real change in the direction the council aims for.",
		"It is off track when they show a real change the other way.",
		"Otherwise it shows no clear change.",
		"A target to keep a figure steady is met unless the figures show a real change for the worse.")

	heading("Running totals, forecasts and yearly figures")
	para(fmt.Sprintf("Some figures are a running total for the year so far, such as money collected since %s.", site.Cal.StartMonth),
		"A running total starts again at the start of each year, so it always falls then.",
		"So we compare it with the same point of the year before, never with the quarter before.",
		"Its charts show each year as a line of its own.")
	para("Some figures are a forecast of where the year will end, such as the overspend expected by the end of the year.",
		"We compare a forecast with the one made the quarter before, for the same year.",
		"The first forecast of a year is about a new year, with a new budget.",
		"So we do not compare it with the last forecast for the year before.",
		"A forecast made only once a year is compared with the one made a year before.",
		"Its charts show each year's forecasts as a line of their own.",
		"A forecast has no usual range, as each year's forecasts are about a different year.",
		"The site or the measure can set how big a change must be to count as real.",
		"A change to a forecast is called better or worse only when it is that big.",
		"Without such a size, we do not call it better or worse.")
	para("A yearly figure covers a whole year: a financial year, a calendar year or an academic year.",
		"We name that year, not the quarter in which it was published.",
		"We compare it only with the figure for the year before.")

	heading("Targets that change")
	para("A target can change from one quarter to the next.",
		"Each figure is judged against the target that applied at the time.")

	heading("When the council sets the status itself")
	para("Sometimes the council decides that the figures alone do not tell the whole story.",
		"It can then set the status itself, and says why in the note for that quarter.",
		"The page then says that the council set it, and what the figures alone would give.")
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// tolerance says how close to target is worked out: with the site's
// default share of the target, or one of its measures' tolerances, in
// numbers.
func tolerance(b *strings.Builder, site *derive.Site, para func(...string)) {
	if share := site.ToleranceShare; share != nil {
		for _, m := range site.Measures {
			if n, sh := m.ToleranceRule(); n == nil && sh == share && m.Target != nil && m.Better != model.BetterNeither {
				t := *m.Target
				para(fmt.Sprintf("Close to target means within %s of the target, unless a measure sets its own tolerance.", shareText(*share)),
					fmt.Sprintf("For example, the target for %s is %s.", lowerFirst(strings.TrimSpace(m.Title)), Target(&m.Measure, t)),
					fmt.Sprintf("%s of that is %s, so %s is close to target.", capital(shareText(*share)), Change(finer(&m.Measure), m.ToleranceAt(t)), closeBand(m, t)))
				return
			}
		}
		para(fmt.Sprintf("Close to target means within %s of the target, unless a measure sets its own tolerance.", shareText(*share)))
		return
	}
	for _, m := range site.Measures {
		n, sh := m.ToleranceRule()
		if m.Target == nil || m.Better == model.BetterNeither || (n == nil && sh == nil) {
			continue
		}
		t := *m.Target
		tol := m.ToleranceAt(t)
		how := Change(&m.Measure, tol)
		if sh != nil {
			how = fmt.Sprintf("%s of the target, which is %s", shareText(*sh), Change(finer(&m.Measure), tol))
		}
		para("Each measure sets its own tolerance.",
			fmt.Sprintf("For example, the target for %s is %s, with a tolerance of %s.", lowerFirst(strings.TrimSpace(m.Title)), Target(&m.Measure, t), how),
			fmt.Sprintf("So %s is close to target.", closeBand(m, t)))
		return
	}
	para("A measure with no tolerance is either on track or off track.")
}

// threshold says how a change is judged while there are too few figures
// for a usual range.
func threshold(b *strings.Builder, site *derive.Site, para func(...string)) {
	if share := site.ChangeThresholdShare; share != nil {
		para(fmt.Sprintf("Until a measure has %d figures, a change is called better or worse only when it is at least %s of the figure before.", spc.MinPoints, shareText(*share)),
			"A measure can set its own size of change instead.",
			"Smaller changes are too small to call.")
		return
	}
	para(fmt.Sprintf("Until a measure has %d figures, we cannot tell a real change from normal variation, and we say so.", spc.MinPoints),
		"A measure can set how big a change must be to count as real in the meantime.")
}

// workedExample works out the usual range of one of the site's measures,
// step by step: a measure whose latest figure has a usual range, a
// quarterly one if it can, one whose latest figure is a signal if it can,
// and of those the one with the most figures.
func workedExample(b *strings.Builder, site *derive.Site, para func(...string), item func(string)) {
	var best *derive.Measure
	better := func(m *derive.Measure) bool {
		if best.IsAnnual() != m.IsAnnual() {
			return best.IsAnnual()
		}
		if a, b := best.Latest.Then.Flag.Signal(), m.Latest.Then.Flag.Signal(); a != b {
			return b
		}
		return m.Latest.Then.Points > best.Latest.Then.Points
	}
	for _, m := range site.Measures {
		if m.Latest.Then == nil || m.Cumulative {
			continue
		}
		if best == nil || better(m) {
			best = m
		}
	}
	b.WriteString("### A worked example\n\n")
	if best == nil {
		para(fmt.Sprintf("None of this site's measures has %d figures yet, so none has a usual range yet.", spc.MinPoints))
		return
	}
	m, snap := best, best.Latest
	mm := &m.Measure
	like := m.LikeForLike(snap.Period)
	values := make([]float64, len(like))
	for i, pt := range like {
		values[i] = *pt.Value
	}
	res, _ := spc.Analyse(values)
	title := lowerFirst(strings.TrimSpace(m.Title))
	unit := unitOf(m)
	para(fmt.Sprintf("Take %s.", title), fmt.Sprintf("These are its %d figures:", len(like)))
	b.WriteString("| " + capital(unit) + " | Figure |\n|---|---|\n")
	for _, pt := range like {
		b.WriteString("| " + PeriodLabel(pt, site.Cal) + " | " + Value(mm, *pt.Value) + " |\n")
	}
	b.WriteString("\n")
	// The working shows a digit more than the figures, so that the sums
	// can be followed.
	mm = finer(mm)
	para(fmt.Sprintf("1. The average of these figures is %s.", Value(mm, res.Mean)))
	para(fmt.Sprintf("2. The moving range is how much the figure moved from one %s to the next, up or down.", unit),
		fmt.Sprintf("On average it moved %s.", Change(mm, res.MeanRange)))
	if excluded := bigRanges(values, res.MeanRange); excluded > 0 {
		para(fmt.Sprintf("We left out %s, as one unusual figure would otherwise widen the range that should show it.",
			map[bool]string{true: "one very large move", false: fmt.Sprintf("%d very large moves", excluded)}[excluded == 1]))
	}
	width := spc.LimitFactor * res.MeanRange
	para(fmt.Sprintf("3. The usual range reaches %s times the average move either side of the average: %s.", "2.66", Change(mm, width)),
		fmt.Sprintf("So it runs from %s to %s.", Value(mm, res.Lower), Value(mm, res.Upper)),
		"The number 2.66 comes from statistics: a steady process almost never goes outside this range by chance.")
	para(fmt.Sprintf("4. The latest figure, %s for %s, is then checked against the four rules.", Value(mm, *snap.Value), PeriodLabel(snap.Point, site.Cal)))
	if sig := Signal(m, snap.Point, snap.Then, snap.Period); sig != "" {
		meaning := map[string]string{"better": "a real change for the better", "worse": "a real change for the worse"}[SignalMeaning(m, snap.Then)]
		if meaning == "" {
			meaning = "a real change, neither better nor worse"
		}
		para(fmt.Sprintf("It is %s, so it is a signal: %s.", sig, meaning))
	} else {
		para("It breaks none of them, so its change is normal variation.")
	}
}

// bigRanges counts the moving ranges left out of the mean moving range.
func bigRanges(values []float64, kept float64) int {
	var sum float64
	for i := 1; i < len(values); i++ {
		sum += math.Abs(values[i] - values[i-1])
	}
	all := sum / float64(len(values)-1)
	n := 0
	for i := 1; i < len(values); i++ {
		if math.Abs(values[i]-values[i-1]) >= spc.RangeFactor*all && kept != all {
			n++
		}
	}
	return n
}

// shareText writes a share as a percentage: 0.05 is "5%".
func shareText(share float64) string {
	return Number(share*100, nil) + "%"
}

// closeBand is the figures that are close to target t, in words: "a
// figure below 90% but not below 85.5%" where higher is better.
func closeBand(m *derive.Measure, t float64) string {
	tol, fine := m.ToleranceAt(t), finer(&m.Measure)
	if m.Better == model.BetterLower {
		return fmt.Sprintf("a figure above %s but not above %s", Target(&m.Measure, t), Target(fine, t+tol))
	}
	return fmt.Sprintf("a figure below %s but not below %s", Target(&m.Measure, t), Target(fine, t-tol))
}

// finer is the measure shown with a digit more than its figures, for
// working that a reader can follow: a share of a target, an average.
func finer(m *model.Measure) *model.Measure {
	fine := *m
	d := 2
	if m.Decimals != nil {
		d = *m.Decimals + 1
	}
	fine.Decimals = &d
	return &fine
}
