package chart

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"github.com/perfsite/perfsite/internal/derive/derivetest"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// option decodes a chart's option JSON.
func option(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	b, err := c.OptionJSON()
	if err != nil {
		t.Fatal(err)
	}
	var o map[string]any
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatalf("option JSON does not parse: %v\n%s", err, b)
	}
	return o
}

// seriesData returns the data of the series with the given id.
func seriesData(t *testing.T, o map[string]any, id string) []any {
	t.Helper()
	for _, s := range o["series"].([]any) {
		s := s.(map[string]any)
		if s["id"] == id {
			return s["data"].([]any)
		}
	}
	t.Fatalf("no series %q", id)
	return nil
}

// parseXML checks that s is well-formed XML and returns its elements.
func parseXML(t *testing.T, s string) []xml.StartElement {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var out []xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			out = append(out, se)
		}
	}
}

func attr(se xml.StartElement, name string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func TestChartID(t *testing.T) {
	c := New(derivetest.CareLeavers(), cal)
	if c.ID != "chart-care-leavers-eet" {
		t.Errorf("ID = %q", c.ID)
	}
	if got := c.Line().ChartID; got != c.ID {
		t.Errorf("go-echarts ChartID = %q, want %q (never random)", got, c.ID)
	}
}

func TestGapsAreGapsNotZeros(t *testing.T) {
	m := derivetest.Quarterly("gappy", "Gappy", f(50), []*float64{f(40), nil, f(42)}, f(30), nil, f(35), f(0), nil)
	c := New(m, cal)
	o := option(t, c)
	actual := seriesData(t, o, idActual)
	if len(actual) != 5 {
		t.Fatalf("actual has %d points, want 5", len(actual))
	}
	for _, i := range []int{1, 4} {
		if actual[i] != nil {
			t.Errorf("missing quarter %d is %v, want null", i, actual[i])
		}
	}
	if v := actual[3].(map[string]any)["value"]; v != 0.0 {
		t.Errorf("a real zero must stay zero, got %v", v)
	}
	if nat := seriesData(t, o, idNational); nat[1] != nil {
		t.Errorf("missing national figure is %v, want null", nat[1])
	}
	raw, _ := c.OptionJSON()
	if !bytes.Contains(raw, []byte(`"data":[{"value":30,`)) || !bytes.Contains(raw, []byte(`},null,{`)) {
		t.Errorf("gaps should be written as null:\n%s", raw)
	}

	// In the SVG, no line reaches a missing quarter: the only segment is
	// between the quarters 2 and 3, which both have a figure.
	svg := c.SVG()
	actualGroup := svg[strings.Index(svg, `<g class="chart-actual"`):]
	actualGroup = actualGroup[:strings.Index(actualGroup, `<g class="chart-ring"`)]
	if n := strings.Count(actualGroup, "<line "); n != 1 {
		t.Errorf("actual line has %d segments, want 1 (gaps must break it):\n%s", n, actualGroup)
	}
	if n := strings.Count(svg, "<circle "); n != 3 {
		t.Errorf("%d markers, want 3 (one per figure)", n)
	}
}

const evil = `</script><script>alert(1)</script> & "quotes" 'too'`

// The chart's words (internal/explain's) are escaped wherever the chart
// puts them.
func TestEscapingJSON(t *testing.T) {
	c := New(derivetest.CareLeavers(), cal)
	c.words = func() explain.ChartText { return explain.ChartText{Description: evil} }
	b, err := c.OptionJSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
		if bytes.Contains(b, []byte(bad)) {
			t.Errorf("option JSON contains a raw %q:\n%s", bad, b)
		}
	}
	if !bytes.Contains(b, []byte(`\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`)) {
		t.Errorf("description not escaped as expected:\n%s", b)
	}
	// It still decodes to the same description.
	o := option(t, c)
	desc := o["aria"].(map[string]any)["label"].(map[string]any)["description"].(string)
	if desc != evil {
		t.Errorf("description = %q", desc)
	}
}

func TestEscapingSVG(t *testing.T) {
	c := New(derivetest.CareLeavers(), cal)
	c.words = func() explain.ChartText { return explain.ChartText{Name: evil, Description: evil} }
	svg := c.SVG()
	if strings.Contains(svg, "<script") || strings.Contains(svg, "</script") {
		t.Fatalf("SVG contains a script tag:\n%s", svg)
	}
	parseXML(t, svg)
	// The title comes back intact.
	var doc struct {
		Title string `xml:"title"`
		Desc  string `xml:"desc"`
	}
	if err := xml.Unmarshal([]byte(svg), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Title != evil || doc.Desc != evil {
		t.Errorf("title = %q, desc = %q", doc.Title, doc.Desc)
	}
	parseXML(t, c.LegendHTML())
	parseXML(t, c.Sparkline())
}

func TestDeterministic(t *testing.T) {
	for _, m := range derivetest.PreviewMeasures() {
		a, b := New(m, cal), New(m, cal)
		ja, _ := a.OptionJSON()
		jb, _ := b.OptionJSON()
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s: option JSON differs between runs", m.ID)
		}
		if a.SVG() != b.SVG() || a.Sparkline() != b.Sparkline() || a.LegendHTML() != b.LegendHTML() {
			t.Errorf("%s: SVG differs between runs", m.ID)
		}
	}
}

func TestAnnualOnlyWhereReported(t *testing.T) {
	c := New(derivetest.Annual(), cal)
	var labels []string
	for _, s := range c.Slots {
		labels = append(labels, s.Label)
	}
	want := "Q3 2018/19,Q3 2019/20,Q3 2020/21,Q3 2021/22,Q3 2022/23"
	if strings.Join(labels, ",") != want {
		t.Errorf("slots = %v, want %s", labels, want)
	}
	o := option(t, c)
	data := seriesData(t, o, idActual)
	for i, d := range data {
		hasValue := i == 0 || i == 1 || i == 4
		if (d != nil) != hasValue {
			t.Errorf("slot %d (%s): %v", i, labels[i], d)
		}
	}
	svg := c.SVG()
	if n := strings.Count(svg, "<circle "); n != 3 {
		t.Errorf("%d markers, want 3", n)
	}
	if !strings.Contains(c.Words().Name, "by year") {
		t.Errorf("name: %s", c.Words().Name)
	}
	// Only one segment: 2018/19 to 2019/20. None runs across the gap.
	g := svg[strings.Index(svg, `<g class="chart-actual"`):]
	g = g[:strings.Index(g, `<g class="chart-ring"`)]
	if n := strings.Count(g, "<line "); n != 1 {
		t.Errorf("%d segments, want 1", n)
	}
}

func TestNoFigures(t *testing.T) {
	m := derivetest.Quarterly("empty", "Empty", nil, nil, nil, nil)
	if c := New(m, cal); c != nil {
		t.Errorf("a measure with no figure has a chart: %+v", c)
	}
	var c *Chart
	if c.Sparkline() != "" {
		t.Error("nil chart has a sparkline")
	}
}

func TestNewAt(t *testing.T) {
	m := derivetest.CareLeavers()
	c := NewAt(m, cal, model.Period{Year: 2022, Quarter: 2})
	if len(c.Slots) != 4 || c.Slots[3].Label != "Q2 2022/23" {
		t.Errorf("slots up to Q2 2022/23: %d, last %s", len(c.Slots), c.Slots[len(c.Slots)-1].Label)
	}
}

func TestSVGStructure(t *testing.T) {
	for _, m := range append(append(derivetest.PreviewMeasures(), derivetest.Annual()), judged()...) {
		c := New(m, cal)
		els := parseXML(t, c.SVG())
		root := els[0]
		if root.Name.Local != "svg" {
			t.Fatalf("root is %s", root.Name.Local)
		}
		if v, _ := attr(root, "role"); v != "img" {
			t.Errorf("%s: role = %q", m.ID, v)
		}
		ids := map[string]string{}
		for _, e := range els {
			if id, ok := attr(e, "id"); ok {
				if !strings.HasPrefix(id, c.ID+"-") {
					t.Errorf("%s: id %q is not prefixed with the chart id", m.ID, id)
				}
				if _, dup := ids[id]; dup {
					t.Errorf("%s: duplicate id %q", m.ID, id)
				}
				ids[id] = e.Name.Local
			}
		}
		for _, a := range []string{"aria-labelledby", "aria-describedby"} {
			ref, _ := attr(root, a)
			for _, id := range strings.Fields(ref) {
				if ids[id] == "" {
					t.Errorf("%s: %s refers to missing id %q", m.ID, a, id)
				}
			}
		}
		if ids[c.ID+"-title"] != "title" || ids[c.ID+"-desc"] != "desc" {
			t.Errorf("%s: title and desc: %v", m.ID, ids)
		}
		if v, _ := attr(root, "width"); v != "100%" {
			t.Errorf("%s: width = %q, want fluid", m.ID, v)
		}
	}
}

// The chart says in words what explain writes of what it shows: the
// SVG's name and description, the interactive chart's description, the
// sparkline's label.
func TestWordsAreExplains(t *testing.T) {
	for _, m := range append(derivetest.PreviewMeasures(), derivetest.Annual()) {
		c := NewAt(m, cal, m.Series[len(m.Series)-2].Period)
		want := explain.Chart(&m.Measure, c.wordsData(), cal)
		if want.Description == "" {
			t.Errorf("%s: the chart has no description: %+v", m.ID, want)
		}
		var doc struct {
			Title string `xml:"title"`
			Desc  string `xml:"desc"`
		}
		if err := xml.Unmarshal([]byte(c.SVG()), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Title != want.Name || doc.Desc != want.Description {
			t.Errorf("%s: the SVG's title and desc are %q, %q", m.ID, doc.Title, doc.Desc)
		}
		o := option(t, c)
		if d := o["aria"].(map[string]any)["label"].(map[string]any)["description"]; d != want.Description {
			t.Errorf("%s: the option's description is %q", m.ID, d)
		}
		if spark := c.Sparkline(); !strings.Contains(spark, `aria-label="`+Escape(want.Trend)+`"`) {
			t.Errorf("%s: the sparkline is %s", m.ID, spark)
		}
		// The words of a chart never repeat the title, which is beside it.
		for _, text := range []string{want.Name, want.Caption, want.Description, want.Trend} {
			if strings.Contains(text, m.Title) {
				t.Errorf("%s: %q repeats the title", m.ID, text)
			}
		}
	}
}

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		want   string
	}{
		{87.6, 94.9, "86..96 by 2"},
		{0, 1, "0..1 by 0.25"},
		{2.1e6, 8e6, "2e+06..8e+06 by 2e+06"},
		{5, 5, "4.5..5.5 by 0.25"},
		{-12, 30, "-20..40 by 20"},
	} {
		s := niceScale(tc.lo, tc.hi)
		if got := fmt.Sprintf("%g..%g by %g", s.Min, s.Max, s.Step); got != tc.want {
			t.Errorf("niceScale(%g, %g) = %s, want %s", tc.lo, tc.hi, got, tc.want)
		}
	}
	// A percentage never goes past 100.
	m := derivetest.Quarterly("p", "P", f(100), nil, f(97), f(99.5))
	c := New(m, cal)
	if c.Scale.Max > 100 {
		t.Errorf("percentage axis goes to %g", c.Scale.Max)
	}
}

func TestTickLabels(t *testing.T) {
	c := New(derivetest.PreviewMeasures()[2], cal) // money, in millions
	var got []string
	for _, v := range c.Scale.Ticks() {
		got = append(got, c.TickLabel(v))
	}
	if strings.Join(got, " ") != "£0 £2m £4m £6m £8m" {
		t.Errorf("money ticks: %v", got)
	}
	// Below zero, with a minus sign (U+2212) as in the text, not a hyphen.
	under := derivetest.Quarterly("under", "Underspend", nil, nil, f(-3e6), f(1e6))
	under.Unit, under.Decimals = "currency", nil
	c = New(under, cal)
	got = nil
	for _, v := range c.Scale.Ticks() {
		got = append(got, c.TickLabel(v))
	}
	if l := strings.Join(got, " "); !strings.Contains(l, "−£") || strings.Contains(l, "-") {
		t.Errorf("money ticks below zero: %v", got)
	}
}

func TestSparkline(t *testing.T) {
	s := New(derivetest.CareLeavers(), cal).Sparkline()
	els := parseXML(t, s)
	if v, _ := attr(els[0], "role"); v != "img" {
		t.Errorf("role = %q", v)
	}
	label, _ := attr(els[0], "aria-label")
	if label != "Trend over 8 quarters: up from 87.6% to 94.9%" {
		t.Errorf("aria-label = %q", label)
	}
	one := New(derivetest.Quarterly("one", "One", nil, nil, nil, f(5)), cal).Sparkline()
	if !strings.Contains(one, `aria-label="One figure so far: 5.0%, for Q4 2021/22"`) || !strings.Contains(one, "<circle") {
		t.Errorf("single figure sparkline: %s", one)
	}
}

// The stylesheet has a rule for every class the SVG can use.
func TestStylesheetHasChartClasses(t *testing.T) {
	css, err := os.ReadFile("../../layouts/_partials/site.css")
	if err != nil {
		t.Skip("no stylesheet:", err)
	}
	need := map[string]bool{}
	for n := 2; n <= 60; n++ {
		for i := 0; i < n; i++ {
			for _, w := range []float64{60, 80, 100} {
				if cls := xLabelClass(w, n, i); cls != "" {
					need[cls] = true
				}
			}
		}
	}
	for p := 32; p <= 120; p += 8 {
		need[fmt.Sprintf("chart-pl-%d", p)] = true
	}
	for cls := range need {
		if !regexp.MustCompile(`\.` + cls + `\b`).Match(css) {
			t.Errorf("site.css has no rule for .%s", cls)
		}
	}
}

// Preview writes an HTML page of sample charts with the site's stylesheet
// into $CHART_PREVIEW, to look at in a browser.
func TestPreview(t *testing.T) {
	dir := os.Getenv("CHART_PREVIEW")
	if dir == "" {
		t.Skip("set CHART_PREVIEW to a folder to write a preview page")
	}
	css, _ := os.ReadFile("../../layouts/_partials/site.css")
	page := `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><style>` + string(css) + `</style></head><body><div class="wrap">`
	for _, m := range append(append(derivetest.PreviewMeasures(), derivetest.Annual()), judged()...) {
		c := New(m, cal)
		page += `<figure class="chart"><figcaption>` + Escape(c.Words().Caption) + `</figcaption>` + c.LegendHTML() +
			`<div class="chart-stage"><div class="` + c.FrameClass() + `">` + c.SVG() + `</div></div></figure><p>` + c.Sparkline() + `</p>`
	}
	page += `</div></body></html>`
	if err := os.WriteFile(dir+"/preview.html", []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
}
