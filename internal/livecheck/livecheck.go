// Package livecheck finds anything in a built file that a browser (or, for
// a CSV download, a spreadsheet) would run rather than show: an inline
// script, an event handler attribute, a javascript: link, a formula. It is
// the oracle of the tests that plant script payloads in a site's data and
// prove none of them is live, and it also holds the built pages to the
// site's Content-Security-Policy (no inline script, no inline style).
//
// "Live" depends on the kind of file:
//
//   - HTML is parsed as a browser parses it (golang.org/x/net/html, with
//     scripting off so that <noscript> content is parsed too). Live: a
//     <script> that is neither an external same-origin file nor a JSON data
//     block holding valid JSON; an on* attribute; a style attribute or
//     <style> element; a javascript:, vbscript: or data: address in any URL
//     attribute; a meta refresh to anything but an address of the site
//     itself (relative: perfsite's own, on alias pages, are); elements that load or frame other
//     documents or change the page's base (iframe, object, embed, base,
//     foreignObject, SVG animation of href).
//   - XML and SVG files: a script element, an on* attribute or a
//     javascript: address; the text that a feed reader shows as HTML (an
//     Atom text with type="html", an RSS description) is checked as HTML. A file that is not
//     well-formed is reported: escaping went wrong somewhere.
//   - CSV: a cell that a spreadsheet would take for a formula (it starts
//     with =, +, -, @, a tab or a carriage return and is not a number).
//   - JSON: served as application/json it is never run; it must be valid.
package livecheck

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// File checks one built file according to its kind (by extension) and
// returns what is live in it, one line each. Files of other kinds (scripts,
// stylesheets, images) are not checked here.
func File(name string, b []byte) []string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html", ".htm":
		return HTML(b)
	case ".xml", ".svg", ".rss", ".atom":
		return XML(b)
	case ".csv":
		return CSV(b)
	case ".json", ".webmanifest":
		if !json.Valid(b) {
			return []string{"not valid JSON"}
		}
	}
	return nil
}

// urlAttrs are the attributes whose value a browser follows as an address.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true,
	"background": true, "cite": true, "data": true, "codebase": true, "srcset": true,
	"ping": true, "longdesc": true, "manifest": true, "icon": true, "lowsrc": true, "dynsrc": true,
	"xlink:href": true, "to": true, "from": true, "values": true,
}

// framing are the elements that load or frame another document, or change
// where the page's links lead. (A form is judged by its action address.)
var framing = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true,
	"applet": true, "base": true, "foreignobject": true, "portal": true,
}

// HTML checks a whole HTML document (or a fragment, which is parsed into a
// body as a browser would).
func HTML(b []byte) []string {
	doc, err := html.ParseWithOptions(bytes.NewReader(b), html.ParseOptionEnableScripting(false))
	if err != nil {
		return []string{"cannot be parsed as HTML: " + err.Error()}
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, element(n)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func element(n *html.Node) []string {
	var out []string
	name := strings.ToLower(n.Data)
	where := "<" + name + ">"
	if n.Namespace != "" {
		where = "<" + n.Namespace + ":" + name + ">"
	}
	live := func(format string, args ...any) {
		out = append(out, where+": "+fmt.Sprintf(format, args...))
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		if key == "style" {
			live("inline style attribute %q", a.Val)
		} else if what := liveAttr(key, a.Val); what != "" {
			live("%s", what)
		}
	}
	switch {
	case framing[name]:
		live("loads or frames another document")
	case name == "style" && n.Namespace == "":
		live("inline <style> element")
	case name == "meta" && strings.EqualFold(attr(n, "http-equiv"), "refresh") && !refreshStays(attr(n, "content")):
		live("meta refresh %q", attr(n, "content"))
	case name == "script":
		out = append(out, script(n, where)...)
	}
	return out
}

// liveAttr says what is live in an attribute of an HTML or XML element,
// given its lower-case name: an event handler, an animation of an
// address, or an address that runs; "" for nothing.
func liveAttr(key, val string) string {
	switch {
	case strings.HasPrefix(key, "on"):
		return fmt.Sprintf("event handler attribute %s=%q", key, val)
	case key == "attributename" && strings.Contains(strings.ToLower(val), "href"):
		return "animates " + val
	case urlAttrs[key] && DangerousURL(val):
		return fmt.Sprintf("%s=%q", key, val)
	}
	return ""
}

// script checks a <script> element: it must load a same-origin file, or be
// a JSON data block (which browsers never run) holding valid JSON.
func script(n *html.Node, where string) []string {
	var text strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			text.WriteString(c.Data)
		}
	}
	body := text.String()
	src, hasSrc := attrOK(n, "src")
	typ := strings.ToLower(strings.TrimSpace(attr(n, "type")))
	switch {
	case hasSrc:
		var out []string
		if strings.TrimSpace(body) != "" {
			out = append(out, where+": a script with src also has inline code")
		}
		if !sameOrigin(src) {
			out = append(out, where+": a script from another origin or scheme: "+src)
		}
		return out
	case typ == "application/json" || typ == "application/ld+json":
		var out []string
		if !json.Valid([]byte(body)) {
			out = append(out, where+": a JSON data block that is not valid JSON: "+clip(body))
		}
		lower := strings.ToLower(body)
		if strings.Contains(lower, "<!--") || strings.Contains(lower, "<script") || strings.Contains(lower, "</script") {
			out = append(out, where+": a JSON data block with markup that can end it early: "+clip(body))
		}
		return out
	}
	return []string{where + ": inline script: " + clip(body)}
}

// refreshStays reports whether a meta refresh ("0; url=...") stays on
// the site: no address (a reload), or a relative one. A refresh that runs
// an address, or takes the reader to another site, is live: a title built
// for it once redirected a whole site elsewhere.
func refreshStays(content string) bool {
	_, u, ok := strings.Cut(content, ";")
	if !ok {
		return true
	}
	u = strings.TrimSpace(u)
	if len(u) >= 4 && strings.EqualFold(u[:4], "url=") {
		u = u[4:]
	}
	return sameOrigin(strings.Trim(u, `'" `))
}

func sameOrigin(src string) bool {
	if DangerousURL(src) {
		return false
	}
	s := strings.TrimSpace(src)
	if strings.HasPrefix(s, "//") || strings.HasPrefix(s, `/\`) {
		return false
	}
	// A relative or root-relative address; no scheme.
	if i := strings.IndexAny(s, ":/?#"); i >= 0 && s[i] == ':' {
		return false
	}
	return true
}

// DangerousURL reports whether a browser would run an address rather than
// load it: the javascript:, vbscript: and data: schemes (data: images are
// allowed), however they are cased or padded with the spaces and control
// characters browsers ignore.
func DangerousURL(u string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(u) {
		if r > ' ' && r != 0x7f {
			b.WriteRune(r)
		}
	}
	s := b.String()
	for _, img := range []string{"data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"} {
		if strings.HasPrefix(s, img) {
			return false
		}
	}
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") || strings.HasPrefix(s, "data:") || strings.HasPrefix(s, "livescript:")
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// XML checks an XML or SVG file.
func XML(b []byte) []string {
	var out []string
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var htmlText []bool // for each open element: is its text HTML?
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			return append(out, "not well-formed XML: "+err.Error())
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if len(htmlText) > 0 {
				htmlText = htmlText[:len(htmlText)-1]
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			// Atom says which texts are HTML (type="html"; the default
			// is plain text); RSS's description is always HTML.
			isHTML := htmlElements[name]
			for _, a := range t.Attr {
				if a.Name.Local == "type" {
					isHTML = a.Value == "html" || a.Value == "xhtml"
				}
			}
			htmlText = append(htmlText, isHTML)
			where := "<" + t.Name.Local + ">"
			if name == "script" || name == "foreignobject" || name == "iframe" {
				out = append(out, where+": live element")
			}
			for _, a := range t.Attr {
				if what := liveAttr(strings.ToLower(a.Name.Local), a.Value); what != "" {
					out = append(out, where+": "+what)
				}
			}
		case xml.CharData:
			// The text of a feed's description is HTML to a feed reader.
			if len(htmlText) > 0 && htmlText[len(htmlText)-1] && bytes.ContainsRune(t, '<') {
				for _, f := range HTML(t) {
					out = append(out, "markup in text: "+f)
				}
			}
		case xml.ProcInst:
			if strings.EqualFold(t.Target, "xml-stylesheet") {
				out = append(out, "an xml-stylesheet instruction")
			}
		}
	}
}

// htmlElements are the feed elements whose text a feed reader shows as
// HTML when they do not say otherwise: RSS's description and
// content:encoded. (An Atom text is HTML only with type="html".)
var htmlElements = map[string]bool{"description": true, "encoded": true}

// CSV checks a CSV file for cells a spreadsheet would take as formulas
// (CSV injection): a text cell starting with =, +, -, @, a tab or a
// carriage return. Numbers such as -5 are fine.
func CSV(b []byte) []string {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		return []string{"not valid CSV: " + err.Error()}
	}
	var out []string
	for i, rec := range records {
		for j, cell := range rec {
			if Formula(cell) {
				out = append(out, fmt.Sprintf("row %d, column %d: a formula: %q", i+1, j+1, cell))
			}
		}
	}
	return out
}

// Formula reports whether a spreadsheet would read a CSV cell as a formula.
func Formula(cell string) bool {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return false
	}
	_, err := strconv.ParseFloat(cell, 64)
	return err != nil
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "..."
	}
	return s
}
