package hugo

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// The bare site is what perfsite's speed is measured against: Hugo alone,
// building the same number of pages with trivial content and templates,
// through the same entry point (Build: the same configuration, flags and
// commands.Execute), so that the ratio of the two is perfsite's own cost.

// barePerSection is how many pages share a section folder in the bare
// site, about as many as a measure has pages.
const barePerSection = 20

// bareLayouts are the trivial templates of the bare site: a title, a
// heading and the page's content.
var bareLayouts = map[string]string{
	"baseof.html": "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n<body>\n{{ block \"main\" . }}{{ end }}\n</body>\n</html>\n",
	"single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n",
	"list.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n",
}

// WriteBare writes a bare site of pages pages (at least one: the home
// page; then section pages and regular pages) into work, which must be
// empty, and returns it ready for Build.
func WriteBare(pages int, work string) (Site, error) {
	s := Site{
		WorkDir:    work,
		ContentDir: filepath.Join(work, "content"),
		LayoutDirs: []string{filepath.Join(work, "layouts")},
		Title:      "Bare",
		Language:   "en",
	}
	for name, text := range bareLayouts {
		if err := writeFile(filepath.Join(work, "layouts", name), text); err != nil {
			return Site{}, err
		}
	}
	page := func(path, title string) error {
		text := fmt.Sprintf("{\"title\": %q}\n%s.\n", title, title)
		return writeFile(filepath.Join(s.ContentDir, filepath.FromSlash(path)), text)
	}
	if err := page("_index.md", "Home"); err != nil {
		return Site{}, err
	}
	written := 1
	for sec := 1; written < pages; sec++ {
		dir := "s" + strconv.Itoa(sec)
		if err := page(dir+"/_index.md", "Section "+strconv.Itoa(sec)); err != nil {
			return Site{}, err
		}
		written++
		for i := 1; i < barePerSection && written < pages; i++ {
			if err := page(dir+"/p"+strconv.Itoa(i)+".md", "Page "+strconv.Itoa(written)); err != nil {
				return Site{}, err
			}
			written++
		}
	}
	return s, nil
}

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
