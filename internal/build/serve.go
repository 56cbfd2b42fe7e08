package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/report"
	"github.com/perfsite/perfsite/internal/urls"
)

// The preview serves the site from memory: the same files a build writes,
// each written when a browser asks for it, from the site as it is on
// disk now. When a file of the site changes, the preview reads the site
// again, forgets the files it wrote, and tells every open page to reload
// (a small script it adds to the pages it serves: the pages themselves
// are the build's). While the data has errors, every page shows them
// instead, and the site comes back by itself when they are fixed.

// Serve runs the preview on port until the process is interrupted.
func Serve(opts Options, port int) error {
	ln, err := net.Listen("tcp", fmt.Sprintf("localhost:%d", port))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("port %d is already in use (another preview?): choose another with --port, for example perfsite serve --port %d", port, port+1)
		}
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return ServeOn(ctx, opts, ln)
}

// ServeOn runs the preview on ln until ctx is done.
func ServeOn(ctx context.Context, opts Options, ln net.Listener) error {
	opts.BaseURL = "http://" + ln.Addr().String() + "/"
	pv, err := NewPreview(opts)
	if err != nil {
		ln.Close()
		return err
	}
	defer pv.Close()
	// The site's folders are watched before the preview says it is ready,
	// so that no save made after that is missed.
	if w, err := pv.watchSite(); err != nil {
		logf(opts, "perfsite: cannot watch the site's files: %v\n", err)
	} else {
		go pv.reloadOnChange(ctx, w)
	}
	srv := &http.Server{Handler: pv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		pv.closeEvents()
		srv.Close()
	}()
	logf(opts, "perfsite: the preview is at %s ; it changes when you save a file. Press Ctrl+C to stop.\n", opts.BaseURL)
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Preview is a running preview: the site as last read, and the pages
// open in browsers, which it tells to reload.
type Preview struct {
	opts    Options
	printer report.Printer
	work    string
	state   atomic.Pointer[previewState]

	mu      sync.Mutex
	clients map[chan int64]bool // open pages' event streams
	closed  bool

	// env is the stylesheet, scripts and static files the pages are made
	// with, kept while what they are made from stays the same (envKey):
	// an edit of the data does not build them again.
	env    *env
	envKey string
}

// previewState is the site as read at one time: its files, or the error
// page while the data has errors.
type previewState struct {
	gen       int64
	files     map[string]output.File
	errorPage []byte // the data has errors: every page shows them
	written   sync.Map
	site      *derive.Site
	problems  model.Problems
	notes     []string // how workbooks were read
}

// NewPreview reads the site and makes its preview.
func NewPreview(opts Options) (*Preview, error) {
	sweepTemp()
	work, err := tempDir("serve")
	if err != nil {
		return nil, err
	}
	pv := &Preview{opts: opts, work: work, clients: map[chan int64]bool{},
		printer: report.Printer{Color: opts.Color}}
	if err := pv.Reload(); err != nil {
		os.RemoveAll(work)
		return nil, err
	}
	if st := pv.state.Load(); st.site != nil {
		for _, note := range st.notes {
			logf(opts, "%s\n", note)
		}
		logf(opts, "perfsite: %d measures; latest figures (%s): %s.\n", len(st.site.Measures), st.site.Cal.Label(st.site.Latest), StatusCounts(st.site))
	}
	return pv, nil
}

// Close removes the preview's temporary files.
func (pv *Preview) Close() { os.RemoveAll(pv.work) }

// Reload reads the site again, and has every open page reload.
func (pv *Preview) Reload() error {
	old := pv.state.Load()
	st := &previewState{gen: 1}
	if old != nil {
		st.gen = old.gen + 1
	}
	res, in, err := Check(pv.opts)
	switch {
	case errors.Is(err, ErrProblems):
		st.problems = res.Problems
	case err != nil:
		// The site cannot be read at all (a folder was removed).
		st.problems = model.Problems{{Pos: model.Pos{File: pv.opts.Source}, Message: err.Error()}}
	default:
		st.problems, st.notes = res.Problems, res.Notes
		st.site = derive.Derive(in)
		if err := pv.files(st); err != nil {
			var probs model.Problems
			if !errors.As(err, &probs) {
				return err
			}
			st.problems, st.site = append(st.problems, probs...), nil
		}
	}
	if st.site == nil {
		st.errorPage = []byte(pv.printer.ErrorPage(st.problems))
	}
	if old == nil || !sameProblems(old.problems, st.problems) {
		pv.printProblems(st.problems)
		if old != nil && old.site == nil && st.site != nil {
			logf(pv.opts, "perfsite: the errors are fixed; the preview shows the site again\n")
		}
	}
	pv.state.Store(st)
	pv.broadcast(st.gen)
	return nil
}

// files makes st's files: the same as a build's.
func (pv *Preview) files(st *previewState) error {
	key := envKey(pv.opts.Source, st.site.Brand)
	if pv.env == nil || key != pv.envKey {
		work, err := os.MkdirTemp(pv.work, "env-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(work)
		env, err := newEnv(pv.opts.Source, work, st.site.Brand)
		if err != nil {
			return err
		}
		pv.env, pv.envKey = env, key
	}
	sf, err := pv.env.files(st.site)
	if err != nil {
		return err
	}
	st.files = map[string]output.File{}
	add := func(files []output.File) {
		for _, f := range sf.own.skip(files) {
			st.files[f.Path] = f
		}
	}
	add(sf.site)
	for _, g := range sf.groups {
		add(g())
	}
	for _, f := range sf.static {
		st.files[f.Path] = f
	}
	return nil
}

// envKey names what a preview's env is made from: the brand, and the
// name, size and time of every file of the site's assets/ and static/
// folders and of node_modules' lock, which npm rewrites on every install.
func envKey(source string, brand model.Brand) string {
	var b strings.Builder
	brand.KeyPos = nil // where each key is written changes nothing
	fmt.Fprintf(&b, "%+v\n", brand)
	for _, dir := range []string{"assets", "static", "node_modules/.package-lock.json"} {
		filepath.WalkDir(filepath.Join(source, dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if fi, err := d.Info(); err == nil {
					fmt.Fprintf(&b, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
				}
			}
			return nil
		})
	}
	return b.String()
}

func sameProblems(a, b model.Problems) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (pv *Preview) printProblems(probs model.Problems) {
	if pv.opts.Log != nil {
		pv.printer.Problems(pv.opts.Log, probs)
	}
}

// The live reload: each page the preview serves loads reloadScript, which
// listens to eventsPath and reloads the page when the site changes.
const (
	eventsPath   = "/__perfsite/events"
	reloadPath   = "/__perfsite/reload.js"
	reloadScript = `(function () {
  var seen = null;
  var events = new EventSource(` + "`" + eventsPath + "`" + `);
  events.onmessage = function (e) {
    if (seen !== null && e.data !== seen) location.reload();
    seen = e.data;
    document.documentElement.dataset.perfsiteLive = "1"; // listening
  };
})();
`
)

// ServeHTTP serves a file of the site, the live reload's script and
// events, or the error page.
func (pv *Preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	switch r.URL.Path {
	case eventsPath:
		pv.events(w, r)
		return
	case reloadPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write([]byte(reloadScript))
		return
	}
	st := pv.state.Load()
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if strings.HasSuffix(r.URL.Path, "/") && p != "" {
		p += "/"
	}
	file := urls.File(p)
	if st.errorPage != nil {
		if path.Ext(file) == ".html" {
			pv.page(w, http.StatusInternalServerError, st.errorPage)
		} else {
			http.Error(w, "The site has errors: see the preview's pages.", http.StatusInternalServerError)
		}
		return
	}
	f, ok := st.files[file]
	if !ok && path.Ext(p) == "" {
		if _, ok := st.files[p+"/index.html"]; ok {
			http.Redirect(w, r, "/"+p+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		status, file = http.StatusNotFound, urls.NotFound
		if f, ok = st.files[file]; !ok {
			http.NotFound(w, r)
			return
		}
	}
	b, err := st.render(f)
	if err != nil {
		logf(pv.opts, "perfsite: %s: %v\n", f.Path, err)
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if path.Ext(file) == ".html" {
		pv.page(w, status, b)
		return
	}
	if t := mime.TypeByExtension(path.Ext(file)); t != "" {
		w.Header().Set("Content-Type", t)
	} else {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.WriteHeader(status)
	w.Write(b)
}

// render writes f once per state.
func (st *previewState) render(f output.File) ([]byte, error) {
	if b, ok := st.written.Load(f.Path); ok {
		return b.([]byte), nil
	}
	b, err := output.Render(f)
	if err != nil {
		return nil, err
	}
	st.written.Store(f.Path, b)
	return b, nil
}

// page serves an HTML page with the live reload's script added.
func (pv *Preview) page(w http.ResponseWriter, status int, b []byte) {
	script := []byte(`<script src="` + reloadPath + `"></script>`)
	if i := bytes.LastIndex(b, []byte("</body>")); i >= 0 {
		b = append(append(append(b[:i:i], script...), "\n"...), b[i:]...)
	} else {
		b = append(b[:len(b):len(b)], script...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// events streams the site's version to an open page (server-sent
// events): now, and after each change.
func (pv *Preview) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	ch := make(chan int64, 1)
	pv.mu.Lock()
	if pv.closed {
		pv.mu.Unlock()
		return
	}
	pv.clients[ch] = true
	pv.mu.Unlock()
	defer func() {
		pv.mu.Lock()
		delete(pv.clients, ch)
		pv.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	send := func(gen int64) {
		fmt.Fprintf(w, "data: %d\n\n", gen)
		flusher.Flush()
	}
	send(pv.state.Load().gen)
	for {
		select {
		case gen, ok := <-ch:
			if !ok {
				return
			}
			send(gen)
		case <-r.Context().Done():
			return
		}
	}
}

// broadcast tells every open page the site's new version.
func (pv *Preview) broadcast(gen int64) {
	pv.mu.Lock()
	defer pv.mu.Unlock()
	for ch := range pv.clients {
		select {
		case ch <- gen:
		default: // it has a newer one to read already
			select {
			case <-ch:
			default:
			}
			ch <- gen
		}
	}
}

func (pv *Preview) closeEvents() {
	pv.mu.Lock()
	defer pv.mu.Unlock()
	pv.closed = true
	for ch := range pv.clients {
		close(ch)
		delete(pv.clients, ch)
	}
}

// watchSite starts watching every folder the site is made from.
func (pv *Preview) watchSite() (*fsnotify.Watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	pv.watchTree(w, pv.opts.Source)
	return w, nil
}

// reloadOnChange reads the site again whenever w sees one of its files
// change, until ctx is done. It waits for a short quiet spell, so that an
// editor's save (often several writes) makes one reload, but never longer
// than maxWait after the first change.
func (pv *Preview) reloadOnChange(ctx context.Context, w *fsnotify.Watcher) {
	defer w.Close()
	const quiet, maxWait = 20 * time.Millisecond, 100 * time.Millisecond
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || ignored(pv.opts.Source, ev.Name) {
				continue
			}
			if ev.Op.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					pv.watchTree(w, ev.Name) // a folder made, or made again (git checkout, unzip)
				}
			}
			if first.IsZero() {
				first = time.Now()
			}
			wait := min(quiet, maxWait-time.Since(first))
			timer.Reset(max(wait, 0))
		case <-timer.C:
			first = time.Time{}
			start := time.Now()
			if err := pv.Reload(); err != nil {
				logf(pv.opts, "perfsite: %v\n", err)
				continue
			}
			if st := pv.state.Load(); st.site != nil {
				logf(pv.opts, "perfsite: the site was read again in %s\n", time.Since(start).Round(time.Millisecond))
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			logf(pv.opts, "perfsite: watching files: %v\n", err)
		}
	}
}

// watchTree watches dir and every folder in it that the site is made
// from.
func (pv *Preview) watchTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != pv.opts.Source && ignored(pv.opts.Source, p) {
			return filepath.SkipDir
		}
		if err := w.Add(p); err != nil {
			logf(pv.opts, "perfsite: cannot watch %s: %v\n", p, err)
		}
		return nil
	})
}

// ignored says whether a change at p leaves the site as it was: the built
// site, the chart library, hidden files and folders (.git, editors').
func ignored(source, p string) bool {
	rel, err := filepath.Rel(source, p)
	if err != nil {
		return true
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	switch parts[0] {
	case "public", "node_modules", "resources":
		return true
	}
	for _, part := range parts {
		if (strings.HasPrefix(part, ".") && part != ".") || strings.HasSuffix(part, "~") {
			return true
		}
	}
	return false
}
