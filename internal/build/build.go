// Package build runs the pipeline: load, check, derive, render, Hugo,
// publish. cmd/perfsite only parses flags and calls it.
package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/perfsite/perfsite"
	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/hugo"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/publish"
	"github.com/perfsite/perfsite/internal/render"
	"github.com/perfsite/perfsite/internal/report"
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
	// HugoMeasurePages has Hugo lay out the measure pages, embed pages
	// and quarter pages even where perfsite would stamp them
	// (render/stamp.go): for tests that compare the two.
	HugoMeasurePages bool
}

// ErrProblems is returned (wrapped) when the input has errors: the problems
// themselves are in the Result.
var ErrProblems = errors.New("the site has errors")

// Result reports what a build did.
type Result struct {
	Problems model.Problems // sorted; warnings too
	Site     *derive.Site
	Pages    int
	Dest     string
	Timings  Timings
	// WhatsNew is the "What's new" summary of the latest quarter, and
	// WhatsNewFile where it was written ("" if it could not be).
	WhatsNew, WhatsNewFile string
}

// Timings is how long each stage took. Render includes bundling the
// charts' script (internal/bundle, when not kept) and writing the quarter
// pages after Hugo's build (render/stamp.go); Hugo includes waiting for
// the share images, drawn while Hugo builds.
type Timings struct {
	Load, Check, Derive, Render, Hugo, Publish time.Duration
}

// Check loads and checks the site, returning every problem found.
func Check(opts Options) (*Result, *model.Input, error) {
	res := &Result{}
	start := time.Now()
	in, probs, err := load.Load(opts.Source)
	if err != nil {
		return nil, nil, err
	}
	res.Timings.Load = time.Since(start)
	if opts.BaseURL != "" {
		in.Site.BaseURL = opts.BaseURL
	}
	start = time.Now()
	// Checks of meaning only make sense on input that loaded; they still
	// run alongside load problems so that one run reports everything.
	probs = append(probs, check.Check(in)...)
	probs = append(probs, checkLayouts(opts.Source)...)
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

func countErrors(ps model.Problems) int {
	n, _ := ps.Count()
	return n
}

// Build builds the site into opts.Dest, replacing it only if every stage
// succeeds.
func Build(opts Options) (*Result, error) {
	if opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "public")
	}
	// Hugo resolves relative paths against its working folder, not ours.
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

	work, err := os.MkdirTemp("", "perfsite-work-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(work)

	start = time.Now()
	opts.Progress.Step("writing the pages for %d measures", len(site.Measures))
	// The share images are drawn while Hugo builds (below). The
	// measures' pages, embed pages and quarter pages are stamped from
	// shells Hugo builds, unless the site has layouts of its own, which
	// perfsite cannot vouch for (stamp.go).
	ownLayouts := hasOwnLayouts(opts.Source)
	// The lists of measures are written by perfsite unless the site has
	// its own design of them (measure-list-or-own.html).
	lists := !hasOwnMeasureList(opts.Source)
	// The files that are not pages go straight into the built site, which
	// is made now; the site's own static files win over them, as over the
	// share images.
	staging, err := publish.Staging(opts.Dest)
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(staging) // gone after a successful swap; cleans up after a failure
	ownStatic := map[string]bool{}
	if dir := filepath.Join(opts.Source, "static"); isDir(dir) {
		if ownStatic, err = render.StaticFiles(dir); err != nil {
			return res, err
		}
	}
	pages := render.PageOptions{
		Stamp: !ownLayouts && lists && !opts.HugoMeasurePages, Lists: lists,
		Built: staging, OwnStatic: ownStatic,
	}
	var stamper *render.Stamper
	hs, out, err := prepare(site, opts.Source, work, func(s *derive.Site, dir string) (out *render.Output, err error) {
		out, stamper, err = render.RenderPages(s, dir, pages)
		return out, err
	})
	if err != nil {
		return res, err
	}
	res.Pages = out.Pages
	res.Timings.Render = time.Since(start)
	if !site.InteractiveCharts {
		logf(opts, "%s\n", ChartsOff)
	}

	start = time.Now()
	opts.Progress.Step("building %d pages", out.Pages)
	if ownLayouts {
		if err := probeLayouts(hs, work); err != nil {
			return res, err
		}
	}
	// The share images go straight into the built site too, drawn while
	// Hugo builds: Hugo leaves part of the processors idle, and the images
	// do not depend on it.
	images := make(chan error, 1)
	go func() { images <- render.ShareImages(site, staging, ownStatic) }()
	err = hugo.Build(hs, staging)
	res.Timings.Hugo = time.Since(start)
	if err == nil && stamper != nil {
		// While the share images are still drawn, on a large site. The
		// time is render's (Timings).
		start := time.Now()
		err = stamper.Stamp(staging)
		res.Timings.Render += time.Since(start)
	}
	// The share images are Hugo's: drawn at the same time (Timings).
	start = time.Now()
	if ierr := <-images; err == nil {
		err = ierr
	}
	res.Timings.Hugo += time.Since(start)
	if err != nil {
		return res, err
	}

	start = time.Now()
	opts.Progress.Step("publishing the site")
	if err := publish.Replace(staging, opts.Dest); err != nil {
		return res, err
	}
	res.Timings.Publish = time.Since(start)
	writeWhatsNew(opts, res)
	return res, nil
}

// generatedDir is the folder in the work folder that prepare renders into.
const generatedDir = "generated"

// prepare renders the generated content into work with write (a full
// build's render.RenderPages, the preview's updates) and describes the
// Hugo site that builds it: the site's own layouts and static files
// first, then perfsite's defaults.
func prepare(site *derive.Site, source, work string, write func(*derive.Site, string) (*render.Output, error)) (hugo.Site, *render.Output, error) {
	abs, err := filepath.Abs(source)
	if err != nil {
		return hugo.Site{}, nil, err
	}
	interactive, err := linkNodeModules(abs, work)
	if err != nil {
		return hugo.Site{}, nil, err
	}
	site.InteractiveCharts = interactive
	out, err := write(site, filepath.Join(work, generatedDir))
	if err != nil {
		return hugo.Site{}, nil, err
	}
	defaults := filepath.Join(work, "layouts")
	if err := writeDefaultLayouts(defaults); err != nil {
		return hugo.Site{}, nil, err
	}
	hs := hugo.Site{
		WorkDir:    work,
		ContentDir: out.ContentDir,
		BaseURL:    site.BaseURL,
		Language:   site.Language,
		Title:      site.Title,
		Params:     siteParams(site),
	}
	if isDir(filepath.Join(abs, "layouts")) {
		hs.LayoutDirs = append(hs.LayoutDirs, filepath.Join(abs, "layouts"))
	}
	hs.LayoutDirs = append(hs.LayoutDirs, defaults)
	if isDir(filepath.Join(abs, "static")) {
		hs.StaticDirs = append(hs.StaticDirs, filepath.Join(abs, "static"))
	}
	if isDir(out.StaticDir) { // "" when the downloads went straight into the built site
		hs.StaticDirs = append(hs.StaticDirs, out.StaticDir)
	}
	if hs.AssetDirs, err = assetDirs(abs, work, interactive); err != nil {
		return hugo.Site{}, nil, err
	}
	return hs, out, nil
}

// siteParams are the settings every layout can read as site.Params.
func siteParams(s *derive.Site) map[string]any {
	var services []map[string]string
	for _, sv := range s.Services {
		services = append(services, map[string]string{"name": sv.Name, "url": "services/" + sv.ID + "/"})
	}
	return map[string]any{
		"organisation":   s.Organisation,
		"description":    s.Description,
		"sample":         s.Sample,
		"license":        s.License,
		"license_url":    s.LicenseURL,
		"language":       s.Language,
		"latest":         s.Cal.Label(s.Latest),
		"latest_url":     "quarters/" + s.Cal.Slug(s.Latest) + "/",
		"services":       services,
		"has_glossary":   len(s.Glossary) > 0,
		"has_minutes":    len(s.Minutes) > 0,
		"has_committees": len(s.Committees) > 0,
		// Set by prepare, from whether the chart library is installed.
		"interactive_charts": s.InteractiveCharts,
		"status_icons":       render.StatusIcons(),
		// Where the files that pages read are (render.FragmentsDir), from
		// Hugo's working folder.
		"generated": generatedDir + "/",
	}
}

func writeDefaultLayouts(dir string) error {
	sub, err := fs.Sub(perfsite.DefaultLayouts, "layouts")
	if err != nil {
		return err
	}
	return os.CopyFS(dir, sub)
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
