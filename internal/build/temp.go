package build

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// A build and a preview work in a temporary folder of their own, named
// perfsite-KIND-PID-*, removed when they finish. A process that was
// killed cannot remove its own: the next build or preview removes the
// folders of processes that no longer run (sweepTemp).

const tempPrefix = "perfsite-"

// tempDir makes a temporary folder for this process.
func tempDir(kind string) (string, error) {
	return os.MkdirTemp("", fmt.Sprintf("%s%s-%d-", tempPrefix, kind, os.Getpid()))
}

// sweepTemp removes the temporary folders of perfsite processes that no
// longer run. It never fails: what it cannot remove it leaves.
func sweepTemp() {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, tempPrefix) {
			continue
		}
		parts := strings.Split(strings.TrimPrefix(name, tempPrefix), "-")
		if len(parts) < 3 {
			continue
		}
		pid, err := strconv.Atoi(parts[1])
		if err != nil || pid <= 0 || pid == os.Getpid() || running(pid) {
			continue
		}
		os.RemoveAll(filepath.Join(tmp, name))
	}
}

// running says whether the process pid still runs (or cannot be told).
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || err == syscall.EPERM
}
