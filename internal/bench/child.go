package bench

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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

	"github.com/perfsite/perfsite/internal/build"
)

// Job is one measurement, run by a child process.
type Job struct {
	Kind       string `json:"kind"` // "site", "bare" or "serve"
	Source     string `json:"source,omitempty"`
	Dest       string `json:"dest,omitempty"`
	Pages      int    `json:"pages,omitempty"`      // bare: how many pages
	PageBytes  int    `json:"page_bytes,omitempty"` // bare: how large, when not trivial
	Edits      int    `json:"edits,omitempty"`      // serve: how many CSV edits to time
	Out        string `json:"out"`                  // where the child writes its result
	CPUProfile string `json:"cpuprofile,omitempty"`
}

// Child runs the job spec (JSON, from Options.Self) in this process and
// writes the result to the job's Out file. A serve job never returns
// normally: the preview server runs until the process exits, so Child
// exits the process itself.
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
	if werr := os.WriteFile(job.Out, b, 0o644); werr != nil {
		return werr
	}
	if job.Kind == "serve" {
		os.Exit(0) // stops the preview server
	}
	return nil
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
		edits, whole, err := serveEdits(job)
		return childResult{Edits: edits, WholeFile: whole}, err
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

// serveEdits runs the preview of job.Source, then edits a figure in its
// latest quarterly CSV job.Edits times and times each edit, from the
// moment the file is saved to the moment Hugo's live-reload server tells
// the browser to reload (the message a browser would get, read from
// Hugo's /livereload websocket as the browser reads it).
func serveEdits(job Job) (edits []float64, whole float64, err error) {
	port, err := freePort()
	if err != nil {
		return nil, 0, err
	}
	done := make(chan error, 1)
	go func() { done <- build.Serve(build.Options{Source: job.Source, Log: os.Stderr}, port) }()
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	if err := waitUp(base+"/", done); err != nil {
		return nil, 0, err
	}
	csv, err := latestCSV(job.Source)
	if err != nil {
		return nil, 0, err
	}
	stop, err := startCPUProfile(job.CPUProfile) // of the edits, not of the first build
	if err != nil {
		return nil, 0, err
	}
	defer stop()
	// The page of the measure whose figure is edited is open, as in the
	// browser of someone checking their edit: Hugo's server (in fast
	// render mode) builds the open pages again before it reloads them.
	id, err := editedMeasure(csv)
	if err != nil {
		return nil, 0, err
	}
	page := base + "/measures/" + id + "/"
	for i := 0; i <= job.Edits; i++ {
		// The last edit changes every figure of the file at once, as when
		// a new version of the quarter's file is saved over the old one.
		every := i == job.Edits
		before, err := get(page)
		if err != nil {
			return nil, 0, err
		}
		ws, err := dialLiveReload(port)
		if err != nil {
			return nil, 0, err
		}
		time.Sleep(300 * time.Millisecond) // a quiet spell between saves, as when a person edits
		start, err := editFigures(csv, i, every)
		if err != nil {
			ws.Close()
			return nil, 0, err
		}
		// Hugo may send more than one reload message for one change (the
		// pages, then the static files): the edit is done at the last one,
		// when no other has come for a quiet spell.
		if err := ws.waitReload(time.Now().Add(time.Minute)); err != nil {
			ws.Close()
			return nil, 0, fmt.Errorf("waiting for the reload after edit %d: %w", i+1, err)
		}
		took := time.Since(start)
		for ws.waitReload(time.Now().Add(quiet)) == nil {
			took = time.Since(start)
		}
		ws.Close()
		// What the browser reloads must show the new figure.
		if after, err := get(page); err != nil {
			return nil, 0, err
		} else if after == before {
			return nil, 0, fmt.Errorf("edit %d: %s did not change after the reload", i+1, page)
		}
		if every {
			whole = took.Seconds()
			fmt.Fprintf(os.Stderr, "bench: every figure of the file changed: last reload message after %s\n", took.Round(time.Millisecond))
			break
		}
		edits = append(edits, took.Seconds())
		fmt.Fprintf(os.Stderr, "bench: edit %d: last reload message after %s\n", i+1, took.Round(time.Millisecond))
	}
	return edits, whole, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
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

// get fetches url and returns its body.
func get(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: %s", url, resp.Status)
	}
	return string(b), err
}

// editedMeasure is the measure whose figure editFigure changes: the first
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
// every, the value of every such row (by 1% down), and saves the file,
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
		switch {
		case every:
			v *= 0.99 // down, so that every figure stays in its range
		case n%2 == 0:
			v *= 0.9
		default:
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

// liveReload is a minimal websocket client of Hugo's live-reload server:
// the handshake, then text frames read until one says "reload". Frames
// from a server are not masked; this client sends nothing after the
// handshake, so it needs no masking either.
type liveReload struct {
	conn net.Conn
	r    *bufio.Reader
}

func dialLiveReload(port int) (*liveReload, error) {
	conn, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		return nil, err
	}
	key := make([]byte, 16)
	rand.Read(key)
	fmt.Fprintf(conn, "GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n",
		port, base64.StdEncoding.EncodeToString(key))
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		conn.Close()
		return nil, fmt.Errorf("live reload: %s", resp.Status)
	}
	return &liveReload{conn: conn, r: r}, nil
}

func (l *liveReload) Close() { l.conn.Close() }

// quiet is how long the preview must stay silent after a reload message
// for the rebuild to count as finished.
const quiet = 2 * time.Second

// waitReload reads messages until a reload message or the deadline.
func (l *liveReload) waitReload(deadline time.Time) error {
	l.conn.SetReadDeadline(deadline)
	for {
		var head [2]byte
		if _, err := io.ReadFull(l.r, head[:]); err != nil {
			return err
		}
		n := uint64(head[1] & 0x7f)
		switch n {
		case 126:
			var ext [2]byte
			if _, err := io.ReadFull(l.r, ext[:]); err != nil {
				return err
			}
			n = uint64(ext[0])<<8 | uint64(ext[1])
		case 127:
			var ext [8]byte
			if _, err := io.ReadFull(l.r, ext[:]); err != nil {
				return err
			}
			n = 0
			for _, c := range ext {
				n = n<<8 | uint64(c)
			}
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(l.r, payload); err != nil {
			return err
		}
		if head[0]&0x0f == 1 && bytes.Contains(payload, []byte(`"command":"reload"`)) {
			return nil
		}
	}
}
