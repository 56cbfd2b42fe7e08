package explain

import (
	"fmt"
	"math"
	"math/rand"
	"regexp"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/spc"
)

// randomSite derives a site of n random measures: every unit, direction,
// precision and frequency, with gaps, hand-set statuses, negative values,
// zeros, repeated figures and national averages; series that are flat,
// noisy, trending or with a step change, long enough for control limits
// or not; running totals across April; yearly figures that say which year
// they cover; targets that are a direction; tolerances and change
// thresholds as shares, and the site's own defaults.
func randomSite(r *rand.Rand, n int) *derive.Site {
	var ms []model.Measure
	var rs []model.Row
	first := period("2020-21-q1")
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("m%04d", i)
		m := model.Measure{ID: id, Title: "Measure " + id, Unit: model.Units[r.Intn(len(model.Units))], Better: model.Betters[r.Intn(len(model.Betters))]}
		if r.Intn(5) > 0 {
			m.Decimals = dec(r.Intn(3))
		}
		// A scale and an offset for the values: from tiny to millions, and
		// sometimes negative.
		scale := []float64{1, 10, 100, 1000, 1e6}[r.Intn(5)]
		lo := 0.0
		switch m.Unit {
		case model.UnitPercent:
			scale = 100
			if r.Intn(4) == 0 {
				lo = -100 // a percentage change
			}
		case model.UnitRate:
			m.RatePer = []float64{1000, 10000, 100000}[r.Intn(3)]
			if r.Intn(2) == 0 {
				m.Title = fmt.Sprintf("Children helped per %s children", Number(m.RatePer, dec(0)))
			}
		case model.UnitScore:
			scale = 10
			m.Max = f(10)
		case model.UnitCurrency:
			if r.Intn(3) == 0 {
				lo = -scale / 2 // an underspend
			}
		}
		val := func() float64 {
			v := lo + r.Float64()*(scale-lo)
			switch r.Intn(10) {
			case 0:
				v = 0
			case 1:
				v = lo
			}
			return round(&m, v)
		}
		if r.Intn(4) > 0 {
			m.Target = f(val())
			if r.Intn(3) == 0 {
				m.Target = f(math.Round(*m.Target)) // a whole-number target
			}
			if r.Intn(2) == 0 {
				m.Tolerance = f(round(&m, r.Float64()*scale/10))
			}
		}
		switch r.Intn(7) {
		case 0:
			m.Frequency = model.Annual
		case 1:
			m.Cumulative = true
		}
		if r.Intn(20) == 0 {
			m.Caveats = []string{"The target is under review."}
		}
		if m.Frequency == model.Annual && r.Intn(3) > 0 {
			m.Covers = model.CoversValues[r.Intn(len(model.CoversValues))]
		}
		switch r.Intn(8) {
		case 0:
			if m.Better != model.BetterNeither {
				m.Target, m.Tolerance = nil, nil
				m.Aim = map[string]string{model.BetterHigher: model.AimIncrease, model.BetterLower: model.AimReduce}[m.Better]
			}
		case 1:
			m.Target, m.Tolerance, m.Aim = nil, nil, model.AimMaintain
		case 2:
			if m.Tolerance != nil {
				m.Tolerance, m.ToleranceShare = nil, f(float64(r.Intn(20))/100)
			}
		}
		switch r.Intn(6) {
		case 0:
			m.ChangeThreshold = f(round(&m, r.Float64()*scale/20))
		case 1:
			m.ChangeThresholdShare = f(float64(1+r.Intn(20)) / 100)
		}
		ms = append(ms, m)

		start := first.Add(r.Intn(8))
		length := 1 + r.Intn(14)
		if r.Intn(3) == 0 {
			length = 12 + r.Intn(13) // enough for control limits
			start = period("2018-19-q1").Add(r.Intn(4))
		}
		step := 1
		if m.Frequency == model.Annual {
			step = 4 - r.Intn(2)*r.Intn(2)*4 // usually a year apart, sometimes a gap of a year
			if step == 0 {
				step = 8
			}
			length = 1 + r.Intn(4)
			if r.Intn(4) == 0 {
				length = 12 + r.Intn(4)
				start = period("2006-07-q3")
			}
		}
		// The shape of the series: a random walk, flat, noise about a
		// level, a trend, or a step change half way.
		shape := r.Intn(5)
		level, spread := val(), scale/20
		prev := level
		for j := 0; j < length; j++ {
			row := model.Row{Measure: id, Period: start.Add(j * step)}
			if model.Period.Before(period("2023-24-q4"), row.Period) {
				break
			}
			v := prev
			switch {
			case shape == 1: // flat
				v = level
			case shape == 2: // noise about a level
				v = round(&m, level+(r.Float64()-0.5)*spread)
			case shape == 3: // a trend
				v = round(&m, level+float64(j)*spread/4+(r.Float64()-0.5)*spread/8)
			case shape == 4 && j == length/2: // a step change
				level += spread * 3
				v = round(&m, level)
			case shape == 4:
				v = round(&m, level+(r.Float64()-0.5)*spread)
			case m.Cumulative && row.Period.Quarter == 1: // a running total starts again
				v = round(&m, (r.Float64()+0.5)*scale/8)
			default:
				switch r.Intn(6) {
				case 0: // the same again
				case 1:
					v = val()
				default:
					v = round(&m, prev+(r.Float64()-0.5)*scale/10)
				}
			}
			prev = v
			if r.Intn(8) > 0 {
				row.Value = f(v)
			}
			if r.Intn(3) == 0 {
				row.National = f(val())
			}
			if r.Intn(10) == 0 {
				row.Target = f(val())
			}
			if r.Intn(8) == 0 {
				row.Status = model.OverrideStatuses[r.Intn(3)]
			}
			if r.Intn(30) == 0 {
				row.Note = "The target is under review."
			}
			rs = append(rs, row)
		}
	}
	site := build(4, ms, rs)
	return site
}

// withDefaults derives the same input with the site's own tolerance and
// change threshold, as shares.
func randomSiteWithDefaults(r *rand.Rand, n int) *derive.Site {
	site := randomSite(r, n)
	tol, threshold := 0.05, 0.1
	in := &model.Input{Site: site.Site, Measures: make([]model.Measure, 0, len(site.Measures))}
	in.Site.ToleranceShare, in.Site.ChangeThresholdShare = &tol, &threshold
	var rs []model.Row
	for _, m := range site.Measures {
		in.Measures = append(in.Measures, m.Measure)
		for _, pt := range m.Series {
			if pt.Row {
				row := model.Row{Measure: m.ID, Period: pt.Period, Value: pt.Value, National: pt.National, Note: pt.Note, Target: rowTarget(m, pt)}
				if pt.Override {
					row.Status = pt.Status
				}
				rs = append(rs, row)
			}
		}
	}
	in.Quarters = []model.QuarterFile{{File: "data/quarters/test.csv", Rows: rs}}
	return derive.Derive(in)
}

// rowTarget is the target a quarter's row set, if it differs from the
// measure's own.
func rowTarget(m *derive.Measure, pt derive.Point) *float64 {
	if pt.Target != nil && (m.Target == nil || *m.Target != *pt.Target) {
		return pt.Target
	}
	return nil
}

// snapshots are all the quarters of a measure that have text: the latest,
// each reported figure, and each quarter with no figure.
func snapshots(m *derive.Measure, site *derive.Site) []derive.Snapshot {
	out := []derive.Snapshot{m.Latest}
	out = append(out, m.Reported...)
	for _, p := range m.Series {
		if p.Value == nil {
			if snap, ok := m.SnapshotAt(p.Period); ok {
				out = append(out, snap)
			}
		}
	}
	return out
}

var (
	// periodWords are the ways the text names a period; their numbers
	// are dates, not figures.
	periodWords = regexp.MustCompile(`(January|February|March|April|May|June|July|August|September|October|November|December)( \d{4})?|Quarter \d \d{4}(/\d{2})?|Q\d \d{4}(/\d{2})?|\b\d{4}/\d{2}\b|\b(for|after) \d{4}\b`)
	numberToken = regexp.MustCompile(`[-−]?£?\d+(?:,\d{3})*(?:\.\d+)?`)
	// hyphenNumber is a negative number written with a hyphen, not the
	// minus sign (Minus).
	hyphenNumber = regexp.MustCompile(`(^|[^\p{L}\d])-[£\d]`)
)

// allowedNumbers are the numbers the summary of snap may contain: the
// data's figures formatted by Value and Target, their differences
// formatted by Change, the streak, and how many quarters have no figure.
func allowedNumbers(m *derive.Measure, snap derive.Snapshot) map[string]bool {
	mm := &m.Measure
	var strs []string
	vals := []*float64{snap.Value, snap.Target, snap.National}
	for _, p := range []*derive.Point{snap.Previous, snap.YearAgo} {
		if p != nil {
			vals = append(vals, p.Value)
		}
	}
	for _, r := range m.Reported {
		vals = append(vals, r.Value) // "the figure before that"
	}
	for _, v := range vals {
		if v != nil {
			strs = append(strs, Value(mm, *v), Target(mm, *v))
		}
	}
	if snap.Value != nil {
		for _, o := range []*float64{snap.Target, snap.National} {
			if o != nil {
				strs = append(strs, Change(mm, Diff(mm, *snap.Value, *o)))
			}
		}
		for _, p := range []*derive.Point{snap.Previous, snap.YearAgo} {
			if p != nil && p.Value != nil {
				strs = append(strs, Change(mm, Diff(mm, *snap.Value, *p.Value)))
			}
		}
	}
	if mm.Max != nil {
		strs = append(strs, Number(*mm.Max, nil)) // "out of 10"
	}
	// Counts of quarters or years: a streak, a run of figures (the
	// ordinals to tenth are words).
	for k := 11; k <= len(m.Series)+1; k++ {
		strs = append(strs, Ordinal(k))
	}
	if len(m.Series) > 0 {
		strs = append(strs, fmt.Sprint(m.Series[len(m.Series)-1].Period.Index()-snap.Period.Index()))
	}
	ok := map[string]bool{}
	for _, s := range strs {
		for _, n := range numberToken.FindAllString(s, -1) {
			ok[n] = true
		}
	}
	return ok
}

var sentenceEnd = regexp.MustCompile(`[.!?]\s+`)

func sentences(text string) []string {
	return sentenceEnd.Split(strings.TrimSpace(text), -1)
}

// checkDirections checks every sentence of a text that compares two
// figures: "up" only for a rise, "better" only in the measure's better
// direction.
func checkDirections(t *testing.T, where string, m *model.Measure, text string) {
	t.Helper()
	for _, s := range sentences(text) {
		better := strings.Contains(s, "which is better")
		worse := strings.Contains(s, "which is worse")
		up := strings.Contains(s, " up ") || strings.Contains(s, " above the national")
		down := strings.Contains(s, " down ") || strings.Contains(s, " below the national")
		switch {
		case better && worse, up && down:
			t.Errorf("%s: mixed sentence %q", where, s)
		case better && up && m.Better != model.BetterHigher,
			better && down && m.Better != model.BetterLower,
			worse && up && m.Better != model.BetterLower,
			worse && down && m.Better != model.BetterHigher:
			t.Errorf("%s: better %s, but %q", where, m.Better, s)
		case (better || worse) && !up && !down:
			t.Errorf("%s: a judgement with no direction: %q", where, s)
		}
	}
}

// checkComparison finds the sentence comparing with ref and checks that it
// says the direction of d.
func checkComparison(t *testing.T, where string, m *model.Measure, text, ref string, d float64) {
	t.Helper()
	for _, s := range sentences(text) {
		if !strings.Contains(s, ref) {
			continue
		}
		var want string
		switch {
		case IsZeroChange(m, d):
			want = "the same as " + ref
		case d > 0:
			want = "up " + Change(m, d) + " from " + ref
		default:
			want = "down " + Change(m, d) + " from " + ref
		}
		if !strings.Contains(s, want) {
			t.Errorf("%s: difference %v: want %q in %q", where, d, want, s)
		}
		return
	}
	t.Errorf("%s: no sentence compares with %q in %q", where, ref, text)
}

func TestSummaryProperties(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	checkSummaries(t, randomSite(r, 3000))
	t.Run("site defaults", func(t *testing.T) { checkSummaries(t, randomSiteWithDefaults(r, 1500)) })
}

// checkSummaries checks every text of a site against the rules of the
// package.
func checkSummaries(t *testing.T, site *derive.Site) {
	texts := 0
	for _, m := range site.Measures {
		mm := &m.Measure
		for _, snap := range snapshots(m, site) {
			text := Summary(m, snap, site.Cal)
			texts++
			where := fmt.Sprintf("%s %s (%s)", m.ID, site.Cal.Label(snap.Period), describeMeasure(mm))

			// Well formed.
			if text == "" || !strings.HasSuffix(text, ".") || strings.Contains(text, "  ") ||
				strings.Contains(text, "%!") || strings.Contains(text, "NaN") || strings.Contains(text, "Inf") {
				t.Fatalf("%s: badly formed: %q", where, text)
			}

			for _, s := range sentences(text) {
				if n := len(strings.Fields(s)); n > maxWords {
					t.Errorf("%s: a sentence of %d words: %q", where, n, s)
				}
			}

			if hyphenNumber.MatchString(text) {
				t.Fatalf("%s: a negative number with a hyphen, not a minus sign: %q", where, text)
			}

			// Every number is one of the data's, formatted.
			ok := allowedNumbers(m, snap)
			for _, n := range numberToken.FindAllString(periodWords.ReplaceAllString(text, ""), -1) {
				if !ok[n] {
					t.Fatalf("%s: %q is not a number of the data in %q", where, n, text)
				}
			}
			if snap.Value == nil {
				continue
			}
			if !strings.Contains(text, Value(mm, *snap.Value)) {
				t.Fatalf("%s: the figure %s is missing from %q", where, Value(mm, *snap.Value), text)
			}

			// The status is the one shown, and the figures' own status is
			// only given as such.
			own := regexp.MustCompile(`By the figures alone it would (be|have been) [a-z ]+, but`).ReplaceAllString(text, "")
			for _, st := range []model.Status{model.OnTrack, model.Close, model.OffTrack} {
				if st != snap.Status && strings.Contains(own, statusWords(st)) {
					t.Fatalf("%s: status %s, but the text says %q: %q", where, snap.Status, statusWords(st), text)
				}
			}
			if judged(snap.Status) && !strings.Contains(own, statusWords(snap.Status)) {
				t.Fatalf("%s: status %s is not said: %q", where, snap.Status, text)
			}
			if snap.Target != nil && mm.Better != model.BetterNeither {
				if strings.Contains(text, "better than the target") != (snap.Derived == model.OnTrack && !IsZeroChange(mm, Diff(mm, *snap.Value, *snap.Target))) {
					t.Fatalf("%s: derived %s, target %v: %q", where, snap.Derived, *snap.Target, text)
				}
				if strings.Contains(text, "worse than the target") != (snap.Derived == model.Close || snap.Derived == model.OffTrack) {
					t.Fatalf("%s: derived %s, target %v: %q", where, snap.Derived, *snap.Target, text)
				}
			}

			// A change is called better or worse only when it is real:
			// a signal in its direction with control limits, or at least
			// the change threshold without; a change within normal
			// variation is said to be so.
			checkVerdict(t, where, m, snap, text)

			// A running total is never compared with the quarter before,
			// and a yearly figure that says its year never carries a
			// quarter's name.
			checkPeriods(t, where, m, text)

			// A streak is as long as the data says (a run of figures
			// above the average is said in a sentence of its own).
			streakText := signalSentence.ReplaceAllString(text, "")
			run, unit := 0, "quarter"
			if m.IsAnnual() {
				unit = "year"
				for i := len(m.Reported) - 1; i >= 0; i-- {
					r := m.Reported[i]
					if snap.Period.Before(r.Period) {
						continue
					}
					if r.Status != snap.Status || r.Period != snap.Period.Add(-4*run) {
						break
					}
					run++
				}
			} else {
				for i := len(m.Series) - 1; i >= 0; i-- {
					p := m.Series[i]
					if snap.Period.Before(p.Period) {
						continue
					}
					if p.Value == nil || p.Status != snap.Status || p.Period != snap.Period.Add(-run) {
						break
					}
					run++
				}
			}
			if run >= 2 && judged(snap.Status) {
				if want := Ordinal(run) + " " + unit + " in a row"; !strings.Contains(streakText, want) {
					t.Fatalf("%s: want %q in %q", where, want, text)
				}
			} else if strings.Contains(streakText, "in a row") {
				t.Fatalf("%s: a streak of %d, but %q", where, run, text)
			}

			// Rises are rises, and better is better.
			checkDirections(t, where, mm, text)
			if c := snap.Compare; c != nil {
				checkComparison(t, where, mm, text, BasisWords(snap.Basis), Diff(mm, *snap.Value, *c.Value))
			}
			if !m.IsAnnual() && !mm.Cumulative && snap.YearAgo != nil && (snap.Compare == nil || !strings.Contains(text, "also")) {
				checkComparison(t, where, mm, text, "a year earlier", Diff(mm, *snap.Value, *snap.YearAgo.Value))
			}
			if snap.National != nil {
				d := Diff(mm, *snap.Value, *snap.National)
				want := "the same as the national average"
				if !IsZeroChange(mm, d) {
					side := map[bool]string{true: "above", false: "below"}[d > 0]
					diff := Change(mm, d)
					if mm.Unit == model.UnitRate {
						diff = Number(math.Abs(d), mm.Decimals) // the unit once, after the average
					}
					want = diff + " " + side + " the national average"
				}
				if !strings.Contains(text, want) {
					t.Fatalf("%s: want %q in %q", where, want, text)
				}
			}
		}
	}

	// The list texts follow the same rules.
	for _, q := range site.Quarters {
		lines := QuarterChanges(q, site.Cal)
		for i, row := range q.Rows {
			where := row.Measure.ID + " " + site.Cal.Label(q.Period)
			checkDirections(t, where, &row.Measure.Measure, lines[i])
			checkVerdict(t, where, row.Measure, *row.Snapshot, lines[i])
			checkPeriods(t, where, row.Measure, lines[i])
			if cue, ok := ChangeCue(row.Measure, *row.Snapshot); ok {
				checkCue(t, where, row.Measure, *row.Snapshot, cue)
			}
		}
		_ = QuarterText(q, site.Cal)
	}
	if texts < 4*len(site.Measures) {
		t.Errorf("only %d texts checked", texts)
	}
	t.Logf("checked %d summaries of %d measures", texts, len(site.Measures))
}

// signalSentence is the sentence about the special cause a figure is part
// of: "It is above its average for the eighth quarter in a row: a real
// change for the worse."
var signalSentence = regexp.MustCompile(`(Still, i|I)t (is|was|has|had) [^.]*: a real change[^.]*\.`)

// quarterMonths names a quarter of the financial year by its months.
var quarterMonths = regexp.MustCompile(`\b(January to March|April to June|July to September|October to December) \d{4}\b|\bQ\d \d{4}|\bQuarter \d\b`)

// checkVerdict checks what the text says a change means against the
// verdict, and the verdict against statistical process control of the
// figures worked out again here: a change is called better or worse only
// when it is real.
func checkVerdict(t *testing.T, where string, m *derive.Measure, snap derive.Snapshot, text string) {
	t.Helper()
	mm := &m.Measure
	// The limits as they stood: from the like-for-like figures up to this
	// one.
	if snap.Value != nil {
		like := m.LikeForLike(snap.Period)
		values := make([]float64, len(like))
		for i, pt := range like {
			values[i] = *pt.Value
		}
		res, ok := spc.Analyse(values)
		switch {
		case ok != (snap.Then != nil):
			t.Fatalf("%s: %d like-for-like figures, but limits %+v", where, len(values), snap.Then)
		case ok && (res.Flags[len(values)-1] != snap.Then.Flag || res.Upper != snap.Then.Upper):
			t.Fatalf("%s: limits %+v, worked out again %+v", where, snap.Then, res)
		}
	}
	ref := "from " + BasisWords(snap.Basis)
	for _, s := range sentences(text) {
		called := strings.Contains(s, "which is better") || strings.Contains(s, "which is worse")
		if called && !strings.Contains(s, "national average") && !strings.Contains(s, ref) {
			t.Fatalf("%s: called better or worse, but not a change from %s: %q", where, BasisWords(snap.Basis), s)
		}
		if !strings.Contains(s, ref) || snap.Compare == nil {
			continue
		}
		d := *snap.Value - *snap.Compare.Value
		real := false
		if snap.Then != nil {
			real = snap.Then.Flag.Towards(d)
		} else if threshold, ok := m.ChangeThresholdAt(*snap.Compare.Value); ok {
			real = math.Abs(d) >= threshold-1e-9*math.Max(1, threshold)
		}
		if called && !real {
			t.Fatalf("%s: a change that is not real is called better or worse: %q (limits %+v)", where, s, snap.Then)
		}
		shown := Diff(mm, *snap.Value, *snap.Compare.Value)
		if IsZeroChange(mm, shown) {
			continue
		}
		var want string
		switch snap.Verdict {
		case derive.Better:
			want = "better"
		case derive.Worse:
			want = "worse"
		case derive.NormalVariation:
			want = "within normal variation"
		case derive.TooSmall:
			want = map[bool]string{true: "a small change", false: "too small to call"}[mm.Better == model.BetterNeither]
		case derive.TooFewToTell:
			if !strings.Contains(text, "too few figures") && !strings.Contains(text, "too soon to tell") {
				t.Fatalf("%s: too few figures to tell, but %q", where, text)
			}
		}
		if want != "" && !strings.Contains(text, want) {
			t.Fatalf("%s: verdict %v, want %q in %q", where, snap.Verdict, want, text)
		}
		if (snap.Verdict == derive.Better || snap.Verdict == derive.Worse) != called {
			t.Fatalf("%s: verdict %v, but %q", where, snap.Verdict, s)
		}
	}
}

// checkPeriods checks that a running total is never compared with the
// quarter before, and that a yearly figure that says which year it covers
// is never named by a quarter.
func checkPeriods(t *testing.T, where string, m *derive.Measure, text string) {
	t.Helper()
	if m.Cumulative && !m.IsAnnual() && strings.Contains(text, "quarter before") {
		t.Fatalf("%s: a running total compared with the quarter before: %q", where, text)
	}
	if m.IsAnnual() && m.Covers != "" {
		if q := quarterMonths.FindString(text); q != "" {
			t.Fatalf("%s: a yearly figure named by a quarter, %q: %q", where, q, text)
		}
	}
}

// checkCue checks a list's cue against the verdict.
func checkCue(t *testing.T, where string, m *derive.Measure, snap derive.Snapshot, cue Cue) {
	t.Helper()
	want, icon := verdictMeaning(snap.Verdict)
	if cue.Change == "no change" {
		want, icon = "", ""
	}
	if cue.Meaning != want || cue.Icon != icon || cue.Since != "on "+BasisWords(snap.Basis) {
		t.Fatalf("%s: verdict %v, cue %+v", where, snap.Verdict, cue)
	}
	if (strings.HasPrefix(cue.Change, "up") || strings.HasPrefix(cue.Change, "down")) && cue.Meaning == "" {
		t.Fatalf("%s: an up or down with no cue: %+v", where, cue)
	}
}
