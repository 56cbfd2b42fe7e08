package build

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/perfsite/perfsite/internal/check/checktest"
	"github.com/perfsite/perfsite/internal/publish"
)

// The problems of a site, each word for word at its file:line:col, are
// internal/check's tests (which load sites from memory, with no Hugo). What
// needs a whole build is here: a site with errors is not built, and leaves
// public/ and the site folder as they were; a site with warnings only is
// built and published. Both start from internal/check's valid base site.

// The base site, its edits and the printing of problems are
// internal/check/checktest's, under short names.
type edit = checktest.Edit

var (
	replace = checktest.Replace
	put     = checktest.Put
	printed = checktest.Printed
)

const (
	q1      = "data/quarters/2023-24-q1.csv"
	q2      = "data/quarters/2023-24-q2.csv"
	site    = "data/site.toml"
	defs    = "data/measures.toml"
	minutes = "content/minutes/2023-11-14-cyp.md"
)

// TestProblemsStopTheBuild puts errors in several files (those of
// internal/check's TestProblemsAllAtOnce): the build fails with
// ErrProblems, reports all eight problems, and changes nothing
// (buildPlanted checks public/ and the site folder).
func TestProblemsStopTheBuild(t *testing.T) {
	files := checktest.Base()
	for _, e := range []edit{
		replace(site, `base_url = "https://example.org/"`, "base_url = \"https://example.org/\"\nyear_start_month = 0"),
		replace(defs, `unit = "percent"`, `unit = "kg"`),
		replace(defs, "target = 52\n", "target = 52\n\n[[measure]]\nid = \"new-measure\"\ntitle = \"New\"\nservice = \"children\"\nunit = \"count\"\nbetter = \"higher\"\n"),
		replace(q1, "in-care,51,,,,", "in-care,51,,,bad,"),
		replace(q2, "in-care,56.2,", "in-cre,56.2,"),
		replace(q2, "94.9,", "n/a,"),
		put("data/quarters/2022-23-q4.csv", "measure,value\nin-care,50\n"),
		replace(minutes, "date: 2023-11-14", "date: 2023-11-31"),
		replace("content/minutes/2023-09-12-cyp.md", "measures: [care-leavers-eet]", "measures: [leavers]"),
	} {
		e(t, files)
	}
	res, err := buildPlanted(t, files)
	if !errors.Is(err, ErrProblems) {
		t.Fatalf("build error %v, want the input's problems", err)
	}
	if errs, warns := res.Problems.Count(); errs != 7 || warns != 1 {
		t.Errorf("%d errors and %d warnings, want 7 and 1:\n  %s", errs, warns, strings.Join(printed(res.Problems, -1), "\n  "))
	}
}

// TestWarnings: a site whose only problems are warnings (a measure with no
// data, a latest quarter with no minutes) is built and published.
func TestWarnings(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo")
	}
	files := checktest.Base()
	replace(defs, "target = 52\n", "target = 52\n\n[[measure]]\nid = \"new-measure\"\ntitle = \"A measure with no figures yet\"\nservice = \"children\"\nunit = \"count\"\nbetter = \"higher\"\n")(t, files)
	put("data/quarters/2023-24-q3.csv", "measure,value\nin-care,50\nnew-measure,\n")(t, files)
	res, err := buildPlanted(t, files)
	if err != nil {
		t.Fatalf("the build failed: %v", err)
	}
	// The two warnings of internal/check's TestWarnings.
	if errs, warns := res.Problems.Count(); errs != 0 || warns != 2 {
		t.Errorf("%d errors and %d warnings, want 0 and 2:\n  %s", errs, warns, strings.Join(printed(res.Problems, -1), "\n  "))
	}
	if _, err := os.Stat(filepath.Join(res.Dest, "sentinel.txt")); err == nil {
		t.Error("the old public/ was not replaced")
	}
	if _, err := os.Stat(filepath.Join(res.Dest, "measures", "new-measure", "index.html")); err != nil {
		t.Error(err)
	}
}

// TestProblemsBase: the base site has no problems at all.
func TestProblemsBase(t *testing.T) {
	res, _, err := Check(Options{Source: writeSite(t, checktest.Base())})
	if err != nil || len(res.Problems) != 0 {
		t.Fatalf("the base site has problems: %v\n%s", err, strings.Join(printed(res.Problems, -1), "\n"))
	}
}

// readTxtar reads the files of a txtar archive, by name.
func readTxtar(t *testing.T, path string) map[string]string {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return archiveFiles(ar)
}

func archiveFiles(ar *txtar.Archive) map[string]string {
	files := map[string]string{}
	for _, f := range ar.Files {
		files[f.Name] = string(f.Data)
	}
	return files
}

// writeSite writes files into a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

// writeFiles writes files, named relative to dir with forward slashes.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		if err := writeFileAll(filepath.Join(dir, filepath.FromSlash(name)), []byte(content)); err != nil {
			t.Fatal(err)
		}
	}
}

const sentinelText = "the site that was there before"

// plantPublic makes dir/public a site perfsite built (it has perfsite's
// marker) holding one file, sentinel.txt, so that a test can tell whether
// a build replaced or changed it.
func plantPublic(t *testing.T, dir string) (public string) {
	t.Helper()
	public = filepath.Join(dir, "public")
	writeFiles(t, public, map[string]string{"sentinel.txt": sentinelText, publish.MarkerName: "built by perfsite"})
	return public
}

// publicUntouched reports whether public is exactly as plantPublic left it.
func publicUntouched(t *testing.T, public string) bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(public, "sentinel.txt"))
	return err == nil && string(b) == sentinelText && reflect.DeepEqual(names(t, public), []string{publish.MarkerName, "sentinel.txt"})
}

// buildPlanted writes the site, plants a public/ folder holding one file,
// and builds. After a failed build it checks that public/ is exactly as
// planted and that nothing was left next to it.
func buildPlanted(t *testing.T, files map[string]string) (*Result, error) {
	t.Helper()
	dir := writeSite(t, files)
	public := plantPublic(t, dir)
	before := names(t, dir)
	res, err := Build(Options{Source: dir})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	if err != nil {
		if !publicUntouched(t, public) {
			t.Errorf("a failed build changed public/: %v", names(t, public))
		}
		if after := names(t, dir); !reflect.DeepEqual(after, before) {
			t.Errorf("a failed build left files in the site folder: %v, before %v", after, before)
		}
	}
	return res, err
}
