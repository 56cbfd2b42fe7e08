// Package publish puts a finished build in place of the old one, so that a
// failed or interrupted build never leaves a broken or half-written public/.
package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const (
	stagingPrefix = ".perfsite-staging-"
	oldPrefix     = ".perfsite-old-"
)

// Staging makes an empty folder next to dest for a build to write into. It
// is on the same file system as dest, so that Replace is a rename. Folders
// left by an earlier build that was killed are removed first.
func Staging(dest string) (string, error) {
	parent := filepath.Dir(filepath.Clean(dest))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	base := filepath.Base(filepath.Clean(dest))
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		for _, prefix := range []string{stagingPrefix, oldPrefix} {
			if strings.HasPrefix(e.Name(), prefix+base+"-") {
				os.RemoveAll(filepath.Join(parent, e.Name()))
			}
		}
	}
	return os.MkdirTemp(parent, stagingPrefix+base+"-")
}

// Replace swaps the finished build in staging into dest with two renames:
// the old dest moves aside, the new one takes its place, and the old one is
// deleted. Between the renames (microseconds) dest does not exist; it is
// never half-written.
func Replace(staging, dest string) error {
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	old := ""
	if _, err := os.Stat(dest); err == nil {
		parent := filepath.Dir(filepath.Clean(dest))
		tmp, err := os.MkdirTemp(parent, oldPrefix+filepath.Base(filepath.Clean(dest))+"-")
		if err != nil {
			return err
		}
		old = filepath.Join(tmp, "site")
		if err := os.Rename(dest, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("moving the old site aside: %w", err)
		}
		defer os.RemoveAll(tmp)
	}
	if err := os.Rename(staging, dest); err != nil {
		if old != "" {
			_ = os.Rename(old, dest) // put the old site back
		}
		return fmt.Errorf("putting the new site in place: %w", err)
	}
	return nil
}
