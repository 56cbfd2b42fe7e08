package pages

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// The layouts are html/template files: perfsite's own (the repository's
// layouts/ folder, built into the binary), each replaced by the site's
// own file of the same name in its layouts/ folder. There are three kinds
// of file:
//
//   - baseof.html, the frame of every page: head, header, footer. It
//     calls {{ block "main" . }} for the page's own content;
//   - _partials/NAME.html, pieces any layout includes with
//     {{ template "_partials/NAME.html" DATA }};
//   - one file per kind of page (measure.html, quarter.html, …). A file
//     that only defines "main" (and perhaps "head") is laid out inside
//     baseof.html; a file with content of its own is a whole page
//     (embed.html, alias.html).
//
// Escaping is html/template's, by context: text, attributes, URLs, the
// JSON inside <script type="application/ld+json">.

// Layouts are a site's parsed layouts, ready to execute. They hold no
// state that changes: one value serves every goroutine of a build.
type Layouts struct {
	kinds  map[string]*template.Template // by kind: "measure"
	framed map[string]bool               // laid out inside baseof.html
	own    map[string]bool               // the site's own files, by name ("measure.html")
	texts  map[string]string             // the site's own files' text, for its problems' lines
}

// LayoutsDir is the folder of a site's own layouts, and the name of the
// built-in ones in messages.
const LayoutsDir = "layouts"

// ParseLayouts parses perfsite's layouts (defaults, a folder like the
// repository's layouts/) with the site's own (own, its layouts/ folder,
// or nil) in their place where they have the same name. fn are the
// template functions (Funcs). A site's file that cannot be parsed, or is
// not used, is a problem located in it; perfsite's own files cannot
// fail (the tests parse them).
func ParseLayouts(defaults, own fs.FS, fn template.FuncMap) (*Layouts, model.Problems) {
	var probs model.Problems
	files := map[string]string{} // name -> text
	l := &Layouts{kinds: map[string]*template.Template{}, framed: map[string]bool{}, own: map[string]bool{}, texts: map[string]string{}}
	read := func(fsys fs.FS, isOwn bool) {
		if fsys == nil {
			return
		}
		_ = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if isOwn && !usedName(name) {
				probs.Warnf(model.Pos{File: LayoutsDir + "/" + name}, "perfsite uses "+strings.Join(KindFiles(), ", ")+" and the files in layouts/_partials/; see README.md, \"Changing the design\"",
					"this layout file is not used")
				return nil
			}
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				probs.Errorf(model.Pos{File: LayoutsDir + "/" + name}, "", "cannot read the layout: %v", err)
				return nil
			}
			files[name] = string(b)
			l.own[name] = isOwn
			if isOwn {
				l.texts[name] = string(b)
			}
			return nil
		})
	}
	read(defaults, false)
	read(own, true)

	base := template.New("").Funcs(fn)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	shared := func(name string) bool { return name == "baseof.html" || strings.HasPrefix(name, "_partials/") }
	for _, name := range names {
		if !shared(name) {
			continue
		}
		if _, err := base.New(name).Parse(files[name]); err != nil {
			probs = append(probs, l.problem(err, "the layout cannot be read"))
		}
	}
	for _, name := range names {
		if shared(name) {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(name).Parse(files[name])
		}
		if err != nil {
			probs = append(probs, l.problem(err, "the layout cannot be read"))
			continue
		}
		kind := strings.TrimSuffix(name, ".html")
		l.kinds[kind] = t
		l.framed[kind] = onlyDefines(t.Lookup(name))
		// html/template checks a template's contexts, and that every
		// template it calls exists, before it first runs: run it on no
		// data to find those faults now, not on the first page.
		exec := name
		if l.framed[kind] {
			exec = "baseof.html"
		}
		var escape *template.Error
		if err := t.ExecuteTemplate(io.Discard, exec, nil); errors.As(err, &escape) {
			probs = append(probs, l.problem(err, "the layout cannot be read"))
			delete(l.kinds, kind)
		}
	}
	probs = unique(probs) // a fault in baseof.html or a partial is every kind's
	for _, kind := range Kinds {
		if l.kinds[kind] == nil && !probs.HasErrors() {
			probs.Errorf(model.Pos{File: LayoutsDir + "/" + kind + ".html"}, "", "perfsite's layout for this kind of page is missing")
		}
	}
	return l, probs
}

// unique leaves out the problems reported before.
func unique(probs model.Problems) model.Problems {
	seen := map[model.Problem]bool{}
	out := probs[:0]
	for _, p := range probs {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// Kinds are the kinds of page perfsite lays out, each with its layout file
// (KIND.html).
var Kinds = []string{
	"home", "measures", "measure", "snapshot", "embed", "alias",
	"services", "service", "committees", "committee", "quarters", "quarter", "report",
	"minutes-list", "minutes", "page", "glossary", "search", "data", "accessibility", "404",
}

// KindFiles are the layout files of Kinds, and baseof.html.
func KindFiles() []string {
	out := []string{"baseof.html"}
	for _, k := range Kinds {
		out = append(out, k+".html")
	}
	return out
}

// usedName says whether a site's layout file of that name is used: a
// kind's layout, the frame, or a partial.
func usedName(name string) bool {
	if name == "baseof.html" || (strings.HasPrefix(name, "_partials/") && path.Ext(name) == ".html") {
		return true
	}
	return slices.Contains(Kinds, strings.TrimSuffix(name, ".html")) && path.Ext(name) == ".html" && !strings.Contains(name, "/")
}

// onlyDefines says whether t has no content of its own, only definitions
// (and space): it is laid out inside baseof.html.
func onlyDefines(t *template.Template) bool {
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return true
	}
	for _, n := range t.Tree.Root.Nodes {
		if tn, ok := n.(*parse.TextNode); ok && strings.TrimSpace(string(tn.Text)) == "" {
			continue
		}
		return false
	}
	return true
}

// Execute writes the page of kind with data.
func (l *Layouts) Execute(w io.Writer, kind string, data any) error {
	t := l.kinds[kind]
	if t == nil {
		return fmt.Errorf("no layout for %s pages", kind)
	}
	name := kind + ".html"
	if l.framed[kind] {
		name = "baseof.html"
	}
	if err := t.ExecuteTemplate(w, name, data); err != nil {
		return LayoutError{l.problem(err, "the page cannot be laid out")}
	}
	return nil
}

// Partial writes the partial name (a file in _partials/) with data, as
// HTML to put in a page: for a piece that many pages show alike, written
// once.
func (l *Layouts) Partial(name string, data any) (template.HTML, error) {
	t := l.kinds["measure"]
	if t == nil {
		return "", fmt.Errorf("no layouts")
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", LayoutError{l.problem(err, "the page cannot be laid out")}
	}
	return template.HTML(b.String()), nil
}

// LayoutError is a layout that failed while a page was written: a
// problem in a file of the site's own layouts, or a fault in perfsite's.
type LayoutError struct{ Problem model.Problem }

func (e LayoutError) Error() string { return e.Problem.String() }

// AsProblem returns the problem of a LayoutError in err's chain.
func AsProblem(err error) (model.Problem, bool) {
	var le LayoutError
	if errors.As(err, &le) {
		return le.Problem, true
	}
	return model.Problem{}, false
}

// templateError matches the place in html/template's messages:
// "template: measure.html:12:3: executing ..." or
// "html/template:measure.html:12:3: ...".
var templateError = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+)(?::(\d+))?: ?(.*)$`)

// problem makes a template error a located problem: in the site's own
// file, or, in perfsite's, a fault to report.
func (l *Layouts) problem(err error, what string) model.Problem {
	msg := err.Error()
	m := templateError.FindStringSubmatch(msg)
	if m == nil {
		return model.Problem{Pos: model.Pos{File: LayoutsDir}, Message: what + ": " + msg}
	}
	name, detail := m[1], m[4]
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	p := model.Problem{Pos: model.Pos{File: LayoutsDir + "/" + name, Line: line, Col: col}, Message: what + ": " + detail}
	if !l.own[name] {
		p.Pos = model.Pos{File: LayoutsDir + "/" + name + " (built into perfsite)", Line: line, Col: col}
		p.Hint = "this is a fault in perfsite, not in your site: please report it"
		return p
	}
	if lines := strings.Split(l.texts[name], "\n"); line > 0 && line <= len(lines) {
		text := strings.TrimSuffix(lines[line-1], "\r")
		if col > len(text)+1 {
			col = 0
		}
		if col > 0 { // html/template counts bytes; a report counts characters
			col = utf8.RuneCountInString(text[:col-1]) + 1
		}
		p.Span = model.LineSpan(text, col, false)
	}
	switch {
	case strings.Contains(detail, "function") && strings.Contains(detail, "not defined"):
		p.Hint = "layouts use Go's html/template with perfsite's functions (relURL, absURL, asset, statusIcon, anchor); a layout from an earlier perfsite, written for Hugo, must be written again: see README.md, \"Changing the design\""
	case strings.Contains(detail, "can't evaluate field"):
		p.Hint = "that field is not in this page's data: README.md, \"Changing the design\", lists what each page has (a layout from an earlier perfsite used .Params, which perfsite's layouts no longer have)"
	}
	return p
}
