// Package scaffold writes the files a person fills in each quarter, in the
// right place and already shaped right: the next quarter's data file with
// every measure listed, a commented [[measure]] table, a commented minutes
// summary. It never overwrites a file. cmd/perfsite's "new" command is a
// thin layer over it.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

// ErrExists is returned (wrapped) when the file to write already exists.
var ErrExists = errors.New("the file already exists; perfsite new never overwrites a file")

// Written says what a command wrote.
type Written struct {
	File     string   // the file written, relative to the site folder, with forward slashes
	Notes    []string // what the person should know, one sentence each
	Appended bool     // the text was added to the end of an existing file
}

// loadSite reads the site for what the new file must agree with. Problems
// in the site do not stop a scaffold: it uses what could be read, and
// returns the problems of form that load found, so that a choice made from
// the data can say when a file could not be read.
func loadSite(dir string) (*model.Input, model.Problems, model.Calendar, error) {
	if fi, err := os.Stat(filepath.Join(dir, "data")); err != nil || !fi.IsDir() {
		return nil, nil, model.Calendar{}, fmt.Errorf("%s is not a site folder: it has no data/ folder", dir)
	}
	in, probs, err := load.Load(dir)
	if err != nil {
		return nil, nil, model.Calendar{}, err
	}
	cal := in.Site.Calendar()
	if cal.StartMonth < time.January || cal.StartMonth > time.December {
		cal.StartMonth = time.April
	}
	return in, probs, cal, nil
}

// create writes a new file, failing if it exists.
func create(dir, rel string, b []byte) error {
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s: %w", rel, ErrExists)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func exists(dir, rel string) bool {
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil
}
