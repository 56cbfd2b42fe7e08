package cache

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestGetPut(t *testing.T) {
	d := At(t.TempDir(), ".png")
	key := "ab12cd"
	if _, ok := d.Get(key); ok {
		t.Fatal("an empty cache has a file")
	}
	d.Put(key, []byte("image"))
	if b, ok := d.Get(key); !ok || string(b) != "image" {
		t.Fatalf("Get after Put: %q, %v", b, ok)
	}
	if _, err := os.Stat(filepath.Join(d.path, "ab", "ab12cd.png")); err != nil {
		t.Errorf("not in the folder of its first two characters: %v", err)
	}
	if files, _ := filepath.Glob(filepath.Join(d.path, "ab", ".tmp-*")); len(files) > 0 {
		t.Errorf("left temporary files: %v", files)
	}
	d.Put(key, []byte("again"))
	if b, _ := d.Get(key); string(b) != "again" {
		t.Errorf("Put did not replace the file: %q", b)
	}
}

func TestOff(t *testing.T) {
	t.Setenv(Env, "off")
	d := Open("share-images", ".png")
	d.Put("ab12", []byte("x"))
	if _, ok := d.Get("ab12"); ok {
		t.Error("PERFSITE_CACHE=off keeps files")
	}
	folder := t.TempDir()
	t.Setenv(Env, folder)
	d = Open("share-images", ".png")
	d.Put("ab12", []byte("x"))
	if _, ok := d.Get("ab12"); !ok {
		t.Error("the cache in PERFSITE_CACHE's folder keeps nothing")
	}
	if _, err := os.Stat(filepath.Join(folder, "share-images", "ab", "ab12.png")); err != nil {
		t.Errorf("not in PERFSITE_CACHE's folder: %v", err)
	}
}

// A folder that cannot be made is no cache, not an error.
func TestUnusable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	d := At(filepath.Join(file, "cache"), ".png")
	if d != (Dir{}) {
		t.Errorf("a folder that cannot be made is a cache: %+v", d)
	}
	d.Put("ab12", []byte("x"))
	if _, ok := d.Get("ab12"); ok {
		t.Error("an unusable folder keeps files")
	}
}

func TestSweep(t *testing.T) {
	d := At(t.TempDir(), ".png")
	d.Put("aaold", []byte("old"))
	d.Put("aanew", []byte("new"))
	long := time.Now().Add(-(unusedDays + 1) * 24 * time.Hour)
	if err := os.Chtimes(d.file("aaold"), long, long); err != nil {
		t.Fatal(err)
	}
	d.Sweep()
	if _, err := os.Stat(d.file("aaold")); !os.IsNotExist(err) {
		t.Errorf("a file unused for %d days is still there: %v", unusedDays+1, err)
	}
	if _, ok := d.Get("aanew"); !ok {
		t.Error("a file used today was removed")
	}
	// Not again the same day.
	d.Put("bbold", []byte("old"))
	if err := os.Chtimes(d.file("bbold"), long, long); err != nil {
		t.Fatal(err)
	}
	d.Sweep()
	if _, err := os.Stat(d.file("bbold")); err != nil {
		t.Errorf("swept twice in a day: %v", err)
	}
}
