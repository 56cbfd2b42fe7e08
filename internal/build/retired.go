package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// retiredPartials are partials of perfsite's default layouts that it no
// longer has: since issue 7 it writes the main content of measure pages
// itself (internal/render/body.go), and their data is no longer in the
// pages' params. A site that calls them from its own layouts without
// having its own copy, or has a copy it never calls, is told so, at the
// place, rather than left with a Hugo error ("partial not found") or with
// pages that silently lose their figures. A site that has its own partial
// of such a name and calls it is a site with a partial of its own.
var retiredPartials = []string{"measure-body.html", "chart.html", "cite.html", "embed-snippet.html", "revision.html"}

// retiredCall finds a call of a retired partial in a layout.
var retiredCall = regexp.MustCompile(`partial(?:Cached)?\s+"(` + strings.Join(quoteAll(retiredPartials), "|") + `)"`)

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = regexp.QuoteMeta(n)
	}
	return out
}

// checkLayouts reports the site's own layouts (source/layouts) that use
// what perfsite's layouts no longer have: a call of a retired partial the
// site does not have itself is an error, a copy of one it never calls a
// warning.
func checkLayouts(source string) model.Problems {
	type call struct {
		pos  model.Pos
		span *model.TextSpan // the call, for the report to show
		name string
	}
	var calls []call
	copies := map[string]string{} // retired name → the site's file of it
	for _, rel := range layoutFiles(source) {
		for _, name := range retiredPartials {
			for _, dir := range partialDirs {
				if rel == dir+name {
					copies[name] = rel
				}
			}
		}
		b, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(rel)))
		if err != nil {
			continue // unreadable: Hugo reports what matters
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range retiredCall.FindAllStringSubmatchIndex(line, -1) {
				start := utf8.RuneCountInString(line[:m[0]]) + 1
				span := &model.TextSpan{Text: line, Start: start, End: start + utf8.RuneCountInString(line[m[0]:m[1]])}
				calls = append(calls, call{model.Pos{File: rel, Line: i + 1, Col: m[0] + 1}, span, line[m[2]:m[3]]})
			}
		}
	}
	const hint = `perfsite now writes a measure page's figures, chart, table and citation itself: in your layouts/measure.html or snapshot.html put {{ partial "generated-file.html" .Params.main_file }} where they were (README: "Changing the design")`
	var probs model.Problems
	called := map[string]bool{}
	for _, c := range calls {
		called[c.name] = true
		if copies[c.name] == "" {
			probs.ErrorfSpan(c.pos, c.span, hint, "the partial %q is no longer part of perfsite's layouts", c.name)
		}
	}
	for _, name := range retiredPartials {
		if file := copies[name]; file != "" && !called[name] {
			probs.Warnf(model.Pos{File: file}, hint, "perfsite no longer uses the layout %s, so your copy changes nothing", name)
		}
	}
	return probs
}
