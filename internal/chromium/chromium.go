// Package chromium prints a web page to PDF with a locally installed
// Chromium (or Chrome), run headless from its command line. perfsite
// needs it only for "perfsite report --pdf"; the site and its build never
// do.
package chromium

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNotFound is returned by Find when no Chromium or Chrome is installed.
var ErrNotFound = errors.New("no Chromium or Chrome is installed")

// names are the commands Chromium and Chrome are installed as.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// Find returns the path of a Chromium: $PERFSITE_CHROMIUM when set, else
// the first of names on the PATH, else the usual place of Chrome on a Mac.
func Find() (string, error) {
	if p := os.Getenv("PERFSITE_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("PERFSITE_CHROMIUM is %s, which cannot be run: %w", p, err)
		}
		return p, nil
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	const mac = "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
	if _, err := os.Stat(mac); err == nil {
		return mac, nil
	}
	return "", ErrNotFound
}

// Timeout is how long Chromium may take to print a page.
const Timeout = 2 * time.Minute

// PrintPDF has the Chromium at exe print the page at url to a PDF at file,
// on A4 unless the page's CSS says otherwise, with no header or footer of
// the browser's own (the page's @page rules make its own). Chromium writes
// a tagged PDF: headings, tables and language, for screen readers. The
// file is replaced only when the whole PDF was written.
func PrintPDF(ctx context.Context, exe, url, file string) error {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	profile, err := os.MkdirTemp("", "perfsite-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	out := filepath.Join(profile, "report.pdf")
	args := []string{
		"--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--disable-background-networking", "--disable-sync",
		"--user-data-dir=" + profile, "--no-pdf-header-footer", "--print-to-pdf=" + out,
	}
	if os.Geteuid() == 0 {
		args = append(args, "--no-sandbox") // Chromium refuses to run as root with its sandbox
	}
	cmd := exec.CommandContext(ctx, exe, append(args, url)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("%s took longer than %s to print the page", exe, Timeout)
		}
		return fmt.Errorf("%s could not print the page: %v\n%s", exe, err, lastLines(stderr.Bytes(), 5))
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		return fmt.Errorf("%s wrote no PDF\n%s", exe, lastLines(stderr.Bytes(), 5))
	}
	tmp := file + ".perfsite-tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, file); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// lastLines are the last n lines of b: Chromium's own messages, where the
// reason for a failure is.
func lastLines(b []byte, n int) []byte {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return bytes.Join(lines, []byte("\n"))
}
