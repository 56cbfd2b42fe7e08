package markdown

import (
	"strings"
	"testing"
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
