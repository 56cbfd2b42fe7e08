//go:build !unix

package publish

import "time"

// acquire takes the lock by the lock file's existence: this system has
// no flock.
func acquire(path string, wait time.Duration) (func() error, error) {
	return acquireByFile(path, wait)
}
