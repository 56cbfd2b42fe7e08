// Package pages writes every web page of a site: it works out each page's
// view (plain data, already in words: views.go) and lays it out with the
// site's layouts (html/template files: layouts.go). The build writes every
// page; the preview writes the page a browser asks for; both call the same
// functions, so the preview shows what the build publishes.
package pages

import (
	"html/template"
	"io"
	"strings"
	"sync"
	"unicode"

	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/markdown"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// Asset is a stylesheet, script or image the pages load: its address from
// the site's root and its Subresource Integrity hash ("sha384-…").
type Asset struct {
	URL       string
	Integrity string
}

// The assets the built-in layouts load, by name.
const (
	AssetCSS         = "css/site.css"
	AssetChart       = "js/chart.js" // the interactive charts, with ECharts
	AssetChartLoader = "js/chart-loader.js"
	AssetCopy        = "js/copy.js"
	AssetSearch      = "js/search.js"
)

// Options are what a build gives the pages besides the site.
type Options struct {
	// Layouts are parsed with Funcs of the same Options.
	Layouts *Layouts
	// Assets are the built stylesheet and scripts, by name (AssetCSS…).
	Assets map[string]Asset
	// Interactive says that the chart library is installed: pages carry
	// the interactive chart as well as the SVG.
	Interactive bool
}

// Funcs are the functions layouts can call. base is the site's base_url.
//
//   - relURL PATH: the address of a page or file from the site's root,
//     under the base URL's path ("/performance/measures/x/"), each part
//     percent-encoded; a whole address (https://…, mailto:…) as it is;
//   - absURL PATH: the whole address, with the base URL;
//   - asset NAME: the built asset (.URL, .Integrity), or nothing;
//   - statusIcon KEY: the icon of a status, as SVG shapes;
//   - cueIcon NAME: the icon of what a change means, as SVG shapes;
//   - anchor TEXT: TEXT made fit for an id or a #fragment.
func Funcs(base string, assets map[string]Asset) template.FuncMap {
	b := urls.NewBase(base)
	return template.FuncMap{
		"relURL": b.Link,
		"absURL": b.Absolute,
		"asset": func(name string) *Asset {
			a, ok := assets[name]
			if !ok {
				return nil
			}
			return &a
		},
		"statusIcon": StatusIcon,
		"cueIcon":    CueIcon,
		"anchor":     anchor,
	}
}

// Renderer writes the pages of one site. Make one per build (New); it is
// safe for use by several goroutines.
type Renderer struct {
	site *derive.Site
	base urls.Base // the site's base URL, read once
	cal  model.Calendar
	opts Options
	md   *markdown.Renderer
	gl   *explain.Glossary
	view *Site // the frame's data, the same on every page
	// embedCode makes the embed code of measure pages.
	embedCode *template.Template
	// headers and footer are the frame's, laid out once (frame): the
	// header by the page of the menu it shows as current.
	headers map[string]template.HTML
	footer  template.HTML
	// sparks holds the sparklines drawn, by measure and period: a
	// figure is in several lists.
	sparks sync.Map
}

// New makes the renderer of site. A site's layout that fails is a problem
// located in it (AsProblem).
func New(site *derive.Site, opts Options) (*Renderer, error) {
	r := &Renderer{site: site, base: urls.NewBase(site.BaseURL), cal: site.Cal, opts: opts, md: markdown.New(), gl: explain.NewGlossary(site.Glossary), embedCode: newEmbedCode()}
	r.view = r.siteView()
	if err := r.frame(); err != nil {
		return nil, err
	}
	return r, nil
}

// page lays out one page of kind with data into a file at path.
func (r *Renderer) page(path, kind string, data func() any) output.File {
	return output.File{Path: urls.File(path), Write: func(w io.Writer) error {
		return r.opts.Layouts.Execute(w, kind, data())
	}}
}

// pageOrError is page for a view that can fail (a Markdown body).
func (r *Renderer) pageOrError(path, kind string, data func() (any, error)) output.File {
	return output.File{Path: urls.File(path), Write: func(w io.Writer) error {
		v, err := data()
		if err != nil {
			return err
		}
		return r.opts.Layouts.Execute(w, kind, v)
	}}
}

// abs is the whole address of a path from the site's root.
func (r *Renderer) abs(p string) string { return r.base.Absolute(p) }

// sparkline is the small trend of m up to snap, for the lists.
func (r *Renderer) sparkline(m *derive.Measure, snap derive.Snapshot) template.HTML {
	key := sparkKey{m.ID, snap.Period}
	if s, ok := r.sparks.Load(key); ok {
		return s.(template.HTML)
	}
	s := template.HTML(chart.SparklineAt(m, r.cal, snap.Period)) // the chart's SVG writer escapes its text
	r.sparks.Store(key, s)
	return s
}

type sparkKey struct {
	id string
	p  model.Period
}

// anchor makes text fit for an id: lower case letters and digits, with a
// hyphen for each run of spaces and hyphens; anything else is left out
// ("Per 10,000 children" is "per-10000-children").
func anchor(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		case unicode.IsSpace(c) || c == '-' || c == '_':
			dash = true
		}
	}
	return b.String()
}
