package render

import (
	"os"
	"path/filepath"
	"time"
)

// The share images are the slowest part of rendering (a few milliseconds
// each), and most of them do not change from one build to the next (a
// layout edit, a preview rebuild after a CSV edit, the same data built
// again), so they are kept between builds in the user's cache folder
// (os.UserCacheDir()/perfsite/share-images), named by chart.Share.Key, a
// hash of everything an image shows and of how it is drawn. A cached image
// is copied, not drawn. Images not used for shareCacheDays days are
// removed, once a day at most. PERFSITE_CACHE=off turns the cache off; an
// unusable cache folder is the same as none.

// ShareCacheEnv is the environment variable that turns the cache off
// ("off").
const ShareCacheEnv = "PERFSITE_CACHE"

const shareCacheDays = 14

type shareCache struct {
	dir string // "" when there is no cache
}

func newShareCache() shareCache {
	if os.Getenv(ShareCacheEnv) == "off" {
		return shareCache{}
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return shareCache{}
	}
	dir := filepath.Join(base, "perfsite", "share-images")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return shareCache{}
	}
	return shareCache{dir: dir}
}

func (c shareCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".png")
}

// get returns the image with key, and marks it used.
func (c shareCache) get(key string) ([]byte, bool) {
	if c.dir == "" {
		return nil, false
	}
	p := c.path(key)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	now := time.Now()
	os.Chtimes(p, now, now)
	return b, true
}

// put keeps an image; failing to is not an error (the next build draws it
// again). The file appears whole or not at all, so builds running at the
// same time can share the cache.
func (c shareCache) put(key string, b []byte) {
	if c.dir == "" {
		return
	}
	p := c.path(key)
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

// sweep removes the images not used for shareCacheDays days, at most once
// a day (the mtime of the folder's "swept" file says when it last ran).
func (c shareCache) sweep() {
	if c.dir == "" {
		return
	}
	stamp := filepath.Join(c.dir, "swept")
	now := time.Now()
	if fi, err := os.Stat(stamp); err == nil && now.Sub(fi.ModTime()) < 24*time.Hour {
		return
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		return
	}
	old := now.Add(-shareCacheDays * 24 * time.Hour)
	subs, _ := os.ReadDir(c.dir)
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		files, _ := os.ReadDir(filepath.Join(c.dir, sub.Name()))
		for _, f := range files {
			if fi, err := f.Info(); err == nil && fi.ModTime().Before(old) {
				os.Remove(filepath.Join(c.dir, sub.Name(), f.Name()))
			}
		}
	}
}
