package report

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestProgressPlain(t *testing.T) {
	var b lockedBuffer
	p := NewProgress(&b, false)
	p.Step("loading the data")
	p.Write([]byte("a warning\n"))
	p.Step("rendering %d pages", 12)
	p.Done()
	want := "perfsite: loading the data...\na warning\nperfsite: rendering 12 pages...\n"
	if got := b.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestProgressTerminal(t *testing.T) {
	var b lockedBuffer
	p := NewProgress(&b, true)
	p.Step("loading the data")
	// The line is redrawn every tick: wait for a redraw, for up to 100
	// ticks on a busy machine.
	for i := 0; i < 100 && strings.Count(b.String(), "loading the data") < 2; i++ {
		time.Sleep(tick)
	}
	p.Write([]byte("a warning\n"))
	p.Step("building")
	p.Done()
	got := b.String()
	if !strings.HasPrefix(got, "\r\x1b[K⠋ loading the data... 0.0s") {
		t.Errorf("the progress line does not start the output: %q", got)
	}
	if strings.Count(got, "loading the data") < 2 {
		t.Errorf("the progress line was not redrawn while the step ran: %q", got)
	}
	if !strings.Contains(got, "\r\x1b[Ka warning\n") {
		t.Errorf("a warning is not written over a cleared line: %q", got)
	}
	if !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("Done does not clear the line: %q", got)
	}
}

func TestProgressNil(t *testing.T) {
	var p *Progress
	p.Step("x")
	p.Write([]byte("x"))
	p.Done()
}
