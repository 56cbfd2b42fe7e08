package urlpath

import (
	"fmt"
	"strings"
)

// BaseURLHint says how to write base_url.
const BaseURLHint = `write the full address of the site, like "https://performance.example.gov.uk/" or "https://www.example.gov.uk/performance/": http or https, a host name, and a path of letters, digits, "-", ".", "_" and "/" only`

// BasePath checks the site's address (base_url, or --base-url) and
// returns its path, starting and ending with "/": "/" for
// "https://example.org", "/council/performance/" for
// "https://example.org/council/performance". The address must be http or
// https, have a host name (letters, digits, "-" and ".", an optional
// :port; a name in another script written as its xn-- form), and a path
// of letters, digits, "-", ".", "_", "~" and "/" only, with no empty, "."
// or ".." part: no "%", space, control character, query (?), fragment
// (#) or user name (@). Anything else is an error that says what is
// wrong: base_url goes into every page and into _redirects, where a
// decoded "%0A" once started a rule that sent the whole site elsewhere.
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
	for i := 0; i < len(path); i++ {
		if c := path[i]; !unreserved(c) && c != '/' {
			return "", fmt.Errorf("its path has the character %s, which a web address cannot hold as it is", describeByte(path, i))
		}
	}
	segs := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if path == "" {
		segs = nil
	}
	for _, s := range segs {
		if s == "" || s == "." || s == ".." {
			return "", fmt.Errorf("its path has an empty, . or .. part")
		}
	}
	if len(segs) == 0 {
		return "/", nil
	}
	return "/" + strings.Join(segs, "/") + "/", nil
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
			return fmt.Errorf("its host name has the character %s; a host name is letters, digits, - and . (write a name in another script in its xn-- form)", describeByte(name, i))
		}
	}
	if strings.HasPrefix(name, ".") || strings.HasSuffix(strings.TrimSuffix(name, "."), ".") || strings.Contains(name, "..") {
		return fmt.Errorf("its host name %q has an empty part", name)
	}
	return nil
}

// describeByte names the character at s[i] for a message: quoted, or as
// its code when it cannot be shown.
func describeByte(s string, i int) string {
	c := s[i]
	switch {
	case c == ' ':
		return "space"
	case c < 0x20 || c == 0x7f:
		return fmt.Sprintf("%U (a control character)", rune(c))
	case c >= 0x80:
		return "that is not plain ASCII"
	}
	return fmt.Sprintf("%q", string(c))
}
