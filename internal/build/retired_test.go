package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkLayouts: a call of a retired partial the site does not have is an
// error; a copy the site never calls, a warning; a partial of that name
// the site has and calls, nothing.
func TestCheckLayouts(t *testing.T) {
	calls := `{{ define "main" }}{{ partial "cite.html" . }}{{ end }}`
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"called, no copy", map[string]string{"layouts/measure.html": calls},
			[]string{`layouts/measure.html:1:23: the partial "cite.html" is no longer part of perfsite's layouts`}},
		{"copy, not called", map[string]string{"layouts/_partials/cite.html": "<p>cite</p>"},
			[]string{"layouts/_partials/cite.html: warning: perfsite no longer uses the layout cite.html, so your copy changes nothing"}},
		{"copy in the older folder, called", map[string]string{"layouts/measure.html": calls, "layouts/partials/cite.html": "<p>cite</p>"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, p := range printed(checkLayouts(writeSite(t, c.files)), -1) {
				got = append(got, strings.SplitN(p, " hint: ", 2)[0])
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// A site's layouts folder may be a link, which Hugo follows: its layouts
// are its own all the same, and checked.
func TestLayoutsFolderLink(t *testing.T) {
	elsewhere := writeSite(t, map[string]string{"layouts/measure.html": `{{ define "main" }}{{ partial "cite.html" . }}{{ end }}`})
	site := t.TempDir()
	if err := os.Symlink(filepath.Join(elsewhere, "layouts"), filepath.Join(site, "layouts")); err != nil {
		t.Fatal(err)
	}
	if got := layoutFiles(site); strings.Join(got, " ") != "layouts/measure.html" {
		t.Errorf("layout files %q, want layouts/measure.html", got)
	}
	if !hasOwnLayouts(site) {
		t.Error("a linked layouts folder is not the site's own layouts")
	}
	if n := len(checkLayouts(site)); n != 1 {
		t.Errorf("%d problems in a linked layouts folder, want 1 (the retired partial)", n)
	}
}

// The report shows the call of a retired partial underlined in its line,
// from the problem alone (load.Annotate has no layouts' text).
func TestCheckLayoutsSpan(t *testing.T) {
	line := `<h1>Café</h1>{{ partial "cite.html" . }}`
	probs := checkLayouts(writeSite(t, map[string]string{"layouts/measure.html": line}))
	if len(probs) != 1 || probs[0].Span == nil {
		t.Fatalf("problems %v, want one with a span", probs)
	}
	sp := probs[0].Span
	if got := string([]rune(sp.Text)[sp.Start-1 : sp.End-1]); sp.Text != line || got != `partial "cite.html"` {
		t.Errorf("span %q of %q, want partial \"cite.html\" of the line", got, sp.Text)
	}
}
