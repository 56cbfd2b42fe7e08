// Package build runs the pipeline: load, check, derive, then the site's
// files (pages, downloads, share images, assets, the site's own static
// files), written into a new folder that then replaces the old site
// (publish). The preview (serve.go) serves the same files, written when a
// browser asks for them. cmd/perfsite only parses flags and calls it.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/perfsite/perfsite"
	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/pages"
	"github.com/perfsite/perfsite/internal/parallel"
	"github.com/perfsite/perfsite/internal/publish"
	"github.com/perfsite/perfsite/internal/report"
	"github.com/perfsite/perfsite/internal/sitefs"
)

// Options are the settings of a build.
type Options struct {
	Source  string    // the site folder
	Dest    string    // where the built site goes; default Source/public
	BaseURL string    // overrides base_url in data/site.toml
	Log     io.Writer // progress and warnings; nil for none
	// Progress shows the stages of a long build; nil shows none.
	Progress *report.Progress
	// Color colours the problems the preview server prints to Log.
	Color bool
	// WhatsNewFile is where a build writes the "What's new" summary of the
	// latest quarter (perfsite build --whats-new FILE); the site folder is
	// never written to except public/, so it belongs outside it;
	// empty writes none. Result.WhatsNew has the text either way.
	WhatsNewFile string
}

// ErrProblems is returned (wrapped) when the input has errors: the problems
// themselves are in the Result.
var ErrProblems = errors.New("the site has errors")

// Result reports what a build did.
type Result struct {
	Problems model.Problems // sorted; warnings too
	// Notes say how perfsite read each workbook (load.ReadNotes): not
	// problems, but what a person should know it assumed.
	Notes   []string
	Site    *derive.Site
	Pages   int // HTML pages written
	Files   int // every file written
	Dest    string
	Timings Timings
	// WhatsNew is the "What's new" summary of the latest quarter, and
	// WhatsNewFile where it was written ("" if it could not be).
	WhatsNew, WhatsNewFile string
}

// Timings is how long each stage took. Assets is the stylesheet and
// scripts (Hugo), Write every file of the site.
type Timings struct {
	Load, Check, Derive, Assets, Write, Publish time.Duration
}

// Check loads and checks the site, returning every problem found: in the
// data, and in the site's own layouts.
func Check(opts Options) (*Result, *model.Input, error) {
	res := &Result{}
	start := time.Now()
	in, probs, err := load.Load(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	res.Timings.Load = time.Since(start)
	res.Notes = append(load.ReadNotes(in), check.Notes(in)...)
	if opts.BaseURL != "" {
		in.Site.BaseURL = opts.BaseURL
	}
	start = time.Now()
	// Checks of meaning only make sense on input that loaded; they still
	// run alongside load problems so that one run reports everything.
	probs = append(probs, check.Check(in)...)
	_, layoutProbs := parseLayouts(opts.Source, "", nil)
	probs = append(probs, layoutProbs...)
	load.Annotate(in, probs) // the lines check's problems point at, for the report
	// After the check, so that a problem quotes base_url as it was written.
	if in.Site.BaseURL != "" && !strings.HasSuffix(in.Site.BaseURL, "/") {
		in.Site.BaseURL += "/"
	}
	probs.Sort()
	res.Problems = probs
	res.Timings.Check = time.Since(start)
	if probs.HasErrors() {
		return res, in, fmt.Errorf("%w: %d errors", ErrProblems, countErrors(probs))
	}
	return res, in, nil
}

// problem adds the problems in err (a layout that failed) to the result's,
// as ErrProblems.
func (res *Result) problem(err error) error {
	var probs model.Problems
	if !errors.As(err, &probs) {
		return err
	}
	res.Problems = append(res.Problems, probs...)
	res.Problems.Sort()
	return fmt.Errorf("%w: %d errors", ErrProblems, countErrors(probs))
}

func countErrors(ps model.Problems) int {
	n, _ := ps.Count()
	return n
}

// parseLayouts parses perfsite's layouts with the site's own in source's
// layouts/ folder, with the template functions of a site at base with
// assets.
func parseLayouts(source, base string, assets map[string]pages.Asset) (*pages.Layouts, model.Problems) {
	defaults, err := fs.Sub(perfsite.DefaultLayouts, "layouts")
	if err != nil {
		panic(err) // the embedded folder is there: a fault in the binary
	}
	// The site's own layouts are read through sitefs: a link out of the
	// site folder is refused (load reports it).
	var own fs.FS
	if site, err := sitefs.Open(source); err == nil && isDir(filepath.Join(source, pages.LayoutsDir)) {
		own, _ = fs.Sub(site, pages.LayoutsDir)
	}
	return pages.ParseLayouts(defaults, own, pages.Funcs(base, assets))
}

// Build builds the site into opts.Dest, replacing it only if every stage
// succeeds.
func Build(opts Options) (*Result, error) {
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	dest, err := filepath.Abs(opts.Dest)
	if err != nil {
		return nil, err
	}
	opts.Dest = dest
	// perfsite replaces only a folder it built, and builds into one
	// folder take turns (internal/publish).
	claim, err := publish.ClaimDest(opts.Source, opts.Dest, opts.WhatsNewFile, publish.LockWait)
	if err != nil {
		return nil, err
	}
	defer claim.Release()
	opts.Progress.Step("reading and checking the data")
	res, in, err := Check(opts)
	if err != nil {
		return res, err
	}
	res.Dest = opts.Dest

	start := time.Now()
	site := derive.Derive(in)
	res.Site = site
	res.Timings.Derive = time.Since(start)

	sweepTemp()
	work, err := tempDir("work")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(work)

	start = time.Now()
	opts.Progress.Step("building the stylesheet and scripts")
	env, err := newEnv(opts.Source, work, site.Brand)
	if err != nil {
		return res, err
	}
	if !env.interactive {
		logf(opts, "%s\n", ChartsOff)
	}
	res.Timings.Assets = time.Since(start)

	start = time.Now()
	opts.Progress.Step("writing the pages for %d measures", len(site.Measures))
	files, err := env.files(site)
	if err != nil {
		return res, res.problem(err)
	}
	staging, err := publish.Staging(opts.Dest)
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(staging) // gone after a successful swap; cleans up after a failure
	if res.Pages, res.Files, err = writeAll(files, staging); err != nil {
		return res, res.problem(err)
	}
	res.Timings.Write = time.Since(start)

	start = time.Now()
	opts.Progress.Step("publishing the site")
	if err := publish.Replace(staging, opts.Dest); err != nil {
		return res, err
	}
	res.Timings.Publish = time.Since(start)
	writeWhatsNew(opts, res)
	return res, nil
}

// writeAll writes every file of the site into dir, the measures' on every
// core, and counts the pages and the files.
func writeAll(files siteFiles, dir string) (pagesWritten, filesWritten int, err error) {
	var pageCount, fileCount atomic.Int64
	made := newFolders(dir)
	write := func(fs []output.File) error {
		for _, f := range fs {
			if err := writeFile(made, dir, f); err != nil {
				return err
			}
			fileCount.Add(1)
			if strings.HasSuffix(f.Path, ".html") {
				pageCount.Add(1)
			}
		}
		return nil
	}
	// The site's own static files first, so that a page perfsite writes
	// at the same address (files.own) is not written over them.
	if err := write(files.static); err != nil {
		return 0, 0, err
	}
	// Then on every core: each file of the site's own pages (the reports
	// and quarter pages are the longest to make) as a task of its own, and
	// first, so that no core is left with a long one at the end; then
	// each measure's files.
	site := files.own.skip(files.site)
	err = parallel.Each(len(site)+len(files.groups), func(i int) error {
		if i < len(site) {
			return write(site[i : i+1])
		}
		return write(files.own.skip(files.groups[i-len(site)]()))
	})
	return int(pageCount.Load()), int(fileCount.Load()), err
}

// writeFile writes f under dir. A layout that fails is the site's
// problem, located in its file.
func writeFile(made *folders, dir string, f output.File) error {
	path := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := made.make(filepath.Dir(path)); err != nil {
		return err
	}
	// Templates write in many small pieces: the file is written in one.
	buf := buffers.Get().(*bytes.Buffer)
	defer buffers.Put(buf)
	buf.Reset()
	if err := f.Write(buf); err != nil {
		if p, ok := pages.AsProblem(err); ok {
			return model.Problems{p}
		}
		return fmt.Errorf("writing %s: %w", f.Path, err)
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// buffers hold the files being written, one per worker at a time.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func logf(opts Options, format string, args ...any) {
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, format, args...)
	}
}
