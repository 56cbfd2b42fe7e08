// Package cache keeps files between builds that depend only on their key:
// the share images (named by a hash of what they show) and the bundle of
// the interactive charts' script (named by a hash of its inputs). They live
// in the user's cache folder (os.UserCacheDir()/perfsite/<kind>, so
// ~/.cache/perfsite on Linux), never in the site folder. Files not used for
// a fortnight are removed, once a day at most. PERFSITE_CACHE=off turns
// every cache off, and PERFSITE_CACHE=FOLDER puts them in FOLDER instead
// (tests do); a folder that cannot be used is the same as none: a cache
// only ever saves time, and a build never fails because of it.
package cache

import (
	"os"
	"path/filepath"
	"time"
)

// Env is the environment variable that turns the caches off ("off") or
// says where they are (a folder).
const Env = "PERFSITE_CACHE"

// unusedDays is how long a file is kept without being used.
const unusedDays = 14

// Dir is one kind of cached file, in a folder of its own.
type Dir struct {
	path string // "" when there is no cache
	ext  string // of every file, ".png"
}

// Open is the cache of files of one kind (a folder name, "share-images"),
// each named by its key and ext. It is a cache that keeps nothing when
// caches are off or the folder cannot be made.
func Open(kind, ext string) Dir {
	switch env := os.Getenv(Env); env {
	case "off":
		return Dir{}
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return Dir{}
		}
		return At(filepath.Join(base, "perfsite", kind), ext)
	default:
		return At(filepath.Join(env, kind), ext)
	}
}

// At is the cache in the folder path.
func At(path, ext string) Dir {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return Dir{}
	}
	return Dir{path: path, ext: ext}
}

// file is where the file of key is: in a folder named by its first two
// characters, so that no folder holds tens of thousands.
func (d Dir) file(key string) string {
	return filepath.Join(d.path, key[:2], key+d.ext)
}

// Get returns the file of key, and marks it used.
func (d Dir) Get(key string) ([]byte, bool) {
	if d.path == "" || len(key) < 2 {
		return nil, false
	}
	p := d.file(key)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	now := time.Now()
	os.Chtimes(p, now, now)
	return b, true
}

// Put keeps b as the file of key. Failing to is not an error (the next
// build makes it again). The file appears whole or not at all, so builds
// running at the same time can share the cache.
func (d Dir) Put(key string, b []byte) {
	if d.path == "" || len(key) < 2 {
		return
	}
	p := d.file(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// Sweep removes the files not used for a fortnight, at most once a day
// (the mtime of the folder's "swept" file says when it last ran).
func (d Dir) Sweep() {
	if d.path == "" {
		return
	}
	stamp := filepath.Join(d.path, "swept")
	now := time.Now()
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < 24*time.Hour {
		return
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		return
	}
	old := now.Add(-unusedDays * 24 * time.Hour)
	subs, _ := os.ReadDir(d.path)
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		files, _ := os.ReadDir(filepath.Join(d.path, sub.Name()))
		for _, f := range files {
			if fi, err := f.Info(); err == nil && fi.ModTime().Before(old) {
				os.Remove(filepath.Join(d.path, sub.Name(), f.Name()))
			}
		}
	}
}
