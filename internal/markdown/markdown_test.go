package markdown

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/perfsite/perfsite/internal/livecheck"
)

func TestHTMLIsSafe(t *testing.T) {
	r := New()
	tests := []struct {
		in      string
		want    []string
		mustNot []string
	}{
		{"Hello <script>alert(1)</script> there", []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script"}},
		{"<div onclick=\"x()\">block</div>\n", []string{"&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;"}, []string{"<div"}},
		{"[click](javascript:alert(1))", []string{"click"}, []string{"<a", "javascript"}},
		{"[click](JaVaScRiPt:alert(1))", []string{"click"}, []string{"<a"}},
		{"[click](vbscript:msgbox)", []string{"click"}, []string{"<a"}},
		{"[click](data:text/html;base64,PHNjcmlwdD4=)", []string{"click"}, []string{"<a"}},
		{"[click](java&#115;cript:alert(1))", []string{"click"}, []string{"<a"}},
		{"<javascript:alert(1)>", nil, []string{"<a"}},
		{"![x](https://evil.example/track.png)", []string{"x"}, []string{"<img"}},
		{"[the report](https://example.gov.uk/r.pdf)", []string{`<a href="https://example.gov.uk/r.pdf">the report</a>`}, nil},
		{"# Heading", []string{"<h2>Heading</h2>"}, []string{"<h1"}},
		{"- one\n- two", []string{"<li>one</li>"}, nil},
	}
	for _, tt := range tests {
		got, err := r.HTML(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("HTML(%q) = %q, want it to contain %q", tt.in, got, w)
			}
		}
		for _, w := range tt.mustNot {
			if strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
				t.Errorf("HTML(%q) = %q, must not contain %q", tt.in, got, w)
			}
		}
	}
}

// TestNothingLive renders Markdown carrying script in every form Markdown
// allows, and checks with the same oracle as the end-to-end tests that no
// part of the HTML would run, while the words are still shown.
func TestNothingLive(t *testing.T) {
	r := New()
	tests := []struct {
		in   string
		text string // what a reader still sees
	}{
		// Raw HTML, inline and as each of the seven kinds of HTML block.
		{`Before <img src=x onerror="alert(1)"> after`, `<img src=x onerror="alert(1)">`},
		{`Before <a href="javascript:alert(1)">link</a> after`, `<a href="javascript:alert(1)">`},
		{`<svg onload=alert(1)>` + "\n", `<svg onload=alert(1)>`},
		{"<script>\nalert(1)\n</script>\n", "alert(1)"},
		{"<style>body{display:none}</style>\n", "body{display:none}"},
		{"<!-- x --><script>alert(1)</script>\n", "<script>alert(1)</script>"},
		{"<?php echo 1; ?>\n", "<?php"},
		{"<!DOCTYPE html>\n", "<!DOCTYPE html>"},
		{"<![CDATA[<script>alert(1)</script>]]>\n", "<![CDATA["},
		{"<iframe src=\"https://evil.example\"></iframe>\n", "<iframe"},
		{"<custom-tag onclick=alert(1)>\n\ntext", "<custom-tag onclick=alert(1)>"},
		{"<textarea></textarea><script>alert(1)</script>\n", "<script>alert(1)</script>"},
		{"<noscript><img src=x onerror=alert(1)></noscript>\n", "<noscript>"},
		{"<form action=\"https://evil.example\"><input></form>\n", "<form"},
		{"<base href=\"https://evil.example/\">\n", "<base"},
		{"<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">\n", "<meta"},
		{"Text <b style=\"x\" onmouseover=alert(1)>bold</b>", "onmouseover"},
		// Links and images to addresses that run script.
		{"[a](javascript:alert(1))", "a"},
		{"[a](JAVASCRIPT:alert(1))", "a"},
		{"[a](javascript&#58;alert(1))", "a"},
		{"[a](&#106;avascript:alert(1))", "a"},
		{"[a](&#x6A;avascript:alert(1))", "a"},
		{"[a](java%0ascript:alert(1))", "a"},
		{"[a](<javascript:alert(1)>)", "a"},
		{"[a](javascript:alert(1) \"title\")", "a"},
		{"[a](vbscript:msgbox(1))", "a"},
		{"[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "a"},
		{"[a][r]\n\n[r]: javascript:alert(1)", "a"},
		{"![a](javascript:alert(1))", "a"},
		{"![a](https://evil.example/x.png)", "a"},
		{"<javascript:alert(1)>", "javascript:alert(1)"},
		{"<JavaScript:alert(1)>", "JavaScript:alert(1)"},
		{"<vbscript:msgbox(1)>", "vbscript:msgbox(1)"},
		{"<data:text/html,<script>alert(1)</script>>", "data:text/html,"},
		{"javascript:alert(1) and www.example.org", "javascript:alert(1)"},
		// Breaking out of attributes.
		{`[a](https://example.org/" onmouseover="alert(1))`, "a"},
		{`[a](<https://example.org/" onmouseover="alert(1)>)`, "a"},
		{`[a](https://example.org/ "t\" onmouseover=\"alert(1)")`, "a"},
		// Markup in code, tables and headings.
		{"`<script>alert(1)</script>`", "<script>alert(1)</script>"},
		{"    <script>alert(1)</script>", "<script>alert(1)</script>"},
		{"```html\n<script>alert(1)</script>\n```", "<script>alert(1)</script>"},
		{"| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | x |", "<img src=x onerror=alert(1)>"},
		{"# Title <script>alert(1)</script>", "<script>alert(1)</script>"},
		{"**<script>alert(1)</script>**", "<script>alert(1)</script>"},
	}
	for _, tt := range tests {
		got, err := r.HTML(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if live := livecheck.HTML([]byte(got)); len(live) > 0 {
			t.Errorf("HTML(%q) = %q: live: %q", tt.in, got, live)
		}
		if text := visibleText(t, got); !strings.Contains(text, tt.text) {
			t.Errorf("HTML(%q) = %q: the text %q is not shown (shown: %q)", tt.in, got, tt.text, text)
		}
	}
}

// visibleText is the text of an HTML fragment as a reader sees it.
func visibleText(t *testing.T, s string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

func TestSafeURL(t *testing.T) {
	for _, u := range []string{
		"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
		"java\nscript:alert(1)", "\x01javascript:alert(1)", "javascript\x00:alert(1)", "vbscript:x", "VBScript:x",
		"data:text/html,x", "DATA:text/html,x", "javascript&#58;alert(1)", "jav&#x09;ascript:alert(1)",
	} {
		if SafeURL(u) {
			t.Errorf("SafeURL(%q) = true", u)
		}
	}
	for _, u := range []string{
		"https://example.org/", "http://example.org/a?b=javascript:x", "/measures/eet/", "#top",
		"mailto:team@example.org", "measures/eet/", "https://example.org/a&b",
	} {
		if !SafeURL(u) {
			t.Errorf("SafeURL(%q) = false", u)
		}
	}
}
