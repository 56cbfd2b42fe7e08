package render

import (
	"encoding/json"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// TestBodyTableRows: a measure page's table has every figure, and a
// quarter page's only the figures up to its quarter, newest first; a
// revised figure is marked, and its page's panel says so; an older
// quarter's page knows where to read the newer figure.
func TestBodyTableRows(t *testing.T) {
	_, _, out := renderExample(t)
	dir := filepath.Dir(out.ContentDir)
	params := func(page string) map[string]any {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out.ContentDir, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		var p struct{ Params map[string]any }
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		return p.Params
	}
	mainHTML := func(p map[string]any) string {
		t.Helper()
		name, _ := p["main_file"].(string)
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	rowLabels := func(html string) []string {
		var labels []string
		for _, row := range strings.Split(html, `<tr><th scope="row">`)[1:] {
			row = row[:strings.Index(row, "</th>")]
			if i := strings.Index(row, `">`); i >= 0 {
				row = strings.TrimSuffix(row[i+2:], "</a>")
			}
			labels = append(labels, row)
		}
		return labels
	}

	all := rowLabels(mainHTML(params("measures/early-help-cases.md")))
	want := []string{"Q2 2023/24", "Q1 2023/24", "Q4 2022/23", "Q3 2022/23", "Q2 2022/23", "Q1 2022/23", "Q4 2021/22", "Q3 2021/22"}
	if strings.Join(all, ",") != strings.Join(want, ",") {
		t.Errorf("measure page rows = %v, want %v", all, want)
	}
	q1 := params("measures/early-help-cases/2023-24-q1.md")
	d := mainHTML(q1)
	if got := rowLabels(d); strings.Join(got, ",") != strings.Join(want[1:], ",") {
		t.Errorf("Q1 2023/24 page rows = %v, want %v", got, want[1:])
	}
	if !strings.Contains(d, `<span class="revised-mark">(revised)</span>`) {
		t.Error("the revised figure is not marked in the table")
	}
	if !strings.Contains(d, "<strong>Revised:</strong> first published as 2,710") {
		t.Error("the panel does not say the figure was revised")
	}
	if q1["newer"] != true || q1["measure_page"] != "/measures/early-help-cases" {
		t.Errorf("an older quarter's page must read the newer figure from its measure page: newer %v, measure_page %v", q1["newer"], q1["measure_page"])
	}
	if !strings.Contains(d, "<dt>Figure</dt>") || strings.Contains(d, "Latest figure") {
		t.Error("a quarter page's key figures should name its figure, not the latest")
	}
}

// TestBodyEscapes: the text in the panel and the table is escaped as a
// template would, and links start with the base URL's path.
func TestBodyEscapes(t *testing.T) {
	r := &renderer{rel: "/performance/"}
	f := figureView{
		Label: "Q1 2024/25", Months: "April to June 2024", ValueText: "<b>1</b>",
		Note: `"Tom & Jerry" <script>alert(1)</script>`, URL: "measures/x/2024-25-q1/",
		Status: status(model.OffTrack),
	}
	v := &measureView{Figure: f, SummaryHTML: "<abbr>ok</abbr>"}
	panel := r.panelHTML(v)
	row := r.tableRowHTML(f)
	for _, html := range []string{panel, row} {
		if strings.Contains(html, "<script>") || strings.Contains(html, "<b>") {
			t.Errorf("text not escaped:\n%s", html)
		}
		if !strings.Contains(html, "&#34;Tom &amp; Jerry&#34; &lt;script&gt;") {
			t.Errorf("note not escaped as a template would:\n%s", html)
		}
	}
	if !strings.Contains(panel, `<p class="summary"><abbr>ok</abbr></p>`) {
		t.Errorf("the summary, already HTML, was changed:\n%s", panel)
	}
	if !strings.Contains(row, `<a href="/performance/measures/x/2024-25-q1/">Q1 2024/25</a>`) {
		t.Errorf("row link not under the base path:\n%s", row)
	}
	// As html/template (Hugo's templates) writes a path in an href.
	odd := `minutes/Q2 report (Nov) "x"&y+z é 100% %41 %4/`
	var want strings.Builder
	tmpl := template.Must(template.New("").Parse(`<a href="{{ . }}">`))
	if err := tmpl.Execute(&want, "/performance/"+odd); err != nil {
		t.Fatal(err)
	}
	if got := `<a href="` + r.href(odd) + `">`; got != want.String() {
		t.Errorf("href: got %s, want %s", got, want.String())
	}
}

// TestStatusHTML: every status is shown with its own icon and its word.
func TestStatusHTML(t *testing.T) {
	icons := StatusIcons()
	seen := map[string]bool{}
	for _, s := range model.Statuses {
		var b strings.Builder
		statusHTML(&b, status(s))
		icon := icons[string(s)]
		if icon == "" || seen[icon] {
			t.Errorf("%s: no icon of its own", s)
		}
		seen[icon] = true
		if !strings.Contains(b.String(), icon) || !strings.HasSuffix(b.String(), "</svg>"+s.Label()+"</span>") {
			t.Errorf("%s: %s", s, b.String())
		}
	}
}

// TestBodyInteractiveChart: the ECharts option and the data-chart mark
// are in a page only when the site has the chart library; the SVG always.
func TestBodyInteractiveChart(t *testing.T) {
	in, _, _ := renderExample(t)
	for _, interactive := range []bool{false, true} {
		site := derive.Derive(in)
		site.InteractiveCharts = interactive
		dir := t.TempDir()
		out, err := Render(site, dir)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out.ContentDir, "measures", "care-leavers-eet.md"))
		if err != nil {
			t.Fatal(err)
		}
		var p struct{ Params map[string]any }
		if err := json.Unmarshal(b, &p); err != nil {
			t.Fatal(err)
		}
		main, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Params["main_file"].(string))))
		if err != nil {
			t.Fatal(err)
		}
		html := string(main)
		if !strings.Contains(html, `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg"`) {
			t.Errorf("interactive %v: no SVG chart", interactive)
		}
		if got := strings.Contains(html, `class="chart-option"`) && strings.Contains(html, " data-chart>"); got != interactive {
			t.Errorf("interactive %v: option and data-chart in the page: %v", interactive, got)
		}
		if got := p.Params["interactive_chart"] == true; got != interactive {
			t.Errorf("interactive %v: interactive_chart param %v", interactive, got)
		}
		// The option the quarter pages cut theirs from: only for them to read.
		if _, err := os.Stat(filepath.Join(out.StaticDir, "measures", "care-leavers-eet", "chart.json")); (err == nil) != interactive {
			t.Errorf("interactive %v: measures/care-leavers-eet/chart.json written: %v", interactive, err == nil)
		}
	}
}
