package report

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Progress shows what a long job is doing. On a terminal it is one line
// that rewrites itself with the current step and the time so far; anywhere
// else (a CI log, a file) it writes a plain line per step. Other output
// written through it (warnings) goes above the progress line. A nil
// *Progress does nothing.
type Progress struct {
	w     io.Writer
	tty   bool
	mu    sync.Mutex
	step  string
	since time.Time // when the step began
	shown bool      // the progress line is on screen
	stop  chan struct{}
	done  chan struct{}
}

// NewProgress writes progress to w, rewriting one line if tty is true.
func NewProgress(w io.Writer, tty bool) *Progress {
	return &Progress{w: w, tty: tty}
}

// tick is how often the progress line redraws on a terminal.
const tick = 150 * time.Millisecond

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// Step starts a step, such as "rendering 1,234 pages".
func (p *Progress) Step(format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.step = fmt.Sprintf(format, args...)
	p.since = time.Now()
	if !p.tty {
		fmt.Fprintf(p.w, "perfsite: %s...\n", p.step)
		return
	}
	p.draw()
	if p.stop == nil {
		p.stop, p.done = make(chan struct{}), make(chan struct{})
		go p.loop(p.stop, p.done)
	}
}

func (p *Progress) loop(stop, done chan struct{}) {
	defer close(done)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		}
	}
}

// draw rewrites the progress line; the caller holds p.mu.
func (p *Progress) draw() {
	if p.step == "" {
		return
	}
	elapsed := time.Since(p.since)
	frame := spinner[int(elapsed/tick)%len(spinner)]
	fmt.Fprintf(p.w, "\r\x1b[K%s %s... %.1fs", frame, p.step, elapsed.Seconds())
	p.shown = true
}

// clear removes the progress line; the caller holds p.mu.
func (p *Progress) clear() {
	if p.shown {
		io.WriteString(p.w, "\r\x1b[K")
		p.shown = false
	}
}

// Write writes other output above the progress line.
func (p *Progress) Write(b []byte) (int, error) {
	if p == nil {
		return len(b), nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
	n, err := p.w.Write(b)
	if p.tty && len(b) > 0 && b[len(b)-1] == '\n' {
		p.draw()
	}
	return n, err
}

// Done ends the last step and removes the progress line.
func (p *Progress) Done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	stop, done := p.stop, p.done
	p.stop, p.done = nil, nil
	p.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	p.mu.Lock()
	p.clear()
	p.step = ""
	p.mu.Unlock()
}
