package bench

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

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

// previewEdits measures the preview of job.Source in Chromium, with the
// quality suite's preview.mjs (Playwright, the project's one browser
// driver): it runs this program's serve command on the site, opens the
// page of the measure whose figure it edits, then saves a new figure for
// it job.Edits times, timing each save until the open page shows the new
// figure, and last saves a new figure for every measure of the file at
// once. It runs from the repository, whose node_modules has Playwright.
func previewEdits(job Job) (*Preview, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	script, err := filepath.Abs(filepath.Join(".ci", "quality", "preview.mjs"))
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(script); err != nil {
		return nil, fmt.Errorf("the preview is measured by %s, run from the repository: %w", script, err)
	}
	cmd := exec.Command("node", script, "--perfsite", self, "--site", job.Source, "--edits", strconv.Itoa(job.Edits))
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("node %s: %w", script, err)
	}
	var p Preview
	if err := json.Unmarshal(out, &p); err != nil {
		return nil, fmt.Errorf("reading the preview's timings %q: %w", out, err)
	}
	for i, took := range p.Edits {
		fmt.Fprintf(os.Stderr, "bench: edit %d: shown after %.0f ms\n", i+1, took*1000)
	}
	return &p, nil
}
