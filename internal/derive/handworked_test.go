package derive_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/spc"
)

// TestHandWorkedSite derives the test site of internal/build whose control
// limits and signals are worked out by hand in its comment, and checks
// every "expect" line there:
//
//	expect ID limits MEAN LOWER UPPER | limits none
//	expect ID signals none
//	expect ID signal PERIOD RULE↑ RULE↓ ...
//	expect ID verdict better|worse|normal-variation|too-small|...
//	expect ID assurance meets|misses|sometimes|changing
//	expect ID status STATUS
//	expect ID compare PERIOD
//
// about the measure's latest figure (limits and signals as the latest
// figures show them).
func TestHandWorkedSite(t *testing.T) {
	ar, err := txtar.ParseFile("../build/testdata/sites/spc.txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	in, probs, err := load.LoadFS(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if probs = append(probs, check.Check(in)...); probs.HasErrors() {
		t.Fatalf("the site has errors: %v", probs)
	}
	site := derive.Derive(in)
	cal := site.Cal
	signalled := map[string]bool{} // ids whose signals the lines list
	listed := map[string]string{}  // id and period: the rules listed
	expects := 0
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		rest, ok := strings.CutPrefix(line, "# expect ")
		if !ok {
			continue
		}
		expects++
		f := strings.Fields(rest)
		m := site.ByID[f[0]]
		if m == nil {
			t.Fatalf("%s: no measure", line)
		}
		latest := m.Latest
		switch f[1] {
		case "limits":
			c := latest.Point.Control
			if f[2] == "none" {
				if c != nil || latest.Then != nil {
					t.Errorf("%s: got limits %+v", line, c)
				}
				continue
			}
			mean, lower, upper := num(t, f[2]), num(t, f[3]), num(t, f[4])
			for _, c := range []*derive.Control{c, latest.Then} {
				if c == nil || !near(c.Mean, mean) || !near(c.Lower, lower) || !near(c.Upper, upper) || c.Points != 20 {
					t.Errorf("%s: got %+v", line, c)
				}
			}
			// Every figure of the series has the same limits.
			for _, pt := range m.Series {
				if pt.Control == nil || pt.Control.Mean != latest.Control.Mean || pt.Control.Upper != latest.Control.Upper {
					t.Errorf("%s: %s has limits %+v", line, cal.Label(pt.Period), pt.Control)
				}
			}
		case "signals":
			signalled[m.ID] = true
		case "signal":
			signalled[m.ID] = true
			listed[m.ID+" "+f[2]] = strings.Join(f[3:], " ")
		case "verdict":
			if got := verdictName(latest.Verdict); got != f[2] {
				t.Errorf("%s: got %s", line, got)
			}
		case "assurance":
			if got := assuranceName(latest.Assurance); got != f[2] {
				t.Errorf("%s: got %s", line, got)
			}
		case "status":
			if got := string(latest.Status); got != f[2] {
				t.Errorf("%s: got %s", line, got)
			}
		case "compare":
			if latest.Compare == nil || cal.Slug(latest.Compare.Period) != f[2] || latest.Basis != derive.SameTimeLastYear {
				t.Errorf("%s: compared with %+v (basis %v)", line, latest.Compare, latest.Basis)
			}
		default:
			t.Fatalf("%s: unknown", line)
		}
	}
	for id := range signalled {
		for _, pt := range site.ByID[id].Series {
			if got, want := rulesOf(pt.Control.Flag), listed[id+" "+cal.Slug(pt.Period)]; got != want {
				t.Errorf("%s %s: signals %q, want %q", id, cal.Slug(pt.Period), got, want)
			}
		}
	}
	if expects < 40 {
		t.Errorf("only %d expect lines", expects)
	}
}

func rulesOf(f spc.Flag) string {
	var out []string
	for _, r := range spc.Rules {
		if f.High.Has(r) {
			out = append(out, r.Name()+"↑")
		}
		if f.Low.Has(r) {
			out = append(out, r.Name()+"↓")
		}
	}
	return strings.Join(out, " ")
}

func verdictName(v derive.Verdict) string {
	return map[derive.Verdict]string{
		derive.NoVerdict: "none", derive.Better: "better", derive.Worse: "worse", derive.Changed: "changed",
		derive.NormalVariation: "normal-variation", derive.TooSmall: "too-small", derive.TooFewToTell: "too-few",
	}[v]
}

func assuranceName(a derive.Assurance) string {
	return map[derive.Assurance]string{
		derive.NoAssurance: "none", derive.ReliablyMeets: "meets", derive.ReliablyMisses: "misses", derive.SometimesMeets: "sometimes",
		derive.Changing: "changing",
	}[a]
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
