package urlpath

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSegment(t *testing.T) {
	for name, want := range map[string]string{
		"2023-11-14-cyp":  "2023-11-14-cyp",
		"a b":             "a%20b",
		"100%":            "100%25",
		"q#2":             "q%232",
		"what?":           "what%3F",
		"café":            "caf%C3%A9",
		"a/b":             "a%2Fb",
		"x:y*z":           "x%3Ay%2Az",
		"~_.-":            "~_.-",
		"..a":             "..a",
		"<script>":        "%3Cscript%3E",
		"it's \"quoted\"": "it%27s%20%22quoted%22",
	} {
		got, err := Segment(name)
		if err != nil || got != want {
			t.Errorf("Segment(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, name := range []string{"", ".", "..", "a\nb", "a\x1b[31mred", "\x7f", "a\u0085b", "\xff", "rtl\u202eexe.md"} {
		_, err := Segment(name)
		var e *Error
		if !errors.As(err, &e) || e.Name != name {
			t.Errorf("Segment(%q): %v, want an *Error", name, err)
		}
	}
	_, err := Segment("a\nb")
	if err == nil || err.Error() != `"a\nb" holds the control character U+000A at character 2, which cannot be part of a web address` {
		t.Errorf("Segment(a newline b): %v", err)
	}
}

func TestSitePath(t *testing.T) {
	for p, want := range map[string]string{
		"/":                        "/",
		"/measures/eet/":           "/measures/eet/",
		"/council/minutes/a b#1?/": "/council/minutes/a%20b%231%3F/",
		"/measures/old":            "/measures/old",
		"/a-b_c~d.e/f.csv":         "/a-b_c~d.e/f.csv",
		"/.well-known/x":           "/.well-known/x",
	} {
		got, err := SitePath(p)
		if err != nil || got != want {
			t.Errorf("SitePath(%q) = %q, %v; want %q", p, got, err, want)
		}
	}
	for _, p := range []string{"", "measures/", "//evil.example/", "/a//b", "/a/../b", "/a\n/b", "/a/./b", "/.", "/..", "/a/..", "/a/.", "/\xc3"} {
		if got, err := SitePath(p); err == nil {
			t.Errorf("SitePath(%q) = %q, want an error", p, got)
		}
	}
}

func TestRedirectLine(t *testing.T) {
	for _, tc := range []struct {
		r    Redirect
		want string
	}{
		{Redirect{From: "/measures/old", To: "/measures/new/", Status: 301, Force: true}, "/measures/old /measures/new/ 301!"},
		{Redirect{From: "/measures/old", To: "/measures/new/", Status: 301, Force: true, Splat: true}, "/measures/old/* /measures/new/:splat 301!"},
		{Redirect{From: "/c p/measures/a:b", To: "/c p/measures/x", Status: 302}, "/c%20p/measures/a%3Ab /c%20p/measures/x 302"},
		// A decoded %0A in base_url once became a new rule.
		{Redirect{From: "/x\n/* https://evil.example/ 200!\n/y", To: "/a", Status: 301}, ""},
		{Redirect{From: "/a", To: "/b", Status: 200}, ""},
	} {
		got, err := RedirectLine(tc.r)
		if tc.want == "" {
			if err == nil {
				t.Errorf("RedirectLine(%+v) = %q, want an error", tc.r, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("RedirectLine(%+v) = %q, %v; want %q", tc.r, got, err, tc.want)
		}
	}
}

func TestBasePath(t *testing.T) {
	for u, want := range map[string]string{
		"https://example.org":                             "/",
		"https://example.org/":                            "/",
		"http://localhost:1313/":                          "/",
		"https://www.example.gov.uk/council/performance":  "/council/performance/",
		"https://www.example.gov.uk/council/performance/": "/council/performance/",
		"https://xn--caf-dma.example/":                    "/",
		"https://example.org/café/performance":            "/café/performance/",
		"https://example.org/caf%C3%A9/":                  "/café/",
		"https://example.org/council+data/":               "/council+data/",
	} {
		got, err := BasePath(u)
		if err != nil || got != want {
			t.Errorf("BasePath(%q) = %q, %v; want %q", u, got, err, want)
		}
	}
	for _, u := range []string{
		"", "example.org", "ftp://example.org/", "javascript:alert(1)", "https://", "https:///x",
		"https://example.org/a%0A/*%20https://evil.example%20200!", "https://example.org/a b/",
		"https://example.org/a\n/", "https://example.org/?q=1", "https://example.org/#top",
		"https://user@example.org/", "https://exa mple.org/", "https://example.org:x/", "https://café.example/",
		"https://example.org/a/../b/", "https://example.org//a", "https://.example.org/",
		"https://example.org/a%20b/", "https://example.org/a%2Fb/", "https://example.org/100%25/", "https://example.org/%zz/",
		"https://example.org/%C3/", "https://example.org/%2e%2e/", "https://example.org/a\u202eb/",
	} {
		if got, err := BasePath(u); err == nil {
			t.Errorf("BasePath(%q) = %q, want an error", u, got)
		}
	}
}

func TestPageClash(t *testing.T) {
	for slug, want := range map[string]string{
		"glossary":        "the glossary page (/glossary/)",
		"Glossary":        "the glossary page (/glossary/)",
		"data":            "the data dictionary and the downloads (/data/)",
		"data/notes":      "the data dictionary and the downloads (/data/)",
		"search":          "the search page (/search/)",
		"_index":          "the home page",
		"index":           "the home page",
		"measures/eet":    "the measures' pages (/measures/)",
		"measures":        "the measures' pages (/measures/)",
		"measures/_index": "the measures' pages (/measures/)",
		"quarters/x":      "the quarters' pages (/quarters/)",
		"404":             "the page for addresses that do not exist (/404.html)",
	} {
		got, ok := PageClash(slug)
		if !ok || got != want {
			t.Errorf("PageClash(%q) = %q, %v; want %q", slug, got, ok, want)
		}
	}
	for _, slug := range []string{"about", "help/contact", "methodology", "glossary-notes", "help/_index", "about/index", "measuresx"} {
		if got, ok := PageClash(slug); ok {
			t.Errorf("PageClash(%q) = %q", slug, got)
		}
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"a b", "100%", "q#2?", "café", "a\nb", "..", "", "\xff", "a/b", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		got, err := Segment(name)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Segment(%q): %v is not an *Error", name, err)
			}
			if utf8.ValidString(name) && name != "" && name != "." && name != ".." && !strings.ContainsFunc(name, forbidden) {
				t.Fatalf("Segment(%q) refused a usable name: %v", name, err)
			}
			return
		}
		for i := 0; i < len(got); i++ {
			if !unreserved(got[i]) && got[i] != '%' {
				t.Fatalf("Segment(%q) = %q holds %q", name, got, got[i])
			}
		}
		back, err := url.PathUnescape(got)
		if err != nil || back != name {
			t.Fatalf("Segment(%q) = %q, which decodes to %q, %v", name, got, back, err)
		}
	})
}

func FuzzRedirectLine(f *testing.F) {
	f.Add("/measures/old", "/measures/new/", true)
	f.Add("/x\n/* https://evil.example/ 200!", "/a b", false)
	f.Add("/c:p/*", "/:splat/", true)
	f.Fuzz(func(t *testing.T, from, to string, splat bool) {
		line, err := RedirectLine(Redirect{From: from, To: to, Status: 301, Force: true, Splat: splat})
		if err != nil {
			return
		}
		fields := strings.Split(line, " ")
		if len(fields) != 3 || strings.ContainsFunc(line, func(r rune) bool { return r < 0x21 && r != ' ' || r >= 0x7f }) {
			t.Fatalf("RedirectLine(%q, %q) = %q: not three fields of printable ASCII", from, to, line)
		}
		if fields[2] != "301!" {
			t.Fatalf("RedirectLine(%q, %q) = %q: the status changed", from, to, line)
		}
		for i, want := range []string{from, to} {
			p := fields[i]
			if splat {
				end := []string{"/*", "/:splat"}[i]
				if !strings.HasSuffix(p, end) {
					t.Fatalf("RedirectLine(%q, %q) = %q: no %s", from, to, line, end)
				}
				p = strings.TrimSuffix(p, end[1:])
				want = strings.TrimSuffix(want, "/") + "/"
			}
			if strings.ContainsAny(p, "*:") || !strings.HasPrefix(p, "/") {
				t.Fatalf("RedirectLine(%q, %q) = %q: field %q can be read as a placeholder", from, to, line, p)
			}
			back, err := url.PathUnescape(p)
			if err != nil || back != want {
				t.Fatalf("RedirectLine(%q, %q) = %q: field %q decodes to %q, want %q", from, to, line, p, back, want)
			}
		}
	})
}
