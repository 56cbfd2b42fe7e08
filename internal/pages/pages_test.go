package pages

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/perfsite/perfsite"
	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/output"
)

// exampleSite is the repository's own example site.
const exampleSite = "../.."

// renderExample writes every page of the example site, by path, with
// perfsite's layouts and, when interactive, the interactive charts.
func renderExample(t *testing.T, interactive bool) map[string]string {
	t.Helper()
	in, probs, err := load.Load(exampleSite)
	if err != nil {
		t.Fatal(err)
	}
	if probs = append(probs, check.Check(in)...); probs.HasErrors() {
		t.Fatalf("the example site has errors: %v", probs)
	}
	site := derive.Derive(in)
	defaults, err := fs.Sub(perfsite.DefaultLayouts, "layouts")
	if err != nil {
		t.Fatal(err)
	}
	assets := map[string]Asset{AssetCSS: {URL: "css/site.css", Integrity: "sha384-x"}, AssetChartLoader: {URL: "js/loader.js", Integrity: "sha384-y"}}
	layouts, probs := ParseLayouts(defaults, nil, Funcs(site.BaseURL, assets))
	if len(probs) > 0 {
		t.Fatalf("perfsite's layouts: %v", probs)
	}
	r, err := New(site, Options{Layouts: layouts, Assets: assets, Interactive: interactive})
	if err != nil {
		t.Fatal(err)
	}
	files := r.SiteFiles()
	for _, m := range site.Measures {
		files = append(files, r.MeasureFiles(m)...)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := output.Render(f)
		if err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		out[f.Path] = string(b)
	}
	return out
}

var rowLabel = regexp.MustCompile(`<tr><th scope="row">(?:<a href="[^"]*">)?([^<]*)`)

func rowLabels(html string) []string {
	var labels []string
	for _, m := range rowLabel.FindAllStringSubmatch(html, -1) {
		labels = append(labels, m[1])
	}
	return labels
}

// A measure page's table has every figure, and a quarter page's only the
// figures up to its quarter, newest first; a revised figure is marked,
// and its page's panel says so; an older quarter's page says there is a
// newer figure, and which.
func TestTableRows(t *testing.T) {
	pages := renderExample(t, false)
	all := rowLabels(pages["measures/early-help-cases/index.html"])
	want := []string{"Q2 2023/24", "Q1 2023/24", "Q4 2022/23", "Q3 2022/23", "Q2 2022/23", "Q1 2022/23", "Q4 2021/22", "Q3 2021/22"}
	if strings.Join(all, ",") != strings.Join(want, ",") {
		t.Errorf("measure page rows = %v, want %v", all, want)
	}
	q1 := pages["measures/early-help-cases/2023-24-q1/index.html"]
	if got := rowLabels(q1); strings.Join(got, ",") != strings.Join(want[1:], ",") {
		t.Errorf("Q1 2023/24 page rows = %v, want %v", got, want[1:])
	}
	for _, want := range []string{
		`<span class="revised-mark">(revised)</span>`,
		"<strong>Revised:</strong> first published as 2,710",
		"<strong>There is newer data.</strong>",
		"<dt>Figure</dt>",
	} {
		if !strings.Contains(q1, want) {
			t.Errorf("the Q1 2023/24 page lacks %q", want)
		}
	}
	if strings.Contains(q1, "<dt>Latest figure</dt>") {
		t.Error("a quarter page's key figures should name its figure, not the latest")
	}
	if latest := pages["measures/early-help-cases/2023-24-q2/index.html"]; strings.Contains(latest, "There is newer data") {
		t.Error("the latest quarter's page says there is newer data")
	}
}

// The interactive chart's option is in the page, and its chart.json
// written, only when the chart library is installed; the SVG always.
func TestInteractiveChart(t *testing.T) {
	for _, interactive := range []bool{false, true} {
		pages := renderExample(t, interactive)
		html := pages["measures/care-leavers-eet/index.html"]
		if !strings.Contains(html, `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"`) {
			t.Errorf("interactive %v: no SVG chart", interactive)
		}
		if got := strings.Contains(html, `class="chart-option"`) && strings.Contains(html, " data-chart data-summary=\"summary-care-leavers-eet\">"); got != interactive {
			t.Errorf("interactive %v: option and data-chart in the page: %v", interactive, got)
		}
		if got := strings.Contains(html, `data-chart-src=`) || strings.Contains(html, "js/loader.js"); got != interactive {
			t.Errorf("interactive %v: the chart loader in the page: %v", interactive, got)
		}
		if _, ok := pages["measures/care-leavers-eet/chart.json"]; ok != interactive {
			t.Errorf("interactive %v: chart.json written: %v", interactive, ok)
		}
	}
}

// The header marks the menu's page being shown, and only on that page.
func TestHeaderMarksTheCurrentPage(t *testing.T) {
	pages := renderExample(t, false)
	current := regexp.MustCompile(`<a href="([^"]*)" aria-current="page">`)
	for path, want := range map[string]string{
		"measures/index.html":                  "/measures/",
		"quarters/index.html":                  "/quarters/",
		"index.html":                           "",
		"measures/care-leavers-eet/index.html": "",
	} {
		got := ""
		if m := current.FindStringSubmatch(pages[path]); m != nil {
			got = m[1]
		}
		if got != want {
			t.Errorf("%s: the menu marks %q as current, want %q", path, got, want)
		}
	}
}

// The accessibility statement has the sections of the model statement
// for the Public Sector Bodies Accessibility Regulations 2018, and the
// site's own facts: its address, contact and dates.
func TestAccessibilityStatement(t *testing.T) {
	page := renderExample(t, false)["accessibility/index.html"]
	for _, want := range []string{
		"<h1>Accessibility statement for Children and Young People: how we are doing</h1>",
		`This accessibility statement applies to <a href="https://perfsite-example.netlify.app/">`,
		">How accessible this website is</h2>",
		">Feedback and contact information</h2>",
		">Reporting accessibility problems with this website</h2>",
		">Enforcement procedure</h2>",
		"Equality and Human Rights Commission",
		">Technical information about this website's accessibility</h2>",
		">Compliance status</h3>",
		">Non-accessible content</h2>",
		">Non-compliance with the accessibility regulations</h3>",
		">Disproportionate burden</h3>",
		">Content that is not within the scope of the accessibility regulations</h3>",
		">What we are doing to improve accessibility</h2>",
		">Preparation of this accessibility statement</h2>",
		"This statement was prepared on 20 November 2023. It was last reviewed on 20 November 2023.",
		`<a href="mailto:accessibility@example.gov.uk">accessibility@example.gov.uk</a>`,
		"get back to you in 5 working days",
		"fully compliant with the",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the statement lacks %q", want)
		}
	}
	if home := renderExample(t, false)["index.html"]; !strings.Contains(home, `<a href="/accessibility/">Accessibility statement</a>`) {
		t.Error("the footer does not link the statement")
	}
}

// The statement lists the checks the site quality suite runs, as the
// suite names them: no more, no fewer.
func TestStatementNamesTheSuitesChecks(t *testing.T) {
	src, err := os.ReadFile("../../.ci/quality/run.mjs")
	if err != nil {
		t.Fatal(err)
	}
	suite := map[string]bool{}
	for _, m := range regexp.MustCompile("report\\.result\\([`']([a-z ]+):").FindAllStringSubmatch(string(src), -1) {
		suite[m[1]] = true
	}
	if len(suite) < 5 {
		t.Fatalf("found only %v in the suite", suite)
	}
	stated := map[string]bool{}
	for _, c := range QualityChecks {
		stated[c.Name] = true
		if !suite[c.Name] {
			t.Errorf("the statement names the check %q, which the suite does not run", c.Name)
		}
	}
	for name := range suite {
		if !stated[name] {
			t.Errorf("the suite runs the check %q, which the statement does not name", name)
		}
	}
}

// A quarter page's table judges its figures as they stood in its quarter,
// as its chart does: agency social workers' early figures are below the
// usual range of the latest figures, but were inside their own.
func TestQuarterTableJudgesAsThen(t *testing.T) {
	pages := renderExample(t, false)
	latest := pages["measures/agency-social-workers/index.html"]
	if n := strings.Count(latest, "<td>below the usual range: better</td>"); n != 6 {
		t.Errorf("the measure page has %d figures below the usual range, want 6", n)
	}
	then := pages["measures/agency-social-workers/2021-22-q3/index.html"]
	if strings.Contains(then, "usual range") {
		t.Error("the Q3 2021/22 page judges its figures by the limits of later figures")
	}
	if !strings.Contains(then, `<td>31</td><td></td><td></td><td>`) {
		t.Error("the Q3 2021/22 page lacks its Q3 2020/21 row")
	}
}

// A meeting's page lists the measures it discussed with the figures of
// the quarter it discussed, which its summary quotes, not the figures
// published since: the Q1 2023/24 meeting discussed 92.6% of care leavers
// in education, employment or training, and 94.9% is Q2's figure.
func TestMinutesListTheQuarterDiscussed(t *testing.T) {
	pages := renderExample(t, false)
	q1 := pages["minutes/2023-09-12-cyp-scrutiny-q1/index.html"]
	_, list, ok := strings.Cut(q1, "<h2>Measures discussed</h2>")
	list, _, _ = strings.Cut(list, "</main>") // the footer names the latest quarter
	if !ok {
		t.Fatal("the Q1 2023/24 minutes list no measures")
	}
	for _, want := range []string{
		"The figures are the latest there were in Q1 2023/24, the quarter discussed, with any corrections made since.",
		`<span class="value">92.6%</span> <span class="period">Q1 2023/24</span>`,
		`<span class="value">£12.3 million</span> <span class="period">Q1 2023/24</span>`,
	} {
		if !strings.Contains(list, want) {
			t.Errorf("the Q1 2023/24 minutes' list lacks %q", want)
		}
	}
	if strings.Contains(list, "Q2 2023/24") {
		t.Error("the Q1 2023/24 minutes list a figure for Q2 2023/24, published after the meeting")
	}
}
