// Package output describes the files of a built site: each one a path and
// a function that writes its bytes. The build writes every file into a new
// folder; the preview writes a file when a browser asks for it. Both get
// the same bytes from the same function, so the preview is the build.
package output

import (
	"bytes"
	"io"
)

// File is one file of the built site.
type File struct {
	// Path is where it goes, from the site's root, with forward slashes:
	// "measures/x/index.html", "feed.xml".
	Path string
	// Write writes its bytes. It may be called more than once (the
	// preview), and from several goroutines for different files.
	Write func(w io.Writer) error
}

// Bytes is a file whose bytes are known already.
func Bytes(path string, b []byte) File {
	return File{Path: path, Write: func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	}}
}

// Render returns the bytes of f.
func Render(f File) ([]byte, error) {
	var b bytes.Buffer
	err := f.Write(&b)
	return b.Bytes(), err
}
