package report

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// htmlProblem is one problem as the HTML report shows it.
type htmlProblem struct {
	Class, Where, Message, Hint string
	Label                       string // the line number or cell; "" for no excerpt
	Before, Mark, After         string // the line, split around what the caret marks
	Caret                       string // spaces then carets, under Mark
}

type htmlFile struct {
	File, Count string
	Problems    []htmlProblem
	More        string // "and N more problems in this file", when some are not shown
}

var htmlReport = template.Must(template.New("report").Parse(`{{ range .Files }}<section class="file">
<h2><code>{{ .File }}</code> <small>({{ .Count }})</small></h2>
{{ range .Problems }}<div class="problem {{ .Class }}">
<p class="message"><strong>{{ .Where }}:</strong> {{ .Message }}</p>
{{ if .Label }}<pre><span class="ln">{{ .Label }} |</span> {{ .Before }}<mark>{{ .Mark }}</mark>{{ .After }}{{ if .Caret }}
<span class="ln">{{ .Pad }} |</span> <span class="caret">{{ .Caret }}</span>{{ end }}</pre>
{{ end }}{{ if .Hint }}<p class="hint"><strong>Hint:</strong> {{ .Hint }}</p>
{{ end }}</div>
{{ end }}{{ if .More }}<p class="more">{{ .More }}</p>
{{ end }}</section>
{{ end }}<p class="summary">{{ .Summary }}</p>
`))

// Pad is as wide as the label, for the caret line.
func (p htmlProblem) Pad() string { return strings.Repeat(" ", len([]rune(p.Label))) }

// HTML draws the report as an HTML fragment: a section per file, each
// problem with its line, the offending part marked, and its hint; then the
// count. Everything from the files is escaped.
func (pr Printer) HTML(ps model.Problems) string {
	data := struct {
		Files   []htmlFile
		Summary string
	}{Summary: Summary(ps)}
	for _, group := range byFile(ps) {
		errs, warns := group.Count()
		f := htmlFile{File: group[0].Pos.File, Count: countText(errs, warns)}
		shown, more := capped(group)
		f.More = more
		for _, p := range shown {
			hp := htmlProblem{Class: "error", Where: "Error" + where(p.Pos), Message: p.Message, Hint: p.Hint}
			if p.Severity == model.Warning {
				hp.Class, hp.Where = "warning", "Warning"+where(p.Pos)
			}
			if hp.Hint == "" {
				hp.Hint = FallbackHint(p.Pos.File)
			}
			if ex, ok := excerptOf(p); ok {
				hp.Label = ex.label
				runes := []rune(ex.text)
				if ex.width > 0 && ex.col >= 1 {
					start := min(ex.col-1, len(runes))
					end := min(start+ex.width, len(runes))
					hp.Before, hp.Mark, hp.After = string(runes[:start]), string(runes[start:end]), string(runes[end:])
					hp.Caret = strings.Repeat(" ", ex.col-1) + strings.Repeat("^", ex.width)
				} else {
					hp.Before = ex.text
				}
			}
			f.Problems = append(f.Problems, hp)
		}
		data.Files = append(data.Files, f)
	}
	var b bytes.Buffer
	if err := htmlReport.Execute(&b, data); err != nil {
		return template.HTMLEscapeString(err.Error())
	}
	return b.String()
}

var errorPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }}</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #0b0c0c; background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
.lead { font-size: 1.1rem; }
.file { border-top: 1px solid #b1b4b6; margin-top: 1.5rem; }
h2 { font-size: 1.15rem; }
.problem { border-left: .3rem solid #d4351c; padding: .1rem 0 .1rem 1rem; margin: 1rem 0; }
.problem.warning { border-left-color: #f47738; }
.problem p { margin: .3rem 0; }
pre { background: #f3f2f1; padding: .5rem .75rem; overflow-x: auto; font-size: .95rem; }
mark { background: #ffdd00; }
.ln { color: #505a5f; }
.caret { color: #d4351c; font-weight: bold; }
.warning .caret { color: #a44d00; }
.hint { color: #0b0c0c; }
.summary { font-weight: bold; border-top: 1px solid #b1b4b6; padding-top: 1rem; }
</style>
</head>
<body>
<main>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Lead }}</p>
{{ .Report }}
</main>
</body>
</html>
`))

// ErrorPage is a whole web page showing the problems: what the preview
// server shows instead of the site while the data has errors.
// It shows the errors only: warnings do not stop a build, and the
// terminal lists them.
func (pr Printer) ErrorPage(ps model.Problems) string {
	errs, warns := ps.Count()
	var onlyErrors model.Problems
	for _, p := range ps {
		if p.Severity == model.Error {
			onlyErrors = append(onlyErrors, p)
		}
	}
	lead := "Correct the files below and save them: this page changes back to the site by itself. The published site has not changed."
	if warns > 0 {
		there, do := "There are", "do"
		if warns == 1 {
			there, do = "There is", "does"
		}
		lead += " " + there + " also " + plural(warns, "warning", "warnings") + " (which " + do + " not stop the build): perfsite check lists them."
	}
	var b bytes.Buffer
	err := errorPage.Execute(&b, map[string]any{
		"Title":  "The site cannot be built: " + plural(errs, "error", "errors") + " in the data",
		"Lead":   lead,
		"Report": template.HTML(pr.HTML(onlyErrors)),
	})
	if err != nil {
		return template.HTMLEscapeString(err.Error())
	}
	return b.String()
}
