package scaffold

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

var update = flag.Bool("update", false, "rewrite newsite/package-lock.json from the repository's package-lock.json")

var nov2025 = time.Date(2025, 11, 5, 15, 4, 0, 0, time.UTC)

// A new site checks with no problem at all, not even a warning.
func TestNewSiteChecksClean(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "our-site")
	files, err := NewSite(dir, SiteOptions{Today: nov2025})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{".gitignore", "README.md", "content/about.md", "content/minutes/2025-11-05-scrutiny.md",
		"data/measures.toml", "data/quarters/2025-26-q2.csv", "data/site.toml", "netlify.toml", "package-lock.json", "package.json"}
	slices.Sort(files)
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %v, want %v", files, want)
	}
	in, probs, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	if len(probs) > 0 {
		t.Errorf("problems in a new site:\n%s", probs)
	}
	if len(in.Measures) != 1 || len(in.Quarters) != 1 || len(in.Minutes) != 1 || len(in.Pages) != 1 || !in.Site.Sample {
		t.Errorf("read %d measures, %d quarters, %d minutes, %d pages, sample %v", len(in.Measures), len(in.Quarters), len(in.Minutes), len(in.Pages), in.Site.Sample)
	}
	if m := in.Minutes[0]; m.Period != (model.Period{Year: 2025, Quarter: 2}) || !strings.Contains(m.Body, "Q2 2025/26 (July to September 2025)") {
		t.Errorf("minutes: %+v", m)
	}
	if !strings.Contains(read(t, dir, "README.md"), "perfsite/cmd/perfsite@latest") {
		t.Error("the README does not say how to install perfsite")
	}
}

func TestNewSiteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSite(dir, SiteOptions{Today: nov2025}); err == nil || !strings.Contains(err.Error(), "is not empty") {
		t.Errorf("a folder with a file in it: %v", err)
	}
	if _, err := NewSite(filepath.Join(dir, "notes.txt"), SiteOptions{Today: nov2025}); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("a file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("the file was changed")
	}
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSite(empty, SiteOptions{Today: nov2025}); err != nil {
		t.Errorf("an empty folder: %v", err)
	}
	if _, err := NewSite(empty, SiteOptions{Today: nov2025}); err == nil {
		t.Error("a second site in the same folder")
	}
}

func TestLastQuarterBefore(t *testing.T) {
	cal := model.Calendar{StartMonth: time.April}
	for day, want := range map[string]string{
		"2025-11-05": "2025-26-q2", "2025-10-01": "2025-26-q2", "2025-09-30": "2025-26-q1",
		"2025-04-01": "2024-25-q4", "2025-01-15": "2024-25-q3",
	} {
		d, _ := time.Parse(time.DateOnly, day)
		if got := cal.Slug(lastQuarterBefore(d, cal)); got != want {
			t.Errorf("%s: %s, want %s", day, got, want)
		}
	}
}

// netlify.toml installs the running release, or the latest, builds the
// site, and sets the same Go version and security headers as the
// repository's own netlify.toml.
func TestNewSiteNetlify(t *testing.T) {
	type netlify struct {
		Build struct {
			Command     string
			Publish     string
			Environment map[string]string
		}
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	var repo netlify
	if _, err := toml.DecodeFile("../../netlify.toml", &repo); err != nil {
		t.Fatal(err)
	}
	for version, install := range map[string]string{"": "@latest ", "v1.2.0": "@v1.2.0 "} {
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := NewSite(dir, SiteOptions{Today: nov2025, Version: version}); err != nil {
			t.Fatal(err)
		}
		var site netlify
		if _, err := toml.DecodeFile(filepath.Join(dir, "netlify.toml"), &site); err != nil {
			t.Fatal(err)
		}
		cmd := site.Build.Command
		if !strings.HasPrefix(cmd, "go install github.com/perfsite/perfsite/cmd/perfsite"+install+"&& npm ci && ") ||
			!strings.HasSuffix(cmd, `/bin/perfsite" build --base-url "$URL/"`) || site.Build.Publish != "public" {
			t.Errorf("version %q: build command %q, publish %q", version, cmd, site.Build.Publish)
		}
		if !reflect.DeepEqual(site.Build.Environment, repo.Build.Environment) {
			t.Errorf("environment %v, the repository's %v", site.Build.Environment, repo.Build.Environment)
		}
		if !reflect.DeepEqual(site.Headers, repo.Headers) {
			t.Errorf("headers differ from the repository's netlify.toml:\n%v\n%v", site.Headers, repo.Headers)
		}
		if !strings.Contains(read(t, dir, "README.md"), "perfsite/cmd/perfsite"+strings.TrimSpace(install)) {
			t.Errorf("version %q: the README installs another perfsite", version)
		}
	}
}

// The new site's package-lock.json is the repository's, cut down to
// ECharts and what it needs: the same versions and integrity hashes, so
// that npm ci installs in a council's site exactly the ECharts perfsite is
// tested with. go test -update writes it again after an ECharts update.
func TestNewSitePackageLock(t *testing.T) {
	repoLock, err := os.ReadFile("../../package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var lock struct {
		Packages map[string]map[string]any `json:"packages"`
	}
	if err := json.Unmarshal(repoLock, &lock); err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Name         string            `json:"name"`
		Dependencies map[string]string `json:"dependencies"`
	}
	siteJSON, err := newSite.ReadFile("newsite/package.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(siteJSON, &pkg); err != nil {
		t.Fatal(err)
	}
	echarts := lock.Packages["node_modules/echarts"]
	if echarts == nil || pkg.Dependencies["echarts"] != echarts["version"] || len(pkg.Dependencies) != 1 {
		t.Fatalf("package.json names ECharts %q, the repository's lock %v", pkg.Dependencies["echarts"], echarts["version"])
	}
	// The lock: the root package, then ECharts and its dependencies, as
	// the repository's lock has them.
	type entry struct {
		key   string
		value map[string]any
	}
	root := map[string]any{"name": pkg.Name, "dependencies": map[string]any{"echarts": pkg.Dependencies["echarts"]}}
	entries := []entry{{"", root}}
	todo := []string{"echarts"}
	seen := map[string]bool{}
	for len(todo) > 0 {
		name := todo[0]
		todo = todo[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		e, ok := lock.Packages["node_modules/"+name]
		if !ok {
			t.Fatalf("the repository's lock has no %s", name)
		}
		entries = append(entries, entry{"node_modules/" + name, e})
		if deps, ok := e["dependencies"].(map[string]any); ok {
			for d := range deps {
				todo = append(todo, d)
			}
		}
	}
	want := map[string]any{"name": pkg.Name, "lockfileVersion": 3.0, "requires": true, "packages": map[string]any{}}
	for _, e := range entries {
		want["packages"].(map[string]any)[e.key] = e.value
	}
	if *update {
		b, err := json.MarshalIndent(want, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("newsite/package-lock.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := newSite.ReadFile("newsite/package-lock.json")
	if err != nil {
		t.Fatal(err)
	}
	var gotJSON map[string]any
	if err := json.Unmarshal(got, &gotJSON); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !reflect.DeepEqual(gotJSON, want) {
		t.Errorf("newsite/package-lock.json is not the repository's lock cut down to ECharts (go test -update writes it):\n%s\nwant:\n%v", got, want)
	}
	var parsed struct {
		Packages map[string]struct{ Version, Integrity string } `json:"packages"`
	}
	if err := json.Unmarshal(got, &parsed); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if e := parsed.Packages["node_modules/echarts"]; e.Version != echarts["version"] || e.Integrity != echarts["integrity"] || e.Integrity == "" {
		t.Errorf("ECharts %+v, the repository's %v %v", e, echarts["version"], echarts["integrity"])
	}
}
