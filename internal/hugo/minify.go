package hugo

import (
	"bytes"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// perfsite builds with Hugo's minifyOutput off: the layouts already write
// compact HTML, hosts compress what they serve, and minifying every page
// took a fifth of a build (BENCHMARKS.md). MinifyHTML minifies a page as
// Hugo's minifyOutput would (its default settings, with the same minifiers
// for the CSS, JavaScript, JSON and SVG inside), so that tests can compare
// pages in one canonical form whatever the setting.
func MinifyHTML(b []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := minifier.Minify("text/html", &out, bytes.NewReader(b)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// minifier has the settings of Hugo's defaultTdewolffConfig
// (minifiers/config.go in Hugo).
var minifier = func() *minify.M {
	m := minify.New()
	m.Add("text/css", &css.Minifier{})
	m.Add("text/javascript", &js.Minifier{Version: 2022})
	m.AddRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), &js.Minifier{Version: 2022})
	m.Add("application/json", &json.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-|(ld|manifest)\+)?json$`), &json.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{KeepNamespaces: []string{"", "x-bind"}})
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepSpecialComments: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	return m
}()
