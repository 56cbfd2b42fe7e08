package pages

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// MeasurePage is a measure's page (measure.html) or its page for one
// quarter as published (snapshot.html).
type MeasurePage struct {
	Page
	Measure *MeasureView
}

// MeasureView is what a measure's pages show.
type MeasureView struct {
	ID        string
	Title     string
	URL       string // the measure's page
	Service   Link
	Committee Link // the committee that scrutinises the service; empty for none
	Unit      string
	Better    string
	Frequency string // "Every quarter", "Once a year"
	Annual    bool
	// NextUpdate is when the next figure is due, in words.
	NextUpdate string
	// Summary is the figure in plain English; SummaryHTML the same with
	// the glossary's explanations of terms on their first use in the
	// page, as are DescriptionHTML and WhyHTML.
	Summary         string
	SummaryHTML     template.HTML
	DescriptionHTML template.HTML
	WhyHTML         template.HTML
	Source          string
	Caveats         []string
	// Figure is the page's figure: the latest on the measure page.
	Figure Figure
	// Compared is the figure this one is compared with (the quarter
	// before; the same time last year for a running total; the year
	// before for a yearly figure), ComparedWith what that is in words ("The
	// quarter before"), and Change the change since and what it means, in
	// words, with CueIcon its icon (cueIcon).
	Compared     *FigureRef
	ComparedWith string
	Change       string
	CueIcon      string
	// YearAgo is the same quarter a year before, and ChangeYear the
	// change, for a quarterly figure that is compared with the quarter
	// before.
	YearAgo    *FigureRef
	ChangeYear string
	// Assurance says whether the figures, as they stood, will meet the
	// target, in words, and AssuranceIcon its icon; "" for none.
	Assurance     string
	AssuranceIcon string
	// Rows are the table's figures, newest first, up to the page's, each
	// laid out by _partials/series-row.html: a measure's pages show the
	// same rows, laid out once.
	Rows []template.HTML
	// Minutes are the minutes that discussed the measure, each with what
	// it said about it (Points).
	Minutes []MinutesRef
	// About is _partials/measure-about.html laid out for the measure:
	// what it is, what the committee said and the downloads, the same on
	// each of its pages.
	About   template.HTML
	CSVURL  string
	JSONURL string
	// Chart is the chart to the page's figure; nil when the measure has
	// no figure.
	Chart *ChartView
	// IsSnapshot says that the page is a quarter's, as published.
	IsSnapshot bool
	// Newer is the latest figure, on a quarter's page that has been
	// overtaken by a newer one.
	Newer *FigureRef
	// Cite is how to cite the page's figure.
	Cite Cite
	// EmbedURL and EmbedSnippet, on the measure page: the embed page and
	// the <iframe> to copy.
	EmbedURL     string
	EmbedSnippet string
}

// ChartView is a chart as a page shows it: the SVG drawn at build time,
// which needs no JavaScript, its legend, and the ECharts option from
// which the interactive chart is drawn where JavaScript runs.
type ChartView struct {
	ID      string // "chart-<measure id>"
	Caption string
	Frame   string // the classes of the element around the SVG
	SVG     template.HTML
	Legend  template.HTML
	// Option is the ECharts option (JSON) in the page, or nil: without
	// the chart library, and on the embed page.
	Option json.RawMessage
}

// measureCommon is what every page of a measure shows alike, worked out
// once per measure when its first page is written.
type measureCommon struct {
	committee Link
	rows      []tableRow // every figure to the latest, newest first
	minutes   []MinutesRef
	points    [][]template.HTML // what each minutes said, as HTML
	// latest is the chart to the latest figure, which the measure page,
	// its latest quarter page and its embed page show; option is its
	// ECharts option, written as the measure's chart.json for the
	// quarter pages to cut.
	latest *chart.Chart
	option []byte
	// explained holds the description, why and the minutes' points with
	// the glossary's explanations, by the terms the summary explained
	// before them (explain.Page.Explained).
	mu        sync.Mutex
	explained map[string]explainedTexts
	// relaid holds the rows laid out again for a quarter page before the
	// latest, whose signal was different then: a row's signal changes in
	// a few of its measure's quarters, not in each. Guarded by mu, as
	// explained is.
	relaid map[relaidRow]template.HTML
}

// relaidRow is a row of a measure's table as a past quarter's page shows
// it: its series index and its Signal cell then.
type relaidRow struct {
	index  int
	signal string
}

// tableRow is a figure of a measure's table, with its quarter, laid out,
// and its series index.
type tableRow struct {
	period model.Period
	html   template.HTML
	index  int
	signal string // its Signal cell, judged as at the latest figure
}

type explainedTexts struct {
	description, why template.HTML
	points           [][]template.HTML
	about            template.HTML // measure-about.html, laid out with them
}

func (r *Renderer) measureCommon(m *derive.Measure) (*measureCommon, error) {
	mc := &measureCommon{explained: map[string]explainedTexts{}, relaid: map[relaidRow]template.HTML{}}
	for _, sv := range r.site.Services {
		if sv.ID == m.Service && sv.Committee != "" {
			mc.committee = Link{Name: sv.CommitteeName, URL: urls.Committee(sv.Committee)}
		}
	}
	for i := len(m.Series) - 1; i >= 0; i-- {
		pt := m.Series[i]
		if m.Latest.Period.Before(pt.Period) {
			continue
		}
		f := r.figure(m, pt)
		row, err := r.opts.Layouts.Partial("_partials/series-row.html", f)
		if err != nil {
			return nil, err
		}
		mc.rows = append(mc.rows, tableRow{pt.Period, row, i, f.Signal})
	}
	for _, mn := range m.Minutes {
		mc.minutes = append(mc.minutes, minutesRef(mn))
		var points []template.HTML
		for _, point := range explain.MinutesPoints(m.Title, mn.Body) {
			if h, err := r.md.HTML(point); err == nil {
				points = append(points, template.HTML(h))
			}
		}
		mc.points = append(mc.points, points)
	}
	mc.latest = chart.NewAt(m, r.cal, m.Latest.Period)
	if mc.latest != nil && r.opts.Interactive {
		mc.option, _ = mc.latest.OptionJSON() // cannot fail: plain data
	}
	return mc, nil
}

// MeasureFiles are the files of m's pages: its page, its page for each
// quarter with a figure, its embed page, the pages at its old addresses
// and its interactive chart's option. They share what the measure's
// pages show alike, worked out when the first is written.
func (r *Renderer) MeasureFiles(m *derive.Measure) []output.File {
	common := sync.OnceValues(func() (*measureCommon, error) { return r.measureCommon(m) })
	page := func(path, kind string, view func(*measureCommon) (any, error)) output.File {
		return r.pageOrError(path, kind, func() (any, error) {
			mc, err := common()
			if err != nil {
				return nil, err
			}
			return view(mc)
		})
	}
	var files []output.File
	files = append(files, page(urls.Measure(m.ID), "measure", func(mc *measureCommon) (any, error) { return r.measurePage(m, mc) }))
	files = append(files, page(urls.Embed(m.ID), "embed", func(mc *measureCommon) (any, error) { return r.embedPage(m, mc), nil }))
	for _, snap := range m.Reported {
		files = append(files, page(urls.Snapshot(m.ID, r.cal.Slug(snap.Period)), "snapshot", func(mc *measureCommon) (any, error) { return r.snapshotPage(m, snap, mc) }))
	}
	if r.opts.Interactive && m.Latest.Value != nil {
		files = append(files, output.File{Path: urls.ChartOption(m.ID), Write: func(w io.Writer) error {
			mc, err := common()
			if err != nil {
				return err
			}
			_, err = w.Write(mc.option)
			return err
		}})
	}
	files = append(files, r.aliasFiles(m)...)
	return files
}

// minutesAsOf are the indexes, in mc.minutes, of the minutes the page of m
// at snap shows: all of them on the measure's page, those known then on a
// quarter's page (derive.Measure.MinutesAsOf).
func (mc *measureCommon) minutesAsOf(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) []int {
	var keep map[*derive.Minutes]bool
	if snap.Newer {
		keep = map[*derive.Minutes]bool{}
		for _, mn := range m.MinutesAsOf(snap.Period, cal) {
			keep[mn] = true
		}
	}
	var out []int
	for i, mn := range m.Minutes {
		if keep == nil || keep[mn] {
			out = append(out, i)
		}
	}
	return out
}

// nextUpdate is when the figure after snap's is due, in words: as it
// stood then, on a quarter's page. A yearly figure that says which year
// it covers is due after that year has ended.
func (r *Renderer) nextUpdate(m *derive.Measure, snap derive.Snapshot) string {
	if span, ok := m.NextSpan(); ok && m.IsAnnual() && !snap.Newer {
		return "after " + span.To.Format("2 January 2006") + ", for " + span.YearLabel()
	}
	next := m.NextUpdate
	if snap.Newer {
		next = m.NextUpdateAt(snap.Period)
	}
	return r.cal.LongLabel(next) + " (" + r.cal.Months(next) + ")"
}

// measureView is what the page of m at snap shows.
func (r *Renderer) measureView(m *derive.Measure, snap derive.Snapshot, mc *measureCommon) (*MeasureView, error) {
	v := &MeasureView{
		ID:         m.ID,
		Title:      m.Title,
		URL:        urls.Measure(m.ID),
		Service:    Link{Name: m.ServiceName, URL: urls.Service(m.Service)},
		Committee:  mc.committee,
		Unit:       explain.UnitLabel(&m.Measure),
		Better:     explain.Better(m),
		Frequency:  "Every quarter",
		NextUpdate: r.nextUpdate(m, snap),
		Summary:    explain.Summary(m, snap, r.cal),
		Source:     m.Source,
		Caveats:    m.Caveats,
		Figure:     r.figure(m, snap.Point),
		JSONURL:    urls.MeasureJSON(m.ID),
		CSVURL:     urls.MeasureCSV(m.ID),
	}
	if m.IsAnnual() {
		v.Frequency, v.Annual = "Once a year", true
	}
	gloss := r.gl.Page()
	v.SummaryHTML = gloss.Text(v.Summary)
	// A quarter's page shows the minutes as they stood then: none from a
	// meeting after the next quarter's.
	shown := mc.minutesAsOf(m, snap, r.cal)
	for _, i := range shown {
		v.Minutes = append(v.Minutes, mc.minutes[i])
	}
	// The description, the why, the minutes' points and the rest of
	// measure-about.html are the same on every page of the measure that
	// shows the same minutes, but for which glossary terms the summary
	// explained first: made once for each set of those.
	key := fmt.Sprint(gloss.Explained(), shown)
	mc.mu.Lock()
	defer mc.mu.Unlock()
	ex, ok := mc.explained[key]
	if !ok {
		ex.description = gloss.Text(m.Description)
		ex.why = gloss.Text(m.Why)
		for _, i := range shown {
			var out []template.HTML
			for _, h := range mc.points[i] {
				out = append(out, gloss.HTML(h)) // in page order, after the summary
			}
			ex.points = append(ex.points, out)
		}
		v.DescriptionHTML, v.WhyHTML = ex.description, ex.why
		for i := range v.Minutes {
			v.Minutes[i].Points = ex.points[i]
		}
		var err error
		if ex.about, err = r.opts.Layouts.Partial("_partials/measure-about.html", v); err != nil {
			return nil, err
		}
		mc.explained[key] = ex
	}
	v.DescriptionHTML, v.WhyHTML, v.About = ex.description, ex.why, ex.about
	for i := range v.Minutes {
		v.Minutes[i].Points = ex.points[i]
	}
	if snap.Compare != nil {
		f := r.figureRef(m, *snap.Compare)
		v.Compared = &f
		v.ComparedWith = capitalise(explain.BasisWords(snap.Basis))
		if cue, ok := explain.ChangeCue(m, snap); ok {
			v.Change, v.CueIcon = cue.Change+": "+orWords(cue.Meaning, "no change"), cue.Icon
		}
	}
	if snap.YearAgo != nil && snap.Basis == derive.QuarterBefore {
		f := r.figureRef(m, *snap.YearAgo)
		v.YearAgo = &f
		v.ChangeYear = explain.Direction(&m.Measure, *snap.ChangeYearAgo())
	}
	v.Assurance, v.AssuranceIcon = explain.AssuranceWords(snap.Assurance)
	// A quarter page before the latest judges its figures as they stood
	// then, as its chart does: a row whose signal was different then is
	// laid out again.
	var then []*derive.Control
	if snap.Period != m.Latest.Period {
		then = m.ControlsAt(snap.Period)
	}
	for _, row := range mc.rows {
		if snap.Period.Before(row.period) {
			continue
		}
		html := row.html
		if then != nil {
			pt := m.Series[row.index]
			if sig := signalWords(m, pt, then[row.index], snap.Period); sig != row.signal {
				key := relaidRow{row.index, sig}
				var ok bool
				if html, ok = mc.relaid[key]; !ok {
					f := r.figure(m, pt)
					f.Signal = sig
					var err error
					if html, err = r.opts.Layouts.Partial("_partials/series-row.html", f); err != nil {
						return nil, err
					}
					mc.relaid[key] = html
				}
			}
		}
		v.Rows = append(v.Rows, html)
	}
	return v, nil
}

// measurePage is the view of m's page: its latest figure.
func (r *Renderer) measurePage(m *derive.Measure, mc *measureCommon) (MeasurePage, error) {
	v, err := r.measureView(m, m.Latest, mc)
	if err != nil {
		return MeasurePage{}, err
	}
	v.Chart = r.chartView(mc.latest, mc.option)
	v.Cite = r.cite(m, m.Latest, false)
	v.EmbedURL = urls.Embed(m.ID)
	v.EmbedSnippet = r.embedSnippet(m)
	p := r.newPage("measure", urls.Measure(m.ID), m.Title, v.Summary)
	p.Breadcrumbs = []Link{{Name: "Home", URL: urls.Home}, v.Service}
	p.Feed = r.serviceFeed(m)
	p.ShareImage, p.ShareAlt = urls.ShareImage(m.ID), explain.ShareAlt(m, r.cal)
	p.JSONLD = r.dataset(m)
	p.Scripts = r.measureScripts(v.Chart)
	return MeasurePage{Page: p, Measure: v}, nil
}

// snapshotPage is the view of m's page for the quarter of snap, as it was
// published: the figures to then, and a notice when there is a newer one.
func (r *Renderer) snapshotPage(m *derive.Measure, snap derive.Snapshot, mc *measureCommon) (MeasurePage, error) {
	v, err := r.measureView(m, snap, mc)
	if err != nil {
		return MeasurePage{}, err
	}
	v.IsSnapshot = true
	if snap.Period == m.Latest.Period {
		v.Chart = r.chartView(mc.latest, mc.option)
	} else if c := chart.NewAt(m, r.cal, snap.Period); c != nil {
		var option []byte
		if r.opts.Interactive {
			option, _ = c.CutJSON(r.base.Link(urls.ChartOption(m.ID))) // cannot fail: plain data
		}
		v.Chart = r.chartView(c, option)
	}
	if snap.Newer {
		f := r.figureRef(m, m.Latest.Point)
		v.Newer = &f
	}
	v.Cite = r.cite(m, snap, true)
	p := r.newPage("snapshot", urls.Snapshot(m.ID, v.Figure.Period), explain.Title(m.Title)+": "+v.Figure.Label, v.Summary)
	p.Breadcrumbs = []Link{{Name: "Home", URL: urls.Home}, v.Service, {Name: m.Title, URL: urls.Measure(m.ID)}}
	p.Crumb = v.Figure.Label
	p.Feed = r.serviceFeed(m)
	if snap.Period == m.Latest.Period {
		p.ShareImage, p.ShareAlt = urls.ShareImage(m.ID), explain.ShareAlt(m, r.cal)
	}
	p.Scripts = r.measureScripts(v.Chart)
	return MeasurePage{Page: p, Measure: v}, nil
}

// measureScripts are the scripts of a measure's page: the chart loader
// when it has an interactive chart, and the copy buttons.
func (r *Renderer) measureScripts(c *ChartView) []string {
	if c != nil && c.Option != nil {
		return []string{AssetChartLoader, AssetCopy}
	}
	return []string{AssetCopy}
}

func (r *Renderer) serviceFeed(m *derive.Measure) *Link {
	return &Link{Name: m.ServiceName + ": new figures and minutes (Atom feed)", URL: urls.ServiceFeed(m.Service)}
}

// capitalise gives s a capital first letter.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func orWords(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}

// chartView is c as a page shows it, with option as its interactive
// chart's (nil for none).
func (r *Renderer) chartView(c *chart.Chart, option []byte) *ChartView {
	if c == nil {
		return nil
	}
	v := &ChartView{
		ID: c.ID, Caption: c.Words().Caption, Frame: c.FrameClass(),
		// The chart's SVG writer escapes every text it draws.
		SVG: template.HTML(c.SVG()), Legend: template.HTML(c.LegendHTML()),
	}
	if option != nil {
		v.Option = json.RawMessage(option)
	}
	return v
}

// EmbedPage is a measure's embed page (embed.html): its latest figure and
// chart, small enough for an <iframe> on another site.
type EmbedPage struct {
	Page
	Measure *EmbedView
}

// EmbedView is what an embed page shows.
type EmbedView struct {
	ID      string
	Title   string
	URL     string // the measure's page
	Summary string
	Figure  Figure
	Chart   *ChartView // the SVG alone; nil when there is no figure
}

func (r *Renderer) embedPage(m *derive.Measure, mc *measureCommon) EmbedPage {
	v := &EmbedView{ID: m.ID, Title: m.Title, URL: urls.Measure(m.ID), Summary: explain.Summary(m, m.Latest, r.cal), Figure: r.figure(m, m.Latest.Point)}
	v.Chart = r.chartView(mc.latest, nil)
	p := r.newPage("embed", urls.Embed(m.ID), m.Title, v.Summary)
	p.NoIndex = true
	return EmbedPage{Page: p, Measure: v}
}

// AliasPage is the page at an old address of a page (alias.html): it
// sends the browser on to the page's address now.
type AliasPage struct {
	Page
	// To is the page's address now, from the site's root.
	To string
}

// aliasFiles are the pages at m's old addresses (its aliases): its page
// and each of its quarter pages.
func (r *Renderer) aliasFiles(m *derive.Measure) []output.File {
	var files []output.File
	for _, a := range m.Aliases {
		alias := func(from, to, title string) {
			files = append(files, r.page(from, "alias", func() any {
				p := r.newPage("alias", from, title, "")
				p.NoIndex = true
				return AliasPage{Page: p, To: to}
			}))
		}
		alias(urls.Measure(a), urls.Measure(m.ID), m.Title)
		for _, snap := range m.Reported {
			slug := r.cal.Slug(snap.Period)
			alias(urls.Snapshot(a, slug), urls.Snapshot(m.ID, slug), explain.Title(m.Title)+": "+r.cal.Label(snap.Period))
		}
	}
	return files
}
