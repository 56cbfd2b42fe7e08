package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
)

// While the data has errors, the preview server shows them on every page
// instead of a page that no longer matches the files: every generated
// page keeps its path and address but gets the error layout, so that the
// page the browser is showing is replaced by the errors when Hugo's live
// reload refreshes it. The report itself (report.Printer.ErrorPage) is
// carried by the home page only; the other pages carry its hash, so that
// they change whenever it does, and show the home page's report.

// errorLayout is the layout of the error page, written into a layouts
// folder of its own that only the preview mounts.
const errorLayout = "perfsite-error"

const errorLayoutSource = `{{- with site.Home.Params.perfsite_error }}{{ . | safeHTML }}{{ else }}{{ .Params.perfsite_error | safeHTML }}{{ end -}}
`

// writeErrorPages rewrites every page under contentDir as the error page.
func writeErrorPages(contentDir, page string) error {
	sum := sha256.Sum256([]byte(page))
	version := hex.EncodeToString(sum[:8])
	type errorPage struct {
		Title  string         `json:"title"`
		URL    string         `json:"url"`
		Layout string         `json:"layout"`
		Params map[string]any `json:"params"`
	}
	home := filepath.Join(contentDir, "_index.md")
	pages := map[string]errorPage{
		home: {Title: "The site has errors", URL: "/", Layout: errorLayout, Params: map[string]any{"perfsite_error": page, "version": version}},
	}
	err := filepath.WalkDir(contentDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path == home || filepath.Ext(path) != ".md" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		url, err := frontMatterURL(b)
		if err != nil || url == "" {
			return os.Remove(path) // not a page the preview can point at
		}
		pages[path] = errorPage{Title: "The site has errors", URL: url, Layout: errorLayout, Params: map[string]any{"version": version}}
		return nil
	})
	if err != nil {
		return err
	}
	for path, p := range pages {
		b, err := json.Marshal(p)
		if err != nil {
			return err
		}
		if err := writeIfChanged(path, append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}
