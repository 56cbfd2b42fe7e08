package derive

import (
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

func pd(y, q int) model.Period { return model.Period{Year: y, Quarter: q} }

// series makes rows for id from quarter start, one per value; a nil value
// is a row with no figure.
func series(id string, start model.Period, values ...*float64) []model.Row {
	var out []model.Row
	for i, v := range values {
		out = append(out, model.Row{Measure: id, Period: start.Add(i), Value: v})
	}
	return out
}

func fs(values ...float64) []*float64 {
	out := make([]*float64, len(values))
	for i := range values {
		out[i] = &values[i]
	}
	return out
}

func derived(site model.Site, ms []model.Measure, rows ...[]model.Row) *Site {
	if site.YearStartMonth == 0 {
		site.YearStartMonth = 4
	}
	var all []model.Row
	for _, r := range rows {
		all = append(all, r...)
	}
	for i := range ms {
		if ms[i].Frequency == "" {
			ms[i].Frequency = model.Quarterly
		}
		if ms[i].Unit == "" {
			ms[i].Unit = model.UnitCount
		}
	}
	return Derive(&model.Input{Site: site, Measures: ms, Quarters: []model.QuarterFile{{Rows: all}}})
}

// A running total is compared with the same quarter of the year before,
// never with the quarter before, within the year or across its start.
func TestYearToDateBasis(t *testing.T) {
	s := derived(model.Site{}, []model.Measure{{ID: "ytd", Better: model.BetterHigher, Cumulative: true}},
		series("ytd", pd(2022, 3), fs(70, 100, 24, 50, 73, 99, 27)...))
	m := s.ByID["ytd"]
	for _, snap := range m.Reported {
		if snap.Basis != SameTimeLastYear {
			t.Errorf("%v: basis %v", snap.Period, snap.Basis)
		}
		want := snap.Period.Add(-4)
		switch {
		case snap.Compare == nil && snap.Period.Before(pd(2023, 3)):
		case snap.Compare == nil || snap.Compare.Period != want:
			t.Errorf("%v compared with %+v, want %v", snap.Period, snap.Compare, want)
		}
	}
	latest := m.Latest
	if latest.Period != pd(2024, 1) || *latest.Change() != 3 || latest.Compare.Period != pd(2023, 1) {
		t.Errorf("latest: %v, change %v, compared with %v", latest.Period, *latest.Change(), latest.Compare.Period)
	}
	if latest.Span.Kind != model.SpanYearToDate || latest.Span.Months() != "April to June 2024" {
		t.Errorf("latest covers %v %s", latest.Span.Kind, latest.Span.Months())
	}
	q4 := m.Reported[5]
	if q4.Span.Kind != model.SpanWholeYear || q4.Span.Months() != "April 2023 to March 2024" {
		t.Errorf("Q4 covers %v %s", q4.Span.Kind, q4.Span.Months())
	}
	// The quarter before stays what it is, for what the old pages show.
	if latest.Previous == nil || *latest.Previous.Value != 99 {
		t.Errorf("previous %+v", latest.Previous)
	}
	// With no change threshold and too few figures, nothing is called.
	if latest.Verdict != TooFewToTell {
		t.Errorf("verdict %v", latest.Verdict)
	}
}

// A forecast of the year's outcome is compared with the forecast made the
// quarter before, for the same year; the year's first forecast with none,
// as the one before it was about another year. A measure whose title does
// not say forecast is compared with the quarter before, across the year's
// start too.
func TestForecastBasis(t *testing.T) {
	s := derived(model.Site{}, []model.Measure{
		{ID: "fc", Title: "Forecast overspend", Better: model.BetterLower},
		{ID: "spend", Title: "Overspend", Better: model.BetterLower},
	}, series("fc", pd(2022, 3), fs(70, 100, 24, 50, 73)...), series("spend", pd(2022, 3), fs(70, 100, 24, 50, 73)...))
	for _, snap := range s.ByID["fc"].Reported {
		if snap.Basis != EarlierForecast {
			t.Errorf("forecast %v: basis %v", snap.Period, snap.Basis)
		}
		switch {
		case snap.Period.Quarter == 1 || snap.Period == pd(2022, 3):
			if snap.Compare != nil || snap.Verdict != NoVerdict {
				t.Errorf("forecast %v compared with %+v (%v), want none", snap.Period, snap.Compare, snap.Verdict)
			}
		case snap.Compare == nil || snap.Compare.Period != snap.Period.Add(-1):
			t.Errorf("forecast %v compared with %+v, want the quarter before", snap.Period, snap.Compare)
		}
	}
	q1 := s.ByID["spend"].Reported[2]
	if q1.Period != pd(2023, 1) || q1.Basis != QuarterBefore || q1.Compare == nil || q1.Compare.Period != pd(2022, 4) {
		t.Errorf("not a forecast: %v compared with %+v by %v", q1.Period, q1.Compare, q1.Basis)
	}
}

// A forecast has no usual range, however many forecasts there are: each
// year's are about a different year, against a different budget. Without
// a change threshold its revisions are not called better or worse
// (NotJudged), never "too soon to tell", which would say that they will
// be one day; with one, they are judged by it. A measure that is not a
// forecast, with the same figures, has limits.
func TestForecastsHaveNoUsualRange(t *testing.T) {
	values := fs(2, 3, 5, 6, 1, 2, 4, 9, 1, 1.5, 3, 4, 2, 2.2, 5, 7) // four years from Q1 2020/21
	two := 2.0
	s := derived(model.Site{}, []model.Measure{
		{ID: "fc", Title: "Forecast overspend", Better: model.BetterLower},
		{ID: "fct", Title: "Forecast overspend", Better: model.BetterLower, ChangeThreshold: &two},
		{ID: "spend", Title: "Overspend", Better: model.BetterLower},
	}, series("fc", pd(2020, 1), values...), series("fct", pd(2020, 1), values...), series("spend", pd(2020, 1), values...))
	for _, id := range []string{"fc", "fct"} {
		m := s.ByID[id]
		for _, snap := range m.Reported {
			if snap.Control != nil || snap.Then != nil {
				t.Errorf("%s %v has control limits", id, snap.Period)
			}
			if snap.Compare == nil {
				continue
			}
			d := *snap.Value - *snap.Compare.Value
			want := NotJudged
			switch {
			case id == "fc":
			case d <= -2:
				want = Better
			case d >= 2:
				want = Worse
			default:
				want = TooSmall
			}
			if snap.Verdict != want {
				t.Errorf("%s %v, a change of %g: %v, want %v", id, snap.Period, d, snap.Verdict, want)
			}
		}
	}
	if s.ByID["spend"].Latest.Control == nil {
		t.Error("16 figures of a measure that is not a forecast have no limits")
	}
	// A yearly forecast has no usual range either, however many years
	// it has; and a forecast whose target is to keep it steady is not
	// judged steady when it moved, nor better or worse.
	var years []model.Row
	for i, v := range fs(5, 6, 5, 7, 6, 5, 6, 7, 5, 6, 5, 6, 20) {
		years = append(years, model.Row{Measure: "yf", Period: pd(2011+i, 2), Value: v})
	}
	s2 := derived(model.Site{}, []model.Measure{
		{ID: "yf", Title: "Forecast overspend", Better: model.BetterLower, Frequency: model.Annual, Covers: model.CoversFinancialYear},
		{ID: "steady", Title: "Forecast overspend", Better: model.BetterLower, Aim: model.AimMaintain},
	}, years, series("steady", pd(2024, 1), fs(0.7, 8)...))
	if yf := s2.ByID["yf"]; yf.Latest.Control != nil || yf.Latest.Then != nil || yf.Latest.Verdict != NotJudged || !yf.IsForecast() {
		t.Errorf("a yearly forecast of 13 years: limits %+v, verdict %v", yf.Latest.Control, yf.Latest.Verdict)
	}
	if st := s2.ByID["steady"].Latest; st.Verdict != NotJudged || st.Status != model.NoChange {
		t.Errorf("a forecast to keep steady that rose from 0.7 to 8: %v, %v", st.Verdict, st.Status)
	}
	// Spot checks, lest the loop agree with a wrong rule.
	if v := s.ByID["fc"].Latest.Verdict; v != NotJudged || v.Name() != "not judged" {
		t.Errorf("the latest forecast: %v %q", v, v.Name())
	}
	if v := s.ByID["fct"].Latest.Verdict; v != Worse { // 5 to 7: up 2, and lower is better
		t.Errorf("a revision as large as the threshold: %v", v)
	}
}

// A yearly forecast is about the year it is made in, whose end it
// forecasts, not the last year that has ended; and its next one is due in
// its quarter of the next year, not after that year.
func TestYearlyForecastCovers(t *testing.T) {
	s := derived(model.Site{}, []model.Measure{{ID: "fc", Title: "Forecast overspend", Better: model.BetterLower, Frequency: model.Annual, Covers: model.CoversFinancialYear}},
		[]model.Row{{Measure: "fc", Period: pd(2020, 3), Value: f(7)}, {Measure: "fc", Period: pd(2021, 4), Value: f(6)}})
	m := s.ByID["fc"]
	for i, want := range []string{"April 2020 to March 2021", "April 2021 to March 2022"} {
		if got := m.Reported[i].Span.Months(); got != want {
			t.Errorf("the forecast made in %v covers %s, want %s", m.Reported[i].Period, got, want)
		}
	}
	if c := m.Latest.Compare; c == nil || c.Period != pd(2020, 3) {
		t.Errorf("compared with %+v, want the forecast for the year before", c)
	}
	if next, ok := m.NextSpan(); ok {
		t.Errorf("next forecast said to be due after %s", next.Months())
	}
}

// A yearly figure covers the year its measure says, and is compared only
// with the figure for the year before: not an older one, nor one that
// overlaps it.
func TestYearlyCovers(t *testing.T) {
	rows := []model.Row{
		{Measure: "a", Period: pd(2020, 3), Value: f(60)}, // academic 2019/20
		{Measure: "a", Period: pd(2021, 2), Value: f(62)}, // academic 2020/21, reported a quarter earlier
		{Measure: "a", Period: pd(2023, 2), Value: f(65)}, // academic 2022/23: 2021/22 is missing
		{Measure: "n", Period: pd(2021, 3), Value: f(10)},
		{Measure: "n", Period: pd(2022, 3), Value: f(12)},
		{Measure: "n", Period: pd(2024, 3), Value: f(15)},
	}
	s := derived(model.Site{}, []model.Measure{
		{ID: "a", Better: model.BetterHigher, Frequency: model.Annual, Covers: model.CoversAcademicYear},
		{ID: "n", Better: model.BetterHigher, Frequency: model.Annual},
	}, rows)
	a := s.ByID["a"].Reported
	if a[1].Compare == nil || a[1].Compare.Period != pd(2020, 3) || a[1].Basis != YearBefore {
		t.Errorf("2020/21 compared with %+v", a[1].Compare)
	}
	if a[1].Span.Months() != "September 2020 to August 2021" {
		t.Errorf("2020/21 covers %s", a[1].Span.Months())
	}
	if a[2].Compare != nil {
		t.Errorf("2022/23 compared with %+v, though 2021/22 has no figure", a[2].Compare)
	}
	// The previous figure is still the last one reported.
	if a[2].Previous == nil || *a[2].Previous.Value != 62 {
		t.Errorf("previous %+v", a[2].Previous)
	}
	next, ok := s.ByID["a"].NextSpan()
	if !ok || next.Months() != "September 2023 to August 2024" {
		t.Errorf("next %s, %v", next.Months(), ok)
	}
	// Without covers, the year before is the same quarter a year before.
	n := s.ByID["n"].Reported
	if n[1].Compare == nil || n[1].Compare.Period != pd(2021, 3) || n[2].Compare != nil {
		t.Errorf("compared with %+v, %+v", n[1].Compare, n[2].Compare)
	}
	if n[1].Span.Kind != model.SpanQuarter {
		t.Errorf("without covers, a yearly figure is known by its quarter: %v", n[1].Span.Kind)
	}
	if _, ok := s.ByID["n"].NextSpan(); ok {
		t.Error("no next year without covers")
	}
}

// The change threshold decides while there are too few figures for
// limits: the measure's own, in its unit or as a share, or the site's.
func TestChangeThreshold(t *testing.T) {
	share := 0.1
	site := model.Site{ChangeThresholdShare: &share}
	s := derived(site, []model.Measure{
		{ID: "abs", Better: model.BetterHigher, ChangeThreshold: f(3)},
		{ID: "share", Better: model.BetterLower, ChangeThresholdShare: f(0.05)},
		{ID: "site", Better: model.BetterHigher},
		{ID: "neither", Better: model.BetterNeither, ChangeThreshold: f(1)},
	},
		series("abs", pd(2023, 1), fs(50, 53, 51)...),   // +3 better, -2 too small
		series("share", pd(2023, 1), fs(40, 42, 43)...), // +2 (5% of 40 is 2) worse, +1 (5% of 42 is 2.1) too small
		series("site", pd(2023, 1), fs(20, 21, 19)...),  // +1 (10% of 20 is 2) too small, -2 (2.1) too small
		series("neither", pd(2023, 1), fs(5, 7, 7)...),
	)
	check := func(id string, want ...Verdict) {
		t.Helper()
		for i, snap := range s.ByID[id].Reported[1:] {
			if snap.Verdict != want[i] {
				t.Errorf("%s %v: verdict %v, want %v", id, snap.Period, snap.Verdict, want[i])
			}
		}
	}
	check("abs", Better, TooSmall)
	check("share", Worse, TooSmall)
	check("site", TooSmall, TooSmall)
	check("neither", Changed, NoVerdict)
}

// With enough figures, only a signal is a real change, and only in its
// own direction; as published, a figure is judged by the figures up to
// it.
func TestVerdictBySignal(t *testing.T) {
	// Twelve alternating figures (no signal), then 30: far above.
	values := fs(10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 30, 12)
	s := derived(model.Site{}, []model.Measure{{ID: "m", Better: model.BetterLower, Target: f(20)}}, series("m", pd(2020, 1), values...))
	m := s.ByID["m"]
	if m.Reported[10].Then != nil || m.Reported[11].Then == nil || m.Reported[11].Then.Points != 12 {
		t.Errorf("limits from the 12th figure: %+v, %+v", m.Reported[10].Then, m.Reported[11].Then)
	}
	if v := m.Reported[11].Verdict; v != NormalVariation {
		t.Errorf("12 after 10: %v", v)
	}
	if v := m.Reported[14].Verdict; v != Worse {
		t.Errorf("30 after 12: %v", v)
	}
	// 12 after 30 is down, but not a signal downwards.
	if v := m.Reported[15].Verdict; v != NormalVariation {
		t.Errorf("12 after 30: %v", v)
	}
	// As published, the first quarters had no limits; now they do.
	if m.Series[0].Control == nil || m.Reported[0].Then != nil {
		t.Errorf("the first figure: now %+v, then %+v", m.Series[0].Control, m.Reported[0].Then)
	}
}

// A target that is a direction: on track when the figures show a real
// improvement, off track for a real deterioration, no clear change
// otherwise; to maintain, on track unless they show a deterioration.
func TestAimStatus(t *testing.T) {
	flat := []float64{10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12}
	up := append(append([]float64{}, flat...), 30)
	down := append(append([]float64{}, flat...), -8)
	s := derived(model.Site{}, []model.Measure{
		{ID: "inc-up", Better: model.BetterHigher, Aim: model.AimIncrease},
		{ID: "inc-flat", Better: model.BetterHigher, Aim: model.AimIncrease},
		{ID: "inc-down", Better: model.BetterHigher, Aim: model.AimIncrease},
		{ID: "red-down", Better: model.BetterLower, Aim: model.AimReduce},
		{ID: "keep-flat", Better: model.BetterHigher, Aim: model.AimMaintain},
		{ID: "keep-down", Better: model.BetterHigher, Aim: model.AimMaintain},
		{ID: "keep-neither-up", Better: model.BetterNeither, Aim: model.AimMaintain},
		{ID: "few", Better: model.BetterHigher, Aim: model.AimIncrease, ChangeThreshold: f(1)},
		{ID: "few-target", Better: model.BetterHigher, Aim: model.AimIncrease},
	},
		series("inc-up", pd(2020, 1), fs(up...)...),
		series("inc-flat", pd(2020, 1), fs(flat...)...),
		series("inc-down", pd(2020, 1), fs(down...)...),
		series("red-down", pd(2020, 1), fs(down...)...),
		series("keep-flat", pd(2020, 1), fs(flat...)...),
		series("keep-down", pd(2020, 1), fs(down...)...),
		series("keep-neither-up", pd(2020, 1), fs(up...)...),
		series("few", pd(2020, 1), fs(5, 7, 7.5)...),
		[]model.Row{{Measure: "few-target", Period: pd(2020, 1), Value: f(5), Target: f(4)}},
	)
	want := map[string]model.Status{
		"inc-up": model.OnTrack, "inc-flat": model.NoChange, "inc-down": model.OffTrack, "red-down": model.OnTrack,
		"keep-flat": model.OnTrack, "keep-down": model.OffTrack, "keep-neither-up": model.OffTrack,
		"few": model.NoChange, "few-target": model.OnTrack,
	}
	for id, st := range want {
		if got := s.ByID[id].Latest.Status; got != st {
			t.Errorf("%s: %s, want %s", id, got, st)
		}
	}
	// With too few figures, the change threshold decides: 5 to 7 is up 2.
	if got := s.ByID["few"].Reported[1].Status; got != model.OnTrack {
		t.Errorf("few, up 2: %s", got)
	}
	// The first figure has nothing to compare with.
	if got := s.ByID["few"].Reported[0].Status; got != model.NoChange {
		t.Errorf("few, first: %s", got)
	}
}

// A tolerance may be a share of the target, set on the measure or as the
// site's default; a measure's own tolerance wins.
func TestToleranceShare(t *testing.T) {
	share := 0.05
	s := derived(model.Site{ToleranceShare: &share}, []model.Measure{
		{ID: "site", Better: model.BetterHigher, Target: f(90)},                          // close down to 85.5
		{ID: "own", Better: model.BetterHigher, Target: f(90), ToleranceShare: f(0.1)},   // close down to 81
		{ID: "abs", Better: model.BetterHigher, Target: f(90), Tolerance: f(1)},          // close down to 89
		{ID: "zero", Better: model.BetterHigher, Target: f(90), Tolerance: f(0)},         // no close
		{ID: "lower", Better: model.BetterLower, Target: f(-20), ToleranceShare: f(0.5)}, // close up to -10
	},
		series("site", pd(2023, 1), fs(85.5, 85.4)...),
		series("own", pd(2023, 1), fs(81, 80.9)...),
		series("abs", pd(2023, 1), fs(89, 88.9)...),
		series("zero", pd(2023, 1), fs(89.9)...),
		series("lower", pd(2023, 1), fs(-10, -9.9)...),
	)
	for id, want := range map[string][]model.Status{
		"site": {model.Close, model.OffTrack}, "own": {model.Close, model.OffTrack}, "abs": {model.Close, model.OffTrack},
		"zero": {model.OffTrack}, "lower": {model.Close, model.OffTrack},
	} {
		for i, snap := range s.ByID[id].Reported {
			if snap.Status != want[i] {
				t.Errorf("%s %v: %s, want %s", id, *snap.Value, snap.Status, want[i])
			}
		}
	}
	if n, sh := s.ByID["site"].ToleranceRule(); n != nil || *sh != 0.05 {
		t.Errorf("site rule %v %v", n, sh)
	}
	if got := s.ByID["own"].ToleranceAt(90); got != 9 {
		t.Errorf("own tolerance %v", got)
	}
}

// Assurance: whether the usual range is all on the target's right side.
func TestAssurance(t *testing.T) {
	flat := fs(10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12) // limits 5.68 to 16.32
	cases := []struct {
		better string
		target float64
		tol    *float64
		want   Assurance
	}{
		{model.BetterHigher, 5, nil, ReliablyMeets},
		{model.BetterHigher, 17, nil, ReliablyMisses},
		{model.BetterHigher, 11, nil, SometimesMeets},
		{model.BetterLower, 17, nil, ReliablyMeets},
		{model.BetterLower, 5, nil, ReliablyMisses},
		{model.BetterLower, 11, nil, SometimesMeets},
		{model.BetterNeither, 11, f(6), ReliablyMeets},
		{model.BetterNeither, 30, f(6), ReliablyMisses},
		{model.BetterNeither, 11, f(2), SometimesMeets},
	}
	for _, c := range cases {
		s := derived(model.Site{}, []model.Measure{{ID: "m", Better: c.better, Target: f(c.target), Tolerance: c.tol}}, series("m", pd(2020, 1), flat...))
		if got := s.ByID["m"].Latest.Assurance; got != c.want {
			t.Errorf("%s, target %v: %v, want %v", c.better, c.target, got, c.want)
		}
	}
	s := derived(model.Site{}, []model.Measure{{ID: "m", Better: model.BetterHigher}}, series("m", pd(2020, 1), flat...))
	if got := s.ByID["m"].Latest.Assurance; got != NoAssurance {
		t.Errorf("no target: %v", got)
	}
	// A figure that is a signal: the limits mix the old and the new.
	jump := append(append([]*float64{}, flat...), f(30))
	s = derived(model.Site{}, []model.Measure{{ID: "m", Better: model.BetterHigher, Target: f(5)}}, series("m", pd(2020, 1), jump...))
	if got := s.ByID["m"].Latest.Assurance; got != Changing {
		t.Errorf("a signal: %v", got)
	}
}

// The measures in the latest quarter: the quarterly measures whose
// figures have begun and the yearly ones filed under it.
func TestLatestQuarter(t *testing.T) {
	s := derived(model.Site{}, []model.Measure{
		{ID: "q", Better: model.BetterHigher},
		{ID: "gap", Better: model.BetterHigher},
		{ID: "old-year", Better: model.BetterHigher, Frequency: model.Annual},
		{ID: "new-year", Better: model.BetterHigher, Frequency: model.Annual},
	}, []model.Row{
		{Measure: "q", Period: pd(2023, 1), Value: f(1)},
		{Measure: "q", Period: pd(2023, 2), Value: f(2)},
		{Measure: "gap", Period: pd(2023, 1), Value: f(1)},
		{Measure: "old-year", Period: pd(2023, 1), Value: f(1)},
		{Measure: "new-year", Period: pd(2023, 2), Value: f(1)},
	})
	q := s.LatestQuarter()
	var ids []string
	for _, r := range q.Rows {
		ids = append(ids, r.Measure.ID)
	}
	if q.Period != pd(2023, 2) || len(ids) != 3 || ids[0] != "q" || ids[1] != "gap" || ids[2] != "new-year" || q.Counts.Total() != 3 {
		t.Errorf("latest quarter %v: %v, %v", q.Period, ids, q.Counts)
	}
	if (&Site{}).LatestQuarter() != nil {
		t.Error("no data, no quarter")
	}
}

// Every verdict, basis and assurance has a name of its own for the
// downloads, and only the "none" of each has none: a new value must be
// given one, not fall through to "".
func TestNames(t *testing.T) {
	seen := map[string]bool{"": false}
	for v := NoVerdict; v < numVerdicts; v++ {
		if n := v.Name(); (n == "") != (v == NoVerdict) || n != "" && seen[n] {
			t.Errorf("verdict %d is named %q", v, n)
		}
		seen[v.Name()] = true
	}
	for b := NoBasis; b < numBases; b++ {
		if n := b.Name(); (n == "") != (b == NoBasis) || n != "" && seen[n] {
			t.Errorf("basis %d is named %q", b, n)
		}
		seen[b.Name()] = true
	}
	for a := NoAssurance; a < numAssurances; a++ {
		if n := a.Name(); (n == "") != (a == NoAssurance) || n != "" && seen[n] {
			t.Errorf("assurance %d is named %q", a, n)
		}
		seen[a.Name()] = true
	}
}
