// Package render turns a derived site into the files Hugo builds from:
// one content page per web page, with its data as front matter params, and
// the downloads (JSON, CSV) as static files. It knows Hugo's content format
// but does not import Hugo.
package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/markdown"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/parallel"
)

// Output says where the generated files are.
type Output struct {
	ContentDir string // Hugo content
	// StaticDir holds the files Hugo copies as they are (downloads), or
	// is "" when they went straight into the built site
	// (PageOptions.Built).
	StaticDir string
	Pages     int // number of content pages written
}

type renderer struct {
	site *derive.Site
	cal  model.Calendar
	md   *markdown.Renderer
	gl   *explain.Glossary // explains a term the first time a page uses it
	out  Output
	// written counts the pages written, by every step at once.
	written atomic.Int64
	update  *updater // when updating (Update), not writing afresh
	skip    func(*derive.Measure) bool
	// static is where writeStatic writes: Output.StaticDir, or the built
	// site itself.
	static string
	// ownStatic are the files of the site's own static folder
	// (StaticFiles), when static is the built site: a file of the same
	// name wins over the one perfsite would write.
	ownStatic     map[string]bool
	noShareImages bool // the caller writes them (RenderPages)
	stamp         bool // no layouts of its own: measure, embed and quarter pages stamped (stamp.go), list params lean (measurelist.go)
	lists         bool // the lists of measures written as HTML (measurelist.go)
	// common is what each measure's pages show alike, by measure, kept
	// for stamping its pages.
	common    []measureCommon
	dir       string   // where it writes
	fragments sync.Map // the fragment files written (fragmentFile)
	rel       string   // what relURL puts before a path: the base URL's path, "/" or "/performance/"
	sparks    sync.Map // the sparklines drawn, by sparkKey
}

// Render writes the site's generated content and downloads under dir,
// which must exist and be empty.
func Render(site *derive.Site, dir string) (*Output, error) {
	return render(site, dir, options{})
}

// RenderPages is Render for a full build: without the share images, which
// the caller writes with ShareImages (drawn while Hugo builds the pages, on
// the processor time Hugo leaves unused), and as o says.
func RenderPages(site *derive.Site, dir string, o PageOptions) (*Output, *Stamper, error) {
	r := newRenderer(site, dir, options{noShareImages: true, stamp: o.Stamp, lists: o.Lists})
	if o.Built != "" {
		r.static, r.out.StaticDir, r.ownStatic = o.Built, "", o.OwnStatic
	}
	if err := r.render(); err != nil {
		return nil, nil, err
	}
	if !o.Stamp {
		return &r.out, nil, nil
	}
	return &r.out, &Stamper{r: r}, nil
}

// PageOptions say how a full build's pages are made.
type PageOptions struct {
	// Stamp leaves out the measures' pages, embed pages and quarter
	// pages and writes their shells instead; RenderPages returns the
	// Stamper that writes the pages once Hugo has built the shells
	// (stamp.go). For a site whose layouts are all perfsite's; with
	// Lists, the list pages' params are then lean (measurelist.go).
	Stamp bool
	// Lists writes the lists of measures as HTML (measurelist.go), for
	// layouts that do not lay them out with measure-list.html.
	Lists bool
	// Built is the folder of the built site, where the downloads and the
	// other files that are not pages go straight, rather than into
	// Output.StaticDir for Hugo to copy (which for a national site was
	// 3 s of processor time, a sixteenth of the build). OwnStatic are the
	// files of the site's own static folder (StaticFiles): Hugo copies
	// them into Built, and each wins over the file of the same name
	// perfsite would write.
	Built     string
	OwnStatic map[string]bool
}

// ShareImages writes every measure's share image under static, a folder of
// the built site (measures/<id>/share.png), except where the site's own
// static files (StaticFiles) have one of that name, which wins.
func ShareImages(site *derive.Site, static string, own map[string]bool) error {
	r := newRenderer(site, "", options{})
	r.static, r.ownStatic = static, own
	return r.shareImages()
}

// StaticFiles are the files under a site's static folder dir ("" for none)
// that Hugo copies, as paths relative to it with forward slashes: regular
// files, as Hugo skips links within a folder it mounts (dir itself may be
// one).
func StaticFiles(dir string) (map[string]bool, error) {
	files := map[string]bool{}
	if dir == "" {
		return files, nil
	}
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	err = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = true
		return err
	})
	return files, err
}

// options change what render writes.
type options struct {
	update        *updater                   // write through it (Preview)
	skip          func(*derive.Measure) bool // leave out these measures' pages, embed pages, share images and chart files (Preview)
	noShareImages bool                       // leave out the share images (RenderPages)
	stamp         bool                       // PageOptions.Stamp
	lists         bool                       // PageOptions.Lists
}

// render writes the site.
func render(site *derive.Site, dir string, o options) (*Output, error) {
	r := newRenderer(site, dir, o)
	if err := r.render(); err != nil {
		return nil, err
	}
	return &r.out, nil
}

func (r *renderer) render() error {
	steps := []func() error{
		r.home, r.measures, r.services, r.committees, r.quarters, r.minutes, r.pages, r.glossary, r.downloads, r.shareImages,
		r.feeds, r.redirects, r.search, r.dictionary, r.revisionsCSV, // links.go and its neighbours
	}
	if r.stamp {
		steps = append(steps, r.shells)
	}
	// The steps write different files and only read the site, so they run
	// at once (and the pages of each measure on every core, parallel.Each): the
	// files are the same bytes as when written one by one.
	if err := parallel.All(steps); err != nil {
		return err
	}
	r.out.Pages = int(r.written.Load())
	return nil
}

func newRenderer(site *derive.Site, dir string, o options) *renderer {
	skip := o.skip
	if skip == nil {
		skip = func(*derive.Measure) bool { return false }
	}
	r := &renderer{
		noShareImages: o.noShareImages,
		stamp:         o.stamp,
		lists:         o.lists,
		skip:          skip,
		update:        o.update,
		dir:           dir,
		site:          site,
		cal:           site.Cal,
		md:            markdown.New(),
		gl:            explain.NewGlossary(site.Glossary),
		out: Output{
			ContentDir: filepath.Join(dir, "content"),
			StaticDir:  filepath.Join(dir, "static"),
		},
		static: filepath.Join(dir, "static"),
	}
	r.rel = r.basePath()
	if o.stamp {
		r.common = make([]measureCommon, len(site.Measures))
	}
	return r
}

// page is the front matter of a generated page. Hugo reads JSON front
// matter from a .md file whose first character is "{".
type page struct {
	Title       string `json:"title"`
	URL         string `json:"url"`
	Layout      string `json:"layout"`
	Description string `json:"description,omitempty"`
	Params      any    `json:"params"`
	// Aliases are old addresses of the page; Hugo writes a redirect page
	// at each (layouts/alias.html). See redirects.go.
	Aliases []string       `json:"aliases,omitempty"`
	Sitemap map[string]any `json:"sitemap,omitempty"`
	Build   map[string]any `json:"build,omitempty"` // Hugo's build options
}

// writePage writes a content page at path (relative to the content folder).
func (r *renderer) writePage(path string, p page) error {
	p.URL = "/" + p.URL
	// Without escaping <, > and & as \u003c and so on (json.Marshal's
	// default, for JSON inside HTML): front matter is read by Hugo's JSON
	// parser only, and pages carry HTML, which this keeps smaller and
	// quicker to read.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil { // ends with a newline
		return err
	}
	if p.Build == nil { // a page Hugo builds
		r.written.Add(1)
	}
	return r.writeFile(filepath.Join(r.out.ContentDir, filepath.FromSlash(path)), b.Bytes())
}

// writeFile writes every generated file (update.go).
func (r *renderer) writeFile(path string, b []byte) error {
	if r.update != nil {
		return r.update.write(path, b)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func (r *renderer) home() error {
	latest := r.cal.Label(r.site.Latest)
	type serviceBlock struct {
		Name     string       `json:"name"`
		URL      string       `json:"url"`
		Headline string       `json:"headline"`
		Measures []measureRef `json:"measures"`
		// MeasuresFile is the list as HTML (measurelist.go).
		MeasuresFile string `json:"measures_file"`
	}
	var services []serviceBlock
	all := derive.Counts{}
	for _, sv := range r.site.Services {
		b := serviceBlock{Name: sv.Name, URL: serviceURL(sv.ID), Headline: explain.Headline(sv.Counts, "")}
		for _, m := range sv.Measures {
			b.Measures = append(b.Measures, r.measureRef(m, m.Latest))
			all[m.Latest.Status]++
		}
		var err error
		if b.MeasuresFile, err = r.measureListFile(b.Measures); err != nil {
			return err
		}
		b.Measures = r.listParam(b.Measures)
		services = append(services, b)
	}
	var minutes []minutesRef
	for i, mn := range r.site.Minutes {
		if i == 5 {
			break
		}
		minutes = append(minutes, r.minutesRef(mn))
	}
	return r.writePage("_index.md", page{
		Title:       r.site.Title,
		URL:         "",
		Layout:      "home",
		Description: explain.Headline(all, "in "+latest),
		Params: map[string]any{
			"latest":        latest,
			"latest_url":    quarterURL(r.cal.Slug(r.site.Latest)),
			"latest_months": r.cal.Months(r.site.Latest),
			"headline":      explain.Home(r.site),
			"counts":        counts(all),
			"services":      services,
			"minutes":       minutes,
		},
	})
}

func (r *renderer) measures() error {
	type letter struct {
		Letter       string       `json:"letter"`
		Measures     []measureRef `json:"measures"`
		MeasuresFile string       `json:"measures_file"` // the list as HTML (measurelist.go)
	}
	var az []letter
	sorted := append([]*derive.Measure(nil), r.site.Measures...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return strings.ToLower(sorted[i].Title) < strings.ToLower(sorted[j].Title)
	})
	for _, m := range sorted {
		l := strings.ToUpper(string([]rune(strings.TrimSpace(m.Title) + "?")[0]))
		if len(az) == 0 || az[len(az)-1].Letter != l {
			az = append(az, letter{Letter: l})
		}
		az[len(az)-1].Measures = append(az[len(az)-1].Measures, r.measureRef(m, m.Latest))
	}
	for i := range az {
		var err error
		if az[i].MeasuresFile, err = r.measureListFile(az[i].Measures); err != nil {
			return err
		}
		az[i].Measures = r.refsParam(az[i].Measures) // search.html lists them
	}
	if err := r.writePage("measures/_index.md", page{
		Title:       "All measures, A to Z",
		URL:         "measures/",
		Layout:      "measures",
		Description: fmt.Sprintf("Every one of the %d measures, from A to Z.", len(r.site.Measures)),
		Params:      map[string]any{"letters": az},
	}); err != nil {
		return err
	}
	return parallel.Each(len(r.site.Measures), func(i int) error { return r.measure(i, r.site.Measures[i]) })
}

// measureView is what a measure page and its quarter pages show. Most of
// it is laid out here, in Go (body.go): the params Hugo reads are the
// fields with a JSON name, among them the path of the page's main content
// (main_file).
type measureView struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Source     string   `json:"-"`
	Caveats    []string `json:"-"`
	Service    link     `json:"service"`
	Committee  link     `json:"-"`
	Unit       string   `json:"-"`
	Better     string   `json:"-"`
	Frequency  string   `json:"-"`
	Annual     bool     `json:"-"` // a figure once a year, not every quarter
	NextUpdate string   `json:"-"`
	Summary    string   `json:"-"` // the page's description
	// The HTML versions explain glossary terms on their first use in the
	// page, in reading order: summary, description, why.
	SummaryHTML     template.HTML `json:"-"`
	DescriptionHTML template.HTML `json:"-"`
	WhyHTML         template.HTML `json:"-"`
	Figure          figureView    `json:"figure"`
	Previous        *figureRef    `json:"-"`
	YearAgo         *figureRef    `json:"-"`
	Change          string        `json:"-"`
	ChangeYear      string        `json:"-"`
	// TableRows is how many of the measure's figures, newest first, are
	// up to the page's: the rows of its table.
	TableRows int          `json:"-"`
	Minutes   []minutesRef `json:"-"`
	JSONURL   string       `json:"-"`
	CSVURL    string       `json:"-"`
	URL       string       `json:"url"`
	// MainFile is the file of the page's main content, written by body.go.
	MainFile string `json:"main_file"`
	// InteractiveChart says that the page has an ECharts option, for
	// which it loads the chart scripts (measure-scripts.html).
	InteractiveChart bool `json:"interactive_chart,omitempty"`
	// ShareImage is the measure's share image (measures/<id>/share.png)
	// for og:image, on the pages of the latest figure; ShareAlt says what
	// it shows.
	ShareImage string `json:"share_image,omitempty"`
	ShareAlt   string `json:"share_alt,omitempty"`
	// Measure-per-quarter pages only.
	IsSnapshot bool `json:"is_snapshot"`
	// MeasurePage is the measure page's path for site.GetPage, from which
	// a quarter page takes the newer figure.
	MeasurePage string `json:"measure_page,omitempty"`
	// Newer says that a newer figure has been published: the measure
	// page's (.Params.figure of measure_page).
	Newer     bool      `json:"newer,omitempty"`
	chart     chartView // the chart, laid out by body.go
	linksView           // cite, jsonld, embed_snippet, service_feed: see links.go
}

// measureCommon is what every page of a measure shows the same way,
// worked out once per measure.
type measureCommon struct {
	rows      []string     // the table's rows (tableRowHTML): every figure to the latest, newest first
	minutes   []minutesRef // with the points made HTML, not yet explained
	points    [][]template.HTML
	committee link // of the measure's service
	// latestChart is the chart to the latest figure, which the measure
	// page and its latest quarter page both show.
	latestChart chartView
	// explained holds the description, why and minutes' points as the
	// measure's pages show them, by the glossary terms explained before
	// them (explain.Page.Explained). Only one goroutine renders a measure.
	explained map[string]explainedTexts
}

type explainedTexts struct {
	description, why template.HTML
	points           [][]template.HTML // of each of the measure's minutes
}

func (r *renderer) measureCommon(m *derive.Measure) measureCommon {
	mc := measureCommon{explained: map[string]explainedTexts{}}
	for _, sv := range r.site.Services {
		if sv.ID == m.Service && sv.Committee != "" {
			mc.committee = link{Name: sv.CommitteeName, URL: committeeURL(sv.Committee)}
		}
	}
	for i := len(m.Series) - 1; i >= 0; i-- { // newest first
		pt := m.Series[i]
		if m.Latest.Period.Before(pt.Period) {
			continue
		}
		mc.rows = append(mc.rows, r.tableRowHTML(r.figure(m, pt)))
	}
	for _, mn := range m.Minutes {
		mc.minutes = append(mc.minutes, r.minutesRef(mn))
		var points []template.HTML
		for _, point := range explain.MinutesPoints(m.Title, mn.Body) {
			if h, err := r.md.HTML(point); err == nil {
				points = append(points, template.HTML(h))
			}
		}
		mc.points = append(mc.points, points)
	}
	mc.latestChart = r.chartView(m, m.Latest)
	return mc
}

func (r *renderer) measureView(m *derive.Measure, snap derive.Snapshot, mc measureCommon) measureView {
	v := measureView{
		ID:         m.ID,
		Title:      m.Title,
		Source:     m.Source,
		Caveats:    m.Caveats,
		Service:    link{Name: m.ServiceName, URL: serviceURL(m.Service)},
		Unit:       unitLabel(&m.Measure),
		Better:     betterLabel(m.Better),
		Frequency:  "Every quarter",
		NextUpdate: r.cal.LongLabel(m.NextUpdate) + " (" + r.cal.Months(m.NextUpdate) + ")",
		Summary:    explain.Summary(m, snap, r.cal),
		Figure:     r.figure(m, snap.Point),
		JSONURL:    measureURL(m.ID) + "index.json",
		CSVURL:     measureURL(m.ID) + "data.csv",
		URL:        measureURL(m.ID),
	}
	if m.IsAnnual() {
		v.Frequency = "Once a year"
		v.Annual = true
	}
	gloss := r.gl.Page()
	v.SummaryHTML = gloss.Text(v.Summary)
	// The description, the why and the minutes' points are the same on
	// every page of the measure, but for which glossary terms the summary
	// explained first: made once for each set of those.
	key := gloss.Explained()
	ex, ok := mc.explained[key]
	if !ok {
		ex.description = gloss.Text(m.Description)
		ex.why = gloss.Text(m.Why)
		for _, points := range mc.points {
			var out []template.HTML
			for _, h := range points {
				out = append(out, gloss.HTML(h)) // in page order, after the summary
			}
			ex.points = append(ex.points, out)
		}
		mc.explained[key] = ex
	}
	v.DescriptionHTML = ex.description
	v.WhyHTML = ex.why
	v.Committee = mc.committee
	if snap.Previous != nil {
		f := r.figureRef(m, *snap.Previous)
		v.Previous = &f
		v.Change = explain.Direction(&m.Measure, *snap.ChangePrevious())
	}
	if snap.YearAgo != nil {
		f := r.figureRef(m, *snap.YearAgo)
		v.YearAgo = &f
		v.ChangeYear = explain.Direction(&m.Measure, *snap.ChangeYearAgo())
	}
	for _, pt := range m.Series {
		if !snap.Period.Before(pt.Period) {
			v.TableRows++
		}
	}
	for i, ref := range mc.minutes {
		ref.Points = ex.points[i]
		v.Minutes = append(v.Minutes, ref)
	}
	v.chart = mc.latestChart
	if snap.Period != m.Latest.Period {
		v.chart = r.chartView(m, snap)
	}
	v.InteractiveChart = v.chart.Option != ""
	if snap.Period == m.Latest.Period {
		v.ShareImage = shareImageURL(m.ID)
		v.ShareAlt = explain.ShareAlt(m, r.cal)
	}
	return v
}

// measure writes the pages of m, the ith measure.
func (r *renderer) measure(i int, m *derive.Measure) error {
	if r.skip(m) {
		return nil
	}
	mc := r.measureCommon(m)
	if o := mc.latestChart.Option; o != "" {
		// The measure-per-quarter pages draw their interactive charts from
		// the measure page's option, cut (chart.Cut).
		if err := r.writeStatic(chartOptionURL(m.ID), []byte(o)); err != nil {
			return err
		}
	}
	if r.stamp {
		// The measure page, its embed page and its quarter pages are
		// written after Hugo's build (Stamper); they are counted here,
		// with the pages Hugo builds.
		r.common[i] = mc
		r.written.Add(int64(2 + len(m.Reported)))
		return nil
	}
	v := r.measurePageView(m, mc)
	if err := r.body(m, &v, mc); err != nil {
		return err
	}
	// measures/<id>.md, not measures/<id>/_index.md: a folder with an
	// _index.md is a Hugo section, and Hugo's build does work for every
	// page times every section (hugolib applyAggregates): quadratic on a
	// national site of 10,000 measures.
	if err := r.writePage(measurePagePath(m.ID)+".md", page{
		Title:       m.Title,
		URL:         measureURL(m.ID),
		Layout:      "measure",
		Description: v.Summary,
		Params:      v,
		Aliases:     r.aliases(m, ""),
	}); err != nil {
		return err
	}
	if err := r.embed(m, &v); err != nil {
		return err
	}
	for _, snap := range m.Reported {
		sv := r.quarterView(m, snap, mc)
		if err := r.body(m, &sv, mc); err != nil {
			return err
		}
		slug := r.cal.Slug(snap.Period)
		if err := r.writePage("measures/"+m.ID+"/"+slug+".md", page{
			Title:       r.quarterPageTitle(m, snap.Period),
			URL:         snapshotURL(m.ID, slug),
			Layout:      "snapshot",
			Description: sv.Summary,
			Params:      sv,
			Aliases:     r.aliases(m, slug),
		}); err != nil {
			return err
		}
	}
	return nil
}

// measurePageView is what the measure page of m shows.
func (r *renderer) measurePageView(m *derive.Measure, mc measureCommon) measureView {
	v := r.measureView(m, m.Latest, mc)
	v.linksView = r.links(m, m.Latest, false)
	return v
}

// quarterPageTitle is the title of the quarter page of m for period p.
func (r *renderer) quarterPageTitle(m *derive.Measure, p model.Period) string {
	return m.Title + ": " + r.cal.Label(p)
}

// quarterView is what the quarter page of m at snap shows.
func (r *renderer) quarterView(m *derive.Measure, snap derive.Snapshot, mc measureCommon) measureView {
	sv := r.measureView(m, snap, mc)
	sv.IsSnapshot = true
	sv.MeasurePage = "/" + measurePagePath(m.ID)
	sv.linksView = r.links(m, snap, true)
	sv.Newer = snap.Newer
	return sv
}

func (r *renderer) services() error {
	var list []link
	for _, sv := range r.site.Services {
		list = append(list, link{Name: sv.Name, URL: serviceURL(sv.ID)})
		var refs []measureRef
		for _, m := range sv.Measures {
			refs = append(refs, r.measureRef(m, m.Latest))
		}
		var minutes []minutesRef
		for _, c := range r.site.Committees {
			if c.ID == sv.Committee {
				for _, mn := range c.Minutes {
					minutes = append(minutes, r.minutesRef(mn))
				}
			}
		}
		headline := explain.ServiceText(sv, r.site)
		listFile, err := r.measureListFile(refs)
		if err != nil {
			return err
		}
		if err := r.writePage("services/"+sv.ID+".md", page{
			Title:       sv.Name,
			URL:         serviceURL(sv.ID),
			Layout:      "service",
			Description: headline,
			Params: map[string]any{
				"headline":      headline,
				"counts":        counts(sv.Counts),
				"committee":     link{Name: sv.CommitteeName, URL: committeeURLOrEmpty(sv.Committee)},
				"measures":      r.listParam(refs),
				"measures_file": listFile,
				"minutes":       minutes,
				"feed":          link{Name: sv.Name + ": new figures and minutes (Atom feed)", URL: serviceFeedURL(sv.ID)},
			},
		}); err != nil {
			return err
		}
	}
	return r.writePage("services/_index.md", page{
		Title: "Services", URL: "services/", Layout: "services",
		Params: map[string]any{"services": list},
	})
}

func committeeURLOrEmpty(id string) string {
	if id == "" {
		return ""
	}
	return committeeURL(id)
}

func (r *renderer) committees() error {
	var list []link
	for _, c := range r.site.Committees {
		list = append(list, link{Name: c.Name, URL: committeeURL(c.ID)})
		var services []link
		for _, sv := range c.Services {
			services = append(services, link{Name: sv.Name, URL: serviceURL(sv.ID)})
		}
		var refs []measureRef
		for _, m := range c.Measures {
			refs = append(refs, r.measureRef(m, m.Latest))
		}
		var minutes []minutesRef
		for _, mn := range c.Minutes {
			minutes = append(minutes, r.minutesRef(mn))
		}
		headline := explain.Headline(c.Counts, "in "+r.cal.Label(r.site.Latest))
		listFile, err := r.measureListFile(refs)
		if err != nil {
			return err
		}
		if err := r.writePage("committees/"+c.ID+".md", page{
			Title: c.Name, URL: committeeURL(c.ID), Layout: "committee", Description: headline,
			Params: map[string]any{
				"headline":      headline,
				"counts":        counts(c.Counts),
				"services":      services,
				"measures":      r.refsParam(refs),
				"measures_file": listFile,
				"minutes":       minutes,
			},
		}); err != nil {
			return err
		}
	}
	return r.writePage("committees/_index.md", page{
		Title: "Committees", URL: "committees/", Layout: "committees",
		Params: map[string]any{"committees": list},
	})
}

func (r *renderer) quarters() error {
	type quarterLink struct {
		Label    string `json:"label"`
		Months   string `json:"months"`
		URL      string `json:"url"`
		Headline string `json:"headline"`
	}
	var list []quarterLink
	for i := len(r.site.Quarters) - 1; i >= 0; i-- {
		q := r.site.Quarters[i]
		slug := r.cal.Slug(q.Period)
		label := r.cal.Label(q.Period)
		headline := explain.Headline(q.Counts, "in "+label)
		list = append(list, quarterLink{Label: label, Months: r.cal.Months(q.Period), URL: quarterURL(slug), Headline: headline})

		var rows, changed []measureRef
		for _, row := range q.Rows {
			ref := r.measureRef(row.Measure, row.Snapshot)
			rows = append(rows, ref)
			if row.Snapshot.Previous != nil && row.Snapshot.Previous.Status != row.Snapshot.Status {
				changed = append(changed, ref)
			}
		}
		var minutes []minutesRef
		for _, mn := range q.Minutes {
			minutes = append(minutes, r.minutesRef(mn))
		}
		rowsFile, err := r.measureListFile(rows)
		if err != nil {
			return err
		}
		params := map[string]any{
			"label":        label,
			"months":       r.cal.Months(q.Period),
			"headline":     headline,
			"what_changed": explain.QuarterText(q, r.cal),
			"change_lines": explain.QuarterChanges(q, r.cal),
			"counts":       counts(q.Counts),
			"rows":         r.listParam(rows),
			"rows_file":    rowsFile,
			"changed":      r.refsParam(changed),
			"minutes":      minutes,
			"csv_url":      quarterURL(slug) + "data.csv",
		}
		if q.Previous != nil {
			params["previous"] = link{Name: r.cal.Label(*q.Previous), URL: quarterURL(r.cal.Slug(*q.Previous))}
		}
		if q.Next != nil {
			params["next"] = link{Name: r.cal.Label(*q.Next), URL: quarterURL(r.cal.Slug(*q.Next))}
		}
		if err := r.writePage("quarters/"+slug+".md", page{
			Title:       "Quarterly report: " + label,
			URL:         quarterURL(slug),
			Layout:      "quarter",
			Description: headline,
			Params:      params,
		}); err != nil {
			return err
		}
	}
	return r.writePage("quarters/_index.md", page{
		Title: "Quarterly reports", URL: "quarters/", Layout: "quarters",
		Params: map[string]any{"quarters": list},
	})
}

func (r *renderer) minutes() error {
	var list []minutesRef
	for _, mn := range r.site.Minutes {
		list = append(list, r.minutesRef(mn))
		body, err := r.md.HTML(mn.Body)
		if err != nil {
			return fmt.Errorf("%s: %w", mn.File, err)
		}
		var refs []measureRef
		for _, m := range mn.Measures {
			refs = append(refs, r.measureRef(m, m.Latest))
		}
		listFile, err := r.measureListFile(refs)
		if err != nil {
			return err
		}
		params := map[string]any{
			"committee":     link{Name: mn.CommitteeName, URL: committeeURLOrEmpty(mn.Committee)},
			"date":          mn.Date.Format("2006-01-02"),
			"date_text":     mn.Date.Format("2 January 2006"),
			"item":          mn.Item,
			"source_url":    safeURL(mn.SourceURL),
			"body":          r.gl.Page().HTML(template.HTML(body)),
			"measures":      r.refsParam(refs),
			"measures_file": listFile,
		}
		if !mn.Period.IsZero() {
			params["period"] = link{Name: r.cal.Label(mn.Period), URL: quarterURL(r.cal.Slug(mn.Period))}
		}
		if err := r.writePage("minutes/"+mn.Slug+".md", page{
			Title: mn.Title, URL: minutesURL(mn.Slug), Layout: "minutes",
			Description: fmt.Sprintf("What the %s said on %s.", mn.CommitteeName, mn.Date.Format("2 January 2006")),
			Params:      params,
		}); err != nil {
			return err
		}
	}
	return r.writePage("minutes/_index.md", page{
		Title: "Committee minutes", URL: "minutes/", Layout: "minutes-list",
		Params: map[string]any{"minutes": list},
	})
}

// safeURL keeps only http(s) addresses for links written from data.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return strings.TrimSpace(u)
	}
	return ""
}

func (r *renderer) pages() error {
	if len(r.site.Pages) > 0 {
		// The folder of the extra pages is a Hugo section, which would be a
		// page of its own, /pages/, with no layout (a warning) and in the
		// sitemap; it is not a page of the site.
		if err := r.writePage("pages/_index.md", page{
			Title: "Pages", URL: "pages/", Sitemap: noSitemap,
			Build: map[string]any{"render": "never", "list": "never"},
		}); err != nil {
			return err
		}
	}
	for _, p := range r.site.Pages {
		body, err := r.md.HTML(p.Body)
		if err != nil {
			return fmt.Errorf("%s: %w", p.File, err)
		}
		if err := r.writePage("pages/"+p.Slug+".md", page{
			Title: p.Title, URL: p.Slug + "/", Layout: "page", Description: p.Summary,
			Params: map[string]any{"body": body},
		}); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) glossary() error {
	if len(r.site.Glossary) == 0 {
		return nil
	}
	type term struct {
		Term    string `json:"term"`
		Meaning string `json:"meaning"`
		Abbr    bool   `json:"abbr"`
	}
	var terms []term
	for _, t := range r.site.Glossary {
		terms = append(terms, term{Term: t.Term, Meaning: t.Meaning, Abbr: t.Abbr})
	}
	sort.SliceStable(terms, func(i, j int) bool { return strings.ToLower(terms[i].Term) < strings.ToLower(terms[j].Term) })
	return r.writePage("glossary.md", page{
		Title: "Words we use", URL: "glossary/", Layout: "glossary",
		Description: "What the words and abbreviations on this site mean.",
		Params:      map[string]any{"terms": terms},
	})
}

func unitLabel(m *model.Measure) string {
	switch m.Unit {
	case model.UnitPercent:
		return "Percentage"
	case model.UnitCount:
		return "Number"
	case model.UnitCurrency:
		return "Pounds (£)"
	case model.UnitRate:
		return "Rate per " + explain.Number(m.RatePer, nil)
	case model.UnitDays:
		return "Days"
	case model.UnitScore:
		return "Score"
	}
	return m.Unit
}

func betterLabel(better string) string {
	switch better {
	case model.BetterHigher:
		return "Higher is better"
	case model.BetterLower:
		return "Lower is better"
	}
	return "Neither higher nor lower is better: the aim is to stay near the target"
}

// jsonBytes marshals v with a trailing newline and without escaping <, >
// and & (the files are data, not HTML).
func jsonBytes(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
