package load

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// siteFiles is a small valid site, for tests that change one thing.
var siteFiles = map[string]string{
	"data/site.toml": `title = "T"
organisation = "O"
base_url = "https://example.org/"

[[committee]]
id = "cyp"
name = "C"

[[service]]
id = "children"
name = "Children"
committee = "cyp"
`,
	"data/measures.toml": `[[measure]]
id = "eet"
title = "Care leavers in education"
service = "children"
unit = "percent"
better = "higher"
target = 90
`,
	"data/quarters/2023-24-q1.csv":      "measure,value\neet,88.5\n",
	"data/quarters/2023-24-q2.csv":      "measure,value\neet,94.9\n",
	"content/minutes/2023-11-14-cyp.md": "---\ntitle: \"Q2\"\ncommittee: cyp\ndate: 2023-11-14\nperiod: 2023-24-q2\n---\nText.\n",
}

// writeSiteDir writes siteFiles with changes (an empty text deletes a
// file) into a new folder.
func writeSiteDir(t *testing.T, changes map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	files := map[string]string{}
	for k, v := range siteFiles {
		files[k] = v
	}
	for k, v := range changes {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// loadWithin loads dir, failing the test if it takes longer than 10 s (a
// named pipe read blocks for ever).
func loadWithin(t *testing.T, dir string) []string {
	t.Helper()
	type result struct {
		probs []string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		_, probs, err := Load(dir)
		var out []string
		for _, p := range probs {
			s := p.String()
			if p.Span != nil {
				s += "\n\tshows: " + p.Span.Text
			}
			out = append(out, s)
		}
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.probs
	case <-time.After(10 * time.Second):
		t.Fatal("Load blocks")
	}
	return nil
}

func wantProblem(t *testing.T, probs []string, want string) {
	t.Helper()
	for _, p := range probs {
		if strings.HasPrefix(p, want) {
			return
		}
	}
	t.Errorf("no problem %q in:\n%s", want, strings.Join(probs, "\n"))
}

// Links that lead outside the site folder are problems that name the link
// and where it points, and what they point to is never read: a link to
// /proc/self/environ once printed every environment variable. A named
// pipe hung the build, /dev/zero ate memory.
func TestLinksAndSpecialFiles(t *testing.T) {
	dir := writeSiteDir(t, nil)
	secret := filepath.Join(filepath.Dir(dir), "secret.md")
	if err := os.WriteFile(secret, []byte("---\ntitle: TOKEN=hunter2\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"content/minutes/outside.md":   "../../../secret.md",
		"content/environ.md":           "/proc/self/environ",
		"content/minutes/zero.md":      "/dev/zero",
		"data/quarters/2023-24-q3.csv": "../../../secret.md",
		"content/inside.md":            "minutes/2023-11-14-cyp.md",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "data", "glossary.toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "data", "quarters", "2023-24-q4.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	probs := loadWithin(t, dir)
	wantProblem(t, probs, `content/minutes/outside.md: this file is a link to "../../../secret.md", outside the site folder`)
	wantProblem(t, probs, `content/environ.md: this file is a link to "/proc/self/environ", outside the site folder`)
	wantProblem(t, probs, `content/minutes/zero.md: this file is a link to "/dev/zero", outside the site folder`)
	wantProblem(t, probs, `data/quarters/2023-24-q3.csv: this file is a link to "../../../secret.md", outside the site folder`)
	wantProblem(t, probs, `data/glossary.toml: this file is not an ordinary file (a named pipe)`)
	wantProblem(t, probs, `data/quarters/2023-24-q4.csv: this file is not an ordinary file (a named pipe)`)
	// A link inside the site is followed (the minutes read as a page).
	wantProblem(t, probs, `content/inside.md:3:1: unknown key "committee"`)
	// Nor is a line of such a file shown under a problem.
	for _, p := range probs {
		if strings.Contains(p, "hunter2") || strings.Contains(p, "PATH=") {
			t.Errorf("problem: %s", p)
		}
	}
}

// A %, #, ?, space or letter of another script in a minutes or page file
// name is read (the address encodes it); a control character, which
// panicked the build, is a problem at the file.
func TestFileNamesAsAddresses(t *testing.T) {
	minutes := siteFiles["content/minutes/2023-11-14-cyp.md"]
	changes := map[string]string{"content/minutes/2023-11-14-cyp.md": ""}
	good := []string{"100%.md", "q#2.md", "what?.md", "a b.md", "café.md"}
	bad := []string{"a\nb.md", "red\x1b[31m.md"}
	for _, n := range append(append([]string{}, good...), bad...) {
		changes["content/minutes/"+n] = minutes
	}
	changes["content/help/new\rline.md"] = "---\ntitle: x\n---\n"
	dir := writeSiteDir(t, changes)
	in, probs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs.Sort()
	var got []string
	for _, p := range probs {
		got = append(got, p.Pos.File+": "+p.Message)
	}
	want := []string{
		"content/help/new\rline.md: the file name \"new\\rline\" holds the control character U+000D at character 4, which cannot be part of a web address",
		"content/minutes/a\nb.md: the file name \"a\\nb\" holds the control character U+000A at character 2, which cannot be part of a web address",
		"content/minutes/red\x1b[31m.md: the file name \"red\\x1b[31m\" holds the control character U+001B at character 4, which cannot be part of a web address",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%q\nwant:\n%q", got, want)
	}
	if len(in.Minutes) != len(good) {
		t.Errorf("read %d minutes, want %d", len(in.Minutes), len(good))
	}
}
