package spc

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// describe writes the flags as "i:rules" for each figure that is a
// signal: "12:trend↑ 18:outside↑,trend↑,two-of-three↑".
func describe(flags []Flag) string {
	var parts []string
	for i, f := range flags {
		var rules []string
		for _, r := range Rules {
			if f.High.Has(r) {
				rules = append(rules, r.Name()+"↑")
			}
			if f.Low.Has(r) {
				rules = append(rules, r.Name()+"↓")
			}
		}
		if len(rules) > 0 {
			parts = append(parts, fmt.Sprintf("%d:%s", i, strings.Join(rules, ",")))
		}
	}
	return strings.Join(parts, " ")
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// The three series of the test site internal/build/testdata/sites/spc.txtar,
// whose figures are worked out by hand in the archive's comment; the
// figures here must be the same.
var (
	noisy    = []float64{50, 52, 49, 51, 48, 51, 49, 52, 50, 48, 51, 50, 52, 49, 50, 51, 48, 50, 49, 50}
	trending = []float64{40, 42, 39, 41, 40, 42, 39, 41, 40, 42, 40, 41, 40, 41, 42, 43, 44, 45, 46, 47}
	step     = []float64{29, 31, 29, 31, 32, 30, 29, 31, 30, 29, 36, 35, 37, 36, 34, 36, 37, 35, 36, 37}
)

func TestHandWorked(t *testing.T) {
	tests := []struct {
		name            string
		values          []float64
		mean, meanRange float64
		lower, upper    float64
		signals         string
	}{
		{
			// Sum 1000, so the mean is 50. The 19 moving ranges add up to
			// 40, none above 3.267 × 40/19 = 6.88: the mean moving range is
			// 40/19, and the limits 50 ± 2.66 × 40/19 = 50 ± 5.6. No figure
			// is beyond 50 ± 3.73 (two thirds of the way), the longest run
			// on one side is 2 and the longest rise 2.
			name: "noisy", values: noisy, mean: 50, meanRange: 40.0 / 19, lower: 44.4, upper: 55.6,
		},
		{
			// Sum 835: mean 41.75. Moving ranges add up to 29: mean 29/19,
			// limits 41.75 ± 2.66 × 29/19 = 41.75 ± 4.06: 37.69 to 45.81.
			// From figure 12 (40) each figure is higher than the one before,
			// up to 47: a trend of 8. 46 and 47 are above 45.81. Two thirds
			// of the way up is 41.75 + 2.7067 = 44.4567: 45, 46 and 47 are
			// beyond it. Only 6 figures in a row (42 to 47) are above the
			// mean: no shift.
			name: "trending", values: trending, mean: 41.75, meanRange: 29.0 / 19, lower: 41.75 - 2.66*29/19, upper: 41.75 + 2.66*29/19,
			signals: "12:trend↑ 13:trend↑ 14:trend↑ 15:trend↑ 16:trend↑ 17:trend↑,two-of-three↑ 18:outside-limits↑,trend↑,two-of-three↑ 19:outside-limits↑,trend↑,two-of-three↑",
		},
		{
			// Sum 660: mean 33. The moving ranges add up to 34: 7 (from 29
			// to 36) is above 3.267 × 34/19 = 5.85, so it is left out; the
			// other 18 add up to 27: mean 1.5. Limits 33 ± 3.99: 29.01 to
			// 36.99. Every 29 is below and every 37 above. The first ten are
			// below the mean and the last ten above: two shifts. Two thirds
			// of the way is 30.34 and 35.66: the 29s and 30s, and the 36s
			// and 37s, come two or three in any three in a row.
			name: "step", values: step, mean: 33, meanRange: 1.5, lower: 29.01, upper: 36.99,
			signals: "0:outside-limits↓,shift↓,two-of-three↓ 1:shift↓ 2:outside-limits↓,shift↓,two-of-three↓ 3:shift↓ 4:shift↓ " +
				"5:shift↓,two-of-three↓ 6:outside-limits↓,shift↓,two-of-three↓ 7:shift↓ 8:shift↓,two-of-three↓ 9:outside-limits↓,shift↓,two-of-three↓ " +
				"10:shift↑,two-of-three↑ 11:shift↑ 12:outside-limits↑,shift↑,two-of-three↑ 13:shift↑,two-of-three↑ 14:shift↑ " +
				"15:shift↑,two-of-three↑ 16:outside-limits↑,shift↑,two-of-three↑ 17:shift↑ 18:shift↑,two-of-three↑ 19:outside-limits↑,shift↑,two-of-three↑",
		},
	}
	for _, tt := range tests {
		res, ok := Analyse(tt.values)
		if !ok {
			t.Fatalf("%s: no limits", tt.name)
		}
		if !near(res.Mean, tt.mean) || !near(res.MeanRange, tt.meanRange) || !near(res.Lower, tt.lower) || !near(res.Upper, tt.upper) {
			t.Errorf("%s: mean %v, mean range %v, limits %v to %v; want %v, %v, %v to %v", tt.name,
				res.Mean, res.MeanRange, res.Lower, res.Upper, tt.mean, tt.meanRange, tt.lower, tt.upper)
		}
		if got := describe(res.Flags); got != tt.signals {
			t.Errorf("%s: signals\n got %s\nwant %s", tt.name, got, tt.signals)
		}
	}
}

func TestRules(t *testing.T) {
	// flat is twelve figures alternating 10 and 12: mean 11, mean moving
	// range 2, limits 11 ± 5.32 (5.68 to 16.32), two thirds of the way at
	// 7.453 and 14.547, before the figures added to it.
	flat := func(tail ...float64) []float64 {
		v := []float64{10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12}
		return append(v, tail...)
	}
	// long is 24 figures alternating a and b, for the rules about one or
	// two figures, which move the mean and the mean range less among
	// many.
	long := func(a, b float64, tail ...float64) []float64 {
		var v []float64
		for i := 0; i < 12; i++ {
			v = append(v, a, b)
		}
		return append(v, tail...)
	}
	tests := []struct {
		name    string
		values  []float64
		signals string
	}{
		{"too few figures", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, "none"},
		{"no figure differs", []float64{5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, ""},
		{"alternating", flat(), ""},
		// Mean 350/26 = 13.46. The moving ranges are 23 of 20, then 80
		// and 90: their mean 25.2 gives an upper range limit of 82.3, so
		// 90 is left out and the mean range is 540/24 = 22.5. The upper
		// limit is 13.46 + 59.85 = 73.31, below 100.
		{"one figure far above", long(0, 20, 100, 10), "24:outside-limits↑"},
		// Only the unusual ranges differ from zero: they are kept, or the
		// limits would sit on the mean and every 5 would be a signal.
		{"one figure apart from many the same", []float64{5, 5, 5, 5, 5, 5, 10, 5, 5, 5, 5, 5}, "6:outside-limits↑"},
		// Seven in a row above the mean is a shift; six is not. The mean is
		// 154/13 = 11.85: the run starts with the 12 before the 13s.
		{"shift of seven", []float64{10, 12, 10, 12, 10, 12, 13, 12, 13, 12, 13, 12, 13}, "5:shift↑ 6:shift↑ 7:shift↑ 8:shift↑ 9:shift↑ 10:shift↑ 11:shift↑ 12:shift↑"},
		{"six above the mean", []float64{10, 12, 10, 10, 12, 10, 12, 13, 12, 13, 12, 13, 10}, ""},
		// A figure on the mean ends a run.
		{"broken by the mean", []float64{10, 11.5, 10, 11.5, 11, 11.5, 12, 11.5, 12, 11.5, 12, 10, 10.5}, ""},
		// Seven figures each lower than the one before: a trend.
		{"falling trend", flat(11.9, 11.6, 11.3, 11, 10.7, 10.4), "11:trend↓ 12:trend↓ 13:trend↓ 14:trend↓ 15:trend↓ 16:trend↓ 17:trend↓"},
		// An equal figure ends a trend.
		{"a level step ends a trend", flat(11.9, 11.6, 11.6, 11.3, 11, 10.7), ""},
		// Two of three beyond two thirds of the way to the upper limit, the
		// third below the mean. Mean 307/27 = 11.37, mean range 67/26 =
		// 2.58: two thirds of the way up is 11.37 + 4.57 = 15.94, the
		// limit 18.23.
		{"two of three", long(10, 12, 17, 9, 17), "24:two-of-three↑ 26:two-of-three↑"},
		{"one of three", long(10, 12, 16, 9, 12), ""},
	}
	for _, tt := range tests {
		res, ok := Analyse(tt.values)
		got := describe(res.Flags)
		if !ok {
			got = "none"
		}
		if got != tt.signals {
			t.Errorf("%s: got %q, want %q (mean %v, limits %v to %v)", tt.name, got, tt.signals, res.Mean, res.Lower, res.Upper)
		}
	}
}

func TestFlagTowards(t *testing.T) {
	f := Flag{High: Trend, Low: Shift}
	if !f.Signal() || !f.Towards(1) || !f.Towards(-1) || f.Towards(0) {
		t.Errorf("%+v", f)
	}
	if (Flag{}).Signal() || (Flag{}).Towards(1) {
		t.Error("no rule is no signal")
	}
	if got := (Outside | TwoOfThree).Names(); strings.Join(got, " ") != "outside-limits two-of-three" {
		t.Errorf("names %v", got)
	}
}
