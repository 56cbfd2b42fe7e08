package build

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/hugo"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/render"
	"github.com/perfsite/perfsite/internal/report"
)

// Serve builds the site and runs a local preview on port with live reload.
// Hugo watches the layouts itself; perfsite watches data/ and content/ and,
// on a change, regenerates the content Hugo builds from. While the data has
// errors, every page of the preview shows them instead of a stale page:
// which file, which line, and what to do (see errorpage.go). When the files
// are fixed the preview shows the site again, by itself.
//
// Serve returns when the process is interrupted (or, in tests run with
// HUGO_TESTRUN set, when /__stop is requested).
func Serve(opts Options, port int) error {
	work, err := os.MkdirTemp("", "perfsite-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	// Watch before the first check, so that a file saved while the preview
	// starts is not missed.
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer watcher.Close()
	for _, dir := range []string{"data", "data/quarters", "data/measures", "content", "content/minutes"} {
		if isDir(filepath.Join(opts.Source, dir)) {
			if err := watcher.Add(filepath.Join(opts.Source, dir)); err != nil {
				return err
			}
		}
	}
	pv, err := startPreview(opts, work)
	if err != nil {
		return err
	}
	if err := pv.watchScripts(watcher); err != nil {
		return err
	}
	go pv.watch(watcher)
	logf(opts, "perfsite: the preview is at http://localhost:%d/ ; it changes when you save a file. Press Ctrl+C to stop.\n", port)
	return hugo.Serve(pv.hs, port)
}

// preview is the state of a running preview: where its generated content
// is and whether it is showing errors.
type preview struct {
	opts    Options
	work    string
	hs      hugo.Site
	printer report.Printer
	broken  bool   // the content is the error page
	scripts string // the site's assets/js, watched, or ""
	// interactive says that ECharts is installed (prepare), as when the
	// preview started: the data's edits do not change it.
	interactive bool
	// render writes the generated content, after an edit only what
	// changed.
	render render.Preview
}

// startPreview checks the site and prepares the first version of the
// preview in work: the site, or the error page when the data has errors.
func startPreview(opts Options, work string) (*preview, error) {
	pv := &preview{opts: opts, work: work, printer: report.Printer{Color: opts.Color}}
	opts.Progress.Step("reading and checking the data")
	res, in, err := Check(opts)
	opts.Progress.Done()
	if err != nil && !errors.Is(err, ErrProblems) {
		return nil, err
	}
	var site *derive.Site
	if err == nil {
		site = derive.Derive(in)
	} else {
		// The data cannot be trusted: the preview starts with the site's
		// settings only, and shows the errors on every page.
		site = derive.Derive(&model.Input{Dir: in.Dir, Site: in.Site})
	}
	hs, out, perr := prepare(site, opts.Source, work, pv.render.Update)
	if perr != nil {
		return nil, perr
	}
	pv.interactive = site.InteractiveCharts
	if !site.InteractiveCharts {
		logf(opts, "%s\n", ChartsOff)
	}
	layouts := filepath.Join(work, "serve-layouts")
	if err := writeFileAll(filepath.Join(layouts, errorLayout+".html"), []byte(errorLayoutSource)); err != nil {
		return nil, err
	}
	hs.LayoutDirs = append(hs.LayoutDirs, layouts)
	pv.hs = hs
	pv.printProblems(res.Problems)
	if err != nil {
		if err := pv.showErrors(res.Problems); err != nil {
			return nil, err
		}
		return pv, nil
	}
	logf(opts, "perfsite: %d pages for %d measures; latest figures (%s): %s.\n",
		out.Pages, len(site.Measures), site.Cal.Label(site.Latest), StatusCounts(site))
	return pv, nil
}

// watch regenerates the content whenever a source file changes (and
// bundles the charts' script again when it is one of the site's own
// scripts), waiting for a short quiet spell so that an editor's save
// (often several writes) triggers one rebuild.
func (pv *preview) watch(w *fsnotify.Watcher) {
	var timer *time.Timer
	changed := make(chan struct{}, 1)
	var data, scripts bool // what changed since the last rebuild
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			if pv.scripts != "" && filepath.Dir(filepath.Clean(ev.Name)) == pv.scripts {
				scripts = true
			} else {
				data = true
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(50*time.Millisecond, func() {
				select {
				case changed <- struct{}{}:
				default:
				}
			})
		case <-changed:
			start := time.Now()
			if scripts {
				scripts = false
				if err := pv.rebundle(); err != nil {
					logf(pv.opts, "perfsite: %v\n", err)
				} else {
					logf(pv.opts, "perfsite: the charts' script bundled again in %s\n", time.Since(start).Round(time.Millisecond))
				}
			}
			if !data {
				continue
			}
			data = false
			if err := pv.regenerate(); err != nil {
				logf(pv.opts, "perfsite: %v\n", err)
				continue
			}
			if !pv.broken {
				logf(pv.opts, "perfsite: data reloaded in %s\n", time.Since(start).Round(time.Millisecond))
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			logf(pv.opts, "perfsite: watching files: %v\n", err)
		}
	}
}

// watchScripts has w watch the site's own scripts, assets/js, if the
// charts are interactive: the charts' script is bundled again when it
// changes (watch).
func (pv *preview) watchScripts(w *fsnotify.Watcher) error {
	scripts := filepath.Join(pv.opts.Source, "assets", "js")
	if !pv.interactive || !isDir(scripts) {
		return nil
	}
	if err := w.Add(scripts); err != nil {
		return err
	}
	pv.scripts = filepath.Clean(scripts)
	return nil
}

// rebundle bundles the charts' script again, after an edit of the site's
// own assets/js: Hugo's server then builds the pages again with it.
func (pv *preview) rebundle() error {
	source, err := filepath.Abs(pv.opts.Source)
	if err != nil {
		return err
	}
	return writeChartBundle(source, filepath.Join(pv.work, "assets"))
}

// regenerate checks the site again and rewrites the generated content:
// the site, or, when the data has errors, the error page.
func (pv *preview) regenerate() error {
	res, in, err := Check(pv.opts)
	if err != nil {
		var probs model.Problems
		if errors.Is(err, ErrProblems) {
			probs = res.Problems
		} else {
			// The site could not be read at all (a folder was removed).
			probs = model.Problems{{Pos: model.Pos{File: pv.opts.Source}, Message: err.Error()}}
		}
		pv.printProblems(probs)
		return pv.showErrors(probs)
	}
	pv.printProblems(res.Problems)
	// Only the files that changed are written, so that Hugo rebuilds only
	// what it must.
	site := derive.Derive(in)
	site.InteractiveCharts = pv.interactive
	if _, err := pv.render.Update(site, filepath.Join(pv.work, generatedDir)); err != nil {
		return err
	}
	if pv.broken || pv.render.Written() > hugo.MassChange {
		// Every page changed (a whole quarter's figures, the error pages
		// gone): Hugo would wait 4 s before building them.
		if err := hugo.RebuildAll(pv.hs); err != nil {
			return err
		}
	}
	if pv.broken {
		logf(pv.opts, "perfsite: the errors are fixed; the preview shows the site again\n")
	}
	pv.broken = false
	return nil
}

// showErrors replaces every generated page with the error page.
func (pv *preview) showErrors(probs model.Problems) error {
	pv.render.Forget() // the error pages replace what it wrote
	if err := writeErrorPages(pv.hs.ContentDir, pv.printer.ErrorPage(probs)); err != nil {
		return err
	}
	if pv.broken {
		return nil // already the error pages: Hugo rebuilds the ones that changed
	}
	// Every page is now the error page.
	if err := hugo.RebuildAll(pv.hs); err != nil {
		return err
	}
	logf(pv.opts, "perfsite: the preview shows these errors until they are fixed\n")
	pv.broken = true
	return nil
}

func (pv *preview) printProblems(probs model.Problems) {
	if pv.opts.Log != nil {
		pv.printer.Problems(pv.opts.Log, probs)
	}
}

// writeIfChanged writes b to path unless the file already holds it.
func writeIfChanged(path string, b []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	return writeFileAll(path, b)
}

func logf(opts Options, format string, args ...any) {
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, format, args...)
	}
}

// frontMatterURL reads the url of a generated page, whose front matter is
// a JSON object.
func frontMatterURL(b []byte) (string, error) {
	var fm struct {
		URL string `json:"url"`
	}
	err := json.NewDecoder(bytes.NewReader(b)).Decode(&fm)
	return fm.URL, err
}
