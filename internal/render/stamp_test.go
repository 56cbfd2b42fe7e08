package render

import (
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestParseShell: a shell's tokens, escaped as html/template escapes text
// and attribute values, are cut out and stamped with the page's values
// escaped the same way; a text token used any other way (in an address,
// in a script, unescaped) is an error rather than a page with the wrong
// text.
func TestParseShell(t *testing.T) {
	title := shellText(textTitle)
	layout := template.Must(template.New("").Parse(
		`<title>{{.T}}</title><a href="/measures/{{.M}}/{{.Q}}/" title="{{.T}}">{{.T}}</a>{{.Main}}`))
	var shell strings.Builder
	if err := layout.Execute(&shell, map[string]any{"T": title, "M": shellMeasure(3), "Q": shellQuarter, "Main": template.HTML(shellMain)}); err != nil {
		t.Fatal(err)
	}
	st, err := parseShell("shell.html", shell.String(), 3)
	if err != nil {
		t.Fatal(err)
	}
	var v pageValues
	v[fieldMeasure], v[fieldQuarter], v[fieldMain] = "bins-emptied", "2023-24-q2", "<p>Main & content</p>"
	text := "Bins \"emptied\" <on time> & +1 'now'\x00"
	v[textTitle] = esc(text) // as Stamp gives it
	var want strings.Builder
	if err := layout.Execute(&want, map[string]any{"T": text, "M": v[fieldMeasure], "Q": v[fieldQuarter], "Main": template.HTML(v[fieldMain])}); err != nil {
		t.Fatal(err)
	}
	if got := string(st.appendTo(nil, &v)); got != want.String() {
		t.Errorf("stamped:\n%s\nwant, as html/template writes it:\n%s", got, want.String())
	}

	for _, bad := range []string{
		`<a href="/search/?q={{.}}">`, // in an address
		`<script>var t = {{.}};</script>`,
		`<p>{{. | html}}</p>`, // escaped twice
	} {
		var b strings.Builder
		if err := template.Must(template.New("").Parse(bad)).Execute(&b, title); err != nil {
			t.Fatal(err)
		}
		if _, err := parseShell("shell.html", b.String(), 3); err == nil {
			t.Errorf("%s: stamped as text (%s)", bad, b.String())
		}
	}
	// Another shell's measure is not this one's.
	if _, err := parseShell("shell.html", "<p>"+shellMeasure(4)+"</p>", 3); err == nil {
		t.Error("shell 3 took shell 4's measure token")
	}
	// A value the shells leave unused is refused wherever it is written.
	if _, err := parseShell("shell.html", "<p>"+shellFigure().TargetText+"</p>", 3); err == nil || !strings.Contains(err.Error(), "does not stamp") {
		t.Errorf("a shell's unused value: %v", err)
	}
	// JSON-LD, a chart's SVG and legend are written as they are.
	raw := "<script>" + shellJSONLD + "</script>" + shellSVG + shellLegend
	st, err = parseShell("shell.html", raw, 3)
	if err != nil {
		t.Fatal(err)
	}
	v = pageValues{}
	v[fieldJSONLD], v[fieldSVG], v[fieldLegend] = `{"a":"<b>"}`, "<svg></svg>", "<ul></ul>"
	if got, want := string(st.appendTo(nil, &v)), `<script>{"a":"<b>"}</script><svg></svg><ul></ul>`; got != want {
		t.Errorf("stamped %s, want %s", got, want)
	}
}

// The stamped pages go into the sitemap under the home page's address as
// Hugo wrote it, even when a service is called "measures".
func TestAddToSitemap(t *testing.T) {
	dir := t.TempDir()
	hugo := `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>
    <loc>https://example.org/council&#43;data/services/measures/</loc>
  </url><url>
    <loc>https://example.org/council&#43;data/services/</loc>
  </url><url>
    <loc>https://example.org/council&#43;data/</loc>
  </url><url>
    <loc>https://example.org/council&#43;data/measures/</loc>
  </url>
</urlset>
`
	if err := os.WriteFile(filepath.Join(dir, "sitemap.xml"), []byte(hugo), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := addToSitemap(dir, []string{"measures/a/2023-24-q1/", "measures/a/2023-24-q2/"}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(hugo, "measures/</loc>\n  </url>\n</urlset>", `measures/</loc>
  </url><url>
    <loc>https://example.org/council&#43;data/measures/a/2023-24-q1/</loc>
  </url><url>
    <loc>https://example.org/council&#43;data/measures/a/2023-24-q2/</loc>
  </url>
</urlset>`, 1)
	if string(got) != want {
		t.Errorf("sitemap:\n%s\nwant:\n%s", got, want)
	}
}
