package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/chromium"
	"github.com/perfsite/perfsite/internal/explain"
)

// needs skips t on a developer's machine when a tool is missing, and fails
// it in CI (CI=true), where .ci/run installs Chromium and poppler-utils.
func needs(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is missing: %v", what, err)
	}
	t.Skipf("%s is missing: %v", what, err)
}

// The example site's latest report, printed to PDF by Chromium: a tagged
// PDF whose text holds every measure's title and figure, in the report's
// order (the quarter page's), read back with poppler's pdftotext.
func TestReportPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site and runs Chromium")
	}
	exe, err := chromium.Find()
	needs(t, "Chromium", err)
	_, err = exec.LookPath("pdftotext")
	needs(t, "pdftotext (poppler-utils)", err)

	pdf := filepath.Join(t.TempDir(), "report.pdf")
	res, label, err := ReportPDF(context.Background(), Options{Source: "../.."}, "", pdf, exe)
	if err != nil {
		t.Fatal(err)
	}
	if label != "Q2 2023/24" {
		t.Errorf("the latest quarter is %s", label)
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tagged:          yes", "Title:           Performance report: Q2 2023/24 |"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	raw, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Lines break inside a table's narrow cells: compare without spaces.
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	text := squash(string(raw))
	q := res.Site.LatestQuarter()
	at := strings.Index(text, squash("Every measure Each measure’s figure"))
	if at < 0 {
		t.Fatalf("no table of every measure in:\n%s", raw)
	}
	for _, row := range q.Rows {
		figure := "No figure"
		if row.Snapshot.Value != nil {
			figure = explain.Value(&row.Measure.Measure, *row.Snapshot.Value)
		}
		for _, want := range []string{row.Measure.Title, figure} {
			i := strings.Index(text[at:], squash(want))
			if i < 0 {
				t.Fatalf("after position %d, the PDF's text lacks %q (%s); its text:\n%s", at, want, row.Measure.ID, raw)
			}
			at += i + len(squash(want))
		}
	}
	if !strings.Contains(text, squash("Page 2 of")) {
		t.Error("the pages are not numbered")
	}
	if !strings.Contains(text, squash("Performance report, Q2 2023/24, Warwickshire County Council")) {
		t.Error("no running header")
	}
}

// The report is never written inside the site folder, nor over a file
// that is not a PDF; the file is left as it was.
func TestReportPDFRefuses(t *testing.T) {
	site := t.TempDir()
	inside := filepath.Join(site, "data", "measures.toml")
	os.MkdirAll(filepath.Dir(inside), 0o755)
	os.WriteFile(inside, []byte("# mine\n"), 0o644)
	notPDF := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notPDF, []byte("my notes\n"), 0o644)
	for _, c := range []struct{ file, want string }{
		{inside, "inside the site folder"},
		{filepath.Join(site, "public", "report.pdf"), "inside the site folder"},
		{notPDF, "is not a PDF"},
	} {
		_, _, err := ReportPDF(context.Background(), Options{Source: site}, "", c.file, "/nonexistent/chromium")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.file, err, c.want)
		}
	}
	if b, _ := os.ReadFile(inside); string(b) != "# mine\n" {
		t.Errorf("the site's file was changed: %q", b)
	}
	if b, _ := os.ReadFile(notPDF); string(b) != "my notes\n" {
		t.Errorf("the file that is not a PDF was changed: %q", b)
	}
}
