package build

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A killed build or preview cannot remove its temporary folder: the next
// one removes the folders of processes that no longer run, and leaves
// those of processes that do.
func TestSweepTemp(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	// A process that has ended: its pid is free (or reused, which only
	// keeps its folder a while longer).
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	dead := cmd.Process.Pid
	gone := filepath.Join(tmp, fmt.Sprintf("perfsite-work-%d-123", dead))
	mine := filepath.Join(tmp, fmt.Sprintf("perfsite-serve-%d-456", os.Getpid()))
	other := filepath.Join(tmp, "perfsite-notes")
	for _, d := range []string{gone, mine, other} {
		if err := os.MkdirAll(filepath.Join(d, "x"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sweepTemp()
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("the folder of an ended process is still there: %v", err)
	}
	for _, d := range []string{mine, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(d), err)
		}
	}
}
