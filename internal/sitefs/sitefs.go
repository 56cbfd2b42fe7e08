// Package sitefs reads a site folder safely: nothing outside the folder,
// only regular files, none larger than its kind allows.
//
// A site folder comes from a repository that other people commit to, and
// hosts build the pull requests of anyone (deploy previews). So a file in
// it may be a link to /proc/self/environ, a named pipe that never ends, or
// a link to /dev/zero. FS, which every reader of a site's files goes
// through (load for data/ and content/, the renderer for layouts/, static/
// and assets/), refuses each with an *Error that names the file and says
// why, without ever reading what lies outside the folder:
//
//   - A link is followed only when what it points to, every link on the
//     way resolved, is inside the site folder; otherwise the error names
//     the link and where it points.
//   - Only regular files are read. A named pipe, a device or a socket is
//     refused from its mode, before it is opened (and files are opened
//     with O_NONBLOCK and O_NOFOLLOW where the system has them, so that
//     one swapped in meanwhile cannot block or lead outside either).
//   - Each kind of file has a size limit (Limits), checked before a file
//     is read and again while it is read.
//
// FS implements fs.FS, fs.ReadFileFS, fs.ReadDirFS and fs.StatFS, so that
// fs.ReadFile, fs.ReadDir and fs.WalkDir go through these checks; Walk
// lists the safe regular files under a folder, links inside the site
// followed.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// The reasons a file is refused, for errors.Is.
var (
	// ErrLink: a link that leads outside the site folder, or nowhere.
	ErrLink = errors.New("a link that leads outside the site folder")
	// ErrNotRegular: a named pipe, device, socket or other special file.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: a file larger than its kind allows.
	ErrTooLarge = errors.New("larger than perfsite reads")
)

// Error is a file of the site that is not read, and why. Name is the
// file's path in the site folder, with forward slashes; Reason says what
// is wrong in words (without the name), Hint what to do. The content of
// what a link points to is never in it, only the link's text.
type Error struct {
	Name   string
	Reason string
	Hint   string
	Err    error // ErrLink, ErrNotRegular or ErrTooLarge
}

func (e *Error) Error() string { return fmt.Sprintf("%q %s", e.Name, e.Reason) }

// Unwrap returns the kind of refusal.
func (e *Error) Unwrap() error { return e.Err }

// FS is a site folder opened for reading. It is safe for use by several
// goroutines at once.
type FS struct {
	root string // the folder's real path: absolute, links resolved
}

// Open opens the site folder dir for reading.
func Open(dir string) (*FS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	return &FS{root: root}, nil
}

// Root is the site folder's real path.
func (f *FS) Root() string { return f.root }

// resolve finds the real path of name, a path in the site folder as
// fs.ValidPath has them, following links only while they stay inside.
func (f *FS) resolve(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	real := f.root
	if name == "." {
		return real, nil
	}
	parts := strings.Split(name, "/")
	for i, part := range parts {
		next := filepath.Join(real, part)
		fi, err := os.Lstat(next)
		if err != nil {
			return "", &fs.PathError{Op: op, Path: name, Err: underlying(err)}
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			link := strings.Join(parts[:i+1], "/")
			target, _ := os.Readlink(next)
			resolved, err := filepath.EvalSymlinks(next)
			if err != nil {
				return "", &Error{Name: link, Err: ErrLink,
					Reason: fmt.Sprintf("is a link to %q, which is not there", target),
					Hint:   "copy the file into the site folder instead of linking to it, or delete the link"}
			}
			if !f.inside(resolved) {
				return "", &Error{Name: link, Err: ErrLink,
					Reason: fmt.Sprintf("is a link to %q, outside the site folder; perfsite reads only files inside it", target),
					Hint:   "copy the file into the site folder instead of linking to it"}
			}
			next = resolved
		}
		real = next
	}
	return real, nil
}

// inside reports whether a real path is in the site folder.
func (f *FS) inside(real string) bool {
	return real == f.root || strings.HasPrefix(real, f.root+string(filepath.Separator))
}

func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// regular checks that the file at real, which is name in the site, is a
// regular file within its size limit.
func regular(name string, fi fs.FileInfo) error {
	if !fi.Mode().IsRegular() {
		if fi.IsDir() {
			return &Error{Name: name, Err: ErrNotRegular, Reason: "is a folder, where a file was expected",
				Hint: "rename or move the folder"}
		}
		return &Error{Name: name, Err: ErrNotRegular, Reason: "is not an ordinary file (" + special(fi.Mode()) + ")",
			Hint: "replace it with an ordinary file, or delete it"}
	}
	if k := KindOf(name); fi.Size() > k.Limit {
		return tooLarge(name, fi.Size(), k)
	}
	return nil
}

func tooLarge(name string, size int64, k Kind) error {
	reason := fmt.Sprintf("is %s; %s is at most %s", Size(size), k.Name, Size(k.Limit))
	if size < 0 {
		reason = fmt.Sprintf("is larger than %s, the most %s may be", Size(k.Limit), k.Name)
	}
	return &Error{Name: name, Err: ErrTooLarge, Reason: reason, Hint: k.Hint}
}

func special(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Stat returns the file information of name, links inside the site
// followed.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	real, err := f.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: underlying(err)}
	}
	return fi, nil
}

// ReadFile reads the regular file name, within its kind's size limit.
func (f *FS) ReadFile(name string) ([]byte, error) {
	file, err := f.openFile(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	// Read into a buffer of the file's size, as os.ReadFile does: grown
	// from nothing, a large file would be copied a dozen times.
	buf := make([]byte, 0, file.size+1)
	for {
		n, err := file.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
	}
}

// ReadDir lists the folder name, sorted by name. Entries are as the
// folder holds them: a link is a link (its Type is fs.ModeSymlink), to be
// followed, or refused, when it is opened.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	real, err := f.resolve("readdir", name)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: underlying(err)}
	}
	return entries, nil
}

// Open opens name: a regular file (whose reads stop at its kind's size
// limit) or a folder.
func (f *FS) Open(name string) (fs.File, error) {
	real, err := f.resolve("open", name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	if fi.IsDir() {
		return os.Open(real)
	}
	return f.openFile(name)
}

// openFile opens the regular file name for reading, checking its mode
// before it is opened and again after.
func (f *FS) openFile(name string) (*file, error) {
	real, err := f.resolve("open", name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	if err := regular(name, fi); err != nil {
		return nil, err
	}
	osf, err := os.OpenFile(real, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: underlying(err)}
	}
	// What was opened may not be what was looked at.
	if fi, err = osf.Stat(); err == nil {
		err = regular(name, fi)
	}
	if err != nil {
		osf.Close()
		return nil, err
	}
	k := KindOf(name)
	return &file{File: osf, name: name, kind: k, left: k.Limit, size: fi.Size()}, nil
}

// file is a regular file of the site whose reads stop at its size limit,
// however much it grows while it is read.
type file struct {
	*os.File
	name string
	kind Kind
	left int64
	size int64 // when it was opened
}

func (f *file) Read(p []byte) (int, error) {
	if int64(len(p)) > f.left+1 {
		p = p[:f.left+1]
	}
	n, err := f.File.Read(p)
	f.left -= int64(n)
	if f.left < 0 {
		return n, tooLarge(f.name, -1, f.kind)
	}
	return n, err
}

// Walk calls fn for every regular file under the folder dir, with its
// path in the site folder (forward slashes), in lexical order; links
// inside the site are followed, to files and to folders. A file that is
// not read (a link outside the site folder or to nowhere, a special file,
// a file over its size limit, a folder that links back into itself) is
// passed to fn with its *Error, and fn decides: return nil to go on, or
// an error to stop the walk with it. A dir that does not exist is not
// walked, and Walk returns nil.
func (f *FS) Walk(dir string, fn func(name string, err error) error) error {
	real, err := f.resolve("walk", dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fn(dir, err)
	}
	return f.walk(dir, real, map[string]bool{}, fn)
}

func (f *FS) walk(name, real string, open map[string]bool, fn func(string, error) error) error {
	if open[real] {
		return fn(name, &Error{Name: name, Err: ErrLink, Reason: "is a link to a folder that holds it, a loop",
			Hint: "delete the link"})
	}
	open[real] = true
	defer delete(open, real)
	entries, err := os.ReadDir(real)
	if err != nil {
		return fn(name, &fs.PathError{Op: "readdir", Path: name, Err: underlying(err)})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	for _, e := range entries {
		child := path.Join(name, e.Name())
		childReal, err := f.resolve("walk", child)
		if err != nil {
			if err := fn(child, err); err != nil {
				return err
			}
			continue
		}
		fi, err := os.Stat(childReal)
		if err != nil {
			if err := fn(child, &fs.PathError{Op: "stat", Path: child, Err: underlying(err)}); err != nil {
				return err
			}
			continue
		}
		if fi.IsDir() {
			if err := f.walk(child, childReal, open, fn); err != nil {
				return err
			}
			continue
		}
		if err := fn(child, regular(child, fi)); err != nil {
			return err
		}
	}
	return nil
}
