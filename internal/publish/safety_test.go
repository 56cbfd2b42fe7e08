package publish

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A link committed into a site folder, named like a staging or
// moved-aside folder (relative, so that it survives git clone), made the
// clean-up follow it and empty the subfolders of what it points to.
func TestLeftoverLinksAreNotFollowed(t *testing.T) {
	for _, prefix := range []string{stagingPrefix, oldPrefix} {
		t.Run(prefix, func(t *testing.T) {
			parent := t.TempDir()
			victim := filepath.Join(parent, "victim")
			files := map[string]string{"data/measures.toml": "precious", "content/about.md": "also precious", MarkerName: markerText}
			write(t, victim, files)
			site := filepath.Join(parent, "site")
			write(t, site, map[string]string{"data/site.toml": "x"})
			link := filepath.Join(site, prefix+"public-123")
			if err := os.Symlink("../victim", link); err != nil {
				t.Fatal(err)
			}
			if _, err := Staging(filepath.Join(site, "public")); err != nil {
				t.Fatal(err)
			}
			if got := tree(t, victim); !reflect.DeepEqual(got, wantTree(files)) {
				t.Errorf("the folder the link points to changed: %v", got)
			}
			if _, err := os.Lstat(link); err != nil {
				t.Errorf("the link was removed: %v", err)
			}
			if _, err := os.Lstat(filepath.Join(site, "public")); err == nil {
				t.Errorf("a site was put back from behind a link")
			}
		})
	}
}

func TestRemoveTreeRefusesALink(t *testing.T) {
	parent := t.TempDir()
	write(t, filepath.Join(parent, "target"), map[string]string{"a/b.txt": "keep"})
	link := filepath.Join(parent, "link")
	if err := os.Symlink("target", link); err != nil {
		t.Fatal(err)
	}
	if err := removeTree(link); err == nil {
		t.Error("removeTree of a link succeeded")
	}
	if _, err := os.Stat(filepath.Join(parent, "target", "a", "b.txt")); err != nil {
		t.Errorf("removeTree of a link removed what it points to: %v", err)
	}
}

// siteFolder makes a site folder with its usual folders, inside a parent
// that holds a sibling folder, and returns the site's path.
func siteFolder(t *testing.T) string {
	t.Helper()
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	write(t, site, map[string]string{
		"data/site.toml": "title", "data/measures.toml": "measures", "content/about.md": "about",
		"layouts/x.html": "x", "static/logo.svg": "logo", "assets/css/x.css": "css", ".git/HEAD": "ref",
	})
	write(t, parent, map[string]string{"sibling/own.txt": "a sibling's file"})
	return site
}

func TestCheckDest(t *testing.T) {
	site := siteFolder(t)
	parent := filepath.Dir(site)
	write(t, site, map[string]string{
		"marked/" + MarkerName: markerText, "marked/index.html": "x",
		"older/index.html": "home", "older/data/measures.json": "[]",
		"older/data/measures.csv": downloadsHeader + ",status_set_by,note\nx,y\n",
		"lookalike/index.html":    "home", "lookalike/data/measures.json": "[]", "lookalike/data/measures.csv": "measure,value\n",
		"own/notes.txt": "a person's",
	})
	if err := os.MkdirAll(filepath.Join(site, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("marked", filepath.Join(site, "linked")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("data", filepath.Join(site, "data-link")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dest   string // relative to the site folder
		reason string // "" for allowed
	}{
		{"public", ""},
		{"new/deeper/public", ""},
		{"empty", ""},
		{"marked", ""},
		{"older", ""},
		{"../elsewhere", ""},
		{".", "the site folder itself"},
		{"..", "holds the site folder"},
		{"../..", "holds the site folder"},
		{"data", "inside the site's data/ folder"},
		{"data/measures.toml", "inside the site's data/ folder"},
		{"data/new", "inside the site's data/ folder"},
		{"data-link/new", "inside the site's data/ folder"},
		{"content", "inside the site's content/ folder"},
		{"content/minutes", "inside the site's content/ folder"},
		{"layouts", "inside the site's layouts/ folder"},
		{"static/public", "inside the site's static/ folder"},
		{"assets", "inside the site's assets/ folder"},
		{".git", "inside the site's .git/ folder"},
		{"own", "holds files that perfsite did not write"},
		{"lookalike", "holds files that perfsite did not write"},
		{"../sibling", "holds files that perfsite did not write"},
		{"linked", "a link"},
		{"own/notes.txt", "a file, not a folder"},
	} {
		dest := filepath.Join(site, tc.dest)
		err := CheckDest(site, dest)
		switch {
		case tc.reason == "" && err != nil:
			t.Errorf("%s: %v", tc.dest, err)
		case tc.reason != "" && err == nil:
			t.Errorf("%s: allowed, want %q", tc.dest, tc.reason)
		case tc.reason != "":
			var pe *PathError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.reason) || !strings.Contains(err.Error(), dest) || pe.Hint == "" {
				t.Errorf("%s: %v, want a *PathError naming the folder, saying %q, with a hint", tc.dest, err, tc.reason)
			}
		}
	}
	// The same from inside the site folder, with relative paths, as
	// "perfsite build --dest ." is typed.
	t.Chdir(site)
	for _, dest := range []string{".", "data", "./content/../data"} {
		if err := CheckDest(".", dest); err == nil {
			t.Errorf("--dest %s in the site folder is allowed", dest)
		}
	}
	if err := CheckDest(".", "public"); err != nil {
		t.Errorf("--dest public: %v", err)
	}
	_ = parent
}

func TestCheckNoteFile(t *testing.T) {
	site := siteFolder(t)
	dest := filepath.Join(t.TempDir(), "out")
	for _, tc := range []struct {
		file   string
		reason string
	}{
		{filepath.Join(filepath.Dir(site), "whats-new.txt"), ""},
		{filepath.Join(site, "data", "measures.toml"), "inside the site folder"},
		{filepath.Join(site, "whats-new.txt"), "inside the site folder"},
		{filepath.Join(site, "public", "whats-new.txt"), "inside the site folder"},
		{filepath.Join(dest, "whats-new.txt"), "inside the folder the site is built into"},
		{filepath.Dir(site), "not a plain file"},
	} {
		err := CheckNoteFile(site, dest, tc.file)
		switch {
		case tc.reason == "" && err != nil:
			t.Errorf("%s: %v", tc.file, err)
		case tc.reason != "" && (err == nil || !strings.Contains(err.Error(), tc.reason) || !strings.Contains(err.Error(), "../whats-new.txt")):
			t.Errorf("%s: %v, want %q and a hint", tc.file, err, tc.reason)
		}
	}
}

// A second build into the same folder waits, then says that another build
// is running; once the first is done, it can go ahead.
func TestLockDest(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	first, err := LockDest(dest, 0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = LockDest(dest, 200*time.Millisecond)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "another perfsite build") || !strings.Contains(err.Error(), dest) {
		t.Errorf("second lock: %v, want ErrBusy naming the folder", err)
	}
	if waited := time.Since(start); waited < 150*time.Millisecond {
		t.Errorf("the second build gave up after %v, without waiting", waited)
	}
	done := make(chan error, 1)
	go func() {
		l, err := LockDest(dest, 5*time.Second)
		if err == nil {
			err = l.Release()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("the waiting build did not get the lock: %v", err)
	}
	if got := names(t, filepath.Dir(dest)); len(got) != 0 {
		t.Errorf("left next to dest: %v", got)
	}
}

// A build that crashed or was killed while holding the lock does not
// block the next one.
func TestLockOfAKilledBuild(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(os.Args[0], "-test.run=^TestLockHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "PERFSITE_LOCK_DEST="+dest)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 6)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked" {
		t.Fatalf("the helper did not take the lock: %q %v", buf, err)
	}
	if _, err := LockDest(dest, 0); !errors.Is(err, ErrBusy) {
		t.Fatalf("the helper's lock is not held: %v", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	l, err := LockDest(dest, time.Second)
	if err != nil {
		t.Fatalf("the lock of a killed build blocks the next: %v", err)
	}
	l.Release()
}

// TestLockHelper takes the lock and waits to be killed.
func TestLockHelper(t *testing.T) {
	dest := os.Getenv("PERFSITE_LOCK_DEST")
	if dest == "" {
		t.Skip("run by TestLockOfAKilledBuild")
	}
	if _, err := LockDest(dest, 0); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("locked")
	time.Sleep(time.Minute)
}

// The portable lock (systems without flock) takes over a lock file whose
// holder stopped refreshing it, and waits for one that is fresh.
func TestLockByFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), lockPrefix+"public")
	write(t, filepath.Dir(path), map[string]string{filepath.Base(path): "1\n"})
	if _, err := acquireByFile(path, 100*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Errorf("a fresh lock file was taken over: %v", err)
	}
	old := time.Now().Add(-2 * lockStale)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	release, err := acquireByFile(path, 0)
	if err != nil {
		t.Fatalf("a stale lock file blocks: %v", err)
	}
	if _, err := acquireByFile(path, 0); !errors.Is(err, ErrBusy) {
		t.Errorf("a held lock was taken: %v", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(path); !os.IsNotExist(err) {
		t.Errorf("the lock file is still there: %v", err)
	}
}
