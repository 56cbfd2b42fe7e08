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
)

// randomSite derives a site of n random measures: every unit, direction,
// precision and frequency, with gaps, hand-set statuses, negative values,
// zeros, repeated figures and national averages.
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
		ms = append(ms, m)

		start := first.Add(r.Intn(8))
		length := 1 + r.Intn(14)
		step := 1
		if m.Frequency == model.Annual {
			step = 4 - r.Intn(2)*r.Intn(2)*4 // usually a year apart, sometimes a gap of a year
			if step == 0 {
				step = 8
			}
			length = 1 + r.Intn(4)
		}
		prev := val()
		for j := 0; j < length; j++ {
			row := model.Row{Measure: id, Period: start.Add(j * step)}
			if model.Period.Before(period("2023-24-q4"), row.Period) {
				break
			}
			v := prev
			switch r.Intn(6) {
			case 0: // the same again
			case 1:
				v = val()
			default:
				v = round(&m, prev+(r.Float64()-0.5)*scale/10)
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
	return build(4, ms, rs)
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
	periodWords = regexp.MustCompile(`(January|February|March|April|May|June|July|August|September|October|November|December)( \d{4})?|Quarter \d \d{4}(/\d{2})?|Q\d \d{4}(/\d{2})?`)
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
	strs = append(strs, Ordinal(snap.Streak))
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
	site := randomSite(r, 3000)
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
			if hyphenNumber.MatchString(text) {
				t.Fatalf("%s: a negative number with a hyphen, not a minus sign: %q", where, text)
			}

			for _, s := range sentences(text) {
				if n := len(strings.Fields(s)); n > maxWords {
					t.Errorf("%s: a sentence of %d words: %q", where, n, s)
				}
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

			// A streak is as long as the data says.
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
				if want := Ordinal(run) + " " + unit + " in a row"; !strings.Contains(text, want) {
					t.Fatalf("%s: want %q in %q", where, want, text)
				}
			} else if strings.Contains(text, "in a row") {
				t.Fatalf("%s: a streak of %d, but %q", where, run, text)
			}

			// Rises are rises, and better is better.
			checkDirections(t, where, mm, text)
			switch {
			case m.IsAnnual():
				if p := snap.Previous; p != nil && p.Period == snap.Period.Add(-4) {
					checkComparison(t, where, mm, text, "the year before", Diff(mm, *snap.Value, *p.Value))
				}
			case mm.Cumulative:
				if snap.YearAgo != nil {
					checkComparison(t, where, mm, text, "the same time last year", Diff(mm, *snap.Value, *snap.YearAgo.Value))
				}
				if strings.Contains(text, "the quarter before") {
					t.Fatalf("%s: a year-to-date total compared with the quarter before: %q", where, text)
				}
			default:
				if snap.Previous != nil {
					checkComparison(t, where, mm, text, "the quarter before", Diff(mm, *snap.Value, *snap.Previous.Value))
				}
				if snap.YearAgo != nil && (snap.Previous == nil || !strings.Contains(text, "also")) {
					checkComparison(t, where, mm, text, "a year earlier", Diff(mm, *snap.Value, *snap.YearAgo.Value))
				}
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
			checkDirections(t, row.Measure.ID+" "+site.Cal.Label(q.Period), &row.Measure.Measure, lines[i])
		}
		_ = QuarterText(q, site.Cal)
	}
	if texts < 10000 {
		t.Errorf("only %d texts checked", texts)
	}
	t.Logf("checked %d summaries of %d measures", texts, len(site.Measures))
}
