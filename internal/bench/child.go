package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/perfsite/perfsite/internal/build"
)

// Job is one measurement, run by a child process.
type Job struct {
	Kind       string `json:"kind"` // "site" or "serve"
	Source     string `json:"source,omitempty"`
	Dest       string `json:"dest,omitempty"`
	Edits      int    `json:"edits,omitempty"` // serve: how many figures to save
	Out        string `json:"out"`             // where the child writes its result
	CPUProfile string `json:"cpuprofile,omitempty"`
}

// Child runs the job spec (JSON, from Options.Self) in this process and
// writes the result to the job's Out file.
func Child(spec string) error {
	var job Job
	if err := json.Unmarshal([]byte(spec), &job); err != nil {
		return fmt.Errorf("bench: the job %q: %w", spec, err)
	}
	res, err := runJob(job)
	if err != nil {
		res.Error = err.Error()
	}
	b, jerr := json.Marshal(res)
	if jerr != nil {
		return jerr
	}
	return os.WriteFile(job.Out, b, 0o644)
}

func runJob(job Job) (childResult, error) {
	switch job.Kind {
	case "site":
		return measure(job, func() (int, build.Timings, error) {
			res, err := build.Build(build.Options{Source: job.Source, Dest: job.Dest})
			if err != nil {
				return 0, build.Timings{}, err
			}
			return res.Pages, res.Timings, nil
		})
	case "serve":
		p, err := previewEdits(job)
		return childResult{Preview: p}, err
	}
	return childResult{}, fmt.Errorf("bench: unknown job kind %q", job.Kind)
}

// startCPUProfile writes a CPU profile to path ("" for none) until stop.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// measure times fn: wall time, and user+system CPU time and peak memory
// of this process from getrusage(2).
func measure(job Job, fn func() (int, build.Timings, error)) (childResult, error) {
	stop, err := startCPUProfile(job.CPUProfile)
	if err != nil {
		return childResult{}, err
	}
	defer stop()
	before := rusage()
	start := time.Now()
	pages, t, err := fn()
	wall := time.Since(start)
	after := rusage()
	if err != nil {
		return childResult{}, err
	}
	output, err := treeSize(job.Dest)
	if err != nil {
		return childResult{}, err
	}
	return childResult{Figures: Figures{
		Pages:  pages,
		Wall:   wall.Seconds(),
		CPU:    cpuSeconds(after) - cpuSeconds(before),
		MaxRSS: after.Maxrss * 1024, // kilobytes on Linux
		Stages: StagesOf(t),
		Output: output,
	}}, nil
}

// treeSize is the size of the files under dir, in bytes (after the
// timing: it is not part of the build).
func treeSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err == nil {
			n += fi.Size()
		}
		return err
	})
	return n, err
}

func rusage() syscall.Rusage {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru
}

func cpuSeconds(ru syscall.Rusage) float64 {
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// staleAfter is how long an edit may take to show before the page is
// counted as showing the figure from before.
const staleAfter = 5 * time.Second

// previewEdits runs the preview of job.Source, opens the page of a
// measure in Chromium, then saves a new figure for it job.Edits times and
// times each, from the moment the file is saved to the moment the open
// page, reloaded by the preview, shows the new figure. Last, it saves a
// new figure for every measure of the file at once, as when a new version
// of the quarter's file is saved over the old one.
func previewEdits(job Job) (*Preview, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- build.ServeOn(ctx, build.Options{Source: job.Source, Log: os.Stderr}, ln) }()
	defer func() { stop(); <-done }()
	base := "http://" + ln.Addr().String()
	if err := waitUp(base+"/", done); err != nil {
		return nil, err
	}
	csv, err := latestCSV(job.Source)
	if err != nil {
		return nil, err
	}
	id, err := editedMeasure(csv)
	if err != nil {
		return nil, err
	}
	browser, closeBrowser, err := openBrowser()
	if err != nil {
		return nil, err
	}
	defer closeBrowser()
	// The page whose figure is edited is open, as in the browser of
	// someone checking their edit, and listening for the preview's
	// reload messages.
	page := base + "/measures/" + id + "/"
	if err := chromedp.Do(browser, chromedp.Navigate(page), chromedp.WaitVisible(figureSelector)); err != nil {
		return nil, fmt.Errorf("opening %s: %w", page, err)
	}
	if err := waitListening(browser); err != nil {
		return nil, err
	}
	p := &Preview{}
	for i := 0; i <= job.Edits; i++ {
		every := i == job.Edits
		before, err := shownFigure(browser)
		if err != nil {
			return nil, err
		}
		time.Sleep(300 * time.Millisecond) // a quiet spell between saves, as when a person edits
		saved, err := editFigures(csv, i, every)
		if err != nil {
			return nil, err
		}
		took, ok := waitShown(browser, before, saved)
		switch {
		case every:
			p.WholeFile = took.Seconds()
			fmt.Fprintf(os.Stderr, "bench: every figure of the file changed: shown after %s\n", took.Round(time.Millisecond))
		default:
			p.Edits = append(p.Edits, took.Seconds())
			fmt.Fprintf(os.Stderr, "bench: edit %d: shown after %s\n", i+1, took.Round(time.Millisecond))
		}
		if !ok {
			p.Stale++
			fmt.Fprintf(os.Stderr, "bench: edit %d: the page still showed %q after %s\n", i+1, before, staleAfter)
		}
		if err := waitListening(browser); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// figureSelector is the figure on a measure's page.
const figureSelector = ".big-figure .value"

// openBrowser starts a headless Chromium (Debian's, or PERFSITE_CHROMIUM),
// with a profile of its own and nothing that reaches the network.
func openBrowser() (context.Context, func(), error) {
	path := os.Getenv("PERFSITE_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("the preview is measured in Chromium, which is not at %s (set PERFSITE_CHROMIUM): %w", path, err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.NoFirstRun)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(browser); err != nil {
		cancelBrowser()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return browser, func() { cancelBrowser(); cancelAlloc() }, nil
}

// shownFigure is the figure the open page shows.
func shownFigure(browser context.Context) (string, error) {
	return chromedp.Run(browser, chromedp.Evaluate[string](`(document.querySelector(`+strconv.Quote(figureSelector)+`) || {}).textContent || ""`))
}

// waitListening waits until the open page listens for the preview's
// reload messages (its script marks the page when it has the first).
func waitListening(browser context.Context) error {
	deadline := time.Now().Add(staleAfter)
	for time.Now().Before(deadline) {
		if live, err := chromedp.Run(browser, chromedp.Evaluate[bool](`document.documentElement.dataset.perfsiteLive === "1"`)); err == nil && live {
			return nil
		}
		time.Sleep(5 * time.Millisecond)
	}
	return errors.New("the page does not listen for the preview's reload messages")
}

// waitShown waits until the page shows a figure other than before, and
// returns how long after saved; ok is false if it never did.
func waitShown(browser context.Context, before string, saved time.Time) (took time.Duration, ok bool) {
	for time.Since(saved) < staleAfter {
		// While the page reloads, it has no document to ask: try again.
		if now, err := shownFigure(browser); err == nil && now != "" && now != before {
			return time.Since(saved), true
		}
		time.Sleep(2 * time.Millisecond)
	}
	return time.Since(saved), false
}

func waitUp(url string, done chan error) error {
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			return fmt.Errorf("the preview stopped: %v", err)
		default:
		}
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the preview did not start within 5 minutes")
}

// editedMeasure is the measure whose figure editFigures changes: the first
// row of the file with a plain number as its value.
func editedMeasure(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	for _, line := range strings.SplitAfter(string(b), "\n")[1:] {
		if cells, _, ok := editable(line); ok {
			return cells[0], nil
		}
	}
	return "", fmt.Errorf("%s has no figure to edit", path)
}

// editable says whether the benchmark edits the figure of a line of a
// quarterly CSV (its value a plain number, not 0), and returns its cells,
// without the line's end, and its value.
func editable(line string) (cells []string, v float64, ok bool) {
	cells = strings.Split(strings.TrimRight(line, "\r\n"), ",")
	if len(cells) < 2 {
		return nil, 0, false
	}
	v, err := strconv.ParseFloat(cells[1], 64)
	return cells, v, err == nil && v != 0
}

// latestCSV is the site's last quarterly file by name.
func latestCSV(site string) (string, error) {
	files, err := filepath.Glob(filepath.Join(site, "data", "quarters", "*.csv"))
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("no quarterly CSV files in %s", site)
	}
	sort.Strings(files)
	return files[len(files)-1], nil
}

// editFigures changes the value of the first row with a plain number as
// its value (edit n: by 10% down, or back up on the next edit), or with
// every, the value of every such row (by 10% down), and saves the file,
// returning the moment it was saved.
func editFigures(path string, n int, every bool) (time.Time, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return time.Time{}, err
	}
	lines := strings.SplitAfter(string(b), "\n")
	edited := false
	for i := 1; i < len(lines); i++ {
		cells, v, ok := editable(lines[i])
		if !ok {
			continue
		}
		if every || n%2 == 0 {
			v *= 0.9 // down, so that every figure stays in its range
		} else {
			v /= 0.9
		}
		v = math.Round(v*1000) / 1000
		cells[1] = strconv.FormatFloat(v, 'f', -1, 64)
		lines[i] = strings.Join(cells, ",") + lines[i][len(strings.TrimRight(lines[i], "\r\n")):]
		edited = true
		if !every {
			break
		}
	}
	if !edited {
		return time.Time{}, fmt.Errorf("%s has no figure to edit", path)
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "")), 0o644); err != nil {
		return time.Time{}, err
	}
	return time.Now(), nil
}
