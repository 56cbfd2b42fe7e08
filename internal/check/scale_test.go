//go:build linux

package check_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
)

// writeScaleSite writes a site of measures measures whose figures are in
// one CSV file, one row per measure and quarter for quarters quarters (a
// period column), each row with a note: about 70 bytes a row, as a
// council's files are. title is every measure's title.
func writeScaleSite(t testing.TB, dir string, measures, quarters int, title string) {
	t.Helper()
	var m strings.Builder
	for i := 0; i < measures; i++ {
		fmt.Fprintf(&m, "[[measure]]\nid = \"measure-%05d\"\ntitle = %q\nservice = \"s\"\nunit = \"count\"\nbetter = \"higher\"\ntarget = 90\n\n", i, title)
	}
	var c strings.Builder
	c.WriteString("measure,period,value,target,national,status,note\n")
	for q := 0; q < quarters; q++ {
		y, n := 1990+q/4, q%4+1
		for i := 0; i < measures; i++ {
			fmt.Fprintf(&c, "measure-%05d,%d-%02d Q%d,%d.5,90,88.2,,Figures for the quarter are provisional.\n", i, y, (y+1)%100, n, i%100)
		}
	}
	files := map[string]string{
		"data/site.toml":        "title = \"T\"\norganisation = \"O\"\nbase_url = \"https://example.org/\"\n\n[[service]]\nid = \"s\"\nname = \"S\"\n",
		"data/measures.toml":    m.String(),
		"data/quarters/all.csv": c.String(),
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// loadCheckDerive runs the stages before the pages, as a build does (the
// files' text kept until the problems have their spans), and fails on any
// error.
func loadCheckDerive(t testing.TB, dir string) {
	t.Helper()
	in, probs, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	load.Annotate(in, probs)
	if probs.HasErrors() {
		t.Fatalf("the site has errors:\n%v", probs[:min(len(probs), 5)])
	}
	derive.Derive(in)
}

// cpuTime is the processor time this process has used: the work done,
// which other processes on a busy machine change less than the time on
// the clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Doubling the rows of a data file (by doubling the measures, each with
// its series: so that work quadratic in either shows), or the length of
// the measures' titles, roughly doubles the work of load, check and
// derive: as the share images' wrapping of a title once did not, nor the
// "did you mean" search of unknown ids, nor the streaks of a long series.
// The sizes are compared in one run, taking turns, best of seven, in
// processor time and in bytes allocated, so that a busy machine slows
// both alike; quadratic work would give a ratio of 4, linear 2 (a
// little more: a larger heap is slower to reach).
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("times load, check and derive of sites of up to 42,000 figures")
	}
	for _, tc := range []struct {
		name               string
		measures, quarters [2]int
		title              [2]string
	}{
		{"rows", [2]int{300, 600}, [2]int{70, 70}, [2]string{"A measure", "A measure"}},
		{"title length", [2]int{8000, 8000}, [2]int{1, 1}, [2]string{strings.Repeat("Word ", 29), strings.Repeat("Word ", 58)}},
	} {
		var dirs [2]string
		for i := range 2 {
			dirs[i] = t.TempDir()
			writeScaleSite(t, dirs[i], tc.measures[i], tc.quarters[i], tc.title[i])
		}
		took := [2]time.Duration{1 << 62, 1 << 62}
		var allocated [2]uint64
		for range 7 {
			for i := range 2 {
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				start := cpuTime()
				loadCheckDerive(t, dirs[i])
				took[i] = min(took[i], cpuTime()-start)
				runtime.ReadMemStats(&after)
				allocated[i] = after.TotalAlloc - before.TotalAlloc
			}
		}
		ratio := float64(took[1]) / float64(took[0])
		bytes := float64(allocated[1]) / float64(allocated[0])
		t.Logf("%s: %v, doubled %v: %.2f times; %d MB allocated, doubled %d MB: %.2f times",
			tc.name, took[0], took[1], ratio, allocated[0]>>20, allocated[1]>>20, bytes)
		if ratio > 3.3 {
			t.Errorf("%s: doubling the input took %.2f times the processor time (%v, %v), more than linear", tc.name, ratio, took[0], took[1])
		}
		if bytes > 2.5 {
			t.Errorf("%s: doubling the input allocated %.2f times the memory, more than linear", tc.name, bytes)
		}
	}
}

// A 50 MB data file is loaded, checked and derived in under 1 GB (a 200
// MB file once took 5.5 GB). The work runs in a child process (this test
// binary, running TestMemoryHelper), whose peak memory the system counts.
func TestMemory50MB(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a 50 MB data file")
	}
	dir := t.TempDir()
	// 700,000 rows of about 72 bytes.
	writeScaleSite(t, dir, 5000, 140, "A measure")
	fi, err := os.Stat(filepath.Join(dir, "data", "quarters", "all.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() < 50<<20 {
		t.Fatalf("the data file is %d MB, want 50", fi.Size()>>20)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestMemoryHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PERFSITE_MEMORY_SITE="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	peak := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KB on Linux
	t.Logf("a %d MiB data file: peak %d MiB", fi.Size()>>20, peak>>20)
	if peak > 1<<30 {
		t.Errorf("peak memory %d MiB, want under 1024 MiB (1 GiB)", peak>>20)
	}
}

// TestMemoryHelper is the child of TestMemory50MB.
func TestMemoryHelper(t *testing.T) {
	dir := os.Getenv("PERFSITE_MEMORY_SITE")
	if dir == "" {
		t.Skip("run by TestMemory50MB")
	}
	loadCheckDerive(t, dir)
}
