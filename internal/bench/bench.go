// Package bench measures how fast perfsite builds sites of every size and
// design, and how soon its preview shows a saved change (issue 17,
// BENCHMARKS.md). `perfsite bench` runs it.
//
// Every measurement runs in a fresh child process (the perfsite binary
// itself, started with Options.Self), so that peak memory (ru_maxrss) is
// one build's and builds do not warm each other up. For each size the
// parent generates a synthetic site (internal/gen), dressed as the size
// says (a brand, a footer of its own), then builds it Options.Runs times.
// The preview is measured in a real browser (Chromium), which has the page
// of the edited measure open while the figure is saved again and again.
// Everything (the site, the work folders through TMPDIR, the output, the
// cache) lives under Options.Dir, on tmpfs by default.
package bench

import (
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

// Size is a site to measure: its measures and quarters, and how it is
// dressed.
type Size struct {
	Name     string
	Measures int
	Quarters int
	// Brand gives the site a [brand] (colours, logo, header band, links);
	// Footer a footer layout of its own, as a council that copied it to
	// change it would have.
	Brand, Footer bool
}

// Sizes are the sites BENCHMARKS.md measures: a council, as it comes and
// as councils dress it, a county-wide body and a national comparison of
// every council.
var Sizes = []Size{
	{Name: "council", Measures: 300, Quarters: 20},
	{Name: "council+brand", Measures: 300, Quarters: 20, Brand: true},
	{Name: "council+footer", Measures: 300, Quarters: 20, Footer: true},
	{Name: "council+brand+footer", Measures: 300, Quarters: 20, Brand: true, Footer: true},
	{Name: "county", Measures: 2000, Quarters: 20},
	{Name: "national", Measures: 10000, Quarters: 12},
}

// ParseSize reads a size: a name from Sizes, or MEASURESxQUARTERS
// ("150x10"), either with +brand and +footer.
func ParseSize(s string) (Size, error) {
	for _, z := range Sizes {
		if z.Name == s {
			return z, nil
		}
	}
	parts := strings.Split(s, "+")
	m, q, ok := strings.Cut(parts[0], "x")
	nm, err1 := strconv.Atoi(m)
	nq, err2 := strconv.Atoi(q)
	if !ok || err1 != nil || err2 != nil || nm < 1 || nq < 1 {
		return Size{}, fmt.Errorf("unknown size %q: use %s, or MEASURESxQUARTERS such as 150x10 (+brand, +footer)", s, sizeNames())
	}
	z := Size{Name: s, Measures: nm, Quarters: nq}
	for _, dress := range parts[1:] {
		switch dress {
		case "brand":
			z.Brand = true
		case "footer":
			z.Footer = true
		default:
			return Size{}, fmt.Errorf("unknown size %q: +%s is neither +brand nor +footer", s, dress)
		}
	}
	return z, nil
}

func sizeNames() string {
	var names []string
	for _, z := range Sizes {
		names = append(names, z.Name)
	}
	return strings.Join(names, ", ")
}

// Targets are the figures issue 17 asks for, on the project's 2-core
// machine with the output on tmpfs.
var Targets = struct {
	// CouncilWall is a full build of the council site with a brand and a
	// footer of its own (council+brand+footer).
	CouncilWall time.Duration
	// OwnLayout is how much longer a council site with a layout of its
	// own may take than without (council+footer against council).
	OwnLayout    float64
	NationalWall time.Duration
	NationalRSS  int64 // bytes: 3 GB, decimal (2.79 GiB), the stricter reading
	// PreviewEdit is from saving one figure to the open page showing it
	// (the median of the edits, none stale); PreviewWholeFile the same
	// when every figure of the file changed at once.
	PreviewEdit, PreviewWholeFile time.Duration
	Linear                        float64 // largest / smallest CPU time per page, across sizes
}{
	CouncilWall:      1500 * time.Millisecond,
	OwnLayout:        1.3,
	NationalWall:     30 * time.Second,
	NationalRSS:      3e9,
	PreviewEdit:      300 * time.Millisecond,
	PreviewWholeFile: 2 * time.Second,
	Linear:           1.5,
}

// Options say what to measure.
type Options struct {
	Sizes []Size
	Runs  int    // builds of each size; the report shows the median
	Dir   string // where everything is written; removed at the end unless Keep
	Keep  bool
	// Edits is how many times the preview's figure is saved (on the
	// first size); 0 does not measure the preview.
	Edits int
	// Self starts this program as a child that runs one job: the job's
	// JSON is appended as the last argument (see Child).
	Self []string
	Log  io.Writer // progress; the children's output goes here too
	// CPUProfile, when set, writes a CPU profile of each build as
	// CPUProfile-SIZE-RUN.
	CPUProfile string
	// Extra are extra environment variables for the children
	// ("GOGC=200").
	Extra []string

	cache string // the children's cache folder (PERFSITE_CACHE), set by Run
}

// Stages are the stage timings of a build, in seconds.
type Stages struct {
	Load, Check, Derive, Assets, Write, Publish float64
}

// StagesOf converts a build's timings.
func StagesOf(t build.Timings) Stages {
	return Stages{t.Load.Seconds(), t.Check.Seconds(), t.Derive.Seconds(), t.Assets.Seconds(), t.Write.Seconds(), t.Publish.Seconds()}
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

// Preview is the preview measured in a browser.
type Preview struct {
	// Edits are the seconds from saving one figure to the open page
	// showing it, one per edit; Stale counts the edits after which the
	// page reloaded and still showed the figure before.
	Edits []float64 `json:"edits"`
	Stale int       `json:"stale"`
	// WholeFile is the same when every figure of the file changed.
	WholeFile float64 `json:"whole_file"`
}

// SizeResult is what was measured for one size.
type SizeResult struct {
	Size    Size      `json:"size"`
	Site    []Figures `json:"site"`
	Preview *Preview  `json:"preview,omitempty"`
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
	opts.Runs = max(opts.Runs, 1)
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
		if err := writeSite(site, size); err != nil {
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
			// A comms officer's machine keeps the stylesheet and scripts
			// (built by Hugo, with ECharts) from one quarter to the next:
			// they change only with ECharts or the site's own assets. So
			// one build makes them first, untimed; the sites of every size
			// share them, as they share node_modules. The share images,
			// which a new quarter's figures change, are drawn afresh by
			// every build (child).
			f, err := opts.child(dir, Job{Kind: "site", Source: site, Dest: filepath.Join(dir, "public")})
			if err != nil {
				return nil, fmt.Errorf("%s: first build: %w", size.Name, err)
			}
			rep.FirstOnMachine = f.Figures
			fmt.Fprintf(opts.Log, "bench: %s: first build on this machine (it keeps the stylesheet and scripts): %.2f s (cpu %.2f s); not counted\n", size.Name, f.Wall, f.CPU)
		}
		for run := 1; run <= opts.Runs; run++ {
			job := Job{Kind: "site", Source: site, Dest: filepath.Join(dir, "public")}
			if opts.CPUProfile != "" {
				job.CPUProfile = fmt.Sprintf("%s-%s-%d", opts.CPUProfile, size.Name, run)
			}
			f, err := opts.child(dir, job)
			if err != nil {
				return nil, fmt.Errorf("%s: build: %w", size.Name, err)
			}
			res.Site = append(res.Site, f.Figures)
			fmt.Fprintf(opts.Log, "bench: %s: %d pages in %.2f s (cpu %.2f s, peak %s)\n", size.Name, f.Pages, f.Wall, f.CPU, mb(f.MaxRSS))
		}
		if opts.Edits > 0 && i == 0 {
			f, err := opts.child(dir, Job{Kind: "serve", Source: site, Edits: opts.Edits})
			if err != nil {
				return nil, fmt.Errorf("%s: preview: %w", size.Name, err)
			}
			res.Preview = f.Preview
		}
		os.RemoveAll(dir) // a national site is gigabytes
		rep.Sizes = append(rep.Sizes, res)
	}
	rep.Misses = rep.check()
	return rep, nil
}

// writeSite writes the synthetic site of size into dir.
func writeSite(dir string, size Size) error {
	if err := gen.Write(dir, gen.Config{Measures: size.Measures, Quarters: size.Quarters, Seed: 1}.WithDefaults()); err != nil {
		return err
	}
	if size.Brand {
		if err := appendFile(filepath.Join(dir, "data", "site.toml"), brandSettings); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "static", "logo.svg"), brandLogo); err != nil {
			return err
		}
	}
	if size.Footer {
		if err := writeFile(filepath.Join(dir, "layouts", "_partials", "footer.html"), ownFooter); err != nil {
			return err
		}
	}
	return nil
}

// brandSettings, brandLogo and ownFooter dress a synthetic site as a
// council would: its colours, logo and links, and a footer of its own.
const (
	brandSettings = `
[brand]
logo = "logo.svg"
logo_alt = "Example Council"
colour = "#00594f"
colour_dark = "#6fd1c1"
header_background = "#00594f"
contact = "performance@example.gov.uk"

[[brand.header_link]]
name = "Council website"
url = "https://www.example.gov.uk/"

[[brand.footer_link]]
name = "Privacy"
url = "https://www.example.gov.uk/privacy"
`
	brandLogo = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" rx="6" fill="#fff"/></svg>
`
	ownFooter = `{{- /* The council's own footer. */ -}}
<footer class="site-footer">
  <div class="wrap">
    <p>Published by {{ .Site.Organisation }}, Council House, Example Street.</p>
    <ul class="footer-links">
      {{- range .Site.FooterLinks }}
      <li><a href="{{ relURL .URL }}">{{ .Name }}</a></li>
      {{- end }}
      <li><a href="https://www.example.gov.uk/accessibility">Accessibility</a></li>
    </ul>
  </div>
</footer>
`
)

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// childResult is what a child reports.
type childResult struct {
	Figures
	Preview *Preview `json:"preview,omitempty"`
	Error   string   `json:"error,omitempty"`
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
	// The work folders go to TMPDIR, under dir, and the caches to
	// opts.cache, under the run's folder, whatever PERFSITE_CACHE says
	// outside. The share images' cache is emptied before every child, so
	// that every build draws them all, as the first build of a new quarter
	// does; the stylesheet and scripts are kept (Run).
	if err := os.RemoveAll(filepath.Join(opts.cache, "share-images")); err != nil {
		return childResult{}, err
	}
	// A first build writes into an empty folder, and every build starts
	// with the same memory free: the output of the build before (a
	// national site's is gigabytes, on tmpfs) is removed, untimed.
	if err := os.RemoveAll(job.Dest); job.Dest != "" && err != nil {
		return childResult{}, err
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
	Wall, CPU, RSS, Output     float64
	Stages                     Stages
	CPUPerPage, PagesPerSecond float64
}

// Summarise takes the medians of a size's runs.
func (r SizeResult) Summarise() Summary {
	var s Summary
	s.Wall = pick(r.Site, func(f Figures) float64 { return f.Wall })
	s.CPU = pick(r.Site, func(f Figures) float64 { return f.CPU })
	s.RSS = pick(r.Site, func(f Figures) float64 { return float64(f.MaxRSS) })
	s.Output = pick(r.Site, func(f Figures) float64 { return float64(f.Output) })
	if len(r.Site) > 0 {
		s.Pages = r.Site[0].Pages
	}
	s.Stages = Stages{
		Load:    pick(r.Site, func(f Figures) float64 { return f.Stages.Load }),
		Check:   pick(r.Site, func(f Figures) float64 { return f.Stages.Check }),
		Derive:  pick(r.Site, func(f Figures) float64 { return f.Stages.Derive }),
		Assets:  pick(r.Site, func(f Figures) float64 { return f.Stages.Assets }),
		Write:   pick(r.Site, func(f Figures) float64 { return f.Stages.Write }),
		Publish: pick(r.Site, func(f Figures) float64 { return f.Stages.Publish }),
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
	wall := map[string]float64{}
	for _, r := range rep.Sizes {
		s := r.Summarise()
		wall[r.Size.Name] = s.Wall
		switch r.Size.Name {
		case "council+brand+footer":
			if s.Wall > Targets.CouncilWall.Seconds() {
				miss("council with a brand and its own footer: full build %.2f s (target: %s or less)", s.Wall, Targets.CouncilWall)
			}
		case "national":
			if s.Wall > Targets.NationalWall.Seconds() {
				miss("national: full build %.1f s (target: %s or less)", s.Wall, Targets.NationalWall)
			}
			if s.RSS > float64(Targets.NationalRSS) {
				miss("national: peak memory %s (target: 3 GB or less, %s)", mb(int64(s.RSS)), mb(Targets.NationalRSS))
			}
		}
		if p := r.Preview; p != nil {
			if m := median(p.Edits); m > Targets.PreviewEdit.Seconds() {
				miss("%s: the preview showed an edited figure after %.0f ms, the median of %d edits (target: %s or less)", r.Size.Name, m*1000, len(p.Edits), Targets.PreviewEdit)
			}
			if p.Stale > 0 {
				miss("%s: the preview showed the figure from before after %d of %d edits (target: none)", r.Size.Name, p.Stale, len(p.Edits))
			}
			if p.WholeFile > Targets.PreviewWholeFile.Seconds() {
				miss("%s: the preview showed a whole new quarter's file after %.2f s (target: %s or less)", r.Size.Name, p.WholeFile, Targets.PreviewWholeFile)
			}
		}
		if s.CPUPerPage > 0 && !r.Size.Brand && !r.Size.Footer {
			if lo == 0 || s.CPUPerPage < lo {
				lo = s.CPUPerPage
			}
			hi = max(hi, s.CPUPerPage)
		}
	}
	if plain, own := wall["council"], wall["council+footer"]; plain > 0 && own > Targets.OwnLayout*plain {
		miss("council with its own footer: %.2f s, %.2f times the %.2f s without (target: %.1f times or less)", own, own/plain, plain, Targets.OwnLayout)
	}
	if lo > 0 && hi/lo >= Targets.Linear {
		miss("cost per page varies %.2f times across sizes (target: under %.1f: linear in measures x quarters)", hi/lo, Targets.Linear)
	}
	return misses
}

// Write prints the report as Markdown, as in BENCHMARKS.md.
func (rep *Report) Write(w io.Writer) {
	m := rep.Machine
	fmt.Fprintf(w, "Machine: %s; %d cores; %s memory; %s; output on %s.\n\n", m.CPU, m.Cores, m.Memory, m.Go, m.FS)
	fmt.Fprintln(w, "| site | pages | wall | CPU | peak memory | pages/s | CPU per page | built site |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, r := range rep.Sizes {
		s := r.Summarise()
		fmt.Fprintf(w, "| %s (%d x %d) | %d | %.2f s (%s) | %.2f s | %s | %.0f | %.2f ms | %s |\n",
			r.Size.Name, r.Size.Measures, r.Size.Quarters, s.Pages, s.Wall, seconds(r.walls()), s.CPU, mb(int64(s.RSS)), s.PagesPerSecond, s.CPUPerPage*1000, mb(int64(s.Output)))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| site | load | check | derive | assets | write | publish |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, r := range rep.Sizes {
		st := r.Summarise().Stages
		fmt.Fprintf(w, "| %s | %.3f s | %.3f s | %.3f s | %.3f s | %.2f s | %.3f s |\n", r.Size.Name, st.Load, st.Check, st.Derive, st.Assets, st.Write, st.Publish)
	}
	for _, r := range rep.Sizes {
		if p := r.Preview; p != nil {
			fmt.Fprintf(w, "\nPreview (%s), in Chromium with the edited measure's page open: from saving one figure to the page showing it, median %.0f ms over %d edits (%s s), %d stale; %.2f s when every figure of the file changed at once.\n",
				r.Size.Name, median(p.Edits)*1000, len(p.Edits), seconds(p.Edits), p.Stale, p.WholeFile)
		}
	}
	fmt.Fprintf(w, "\nEach figure is the median of %d run(s); every build ran in a fresh process, into an empty folder, and drew every share image.\n", max(1, len(rep.firstSite())))
	if !rep.InteractiveCharts {
		fmt.Fprintf(w, "Built %s\n", withoutCharts)
	} else if f := rep.FirstOnMachine; f.Wall > 0 && len(rep.Sizes) > 0 {
		fmt.Fprintf(w, "The stylesheet and scripts, which a machine keeps from one build to the next until they or ECharts change, were made by an untimed build of the %s site before them: %.2f s (CPU %.2f s).\n", rep.Sizes[0].Size.Name, f.Wall, f.CPU)
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

func (r SizeResult) walls() []float64 {
	var out []float64
	for _, f := range r.Site {
		out = append(out, f.Wall)
	}
	return out
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
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%.2f", x)
	}
	return b.String()
}
