package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/perfsite/perfsite/internal/bench"
)

// runBench is the hidden "bench" command: BENCHMARKS.md says how to run it.
// With --child it runs one measurement for a parent bench process.
func runBench(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("bench", "Measures full builds of synthetic sites of every size and design, and how soon\nthe preview shows a saved figure in a browser. Exits 1 when a target of issue 17\nis missed. BENCHMARKS.md has the figures.", stderr)
	sizes := fs.String("sizes", "council,council+brand,council+footer,council+brand+footer,county,national", "the sites to measure: council, council+brand, council+footer, council+brand+footer,\ncounty, national or MEASURESxQUARTERS (+brand, +footer), comma-separated")
	runs := fs.Int("runs", 1, "builds of each kind per size; the report shows the median")
	dir := fs.String("dir", defaultBenchDir(), "where to write the sites and builds (tmpfs is best)")
	edits := fs.Int("edits", 20, "save a figure this many times in the preview of the first size, in Chromium (0: do not measure the preview)")
	keep := fs.Bool("keep", false, "keep the sites and builds")
	jsonOut := fs.String("json", "", "also write the figures as JSON to this file")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of each build to FILE-SIZE-RUN")
	env := fs.String("env", "", "extra environment variables for the builds, comma-separated (GOGC=200)")
	child := fs.String("child", "", "internal: run one measurement (a JSON job)")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *child != "" {
		if err := bench.Child(*child); err != nil {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
			return 1
		}
		return 0
	}
	opts := bench.Options{Runs: *runs, Dir: *dir, Keep: *keep, Edits: *edits, Log: stderr}
	if *env != "" {
		opts.Extra = strings.Split(*env, ",")
	}
	for _, s := range strings.Split(*sizes, ",") {
		size, err := bench.ParseSize(strings.TrimSpace(s))
		if err != nil {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
			return 2
		}
		opts.Sizes = append(opts.Sizes, size)
	}
	if *cpuprofile != "" {
		abs, err := filepath.Abs(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
			return 2
		}
		opts.CPUProfile = abs
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "perfsite: %v\n", err)
		return 1
	}
	opts.Self = []string{self, "bench", "--child"}
	rep, err := bench.Run(opts)
	if err != nil {
		fmt.Fprintf(stderr, "perfsite: bench: %v\n", err)
		return 1
	}
	rep.Write(stdout)
	if *jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(*jsonOut, append(b, '\n'), 0o644); err != nil {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
			return 1
		}
	}
	if len(rep.Misses) > 0 {
		return 1
	}
	return 0
}

// defaultBenchDir is on tmpfs where there is one.
func defaultBenchDir() string {
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		return "/dev/shm/perfsite-bench"
	}
	return filepath.Join(os.TempDir(), "perfsite-bench")
}
