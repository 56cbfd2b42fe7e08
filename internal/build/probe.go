package build

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/perfsite/perfsite"
	"github.com/perfsite/perfsite/internal/hugo"
)

// Hugo v0.165.0 deadlocks when ten or more pages of one build fail to
// render (hugolib.Site.renderPages stops its workers while its page walker
// is still sending), so a broken layout would hang the build for ever
// instead of failing. A site's own layouts are therefore first tried on a
// few probe builds of at most probeBatch pages, one page per layout: a
// broken layout fails there, quickly and with Hugo's message. perfsite's own
// layouts are covered by its tests and need no probe.
const probeBatch = 9

// probeLayouts builds one page of each layout, in batches, before the full
// build. It returns the first error Hugo reports.
func probeLayouts(hs hugo.Site, work string) error {
	pages, err := onePagePerLayout(hs.ContentDir)
	if err != nil {
		return err
	}
	for start := 0; start < len(pages); start += probeBatch {
		batch := pages[start:min(start+probeBatch, len(pages))]
		dir := filepath.Join(work, "probe", "content")
		if err := os.RemoveAll(filepath.Join(work, "probe")); err != nil {
			return err
		}
		for _, rel := range batch {
			b, err := os.ReadFile(filepath.Join(hs.ContentDir, rel))
			if err != nil {
				return err
			}
			if err := writeFileAll(filepath.Join(dir, rel), b); err != nil {
				return err
			}
		}
		probe := hs
		probe.ContentDir = dir
		if err := hugo.Build(probe, filepath.Join(work, "probe", "public")); err != nil {
			return err
		}
	}
	return os.RemoveAll(filepath.Join(work, "probe"))
}

// onePagePerLayout lists, for each layout used, the first generated page
// (in path order) that uses it.
func onePagePerLayout(contentDir string) ([]string, error) {
	seen := map[string]string{}
	err := filepath.WalkDir(contentDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		var fm struct {
			Layout string `json:"layout"`
		}
		if err := json.NewDecoder(bufio.NewReader(f)).Decode(&fm); err != nil {
			return err
		}
		rel, _ := filepath.Rel(contentDir, path)
		if old, ok := seen[fm.Layout]; !ok || rel < old {
			seen[fm.Layout] = rel
		}
		return nil
	})
	var pages []string
	for _, p := range seen {
		pages = append(pages, p)
	}
	sort.Strings(pages)
	return pages, err
}

func writeFileAll(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// hasOwnLayouts reports whether the site has layout files that differ from
// perfsite's defaults. The example site at the root of this repository has
// the defaults themselves, which need no probe.
func hasOwnLayouts(source string) bool {
	return slices.ContainsFunc(layoutFiles(source), func(rel string) bool { return isOwnLayout(source, rel) })
}

// layoutFiles are the site's layout files, as paths from the site folder
// with forward slashes ("layouts/home.html"): the regular files under
// layouts/, which may itself be a link, as Hugo reads them (and as
// render.StaticFiles reads static/).
func layoutFiles(source string) []string {
	dir, err := filepath.EvalSymlinks(filepath.Join(source, "layouts"))
	if err != nil {
		return nil // none: Hugo reports a folder it cannot read
	}
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, path)
			files = append(files, "layouts/"+filepath.ToSlash(rel))
		}
		return nil
	})
	return files
}

// partialDirs are where a site's partials are: the folder Hugo reads now,
// and the older one it still reads.
var partialDirs = []string{"layouts/_partials/", "layouts/partials/"}

// hasOwnMeasureList reports whether the site has its own design of the
// lists of measures: its own measure-list.html, or status.html, which
// they call (partialDirs).
func hasOwnMeasureList(source string) bool {
	for _, dir := range partialDirs {
		for _, name := range []string{"measure-list.html", "status.html"} {
			if isOwnLayout(source, dir+name) {
				return true
			}
		}
	}
	return false
}

// isOwnLayout reports whether the site has the layout file rel (a path
// from the site folder, "layouts/home.html"), and it differs from
// perfsite's.
func isOwnLayout(source, rel string) bool {
	mine, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	def, err := fs.ReadFile(perfsite.DefaultLayouts, rel)
	return err != nil || !bytes.Equal(mine, def)
}
