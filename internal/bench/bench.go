// Package bench measures how fast perfsite builds sites of every size,
// against Hugo on its own building the same number of pages (issue 7,
// BENCHMARKS.md). `perfsite bench` runs it.
//
// Every measurement runs in a fresh child process (the perfsite binary
// itself, started with Options.Self), so that peak memory (ru_maxrss) is
// one build's and builds do not warm each other up. For each size the
// parent generates a synthetic site (internal/gen), then alternates: a
// perfsite build of it, and a bare Hugo build of the same number of pages
// with trivial content and templates (hugo.WriteBare) through the same
// entry point, and another whose pages are as large as perfsite's (the
// bytes perfsite's build wrote, over its pages), to tell perfsite's own
// work from writing larger pages. Everything (the site, Hugo's work folders through TMPDIR,
// the output, the cache) lives under Options.Dir, on tmpfs by default.
package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/build"
	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/gen"
)

// Size is a site to measure: its measures and quarters.
type Size struct {
	Name     string
	Measures int
	Quarters int
}

// Sizes are the sizes of issue 7: a council, a county-wide body and a
// national comparison of every council.
var Sizes = []Size{
	{"council", 300, 20},
	{"county", 2000, 20},
	{"national", 10000, 12},
}

// ParseSize reads a size: a name from Sizes, or MEASURESxQUARTERS
// ("150x10").
func ParseSize(s string) (Size, error) {
	for _, z := range Sizes {
		if z.Name == s {
			return z, nil
		}
	}
	m, q, ok := strings.Cut(s, "x")
	nm, err1 := strconv.Atoi(m)
	nq, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || nm < 1 || nq < 1 {
		return Size{}, fmt.Errorf("unknown size %q: use %s, or MEASURESxQUARTERS such as 150x10", s, sizeNames())
	}
	return Size{Name: s, Measures: nm, Quarters: nq}, nil
}

func sizeNames() string {
	var names []string
	for _, z := range Sizes {
		names = append(names, z.Name)
	}
	return strings.Join(names, ", ")
}

// Targets are the figures issue 7 asks for, on the project's 2-core
// machine with the output on tmpfs.
var Targets = struct {
	CouncilWall  time.Duration // full build of the council site
	ServeRebuild time.Duration // from saving a CSV to the reload message
	NationalWall time.Duration
	NationalRSS  int64   // bytes: 6 GB, decimal (5.59 GiB), the stricter reading
	Ratio        float64 // perfsite wall time / bare Hugo wall time, every size
	Linear       float64 // largest / smallest CPU time per page, across sizes
	RatioPlanned float64 // the next goal, see BENCHMARKS.md
}{
	CouncilWall:  3 * time.Second,
	ServeRebuild: time.Second,
	NationalWall: 2 * time.Minute,
	NationalRSS:  6e9,
	Ratio:        2.0,
	Linear:       1.5,
	RatioPlanned: 1.3,
}

// Options say what to measure.
type Options struct {
	Sizes []Size
	Runs  int    // measurements of each kind per size; the report shows the median
	Dir   string // where everything is written; removed at the end unless Keep
	Keep  bool
	Serve bool // measure the preview's rebuild after a CSV edit (on the first size)
	// Self starts this program as a child that runs one job: the job's
	// JSON is appended as the last argument (see Child).
	Self []string
	Log  io.Writer // progress; the children's output goes here too
	// CPUProfile, when set, writes a CPU profile of each perfsite build
	// (not of the bare builds) as CPUProfile-SIZE-RUN, and of the
	// preview's edits as CPUProfile-SIZE-preview.
	CPUProfile string
	// Extra are extra environment variables for the children
	// ("GOGC=200").
	Extra []string

	cache string // the children's cache folder (PERFSITE_CACHE), set by Run
}

// Stages are the stage timings of a build, in seconds.
type Stages struct {
	Load, Check, Derive, Render, Hugo, Publish float64
}

// Figures are one measured build.
type Figures struct {
	Pages  int     `json:"pages"`
	Wall   float64 `json:"wall"`   // seconds, the build alone
	CPU    float64 `json:"cpu"`    // seconds of user+system time, the build alone
	MaxRSS int64   `json:"maxrss"` // bytes, peak resident set of the child process
	Stages Stages  `json:"stages"`
	// Output is the size of the built site, bytes: what the build wrote.
	Output int64 `json:"output"`
}

// SizeResult is what was measured for one size: every run of the perfsite
// build and of the bare Hugo build.
type SizeResult struct {
	Size Size      `json:"size"`
	Site []Figures `json:"site"`
	Bare []Figures `json:"bare"`
	// BareSized are bare builds of pages as large as perfsite's.
	BareSized []Figures `json:"bare_sized"`
	Serve     []float64 `json:"serve,omitempty"` // seconds from a CSV save to Hugo's reload message
	// ServeWholeFile is the same when every figure of the file changed.
	ServeWholeFile float64 `json:"serve_whole_file,omitempty"`
}

// Report is the whole benchmark.
type Report struct {
	Machine Machine      `json:"machine"`
	Sizes   []SizeResult `json:"sizes"`
	// FirstOnMachine is the untimed build of the first size that makes
	// what a machine keeps from one build to the next (see Run).
	FirstOnMachine Figures  `json:"first_on_machine"`
	Misses         []string `json:"misses"` // targets missed
	// InteractiveCharts says that the sites had ECharts (linkNodeModules):
	// without them a build does less, and its figures are not those of
	// BENCHMARKS.md.
	InteractiveCharts bool `json:"interactive_charts"`
}

// Run measures every size and returns the report. It returns an error only
// when a measurement could not be made; missed targets are in
// Report.Misses.
func Run(opts Options) (*Report, error) {
	if opts.Runs < 1 {
		opts.Runs = 1
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.MkdirTemp(opts.Dir, "run-")
	if err != nil {
		return nil, err
	}
	if !opts.Keep {
		defer os.RemoveAll(root)
	}
	rep := &Report{Machine: DescribeMachine(root)}
	opts.cache = filepath.Join(root, "cache")
	for i, size := range opts.Sizes {
		res := SizeResult{Size: size}
		dir := filepath.Join(root, size.Name)
		site := filepath.Join(dir, "site")
		fmt.Fprintf(opts.Log, "bench: %s: generating %d measures x %d quarters\n", size.Name, size.Measures, size.Quarters)
		if err := gen.Write(site, gen.Config{Measures: size.Measures, Quarters: size.Quarters, Seed: 1}.WithDefaults()); err != nil {
			return nil, err
		}
		linked, err := linkNodeModules(site)
		if err != nil {
			return nil, err
		}
		rep.InteractiveCharts = linked
		if !linked {
			fmt.Fprintf(opts.Log, "bench: %s: %s\n", size.Name, withoutCharts)
		}
		if i == 0 {
			// A comms officer's machine keeps the bundle of the charts'
			// script (internal/bundle) from one quarter to the next: it
			// changes only with ECharts. So one build makes it first,
			// untimed; the sites of every size share it, as they share
			// node_modules. The share images, which a new quarter's
			// figures change, are drawn afresh by every build (child).
			f, err := opts.child(dir, Job{Kind: "site", Source: site, Dest: filepath.Join(dir, outputs[0])})
			if err != nil {
				return nil, fmt.Errorf("%s: first perfsite build: %w", size.Name, err)
			}
			rep.FirstOnMachine = f.Figures
			fmt.Fprintf(opts.Log, "bench: %s: first build on this machine (it keeps the chart bundle, if ECharts is installed): %.2f s (cpu %.2f s); not counted\n", size.Name, f.Wall, f.CPU)
		}
		for run := 1; run <= opts.Runs; run++ {
			job := Job{Kind: "site", Source: site, Dest: filepath.Join(dir, outputs[0])}
			if opts.CPUProfile != "" {
				job.CPUProfile = fmt.Sprintf("%s-%s-%d", opts.CPUProfile, size.Name, run)
			}
			f, err := opts.child(dir, job)
			if err != nil {
				return nil, fmt.Errorf("%s: perfsite build: %w", size.Name, err)
			}
			res.Site = append(res.Site, f.Figures)
			fmt.Fprintf(opts.Log, "bench: %s: perfsite %d pages in %.2f s (cpu %.2f s, peak %s)\n", size.Name, f.Pages, f.Wall, f.CPU, mb(f.MaxRSS))
			b, err := opts.child(dir, Job{Kind: "bare", Pages: f.Pages, Dest: filepath.Join(dir, outputs[1])})
			if err != nil {
				return nil, fmt.Errorf("%s: bare Hugo build: %w", size.Name, err)
			}
			res.Bare = append(res.Bare, b.Figures)
			fmt.Fprintf(opts.Log, "bench: %s: bare Hugo %d pages in %.2f s (cpu %.2f s, peak %s)\n", size.Name, b.Pages, b.Wall, b.CPU, mb(b.MaxRSS))
			perPage := int(f.Output / int64(max(f.Pages, 1)))
			b, err = opts.child(dir, Job{Kind: "bare", Pages: f.Pages, PageBytes: perPage, Dest: filepath.Join(dir, outputs[2])})
			if err != nil {
				return nil, fmt.Errorf("%s: bare Hugo build of large pages: %w", size.Name, err)
			}
			res.BareSized = append(res.BareSized, b.Figures)
			fmt.Fprintf(opts.Log, "bench: %s: bare Hugo %d pages of %d bytes in %.2f s (cpu %.2f s, peak %s)\n", size.Name, b.Pages, perPage, b.Wall, b.CPU, mb(b.MaxRSS))
		}
		if opts.Serve && i == 0 {
			job := Job{Kind: "serve", Source: site, Edits: 5}
			if opts.CPUProfile != "" {
				job.CPUProfile = fmt.Sprintf("%s-%s-preview", opts.CPUProfile, size.Name)
			}
			f, err := opts.child(dir, job)
			if err != nil {
				return nil, fmt.Errorf("%s: preview: %w", size.Name, err)
			}
			res.Serve, res.ServeWholeFile = f.Edits, f.WholeFile
			fmt.Fprintf(opts.Log, "bench: %s: preview rebuilds after a CSV edit: %s s; every figure of the file changed: %.2f s\n", size.Name, seconds(f.Edits), f.WholeFile)
		}
		os.RemoveAll(dir) // a national site is gigabytes
		rep.Sizes = append(rep.Sizes, res)
	}
	rep.Misses = rep.check()
	return rep, nil
}

// outputs are the folders that the builds of a size write into, under its
// folder: perfsite's, bare Hugo's, bare Hugo's with large pages.
var outputs = []string{"public", "bare", "bare-large"}

// childResult is what a child reports.
type childResult struct {
	Figures
	Edits     []float64 `json:"edits,omitempty"`
	WholeFile float64   `json:"whole_file,omitempty"`
	Error     string    `json:"error,omitempty"`
}

// child runs one job in a fresh process and reads its result.
func (opts Options) child(dir string, job Job) (childResult, error) {
	tmp := filepath.Join(dir, "tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return childResult{}, err
	}
	job.Out = filepath.Join(dir, "result.json")
	os.Remove(job.Out)
	spec, err := json.Marshal(job)
	if err != nil {
		return childResult{}, err
	}
	cmd := exec.Command(opts.Self[0], append(slices.Clone(opts.Self[1:]), string(spec))...)
	// Hugo's work folders go to TMPDIR, under dir, and the caches to
	// opts.cache, under the run's folder, whatever PERFSITE_CACHE says
	// outside. The share images' cache is emptied before every child, so
	// that every build draws them all, as the first build of a new quarter
	// does; the chart bundle is kept (Run).
	if err := os.RemoveAll(filepath.Join(opts.cache, "share-images")); err != nil {
		return childResult{}, err
	}
	// A first build writes into an empty folder, and every build starts
	// with the same memory free: the outputs of the builds before (a
	// national site's are 3.2–3.4 GiB each, on tmpfs) are removed, untimed.
	// (Over an existing site, perfsite also removes the old one once the
	// new one is in place; Hugo writes over it.)
	for _, o := range outputs {
		if err := os.RemoveAll(filepath.Join(dir, o)); err != nil {
			return childResult{}, err
		}
	}
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp, cache.Env+"="+opts.cache)
	cmd.Env = append(cmd.Env, opts.Extra...)
	cmd.Stdout, cmd.Stderr = opts.Log, opts.Log
	if err := cmd.Run(); err != nil {
		return childResult{}, err
	}
	var res childResult
	b, err := os.ReadFile(job.Out)
	if err != nil {
		return res, err
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return res, err
	}
	if res.Error != "" {
		return res, errors.New(res.Error)
	}
	return res, nil
}

// linkNodeModules makes ECharts visible to the generated site, as `npm
// ci` would, when this process runs in a folder that has it (the
// repository), so that the interactive charts are built as in a real site,
// and says whether it did.
func linkNodeModules(site string) (bool, error) {
	wd, err := os.Getwd()
	if err != nil {
		return false, err
	}
	nm := filepath.Join(wd, "node_modules")
	if _, err := os.Stat(filepath.Join(nm, "echarts", "package.json")); err != nil {
		return false, nil
	}
	return true, os.Symlink(nm, filepath.Join(site, "node_modules"))
}

// withoutCharts says that the benchmark ran without ECharts.
const withoutCharts = "without the interactive charts: no node_modules/echarts in the folder the benchmark runs in (run it from the repository, after npm ci). These builds do less than a real site's, and their figures are not comparable with BENCHMARKS.md's."

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func pick(fs []Figures, get func(Figures) float64) float64 {
	var xs []float64
	for _, f := range fs {
		xs = append(xs, get(f))
	}
	return median(xs)
}

// Summary is the median figures of one size.
type Summary struct {
	Pages                      int
	Wall, CPU, RSS             float64
	BareWall, BareCPU, BareRSS float64
	Output, BareOutput         float64 // bytes of the built sites
	Ratio, CPURatio            float64
	// The bare build of pages as large as perfsite's, and perfsite's
	// ratio to it.
	SizedWall, SizedCPU, SizedRSS, SizedOutput float64
	SizedRatio, SizedCPURatio                  float64
	Stages                                     Stages
	CPUPerPage, PagesPerSecond                 float64
	Serve                                      float64 // median, seconds; 0 when not measured
}

// medians are the median wall time, CPU time, peak memory and built
// bytes of runs.
func medians(runs []Figures) (wall, cpu, rss, output float64) {
	return pick(runs, func(f Figures) float64 { return f.Wall }),
		pick(runs, func(f Figures) float64 { return f.CPU }),
		pick(runs, func(f Figures) float64 { return float64(f.MaxRSS) }),
		pick(runs, func(f Figures) float64 { return float64(f.Output) })
}

// Summarise takes the medians of a size's runs.
func (r SizeResult) Summarise() Summary {
	s := Summary{Serve: median(r.Serve)}
	s.Wall, s.CPU, s.RSS, s.Output = medians(r.Site)
	s.BareWall, s.BareCPU, s.BareRSS, s.BareOutput = medians(r.Bare)
	s.SizedWall, s.SizedCPU, s.SizedRSS, s.SizedOutput = medians(r.BareSized)
	if len(r.Site) > 0 {
		s.Pages = r.Site[0].Pages
	}
	s.Stages = Stages{
		Load:    pick(r.Site, func(f Figures) float64 { return f.Stages.Load }),
		Check:   pick(r.Site, func(f Figures) float64 { return f.Stages.Check }),
		Derive:  pick(r.Site, func(f Figures) float64 { return f.Stages.Derive }),
		Render:  pick(r.Site, func(f Figures) float64 { return f.Stages.Render }),
		Hugo:    pick(r.Site, func(f Figures) float64 { return f.Stages.Hugo }),
		Publish: pick(r.Site, func(f Figures) float64 { return f.Stages.Publish }),
	}
	if s.BareWall > 0 {
		s.Ratio = s.Wall / s.BareWall
	}
	if s.BareCPU > 0 {
		s.CPURatio = s.CPU / s.BareCPU
	}
	if s.SizedWall > 0 {
		s.SizedRatio = s.Wall / s.SizedWall
	}
	if s.SizedCPU > 0 {
		s.SizedCPURatio = s.CPU / s.SizedCPU
	}
	if s.Pages > 0 {
		s.CPUPerPage = s.CPU / float64(s.Pages)
	}
	if s.Wall > 0 {
		s.PagesPerSecond = float64(s.Pages) / s.Wall
	}
	return s
}

// check lists the targets the report misses.
func (rep *Report) check() []string {
	var misses []string
	miss := func(format string, args ...any) { misses = append(misses, fmt.Sprintf(format, args...)) }
	lo, hi := 0.0, 0.0
	for _, r := range rep.Sizes {
		s := r.Summarise()
		if s.Ratio >= Targets.Ratio {
			miss("%s: %.2f times bare Hugo's wall time (target: under %.1f)", r.Size.Name, s.Ratio, Targets.Ratio)
		}
		switch r.Size.Name {
		case "council":
			if s.Wall >= Targets.CouncilWall.Seconds() {
				miss("council: full build %.2f s (target: under %s)", s.Wall, Targets.CouncilWall)
			}
		case "national":
			if s.Wall >= Targets.NationalWall.Seconds() {
				miss("national: full build %.1f s (target: under %s)", s.Wall, Targets.NationalWall)
			}
			if s.RSS >= float64(Targets.NationalRSS) {
				miss("national: peak memory %s (target: under 6 GB, %s)", mb(int64(s.RSS)), mb(Targets.NationalRSS))
			}
		}
		if len(r.Serve) > 0 && s.Serve >= Targets.ServeRebuild.Seconds() {
			miss("%s: preview rebuild %.2f s (target: under %s)", r.Size.Name, s.Serve, Targets.ServeRebuild)
		}
		if s.CPUPerPage > 0 {
			if lo == 0 || s.CPUPerPage < lo {
				lo = s.CPUPerPage
			}
			hi = max(hi, s.CPUPerPage)
		}
	}
	if lo > 0 && hi/lo >= Targets.Linear {
		miss("cost per page varies %.2f times across sizes (target: under %.1f: linear in measures x quarters)", hi/lo, Targets.Linear)
	}
	return misses
}

// Write prints the report as a Markdown table, as in BENCHMARKS.md.
func (rep *Report) Write(w io.Writer) {
	m := rep.Machine
	fmt.Fprintf(w, "Machine: %s; %d cores; %s memory; %s; output on %s.\n\n", m.CPU, m.Cores, m.Memory, m.Go, m.FS)
	fmt.Fprintln(w, "| size | pages | perfsite wall | CPU | peak memory | pages/s | CPU per page | bare Hugo wall | bare CPU | bare peak | ratio (wall) | ratio (CPU) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rep.Sizes {
		s := r.Summarise()
		fmt.Fprintf(w, "| %s (%d x %d) | %d | %.2f s | %.2f s | %s | %.0f | %.2f ms | %.2f s | %.2f s | %s | %.2f | %.2f |\n",
			r.Size.Name, r.Size.Measures, r.Size.Quarters, s.Pages, s.Wall, s.CPU, mb(int64(s.RSS)), s.PagesPerSecond, s.CPUPerPage*1000,
			s.BareWall, s.BareCPU, mb(int64(s.BareRSS)), s.Ratio, s.CPURatio)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Beside a bare Hugo build of as many pages as large as perfsite's (its built site's bytes over its pages, as HTML):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| size | perfsite's built site | bare Hugo's built site | bare, large pages: built site | wall | CPU | peak memory | ratio (wall) | ratio (CPU) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rep.Sizes {
		s := r.Summarise()
		fmt.Fprintf(w, "| %s | %s | %s | %s | %.2f s | %.2f s | %s | %.2f | %.2f |\n", r.Size.Name, mb(int64(s.Output)), mb(int64(s.BareOutput)),
			mb(int64(s.SizedOutput)), s.SizedWall, s.SizedCPU, mb(int64(s.SizedRSS)), s.SizedRatio, s.SizedCPURatio)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| size | load | check | derive | render | hugo | publish |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range rep.Sizes {
		st := r.Summarise().Stages
		fmt.Fprintf(w, "| %s | %.3f s | %.3f s | %.3f s | %.2f s | %.2f s | %.3f s |\n", r.Size.Name, st.Load, st.Check, st.Derive, st.Render, st.Hugo, st.Publish)
	}
	for _, r := range rep.Sizes {
		if len(r.Serve) > 0 {
			fmt.Fprintf(w, "\nPreview (%s): from saving one quarterly CSV to Hugo's live-reload message: median %.2f s over %d edits of one figure (%s s); %.2f s when every figure of the file changed at once.\n",
				r.Size.Name, median(r.Serve), len(r.Serve), seconds(r.Serve), r.ServeWholeFile)
		}
	}
	fmt.Fprintf(w, "\nEach figure is the median of %d run(s); every build ran in a fresh process, into an empty folder, and drew every share image.\n", max(1, len(rep.firstSite())))
	if !rep.InteractiveCharts {
		fmt.Fprintf(w, "Built %s\n", withoutCharts)
	} else if f := rep.FirstOnMachine; f.Wall > 0 && len(rep.Sizes) > 0 {
		fmt.Fprintf(w, "The chart bundle, which a machine keeps from one build to the next until ECharts changes, was made by an untimed build of the %s site before them: %.2f s (CPU %.2f s).\n", rep.Sizes[0].Size.Name, f.Wall, f.CPU)
	}
	if len(rep.Misses) == 0 {
		fmt.Fprintln(w, "\nEvery target is met.")
		return
	}
	fmt.Fprintln(w, "\nTargets missed:")
	for _, m := range rep.Misses {
		fmt.Fprintln(w, "- "+m)
	}
}

func (rep *Report) firstSite() []Figures {
	if len(rep.Sizes) == 0 {
		return nil
	}
	return rep.Sizes[0].Site
}

// mb writes a size in binary units, as the kernel counts ru_maxrss.
func mb(b int64) string {
	if b >= 1<<30 {
		return fmt.Sprintf("%.2f GiB", float64(b)/(1<<30))
	}
	return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
}

func seconds(xs []float64) string {
	var b bytes.Buffer
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%.2f", x)
	}
	return b.String()
}

// StagesOf converts a build's timings.
func StagesOf(t build.Timings) Stages {
	return Stages{t.Load.Seconds(), t.Check.Seconds(), t.Derive.Seconds(), t.Write.Seconds(), t.Assets.Seconds(), t.Publish.Seconds()}
}
