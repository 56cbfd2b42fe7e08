package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/perfsite/perfsite"
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

// TestOwnLayoutsCostNoMore builds a generated site with perfsite's
// layouts, and with a copy of every one of them as the site's own (each
// with a comment added, so that they differ), in five pairs, and checks
// that the second costs at most 1.3 times the CPU time of the first (the
// median of the pairs' ratios): a council that changes any layout keeps
// the speed (issue 17). The pages must come out the same.
func TestOwnLayoutsCostNoMore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated site ten times")
	}
	t.Setenv(cache.Env, "off")
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := gen.Write(src, gen.Config{Measures: 150, Quarters: 10, Seed: 1}.WithDefaults()); err != nil {
		t.Fatal(err)
	}
	ownLayouts := filepath.Join(dir, "own-layouts")
	err := fs.WalkDir(perfsite.DefaultLayouts, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(perfsite.DefaultLayouts, p)
		if err != nil {
			return err
		}
		return writeFileAll(filepath.Join(ownLayouts, filepath.FromSlash(p)), append([]byte("{{/* the council's own copy */}}"), b...))
	})
	if err != nil {
		t.Fatal(err)
	}
	// Five pairs, each kind first in turn; the median of the pairs'
	// ratios counts, so that a busy spell of the machine (CI runs other
	// packages' tests beside this one) that hits one build of a pair
	// weighs no more than one pair of five.
	var ratios []float64
	for round := range 5 {
		order := []bool{false, true}
		if round%2 == 1 {
			order = []bool{true, false}
		}
		var plain, own time.Duration
		for _, withOwn := range order {
			layouts := filepath.Join(src, "layouts")
			dest := "plain"
			if withOwn {
				if err := os.Rename(filepath.Join(ownLayouts, "layouts"), layouts); err != nil {
					t.Fatal(err)
				}
				dest = "own"
			}
			runtime.GC() // the build before's garbage is not this build's work
			cpu0 := cpuTime()
			if _, err := Build(Options{Source: src, Dest: filepath.Join(dir, dest)}); err != nil {
				t.Fatal(err)
			}
			took := cpuTime() - cpu0
			if withOwn {
				own = took
				if err := os.Rename(layouts, filepath.Join(ownLayouts, "layouts")); err != nil {
					t.Fatal(err)
				}
			} else {
				plain = took
			}
		}
		ratios = append(ratios, own.Seconds()/plain.Seconds())
		t.Logf("CPU: %s with perfsite's layouts, %s with the site's own (%.2f)", plain, own, ratios[round])
	}
	slices.Sort(ratios)
	if median := ratios[len(ratios)/2]; median > 1.3 {
		t.Errorf("the site's own layouts cost %.2f times the CPU of perfsite's (the median of %d pairs), more than 1.3", median, len(ratios))
	}
	compareTrees(t, snapshot(t, filepath.Join(dir, "plain")), snapshot(t, filepath.Join(dir, "own")))
}

// BenchmarkCouncilBuild builds a generated council site (300 measures, 20
// quarters), with perfsite's layouts and with an own footer:
//
//	TMPDIR=/dev/shm go test -run - -bench CouncilBuild -benchtime 3x ./internal/build
//
// In-process, with Go's default collector settings: compare the two with
// each other, not with perfsite bench.
func BenchmarkCouncilBuild(b *testing.B) {
	b.Setenv(cache.Env, "off") // draw every share image, as a new quarter's first build does
	src := filepath.Join(b.TempDir(), "site")
	if err := gen.Write(src, gen.Config{Measures: 300, Quarters: 20, Seed: 1}.WithDefaults()); err != nil {
		b.Fatal(err)
	}
	linkECharts(b, src)
	build := func(b *testing.B) {
		for b.Loop() {
			if _, err := Build(Options{Source: src, Dest: filepath.Join(b.TempDir(), "public")}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("default", build)
	footer := filepath.Join(src, "layouts", "_partials", "footer.html")
	if err := writeFileAll(footer, []byte("<footer class=\"site-footer\"><div class=\"wrap\"><p>{{ .Site.Organisation }}</p></div></footer>\n")); err != nil {
		b.Fatal(err)
	}
	b.Run("own-footer", build)
}

// linkECharts links the repository's node_modules into the site at dir,
// so that its pages have the interactive charts, and says whether it did:
// without ECharts (no npm ci) a test goes on without them on a
// developer's machine (it tests less), but fails in CI (CI set, as .ci/run
// sets it after npm ci), lest it pass there without the charts.
func linkECharts(t testing.TB, dir string) bool {
	t.Helper()
	nm, err := filepath.Abs(filepath.Join("..", "..", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(nm, "echarts", "package.json")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("this test needs node_modules/echarts, for the interactive charts; .ci/run installs it (npm ci)")
		}
		t.Log("node_modules/echarts is missing (run npm ci): going on without the interactive charts")
		return false
	}
	if err := os.Symlink(nm, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	return true
}
