package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// testSite is a site folder with links of every sort, beside a folder
// outside it that holds a secret.
func testSite(t *testing.T) (*FS, string) {
	t.Helper()
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	write(t, parent, map[string]string{"secret/env": "TOKEN=hunter2", "site/data/site.toml": "title = 1", "site/content/about.md": "about",
		"site/shared/terms.md": "terms"})
	symlink(t, "../../secret/env", filepath.Join(site, "content", "outside.md"))
	symlink(t, filepath.Join(parent, "secret"), filepath.Join(site, "static", "linked"))
	symlink(t, "/proc/self/environ", filepath.Join(site, "content", "environ.md"))
	symlink(t, "../shared/terms.md", filepath.Join(site, "content", "terms.md"))
	symlink(t, "../shared", filepath.Join(site, "content", "shared"))
	symlink(t, "nowhere.md", filepath.Join(site, "content", "broken.md"))
	symlink(t, "..", filepath.Join(site, "content", "loop"))
	if err := syscall.Mkfifo(filepath.Join(site, "data", "glossary.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(site)
	if err != nil {
		t.Fatal(err)
	}
	return f, site
}

func TestReadFile(t *testing.T) {
	f, _ := testSite(t)
	for _, tc := range []struct {
		name, want string // want: the content, or the error's words
		err        error
	}{
		{"data/site.toml", "title = 1", nil},
		{"content/terms.md", "terms", nil},        // a link inside the site
		{"content/shared/terms.md", "terms", nil}, // through a linked folder inside the site
		{"content/outside.md", `"content/outside.md" is a link to "../../secret/env", outside the site folder`, ErrLink},
		{"content/environ.md", `"content/environ.md" is a link to "/proc/self/environ", outside the site folder`, ErrLink},
		{"static/linked/env", `"static/linked" is a link to`, ErrLink},
		{"content/broken.md", `"content/broken.md" is a link to "nowhere.md", which is not there`, ErrLink},
		{"data/glossary.toml", `"data/glossary.toml" is not an ordinary file (a named pipe)`, ErrNotRegular},
		{"content", `"content" is a folder`, ErrNotRegular},
		{"content/missing.md", "", fs.ErrNotExist},
		{"../secret/env", "", fs.ErrInvalid},
	} {
		done := make(chan struct{})
		var b []byte
		var err error
		go func() { b, err = f.ReadFile(tc.name); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: ReadFile blocks", tc.name)
		}
		if tc.err == nil {
			if err != nil || string(b) != tc.want {
				t.Errorf("%s: %q, %v; want %q", tc.name, b, err, tc.want)
			}
			continue
		}
		if !errors.Is(err, tc.err) || !strings.Contains(errString(err), tc.want) {
			t.Errorf("%s: %v, want %v saying %q", tc.name, err, tc.err, tc.want)
		}
		if strings.Contains(errString(err), "hunter2") || len(b) > 0 {
			t.Errorf("%s: read what lies outside the site: %q %v", tc.name, b, err)
		}
		var e *Error
		if errors.As(err, &e) && e.Hint == "" {
			t.Errorf("%s: no hint", tc.name)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestSizeLimits(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"data/site.toml":               strings.Repeat("#", 1<<20+1),
		"content/minutes/a.md":         strings.Repeat("x", 1<<20),
		"data/quarters/2023-24-q1.csv": "measure,value\n",
	})
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.ReadFile("data/site.toml")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrTooLarge) || e.Reason != "is 1.0 MB; the site settings file is at most 1 MB" || e.Hint == "" {
		t.Errorf("site.toml over its limit: %v", err)
	}
	if b, err := f.ReadFile("content/minutes/a.md"); err != nil || len(b) != 1<<20 {
		t.Errorf("a minutes file at its limit: %d bytes, %v", len(b), err)
	}
	// /dev/zero linked in is refused as a device, wherever the link is
	// allowed to point: a file that grows as it is read stops at its limit.
	file, err := f.openFile("data/quarters/2023-24-q1.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	file.left = 4
	buf := make([]byte, 100)
	n, err := file.Read(buf)
	if !errors.Is(err, ErrTooLarge) || n > 5 {
		t.Errorf("a file over its limit while read: %d bytes, %v", n, err)
	}
}

func TestKindOf(t *testing.T) {
	for name, want := range map[string]string{
		"data/site.toml":                "the site settings file",
		"data/measures/a.toml":          "a file of measure definitions",
		"data/quarters/2023-24-q1.csv":  "a quarterly data file",
		"data/quarters/2023-24-q1.xlsx": "a quarterly workbook",
		"content/minutes/a.md":          "a minutes summary",
		"content/help/a.md":             "a page",
		"static/report.pdf":             "a static file",
		"README.md":                     "a file",
	} {
		if got := KindOf(name).Name; got != want {
			t.Errorf("KindOf(%s) = %q, want %q", name, got, want)
		}
	}
}

func TestWalk(t *testing.T) {
	f, _ := testSite(t)
	var files, refused []string
	err := f.Walk("content", func(name string, err error) error {
		if err != nil {
			refused = append(refused, name+": "+err.Error())
			return nil
		}
		files = append(files, name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// content/loop is the site folder, whose content/ is the folder
	// being walked: a loop, refused below.
	wantFiles := []string{"content/about.md", "content/loop/data/site.toml", "content/loop/shared/terms.md",
		"content/shared/terms.md", "content/terms.md"}
	if !reflect.DeepEqual(files, wantFiles) {
		t.Errorf("files:\n%s\nwant:\n%s", strings.Join(files, "\n"), strings.Join(wantFiles, "\n"))
	}
	for _, want := range []string{
		`content/broken.md: "content/broken.md" is a link to "nowhere.md", which is not there`,
		`content/environ.md: "content/environ.md" is a link to "/proc/self/environ", outside the site folder`,
		`content/loop/content: "content/loop/content" is a link to a folder that holds it, a loop`,
		`content/loop/data/glossary.toml: "content/loop/data/glossary.toml" is not an ordinary file (a named pipe)`,
		`content/outside.md: "content/outside.md" is a link to "../../secret/env", outside the site folder`,
	} {
		found := false
		for _, r := range refused {
			found = found || strings.HasPrefix(r, want)
		}
		if !found {
			t.Errorf("not refused: %s\nrefused:\n%s", want, strings.Join(refused, "\n"))
		}
	}
	if err := f.Walk("missing", func(string, error) error { return errors.New("called") }); err != nil {
		t.Errorf("walking a folder that is not there: %v", err)
	}
}

// fs.WalkDir and fs.ReadFile go through the checks too.
func TestAsFS(t *testing.T) {
	f, _ := testSite(t)
	var fsys fs.FS = f
	if _, err := fs.ReadFile(fsys, "content/outside.md"); !errors.Is(err, ErrLink) {
		t.Errorf("fs.ReadFile of a link outside: %v", err)
	}
	file, err := fsys.Open("content/environ.md")
	if err == nil {
		file.Close()
		t.Error("Open of a link to /proc/self/environ succeeded")
	}
	entries, err := fs.ReadDir(fsys, "content")
	if err != nil || len(entries) == 0 {
		t.Fatalf("ReadDir: %v", err)
	}
}
