package pages

import (
	"crypto/sha512"
	"encoding/base64"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// The committee report of the example site's latest quarter: every
// measure in the quarter page's order, the measures off track with their
// charts and what the committee said before, the correction since the
// last report, and the meeting, from the minutes.
func TestCommitteeReport(t *testing.T) {
	pages := renderExample(t, true)
	report := pages["quarters/2023-24-q2/report/index.html"]
	if report == "" {
		t.Fatal("no report for Q2 2023/24")
	}
	quarter := pages["quarters/2023-24-q2/index.html"]
	if !strings.Contains(quarter, `<a href="/quarters/2023-24-q2/report/">`) {
		t.Error("the quarter page does not link to its report")
	}
	// Every measure of the quarter page, in its order.
	var want []string
	for _, m := range regexp.MustCompile(`<a class="measure-title" href="[^"]*">([^<]*)<`).FindAllStringSubmatch(quarter, -1) {
		want = append(want, html.UnescapeString(m[1]))
	}
	if len(want) < 10 {
		t.Fatalf("the quarter page lists %d measures", len(want))
	}
	var got []string
	for _, m := range regexp.MustCompile(`<tr><th scope="row"><a href="[^"]*">([^<]*)</a></th><td><span class="report-value">`).FindAllStringSubmatch(report, -1) {
		got = append(got, html.UnescapeString(m[1]))
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the report's table lists\n%q\nthe quarter page\n%q", got, want)
	}
	for _, s := range []string{
		`<h1>Performance report: Q2 2023/24 <span class="subtitle">July to September 2023</span></h1>`,
		`Children and Young People Overview and Scrutiny Committee: meeting of <time datetime="2023-11-14">14 November 2023</time>`,
		`<a href="#off-track">Measures off track</a>`,
		// An off-track measure, with its chart as it stood then and its note.
		`<h3 id="exception-children-in-care"><a href="/measures/children-in-care/2023-24-q2/">Children in care per 10,000 children</a></h3>`,
		`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"`,
		// The figure corrected since Q1's report: after Q1 ended.
		`Figures corrected after Q1 2023/24 ended (30 June 2023).`,
		`<td>2,710</td><td>2,760</td><td><time datetime="2023-11-14">14 November 2023</time></td>`,
		// A running total says what it covers.
		`April to September 2023 (so far this year)`,
		`<link rel="stylesheet" href="/quarters/2023-24-q2/report/print.css" integrity="sha384-`,
	} {
		if !strings.Contains(report, s) {
			t.Errorf("the report lacks %s", s)
		}
	}
	// Off track in the table is in the exceptions, and nothing else is.
	off := strings.Count(report, `<td><span class="status status-off-track">`)
	if n := strings.Count(report, `<article class="exception"`); n != off || n == 0 {
		t.Errorf("%d measures off track in the table, %d exceptions", off, n)
	}
	// No interactive chart, script or option: it is for paper.
	if strings.Contains(report, "chart-option") || strings.Contains(report, "data-chart") {
		t.Error("the report has an interactive chart")
	}
	css := pages["quarters/2023-24-q2/report/print.css"]
	if !strings.Contains(css, `content: "Performance report, Q2 2023\2f 24, Warwickshire County Council"`) {
		t.Errorf("the running header: %s", css)
	}
	sum := sha512.Sum384([]byte(css))
	m := regexp.MustCompile(`print.css" integrity="([^"]*)" media="print">`).FindStringSubmatch(report)
	if sri := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); m == nil || html.UnescapeString(m[1]) != sri {
		t.Errorf("the print stylesheet's integrity is %v, not %s", m, sri)
	}
}

// The running header names the organisation as written, whatever it holds:
// html/template escapes it inside the CSS string.
func TestReportRunningHeader(t *testing.T) {
	for _, org := range []string{
		"Warwickshire County Council",
		`Acme: "Borough" Council`,
		`Back\slash </style><script>alert(1)</script>`,
		"Line\nbreak # and ? and url(x) ; } @import",
		"Cyngor Sir Ddinbych — Denbighshire: 100% ✓",
	} {
		site := &derive.Site{Cal: model.Calendar{StartMonth: 4}}
		site.Organisation = org
		r := &Renderer{site: site, cal: site.Cal}
		b, err := r.reportCSS(&derive.Quarter{Period: model.Period{Year: 2023, Quarter: 2}})
		if err != nil {
			t.Fatal(err)
		}
		css := string(b)
		m := regexp.MustCompile(`^@page report \{ @top-left \{ content: "((?:[^"\\\n]|\\[0-9a-f]{1,6} ?|\\[^0-9a-f\n])*)"; \} \}\n@page report:first \{ @top-left \{ content: none; \} \}\n$`).FindStringSubmatch(css)
		if m == nil {
			t.Errorf("%q: not one CSS string in the rule: %s", org, css)
			continue
		}
		if got, want := unescapeCSS(m[1]), "Performance report, Q2 2023/24, "+org; got != want {
			t.Errorf("the header reads %q, want %q", got, want)
		}
	}
}

// unescapeCSS reads the escapes of a CSS string: \HEX (and one optional
// space after it) and \c.
func unescapeCSS(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && j < i+7 && strings.IndexByte("0123456789abcdefABCDEF", s[j]) >= 0 {
			j++
		}
		if j == i+1 {
			b.WriteByte(s[j])
			i = j
			continue
		}
		n, _ := strconv.ParseUint(s[i+1:j], 16, 32)
		b.WriteRune(rune(n))
		if j < len(s) && s[j] == ' ' {
			j++
		}
		i = j - 1
	}
	return b.String()
}
