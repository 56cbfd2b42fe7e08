package urlpath

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BaseURLHint says how to write base_url.
const BaseURLHint = `write the full address of the site, like "https://performance.example.gov.uk/" or "https://www.example.gov.uk/performance/": http or https, a host name, and a path without spaces, ?, # or control characters`

// BasePath checks the site's address (base_url, or --base-url) and
// returns its path as a person reads it (decoded), starting and ending
// with "/": "/" for "https://example.org", "/council/café/" for
// "https://example.org/council/caf%C3%A9". The address must be http or
// https, have a host name (letters, digits, "-" and ".", an optional
// :port; a name in another script written in its xn-- form), and a path
// whose parts are letters of any script, digits and the characters a
// path may hold as they are (- . _ ~ ! $ & ' ( ) * + , ; = : @), or such
// characters percent-encoded; no empty, "." or ".." part, and no space,
// control character, query (?), fragment (#), user name or other
// character, encoded or not. Anything else is an error that says what is
// wrong: base_url goes into every page and into _redirects, where a
// decoded "%0A" once started a rule that sent the whole site elsewhere.
// Encode the path again with SitePath.
func BasePath(baseURL string) (string, error) {
	rest, ok := strings.CutPrefix(baseURL, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(baseURL, "http://"); !ok {
			return "", fmt.Errorf("it must start with https:// (or http://)")
		}
	}
	host, path, _ := strings.Cut(rest, "/")
	if err := checkHost(host); err != nil {
		return "", err
	}
	segs := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if path == "" {
		segs = nil
	}
	for i, seg := range segs {
		name, err := decode(seg)
		if err != nil {
			return "", err
		}
		if name == "" || name == "." || name == ".." {
			return "", fmt.Errorf("its path has an empty, . or .. part")
		}
		for _, r := range name {
			if !pathRune(r) {
				return "", fmt.Errorf("its path has the character %s, which a web address cannot hold", describeRune(r))
			}
		}
		segs[i] = name
	}
	if len(segs) == 0 {
		return "/", nil
	}
	return "/" + strings.Join(segs, "/") + "/", nil
}

// pathRune reports whether r may be in a part of the site's path: a
// letter, mark or digit of any script, or one of RFC 3986's characters
// that a path holds as they are.
func pathRune(r rune) bool {
	if r < 0x80 {
		return unreserved(byte(r)) || strings.ContainsRune("!$&'()*+,;=:@", r)
	}
	return !forbidden(r) && (unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r))
}

// decode undoes the percent-encoding of a part of a path; "%" not
// followed by two hex digits, or bytes that are not UTF-8, are an error.
func decode(seg string) (string, error) {
	if !strings.Contains(seg, "%") {
		return seg, nil
	}
	b := make([]byte, 0, len(seg))
	for i := 0; i < len(seg); i++ {
		if seg[i] != '%' {
			b = append(b, seg[i])
			continue
		}
		if i+2 >= len(seg) || unhex(seg[i+1]) < 0 || unhex(seg[i+2]) < 0 {
			return "", fmt.Errorf("its path has a %% that is not followed by two hexadecimal digits")
		}
		b = append(b, byte(unhex(seg[i+1])<<4|unhex(seg[i+2])))
		i += 2
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("its path has percent-encoded bytes that are not UTF-8 text")
	}
	return string(b), nil
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// describeRune names a character for a message: quoted, or as its code
// when it cannot be shown.
func describeRune(r rune) string {
	switch {
	case r == ' ':
		return "space"
	case forbidden(r) || r == 0x7f:
		return fmt.Sprintf("%U (a control character)", r)
	}
	return fmt.Sprintf("%q", string(r))
}

func checkHost(host string) error {
	name, port, hasPort := strings.Cut(host, ":")
	if name == "" {
		return fmt.Errorf("it has no host name after the //")
	}
	if hasPort {
		if port == "" || len(port) > 5 || strings.Trim(port, "0123456789") != "" {
			return fmt.Errorf("its port %q is not a number", port)
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			r, _ := utf8.DecodeRuneInString(name[i:])
			return fmt.Errorf("its host name has the character %s; a host name is letters, digits, - and . (write a name in another script in its xn-- form)", describeRune(r))
		}
	}
	if strings.HasPrefix(name, ".") || strings.HasSuffix(strings.TrimSuffix(name, "."), ".") || strings.Contains(name, "..") {
		return fmt.Errorf("its host name %q has an empty part", name)
	}
	return nil
}
