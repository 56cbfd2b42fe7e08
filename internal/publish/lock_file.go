package publish

import (
	"errors"
	"io/fs"
	"os"
	"time"
)

// lockStale is how old a lock file held by existence (acquireByFile) must
// be before it is taken for one left by a build that crashed: its holder
// touches it every lockRefresh.
const (
	lockStale   = 30 * time.Second
	lockRefresh = 5 * time.Second
)

// acquireByFile takes a lock by making the file at path, which must not
// exist: the portable way, for systems without flock. While the lock is
// held the file's time is kept fresh, so that a lock older than
// lockStale was left by a build that crashed, and is taken over.
func acquireByFile(path string, wait time.Duration) (func() error, error) {
	deadline := time.Now().Add(wait)
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.Write(pidText())
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(path)
				return nil, werr
			}
			stop := make(chan struct{})
			done := make(chan struct{})
			go func() {
				defer close(done)
				tick := time.NewTicker(lockRefresh)
				defer tick.Stop()
				for {
					select {
					case <-stop:
						return
					case now := <-tick.C:
						os.Chtimes(path, now, now)
					}
				}
			}()
			return func() error {
				close(stop)
				<-done
				return os.Remove(path)
			}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		if fi, err := os.Lstat(path); err == nil && time.Since(fi.ModTime()) > lockStale {
			os.Remove(path) // left by a build that crashed
			continue
		}
		if time.Now().After(deadline) {
			return nil, ErrBusy
		}
		time.Sleep(lockPoll)
	}
}
