package hugo

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The bare site is what perfsite's speed is measured against: Hugo alone,
// building the same number of pages with trivial content and templates,
// through the same entry point (Build: the same configuration, flags and
// commands.Execute), so that the ratio of the two is perfsite's own cost.
// A bare page is a title and a sentence, or, to compare with Hugo writing
// as many bytes as perfsite does, also a given number of bytes of HTML
// that the template holds: the least Hugo can do to write pages that
// large (in the pages' front matter instead, Hugo would hold them all in
// memory, which perfsite's pages do not make it do).

// barePerFolder is how many pages share a folder in the bare site, about
// as many as a measure has. The folders have no _index.md, so they are not
// sections: like perfsite's measure folders, they are all in one section.
const barePerFolder = 20

// bareLayouts are the trivial templates of the bare site: a title, a
// heading and the page's content (and BODY, the large pages' HTML).
var bareLayouts = map[string]string{
	"baseof.html": "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n<body>\n{{ block \"main\" . }}{{ end }}\n</body>\n</html>\n",
	"single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}BODY{{ end }}\n",
	"list.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}BODY{{ end }}\n",
}

// WriteBare writes a bare site of pages pages (at least one: the home
// page, then one section page, then regular pages in folders of
// barePerFolder) into work, which must be empty, and returns it ready for
// Build. With pageBytes above 0, each page's content is about that many
// bytes of HTML.
func WriteBare(pages, pageBytes int, work string) (Site, error) {
	s := Site{
		WorkDir:    work,
		ContentDir: filepath.Join(work, "content"),
		LayoutDirs: []string{filepath.Join(work, "layouts")},
		Title:      "Bare",
		Language:   "en",
	}
	body := ""
	if pageBytes > 0 {
		body = bareHTML(pageBytes)
	}
	for name, text := range bareLayouts {
		if err := writeFile(filepath.Join(work, "layouts", name), strings.Replace(text, "BODY", body, 1)); err != nil {
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
	if pages > 1 {
		if err := page("pages/_index.md", "Pages"); err != nil {
			return Site{}, err
		}
		written++
	}
	for n := 0; written < pages; n++ {
		dir := "pages/f" + strconv.Itoa(n/barePerFolder)
		if err := page(dir+"/p"+strconv.Itoa(n%barePerFolder)+".md", "Page "+strconv.Itoa(written)); err != nil {
			return Site{}, err
		}
		written++
	}
	return s, nil
}

// bareHTML is n bytes, give or take a paragraph, of paragraphs of text.
func bareHTML(n int) string {
	const p = "<p>The figure for the quarter, the target and the national average, with what changed since the quarter before and the year before.</p>\n"
	return strings.Repeat(p, (n+len(p)-1)/len(p))
}

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
