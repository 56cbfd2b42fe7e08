//go:build unix

package publish

import (
	"errors"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// acquire takes an exclusive flock on the file at path, made if need be,
// and returns how to give it up: remove the file, then unlock it. A build
// that was waiting may by then hold a lock on the removed file, so each
// lock taken is checked to be on the file that is at path, and taken
// again if not.
func acquire(path string, wait time.Duration) (func() error, error) {
	deadline := time.Now().Add(wait)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o644)
		if err != nil {
			return nil, err
		}
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			held, herr := f.Stat()
			now, nerr := os.Lstat(path)
			if herr == nil && nerr == nil && os.SameFile(held, now) {
				if err := f.Truncate(0); err == nil {
					f.WriteAt(pidText(), 0)
				}
				return func() error {
					os.Remove(path)
					return f.Close() // unlocks
				}, nil
			}
			f.Close()
			continue
		}
		f.Close()
		if !errors.Is(err, unix.EWOULDBLOCK) && !errors.Is(err, unix.EAGAIN) {
			return nil, err
		}
		if time.Now().After(deadline) {
			return nil, ErrBusy
		}
		time.Sleep(lockPoll)
	}
}
