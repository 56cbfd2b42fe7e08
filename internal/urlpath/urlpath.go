// Package urlpath is the one place where perfsite turns names into parts
// of web addresses: a file name or an id into a path segment (Segment),
// the site's address into its base path (BasePath), two site paths into a
// line of Netlify's _redirects file (RedirectLine), and the addresses of
// the pages perfsite makes, which an extra page must not take (PageClash).
//
// A name comes from a file someone committed, so it may hold anything a
// file system allows: "%", "#", "?", spaces, letters of any script, and
// control characters such as a newline. Segment encodes every byte that
// is not a letter, digit, "-", ".", "_" or "~" as %XX, so that an
// address always leads to the file it was made from and nothing in it can
// end the address, start a query or a fragment, or a new line of a file
// such as _redirects; a name that cannot be an address (a control
// character, text that is not UTF-8, "." or "..") is an *Error that the
// caller reports at the file. The package has no dependencies: it is pure.
package urlpath

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a name that cannot be part of a web address. Reason says why,
// in words, without the name.
type Error struct {
	Name   string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("%q %s", e.Name, e.Reason) }

// Hint says what to do about a file name that cannot be an address.
const Hint = "rename the file using letters, digits and hyphens, like 2023-11-14-cyp-scrutiny.md"

const upperHex = "0123456789ABCDEF"

// unreserved reports whether c stands for itself in a path segment
// (RFC 3986's unreserved characters).
func unreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// Segment returns name as one segment of a URL path: itself if it is
// made of letters, digits, "-", ".", "_" and "~" only, every other byte
// percent-encoded otherwise (a space is %20, "é" is %C3%A9, "/" is %2F).
// A web server decodes it back to name, the name of the folder or file
// the address leads to. A name that is empty, ".", "..", not UTF-8, or
// that holds a control character (U+0000 to U+001F, U+007F to U+009F) or
// a character that changes the direction of text is an *Error.
func Segment(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	n := 0
	for i := 0; i < len(name); i++ {
		if !unreserved(name[i]) {
			n++
		}
	}
	if n == 0 {
		return name, nil
	}
	b := make([]byte, 0, len(name)+2*n)
	for i := 0; i < len(name); i++ {
		c := name[i]
		if unreserved(c) {
			b = append(b, c)
			continue
		}
		b = append(b, '%', upperHex[c>>4], upperHex[c&15])
	}
	return string(b), nil
}

// checkName reports a name that cannot be a path segment.
func checkName(name string) error {
	switch name {
	case "":
		return &Error{Name: name, Reason: "is empty"}
	case ".", "..":
		return &Error{Name: name, Reason: "cannot be part of a web address (it means a folder)"}
	}
	if !utf8.ValidString(name) {
		return &Error{Name: name, Reason: "is not UTF-8 text"}
	}
	for i, r := range name {
		if forbidden(r) {
			return &Error{Name: name, Reason: fmt.Sprintf("holds the control character %U at character %d, which cannot be part of a web address",
				r, utf8.RuneCountInString(name[:i])+1)}
		}
	}
	return nil
}

// forbidden are the characters no name may hold: control characters,
// which can end a line or drive a terminal, and those that reverse the
// direction of text, which can make a name read as another.
func forbidden(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f
}

// CheckName reports, as an *Error, a name that cannot be a path segment,
// without encoding it: for load and check, which report it at the file.
func CheckName(name string) error { return checkName(name) }

// SitePath encodes a path of the site, written as its names are ("/",
// then segments separated by "/", maybe a "/" at the end, like
// "/council/measures/eet/"), segment by segment. It is an *Error if a
// segment cannot be encoded, or if the path does not start with "/" or
// has an empty segment ("//").
func SitePath(p string) (string, error) {
	if !strings.HasPrefix(p, "/") {
		return "", &Error{Name: p, Reason: "is not a path of the site: it must start with /"}
	}
	if plain(p) {
		return p, nil // nothing to encode: most paths of a site
	}
	segs := strings.Split(p[1:], "/")
	var b strings.Builder
	b.Grow(len(p))
	for i, s := range segs {
		b.WriteByte('/')
		if s == "" && i == len(segs)-1 {
			break // the path ends with "/" (or is "/")
		}
		enc, err := Segment(s)
		if err != nil {
			if s == "" {
				return "", &Error{Name: p, Reason: "has an empty part (//)"}
			}
			return "", err
		}
		b.WriteString(enc)
	}
	return b.String(), nil
}

// plain reports whether SitePath(p) is p: every part of p after its
// first "/" is made of unreserved bytes, and none is empty (but the last),
// "." or "..".
func plain(p string) bool {
	start := 1 // where the part being read starts
	for i := 1; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			if !unreserved(p[i]) {
				return false
			}
			continue
		}
		switch part := p[start:i]; part {
		case "":
			if i < len(p) {
				return false // "//"
			}
		case ".", "..":
			return false
		}
		start = i + 1
	}
	return true
}

// Redirect is one rule of a Netlify _redirects file: From and To are
// paths of the site as SitePath takes them. Splat redirects everything
// under From to the same place under To as well. Force (Netlify's "!")
// applies the rule even where a file exists at From.
type Redirect struct {
	From, To string
	Status   int // 301, 302, 307 or 308
	Force    bool
	Splat    bool
}

// RedirectLine writes r as one line of a _redirects file, without the
// line's end: "/measures/old /measures/new 301!", or with Splat
// "/measures/old/* /measures/new/:splat 301!". Both paths are encoded
// (SitePath), so that no space, newline or Netlify placeholder (":name",
// "*") in a name can change the rule or add one.
func RedirectLine(r Redirect) (string, error) {
	switch r.Status {
	case 301, 302, 307, 308:
	default:
		return "", fmt.Errorf("the redirect status %d is not a redirect", r.Status)
	}
	from, err := SitePath(r.From)
	if err != nil {
		return "", err
	}
	to, err := SitePath(r.To)
	if err != nil {
		return "", err
	}
	if r.Splat {
		from = strings.TrimSuffix(from, "/") + "/*"
		to = strings.TrimSuffix(to, "/") + "/:splat"
	}
	status := strconv.Itoa(r.Status)
	if r.Force {
		status += "!"
	}
	return from + " " + to + " " + status, nil
}
