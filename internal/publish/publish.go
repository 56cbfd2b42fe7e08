// Package publish puts a finished build in place of the old one, so that a
// failed or interrupted build never leaves a broken or half-written public/.
//
// A build writes into a staging folder next to public/ (same file system,
// so that moving it is a rename). Only when the build has finished does
// Replace swap it in. A build killed before the swap leaves its staging
// folder behind, never published; the next build removes it. Where the
// system can exchange two folders in one step (Linux), public/ is never
// missing, even for a moment; elsewhere the old site moves aside and the new
// one takes its place, and a build killed between those two renames leaves
// the old site aside, which the next build puts back before it starts.
//
// perfsite deletes or replaces only what it made: every folder it makes
// holds MarkerName, and a build may replace only a folder that holds it
// (or an empty or new one: CheckDest). Leftovers are removed only when
// they are real folders (not links) next to the destination, named as
// perfsite names them, that hold the marker. Builds into one folder take
// turns (LockDest).
package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/perfsite/perfsite/internal/parallel"
)

const (
	stagingPrefix = ".perfsite-staging-"
	oldPrefix     = ".perfsite-old-"
)

// Staging makes an empty folder next to dest for a build to write into. It
// is on the same file system as dest, so that Replace is a rename. Folders
// left by an earlier build that was killed are cleaned up first: its
// staging folder is removed unpublished, and if it was killed in the middle
// of a swap, leaving no dest, the old site is put back.
func Staging(dest string) (string, error) {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	if err := Recover(dest); err != nil {
		return "", err
	}
	staging, err := os.MkdirTemp(parent, stagingPrefix+filepath.Base(dest)+"-")
	if err != nil {
		return "", err
	}
	if err := writeMarker(staging); err != nil {
		os.Remove(staging)
		return "", err
	}
	return staging, nil
}

// Recover cleans up after a build into dest that was interrupted: it puts
// back a site that was moved aside by a swap that never finished (when dest
// is missing), then removes every leftover staging and moved-aside folder.
// It never changes an existing dest. A leftover is a folder next to dest
// named as Staging and Replace name theirs (the prefix, dest's name, a
// hyphen and digits), that is a real folder, not a link, and holds
// perfsite's marker: anything else is left alone, whatever its name.
func Recover(dest string) error {
	dest = filepath.Clean(dest)
	parent := filepath.Dir(dest)
	base := filepath.Base(dest)
	entries, err := os.ReadDir(parent)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	var stale, old []string
	for _, e := range entries {
		path := filepath.Join(parent, e.Name())
		ours := leftover(e.Name(), stagingPrefix+base+"-") || leftover(e.Name(), oldPrefix+base+"-")
		switch {
		case !ours || !e.IsDir(): // a link's entry is not a folder's
		case !hasMarker(path):
			// A build killed between making its folder and marking it
			// leaves it empty: removing an empty folder loses nothing.
			os.Remove(path) // fails, harmlessly, if it is not empty
		case leftover(e.Name(), stagingPrefix+base+"-"):
			stale = append(stale, path)
		case leftover(e.Name(), oldPrefix+base+"-"):
			old = append(old, path)
		}
	}
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		// The newest site moved aside is the one that was published last.
		sort.Slice(old, func(i, j int) bool { return modTime(old[i]) > modTime(old[j]) })
		for _, o := range old {
			site := filepath.Join(o, "site")
			if fi, err := os.Lstat(site); err == nil && fi.IsDir() {
				if err := os.Rename(site, dest); err != nil {
					return fmt.Errorf("putting back the site that an interrupted build moved aside: %w", err)
				}
				break
			}
		}
	}
	for _, p := range append(stale, old...) {
		if err := removeTree(p); err != nil {
			return notRemovable(p, fmt.Errorf("removing what an interrupted build left: %w", err))
		}
	}
	return nil
}

// leftover reports whether name is prefix followed by the digits that
// os.MkdirTemp adds: so that the leftovers of a build into public are not
// mistaken for those of a build into public-2 next to it.
func leftover(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	if !ok || rest == "" {
		return false
	}
	for _, r := range rest {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func modTime(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.ModTime().UnixNano()
}

// exchange swaps two folders in one step, where the system can; it returns
// errExchangeUnsupported where it cannot. A variable, so that tests can
// take the two-rename path.
var exchange = exchangeDirs

var errExchangeUnsupported = errors.New("exchanging folders is not supported here")

// Replace swaps the finished build in staging into dest. Where the system
// can, the two folders are exchanged in one step, so dest is never missing;
// otherwise the old dest moves aside, the new one takes its place (between
// the two renames, microseconds, dest does not exist; it is never
// half-written). The old site is then deleted.
func Replace(staging, dest string) error {
	staging, dest = filepath.Clean(staging), filepath.Clean(dest)
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	// The site published carries the marker, so that the next build may
	// replace it.
	if err := writeMarker(staging); err != nil {
		return err
	}
	if fi, err := os.Lstat(dest); err == nil && !fi.IsDir() {
		return fmt.Errorf("%q is not a folder (a link or a file): the new site was not put in its place", dest)
	}
	if fi, err := os.Lstat(dest); err == nil && fi.IsDir() {
		switch err := exchange(staging, dest); {
		case err == nil:
			// staging now holds the old site. The new one is published
			// whether or not this works; the next build removes what is left.
			_ = removeTree(staging)
			return nil
		case !errors.Is(err, errExchangeUnsupported):
			return notRemovable(dest, fmt.Errorf("putting the new site in place: %w", err))
		}
	}
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		parent := filepath.Dir(dest)
		tmp, err := os.MkdirTemp(parent, oldPrefix+filepath.Base(dest)+"-")
		if err != nil {
			return err
		}
		if err := writeMarker(tmp); err != nil {
			os.Remove(tmp)
			return err
		}
		old = filepath.Join(tmp, "site")
		if err := os.Rename(dest, old); err != nil {
			os.RemoveAll(tmp)
			return notRemovable(dest, fmt.Errorf("moving the old site aside: %w", err))
		}
		defer removeTree(tmp)
	}
	if err := os.Rename(staging, dest); err != nil {
		if old != "" {
			_ = os.Rename(old, dest) // put the old site back
		}
		return fmt.Errorf("putting the new site in place: %w", err)
	}
	return nil
}

// notRemovable adds to err, when the system refused for want of
// permission (a read-only public/, or a file in it locked by another
// program), what to do about it: a build can replace only a folder it may
// change.
func notRemovable(path string, err error) error {
	if !errors.Is(err, os.ErrPermission) {
		return err
	}
	return fmt.Errorf("%w\n\thint: perfsite may not change %s: make it and everything in it writable (chmod -R u+w %q), or close the program that has a file in it open, then build again; the site there was not changed", err, path, path)
}

// removeTree removes dir and everything in it, as os.RemoveAll does, but
// on every core: a council's site is some 13,000 files, whose removal took
// 0.13 s one by one and 0.07 s on both cores (BENCHMARKS.md, publish).
//
// It never follows a link: dir itself must be a real folder.
func removeTree(dir string) error {
	if fi, err := os.Lstat(dir); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	} else if !fi.IsDir() {
		return fmt.Errorf("%q is not a folder: not removed", dir)
	}
	// The folders two levels down (measures/<id>, quarters/<q>, ...) are
	// the work, shared out; what is left is then a few files and folders.
	var parts []string
	tops, _ := os.ReadDir(dir)
	for _, top := range tops {
		if !top.IsDir() {
			continue
		}
		subs, _ := os.ReadDir(filepath.Join(dir, top.Name()))
		for _, sub := range subs {
			parts = append(parts, filepath.Join(dir, top.Name(), sub.Name()))
		}
	}
	parallel.Each(len(parts), func(i int) error {
		os.RemoveAll(parts[i]) // what fails, the last RemoveAll reports
		return nil
	})
	return os.RemoveAll(dir)
}
