package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// site writes the end-to-end tests' basic site into a new folder.
func site(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile("../../internal/build/testdata/sites/basic.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func edit(t *testing.T, dir, file, old, new string) {
	t.Helper()
	path := filepath.Join(dir, file)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%q is not in %s", old, file)
	}
	if err := os.WriteFile(path, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (run go test -update and review the diff):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// perfsite runs the command as a person would, in the site folder.
func perfsite(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	code = run(append(args, "--source", dir), &out, &errs)
	return code, strings.ReplaceAll(out.String(), dir, "SITE"), strings.ReplaceAll(errs.String(), dir, "SITE")
}

// The check report a person reads: grouped by file, errors first, each
// with its line, a caret and a hint, and the count.
func TestCheckReport(t *testing.T) {
	dir := site(t)
	edit(t, dir, "data/quarters/2023-24-q2.csv", "in-care,56.2,", "in-care,56.2%,")
	edit(t, dir, "data/quarters/2023-24-q2.csv", "cp-plans,36,", "cp-plan,36,")
	edit(t, dir, "data/measures.toml", "better = ", "beter = ")
	code, stdout, stderr := perfsite(t, dir, "check")
	if code != 1 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	golden(t, "check.golden", stdout)

	code, stdout, _ = perfsite(t, dir, "check", "--format", "lines")
	if code != 1 || !strings.Contains(stdout, "data/quarters/2023-24-q2.csv:3:9: the value \"56.2%\" has a % sign, but \"in-care\" is not a percentage: its unit is rate\n\thint: ") {
		t.Errorf("--format lines: exit %d\n%s", code, stdout)
	}
}

func TestCheckClean(t *testing.T) {
	dir := site(t)
	code, stdout, _ := perfsite(t, dir, "check")
	if code != 0 || !strings.HasSuffix(stdout, "No errors: the site can be built.\n") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
}

func TestNewCommands(t *testing.T) {
	dir := site(t)
	code, stdout, stderr := perfsite(t, dir, "new", "quarter", "2023-24-q3")
	if code != 0 || !strings.HasPrefix(stdout, "perfsite: wrote data/quarters/2023-24-q3.csv\n") {
		t.Errorf("new quarter: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = perfsite(t, dir, "new", "quarter", "2023-24-q3")
	if code != 1 || !strings.Contains(stderr, "never overwrites") {
		t.Errorf("new quarter again: exit %d, %s", code, stderr)
	}
	code, stdout, stderr = perfsite(t, dir, "new", "measure", "school-places", "--title", "School places")
	if code != 0 || !strings.HasPrefix(stdout, "perfsite: added a new measure to the end of data/measures.toml\n") {
		t.Errorf("new measure: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = perfsite(t, dir, "new", "minutes", "--date", "2024-02-13")
	if code != 0 || !strings.HasPrefix(stdout, "perfsite: wrote content/minutes/2024-02-13-cyp.md\n") {
		t.Errorf("new minutes: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, _ := perfsite(t, dir, "new", "minutes", "--date", "13/02/2024"); code != 2 {
		t.Errorf("a bad date: exit %d", code)
	}
	if code, _, _ := perfsite(t, dir, "new", "thing"); code != 2 {
		t.Errorf("new thing: exit %d", code)
	}
}

// A build ends with what is new and a summary, and with --whats-new saves
// the summary to a file; without it, nothing but public/ is written.
func TestBuildSummary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo")
	}
	dir := site(t)
	// Never into the site's own files (it could overwrite them) nor the
	// built site (it would be published).
	for _, inside := range []string{filepath.Join(dir, "whats-new.txt"), filepath.Join(dir, "data", "measures.toml")} {
		code, _, stderr := perfsite(t, dir, "build", "--whats-new", inside)
		if code != 1 || !strings.Contains(stderr, "it is inside the site folder") || !strings.Contains(stderr, "../whats-new.txt") {
			t.Errorf("--whats-new %s: exit %d\n%s", inside, code, stderr)
		}
	}
	whatsNew := filepath.Join(t.TempDir(), "whats-new.txt")
	code, stdout, stderr := perfsite(t, dir, "build", "--whats-new", whatsNew)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"What's new in Q2 2023/24 (July to September 2023)\n",
		"Changed status (4)",
		// A status the council set, not the figures: said, lest a steady
		// figure read as a worsening.
		"- Social worker posts that are vacant: now off track (set by the council; by the figures alone, close to target), was on track in Q1 2023/24",
		"Built ",
		"Latest figures (Q2 2023/24): ",
		"The site is in SITE/public/\n",
		"What's new, to paste into an email: " + whatsNew + "\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the output lacks %q:\n%s", want, stdout)
		}
	}
	for _, want := range []string{"perfsite: reading and checking the data...\n", "perfsite: building "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the progress lacks %q:\n%s", want, stderr)
		}
	}
	b, err := os.ReadFile(whatsNew)
	if err != nil || !strings.HasPrefix(string(b), "What's new in Q2 2023/24") {
		t.Errorf("whats-new.txt: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "whats-new.txt")); err == nil {
		t.Error("whats-new.txt is in public/, where it would be published")
	}
}

// perfsite new site writes a site that checks with no problem at all and
// builds, as the README's council route says (.ci/council-route follows
// it word for word with the built binary).
func TestNewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "our-site")
	var out, errs bytes.Buffer
	if code := run([]string{"new", "site", dir}, &out, &errs); code != 0 {
		t.Fatalf("new site: exit %d\n%s%s", code, out.String(), errs.String())
	}
	if !strings.HasPrefix(out.String(), "perfsite: wrote a new site in "+dir+": ") {
		t.Errorf("new site said:\n%s", out.String())
	}
	code, stdout, stderr := perfsite(t, dir, "check")
	if code != 0 || stdout != "No problems found: the site is ready to build.\n" || stderr != "" {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	if testing.Short() {
		return
	}
	code, stdout, stderr = perfsite(t, dir, "build")
	if code != 0 || !strings.Contains(stdout, "The site is in SITE/public/") {
		t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(strings.ToLower(stderr), "warning") || strings.Contains(strings.ToLower(stderr), "error") {
		t.Errorf("the build reported problems:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "measures", "complaints-answered-on-time", "index.json")); err != nil {
		t.Error(err)
	}
	// Never into a folder that has anything in it.
	errs.Reset()
	if code := run([]string{"new", "site", dir}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "is not empty") {
		t.Errorf("new site again: exit %d, %s", code, errs.String())
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "version"} {
		var out, errs bytes.Buffer
		if code := run([]string{arg}, &out, &errs); code != 0 || !strings.HasPrefix(out.String(), "perfsite ") || errs.Len() > 0 {
			t.Errorf("%s: exit %d, %q %q", arg, code, out.String(), errs.String())
		}
	}
}

// The example site, this repository, checks with no problem at all: the
// warnings a site prints are worth reading only if a clean site has none.
func TestExampleSiteChecksClean(t *testing.T) {
	code, stdout, stderr := perfsite(t, "../..", "check")
	if code != 0 || stdout != "No problems found: the site is ready to build.\n" || stderr != "" {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
}

// check says how it read a workbook, so that a person can see that it
// read what they meant.
func TestCheckSaysHowWorkbooksWereRead(t *testing.T) {
	dir := site(t)
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Q3 2023-24")
	f.SetCellValue("Q3 2023-24", "A1", "measure")
	f.SetCellValue("Q3 2023-24", "B1", "value")
	f.SetCellValue("Q3 2023-24", "A2", "in-care")
	f.SetCellValue("Q3 2023-24", "B2", 55)
	if err := f.SaveAs(filepath.Join(dir, "data", "quarters", "performance.xlsx")); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := perfsite(t, dir, "check")
	if want := "data/quarters/performance.xlsx: read sheet by sheet, one quarter a sheet: \"Q3 2023-24\" (Q3 2023/24)\n"; !strings.Contains(stdout, want) {
		t.Errorf("check does not say %q:\n%s", want, stdout)
	}
}
