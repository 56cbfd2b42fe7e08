package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/hugo"
	"github.com/perfsite/perfsite/internal/render"
)

// Serve builds the site and runs a local preview on port with live reload.
// Hugo watches the layouts itself; perfsite watches data/ and content/ and,
// on a change, regenerates the content Hugo builds from. When the data has
// errors, they are printed and the preview keeps the last good version.
func Serve(opts Options, port int) error {
	res, in, err := Check(opts)
	if err != nil {
		printProblems(opts, res)
		return err
	}
	printProblems(opts, res)
	work, err := os.MkdirTemp("", "perfsite-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	hs, _, err := Prepare(derive.Derive(in), opts.Source, work)
	if err != nil {
		return err
	}
	if hs.Params["interactive_charts"] != true {
		logf(opts, "%s\n", ChartsOff)
	}

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
	go watch(watcher, opts, work)
	return hugo.Serve(hs, port)
}

// watch regenerates the content whenever a source file changes, waiting
// for a short quiet spell so that an editor's save (often several writes)
// triggers one rebuild.
func watch(w *fsnotify.Watcher, opts Options, work string) {
	var timer *time.Timer
	changed := make(chan struct{}, 1)
	for {
		select {
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			if timer != nil {
				timer.Stop()
			}
			timer = time.AfterFunc(50*time.Millisecond, func() { changed <- struct{}{} })
		case <-changed:
			start := time.Now()
			if err := regenerate(opts, work); err != nil {
				logf(opts, "%v\n", err)
				continue
			}
			logf(opts, "perfsite: data reloaded in %s\n", time.Since(start).Round(time.Millisecond))
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			logf(opts, "perfsite: watching files: %v\n", err)
		}
	}
}

func regenerate(opts Options, work string) error {
	res, in, err := Check(opts)
	printProblems(opts, res)
	if err != nil {
		return fmt.Errorf("perfsite: the preview still shows the last good version: %w", err)
	}
	next := filepath.Join(work, "next")
	os.RemoveAll(next)
	defer os.RemoveAll(next)
	if _, err := render.Render(derive.Derive(in), next); err != nil {
		return err
	}
	return mirror(next, filepath.Join(work, "generated"))
}

// mirror makes dst hold exactly the files of src, writing only the files
// whose bytes changed so that Hugo rebuilds only what it must.
func mirror(src, dst string) error {
	want := map[string]bool{}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		want[rel] = true
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, b) {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		return err
	}
	return filepath.WalkDir(dst, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dst, path)
		if !want[rel] {
			return os.Remove(path)
		}
		return nil
	})
}

func logf(opts Options, format string, args ...any) {
	if opts.Log != nil {
		fmt.Fprintf(opts.Log, format, args...)
	}
}

func printProblems(opts Options, res *Result) {
	if res == nil || opts.Log == nil {
		return
	}
	for _, p := range res.Problems {
		fmt.Fprintln(opts.Log, p.String())
	}
}
