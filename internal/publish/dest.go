package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// PathError says why a build may not write where it was asked to: the
// folder it builds into (--dest) or the file it writes the "What's new"
// summary to (--whats-new).
type PathError struct {
	What   string // "build the site into", "write the \"What's new\" summary to"
	Path   string // as given
	Reason string
	Hint   string
}

func (e *PathError) Error() string {
	return fmt.Sprintf("cannot %s %q: %s; %s", e.What, e.Path, e.Reason, e.Hint)
}

// sourceFolders are the folders of a site that hold what a person wrote:
// a build never writes into them.
var sourceFolders = []string{"data", "content", "layouts", "static", "assets", ".git"}

const destWhat = "build the site into"

// CheckDest reports whether a build of the site in source may replace
// dest. dest must be a folder perfsite built before (it holds MarkerName,
// or is a site built by an older perfsite), an empty folder, or a folder
// that does not exist yet; it must not be a link, the site folder, a
// folder that holds the site folder, or inside its data/, content/,
// layouts/, static/, assets/ or .git/ folders. Anything else is a
// *PathError that names the folder and the reason.
func CheckDest(source, dest string) error {
	fail := func(reason, hint string) error {
		return &PathError{What: destWhat, Path: dest, Reason: reason, Hint: hint}
	}
	site, err := realPath(source)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	real, err := realPath(abs)
	if err != nil {
		return err
	}
	if within(site, real) {
		if sameDir(site, real) {
			return fail("it is the site folder itself", "build into a folder of its own, such as public (the default)")
		}
		return fail("it holds the site folder, which the build would replace", "build into a folder of its own, such as public (the default)")
	}
	for _, name := range sourceFolders {
		if within(real, filepath.Join(site, name)) {
			return fail("it is inside the site's "+name+"/ folder, which holds your own files",
				"build into a folder of its own, such as public (the default)")
		}
	}
	fi, err := os.Lstat(abs)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	case exists && fi.Mode()&fs.ModeSymlink != 0:
		return fail("it is a link to another folder", "give the folder itself, not a link to it")
	case exists && !fi.IsDir():
		return fail("it is a file, not a folder", "give a folder, such as public (perfsite replaces the whole folder)")
	}
	if !exists {
		return nil
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return err
	}
	if len(entries) == 0 || hasMarker(abs) || builtByOlderPerfsite(abs) {
		return nil
	}
	return fail("it holds files that perfsite did not write, and a build replaces the whole folder",
		"give a new or empty folder, or a folder perfsite built before (it has a file named "+MarkerName+")")
}

// CheckNoteFile reports whether a build of the site in source into dest
// may write the file (the "What's new" summary): never inside the site
// folder, whose files are the person's own, nor inside dest, which is
// published; and only a regular file, if it exists.
func CheckNoteFile(source, dest, file string) error {
	return CheckOutputFile(source, dest, file, `write the "What's new" summary to`, "save it outside the site folder, for example ../whats-new.txt")
}

// CheckOutputFile reports whether perfsite, working on the site in source
// built into dest, may write file, a file of its own beside the site (the
// "What's new" summary, the committee report's PDF), as CheckNoteFile
// says; what and hint name it in the error.
func CheckOutputFile(source, dest, file, what, hint string) error {
	fail := func(reason string) error { return &PathError{What: what, Path: file, Reason: reason, Hint: hint} }
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(abs); err == nil && !fi.Mode().IsRegular() {
		return fail("it is not a plain file")
	}
	real, err := realPath(abs)
	if err != nil {
		return err
	}
	site, err := realPath(source)
	if err != nil {
		return err
	}
	if within(real, site) {
		return fail("it is inside the site folder, whose files are your own")
	}
	if d, err := realPath(dest); err == nil && within(real, d) {
		return fail("it is inside the folder the site is built into, which is published")
	}
	return nil
}

// realPath is path made absolute with every link resolved; the part of
// it that does not exist yet is kept as written.
func realPath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	for p := abs; ; p = filepath.Dir(p) {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				real = filepath.Join(real, rest[i])
			}
			return real, nil
		}
		// Not there (or not a folder, or not readable): the nearest
		// folder above it that is decides where it is.
		if filepath.Dir(p) == p {
			return abs, nil
		}
		rest = append(rest, filepath.Base(p))
	}
}

// within reports whether path is dir or inside it. Both are real paths
// (realPath); the folders are compared as the system sees them too
// (os.SameFile), so that a case-insensitive file system or a second
// mount of the same folder is not a way round.
func within(path, dir string) bool {
	for p := path; ; p = filepath.Dir(p) {
		if sameDir(p, dir) {
			return true
		}
		if filepath.Dir(p) == p {
			return false
		}
	}
}

func sameDir(a, b string) bool {
	if a == b {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// LockWait is how long a build waits for another build into the same
// folder to finish before it gives up and says so.
const LockWait = 10 * time.Second

// Claim is a build's hold on the folder it builds into: the folder has
// been checked (CheckDest) and no other build writes into it until
// Release.
type Claim struct {
	lock *Lock
}

// ClaimDest checks that a build of source may replace dest and write its
// "What's new" summary to whatsNew (if not empty), then locks dest against
// other builds, waiting up to wait for one that holds it.
func ClaimDest(source, dest, whatsNew string, wait time.Duration) (*Claim, error) {
	if err := CheckDest(source, dest); err != nil {
		return nil, err
	}
	if whatsNew != "" {
		if err := CheckNoteFile(source, dest, whatsNew); err != nil {
			return nil, err
		}
	}
	lock, err := LockDest(dest, wait)
	if err != nil {
		return nil, err
	}
	return &Claim{lock: lock}, nil
}

// Release lets other builds into the folder.
func (c *Claim) Release() error { return c.lock.Release() }
