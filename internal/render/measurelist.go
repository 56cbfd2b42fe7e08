package render

import "strings"

// The lists of measures with their latest figures (the home page, the A
// to Z, a service's, a committee's, a quarter's report, a minutes page's)
// are written here, as _partials/measure-list.html lays them out, into a
// fragment file that the list pages read (their params' measures_file or
// rows_file, through measure-list-or-own.html): a national site's lists
// hold some 160,000 rows, which Hugo's templates laid out one by one
// (ARCHITECTURE.md, "Speed"). A site with its own measure-list.html or status.html, and the
// preview, have the lists laid out by measure-list.html instead, from the
// params: build decides (PageOptions.Lists); measure-list-or-own.html
// reads the file where there is one.

// In a full build of a site without layouts of its own whose lists are
// written here (leanParams), the list pages' params leave out what only measure-list.html would write, which
// perfsite's layouts then never call: the sparklines of every list, and
// the lists that are shown only as such. On a national site that is most
// of the list pages' front matter, which Hugo parses and holds for the
// whole build. Otherwise the params keep it all, for the
// site's own layouts.

// listParam is a list of measures as the params carry it when only
// measure-list.html shows it.
func (r *renderer) listParam(refs []measureRef) []measureRef {
	if r.leanParams() {
		return nil
	}
	return refs
}

// refsParam is a list of measures as the params carry it when layouts
// also show it otherwise (search.html's A to Z, a "with" around a list).
func (r *renderer) refsParam(refs []measureRef) []measureRef {
	if !r.leanParams() {
		return refs
	}
	out := make([]measureRef, len(refs))
	for i, ref := range refs {
		ref.Sparkline = ""
		out[i] = ref
	}
	return out
}

// leanParams says that the list pages' params may leave out what only
// measure-list.html would write: perfsite's layouts (r.stamp) never call
// it when the lists are written here (r.lists).
func (r *renderer) leanParams() bool { return r.stamp && r.lists }

// measureListFile writes the list of refs to a fragment file and returns
// its path, or "" when the lists are laid out by measure-list.html (not
// r.lists: the preview, a site with its own measure-list.html).
func (r *renderer) measureListFile(refs []measureRef) (string, error) {
	if !r.lists {
		return "", nil
	}
	return r.fragmentFile(r.measureListHTML(refs), ".html")
}

// measureListHTML is the list of refs, the same bytes as measure-list.html
// writes (TestMeasureListAsTheLayout).
func (r *renderer) measureListHTML(refs []measureRef) string {
	var b strings.Builder
	b.Grow(32 + 1200*len(refs))
	b.WriteString("<ul class=\"measure-list\">\n")
	for _, ref := range refs {
		b.WriteString("\n  <li class=\"measure-item\">\n    <a class=\"measure-title\" href=\"")
		b.WriteString(r.href(ref.URL))
		b.WriteString(`">`)
		b.WriteString(esc(ref.Title))
		b.WriteString("</a>\n    <span class=\"measure-figure\">")
		if ref.Sparkline != "" {
			b.WriteString(ref.Sparkline)
			b.WriteByte(' ')
		}
		b.WriteString(`<span class="value">`)
		b.WriteString(esc(ref.Figure.ValueText))
		b.WriteString(`</span> <span class="period">`)
		b.WriteString(esc(ref.Figure.Label))
		b.WriteString(`</span>`)
		if ref.Change != "" {
			b.WriteString(` <span class="change">(`)
			b.WriteString(esc(ref.Change))
			b.WriteString(`)</span>`)
		}
		b.WriteString("</span>\n    ")
		statusHTML(&b, ref.Figure.Status)
		b.WriteString("\n  </li>\n")
	}
	b.WriteString("\n</ul>\n")
	return b.String()
}
