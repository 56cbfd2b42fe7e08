package build

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/gen"
)

// TestScale is a sanity check of speed on generated sites: the council
// site (300 measures, 20 quarters) and one of a quarter of its size
// (150 x 10). It measures CPU time, not wall time, which a busy machine
// stretches most (go test runs packages in parallel, and the machine is
// shared), and its bounds are generous; `perfsite bench` measures properly
// (BENCHMARKS.md).
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two generated sites")
	}
	t.Setenv(cache.Env, "off") // draw every share image, as a new quarter's first build does
	type run struct {
		pages     int
		wall, cpu time.Duration
	}
	build := func(measures, quarters int) run {
		dir := t.TempDir()
		src := filepath.Join(dir, "site")
		if err := gen.Write(src, gen.Config{Measures: measures, Quarters: quarters, Seed: 1}.WithDefaults()); err != nil {
			t.Fatal(err)
		}
		cpu0, start := cpuTime(), time.Now()
		res, err := Build(Options{Source: src, Dest: filepath.Join(dir, "public")})
		if err != nil {
			t.Fatal(err)
		}
		r := run{pages: res.Pages, wall: time.Since(start), cpu: cpuTime() - cpu0}
		t.Logf("%d x %d: %d pages in %s (CPU %s): %s", measures, quarters, r.pages, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), res.Timings)
		return r
	}
	// The cheaper of two builds of the small site: the first in a process
	// pays for warming up (parsing the fonts and the layouts).
	small := build(150, 10)
	if again := build(150, 10); again.cpu < small.cpu {
		small = again
	}
	council := build(300, 20)
	// It took 1.5 s of CPU time on the project machine at the end of issue
	// 7 (this test logs it), and up to about 7.5 s on days when its /tmp,
	// a disk, was slow to create files; 30 s means something is badly
	// wrong, not that the machine is busy.
	if council.cpu > 30*time.Second {
		t.Errorf("the council site took %s of CPU time to build (1.5 to 7.5 s expected)", council.cpu)
	}
	// Linear: a page costs about as much on both sites. A page of the
	// council site shows twice the history, so it may cost more, but not
	// two and a half times as much.
	per := func(r run) float64 { return r.cpu.Seconds() / float64(r.pages) }
	if ratio := per(council) / per(small); ratio > 2.5 || ratio < 0.4 {
		t.Errorf("CPU per page: %.2f ms (150 x 10) and %.2f ms (300 x 20): not linear", per(small)*1000, per(council)*1000)
	}
}

// cpuTime is the user and system time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCouncilBuild builds a generated council site (300 measures, 20
// quarters) with its measure, embed and quarter pages stamped (what a
// build does when the site has no layouts of its own) and laid out by Hugo
// (what it does when it has), for the README's comparison of the two:
//
//	TMPDIR=/dev/shm go test -run - -bench CouncilBuild -benchtime 3x ./internal/build
//
// In-process, with Go's default collector settings and the work folder
// wherever TMPDIR is: compare the two, not with perfsite bench.
func BenchmarkCouncilBuild(b *testing.B) {
	// Draw every share image, as a new quarter's first build does (and
	// bundle the charts' script every time, as a machine's first build does).
	b.Setenv(cache.Env, "off")
	src := filepath.Join(b.TempDir(), "site")
	if err := gen.Write(src, gen.Config{Measures: 300, Quarters: 20, Seed: 1}.WithDefaults()); err != nil {
		b.Fatal(err)
	}
	linkECharts(b, src)
	for _, mode := range []struct {
		name string
		hugo bool
	}{{"stamped", false}, {"hugo", true}} {
		b.Run(mode.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Build(Options{Source: src, Dest: filepath.Join(b.TempDir(), "public"), HugoMeasurePages: mode.hugo}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
