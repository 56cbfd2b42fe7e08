// Package markdown turns the Markdown of minutes and extra pages into HTML
// that is safe to publish: raw HTML is shown as text, never passed through,
// and links to javascript:, vbscript: and data: addresses are not links.
package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Renderer converts Markdown to safe HTML. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer for GitHub-flavoured Markdown (tables, lists,
// autolinks), with headings shifted down so that a summary's "# Heading"
// sits under the page's own h1.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&safeRenderer{}, 100)),
		),
	)
	return &Renderer{md: md}
}

// HTML renders src.
func (r *Renderer) HTML(src string) (string, error) {
	var b bytes.Buffer
	if err := r.md.Convert([]byte(src), &b); err != nil {
		return "", err
	}
	return b.String(), nil
}

// safeRenderer overrides goldmark's renderers for the nodes that could carry
// script: raw HTML and links.
type safeRenderer struct{}

func (s *safeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, s.rawHTML)
	reg.Register(ast.KindHTMLBlock, s.htmlBlock)
	reg.Register(ast.KindLink, s.link)
	reg.Register(ast.KindAutoLink, s.autoLink)
	reg.Register(ast.KindImage, s.image)
	reg.Register(ast.KindHeading, s.heading)
}

// rawHTML writes inline HTML as visible, escaped text.
func (s *safeRenderer) rawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		_, _ = w.Write(escape(seg.Value(source)))
	}
	return ast.WalkSkipChildren, nil
}

// htmlBlock writes a block of HTML as an escaped paragraph of text.
func (s *safeRenderer) htmlBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.HTMLBlock)
	var text []byte
	for i := 0; i < n.Lines().Len(); i++ {
		line := n.Lines().At(i)
		text = append(text, line.Value(source)...)
	}
	if n.HasClosure() {
		text = append(text, n.ClosureLine.Value(source)...)
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(escape(bytes.TrimRight(text, "\n")))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func (s *safeRenderer) link(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	// The address as it will be written: URLEscape decodes character
	// references, so "javascript&#58;" must be judged after it.
	dest := util.URLEscape(n.Destination, true)
	if !SafeURL(string(n.Destination)) || !SafeURL(string(dest)) {
		return ast.WalkContinue, nil // the text, without the link
	}
	if entering {
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(dest))
		_, _ = w.WriteString(`"`)
		if len(n.Title) > 0 {
			_, _ = w.WriteString(` title="`)
			_, _ = w.Write(util.EscapeHTML(n.Title))
			_, _ = w.WriteString(`"`)
		}
		_, _ = w.WriteString(">")
	} else {
		_, _ = w.WriteString("</a>")
	}
	return ast.WalkContinue, nil
}

func (s *safeRenderer) autoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	url := n.URL(source)
	label := n.Label(source)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		url = append([]byte("mailto:"), url...)
	}
	if !SafeURL(string(url)) || !SafeURL(string(util.URLEscape(url, false))) {
		_, _ = w.Write(util.EscapeHTML(label))
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(url, false)))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(label))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

// image writes an image's description as text: a page's images belong in
// its layout, and a remote image would be a request to another site.
func (s *safeRenderer) image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

// heading shifts headings down one level: the page title is the only h1.
func (s *safeRenderer) heading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := min(n.Level+1, 6)
	if entering {
		_, _ = w.WriteString("<h" + string(rune('0'+level)) + ">")
	} else {
		_, _ = w.WriteString("</h" + string(rune('0'+level)) + ">\n")
	}
	return ast.WalkContinue, nil
}

// SafeURL reports whether a link address is safe to publish: anything but
// the javascript:, vbscript: and data: schemes (written in any case, and with
// the spaces and control characters browsers ignore).
func SafeURL(u string) bool {
	// A browser reads character references in an attribute first:
	// "javascript&#58;alert(1)" is javascript:alert(1).
	for i := 0; i < 3 && strings.Contains(u, "&"); i++ {
		u = html.UnescapeString(u)
	}
	var b strings.Builder
	for _, r := range strings.ToLower(u) {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	clean := b.String()
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(clean, scheme) {
			return false
		}
	}
	// A character reference left before the colon, in a form that was
	// not decoded above, is refused rather than guessed at.
	if i := strings.IndexByte(clean, ':'); i > 0 && strings.Contains(clean[:i], "&") {
		return false
	}
	return true
}

func escape(b []byte) []byte { return util.EscapeHTML(b) }
