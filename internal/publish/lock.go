package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Builds into one folder take turns: each holds a lock on it from before
// it clears up what an earlier build left until its site is in place, so
// that one build's clean-up never removes another's staging folder. The
// lock is a file next to the folder (lockPrefix + its name), held with
// flock where the system has it (a lock held by a build that crashed or
// was killed is released by the system at once), and otherwise by the
// file's existence, kept fresh while the build runs (lock_other.go).

const lockPrefix = ".perfsite-lock-"

// ErrBusy is returned (wrapped) when another build holds the lock.
var ErrBusy = errors.New("another perfsite build is writing into this folder")

// Lock is a build's hold on a destination folder.
type Lock struct {
	release func() error
}

// LockDest takes the lock of builds into dest, waiting up to wait for a
// build that holds it to finish.
func LockDest(dest string, wait time.Duration) (*Lock, error) {
	dest, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(parent, lockPrefix+filepath.Base(dest))
	release, err := acquire(path, wait)
	if errors.Is(err, ErrBusy) {
		holder := ""
		if b, rerr := os.ReadFile(path); rerr == nil {
			if pid, perr := strconv.Atoi(strings.TrimSpace(string(b))); perr == nil {
				holder = fmt.Sprintf(" (process %d)", pid)
			}
		}
		return nil, fmt.Errorf("%w%s: %q; wait for it to finish, then build again", ErrBusy, holder, dest)
	}
	if err != nil {
		return nil, fmt.Errorf("locking %q against other builds: %w", dest, err)
	}
	return &Lock{release: release}, nil
}

// Release gives the lock up. It may be called more than once.
func (l *Lock) Release() error {
	if l == nil || l.release == nil {
		return nil
	}
	err := l.release()
	l.release = nil
	return err
}

// lockPoll is how often a build waiting for the lock tries again.
const lockPoll = 50 * time.Millisecond

// pidText is what a lock file holds: the process that holds it, for the
// message another build gives.
func pidText() []byte { return []byte(strconv.Itoa(os.Getpid()) + "\n") }
