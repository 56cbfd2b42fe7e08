package pages

import (
	"fmt"
	"html/template"
	"regexp"
	"sort"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/downloads"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// The pages that list measures, quarters, minutes and the rest: one file
// each (SiteFiles), beside the measures' own (MeasureFiles).

// SiteFiles are the files of every page that is not a measure's.
func (r *Renderer) SiteFiles() []output.File {
	files := []output.File{
		r.page(urls.Home, "home", func() any { return r.homePage() }),
		r.page(urls.Measures, "measures", func() any { return r.measuresPage() }),
		r.page(urls.Services, "services", func() any { return r.servicesPage() }),
		r.page(urls.Committees, "committees", func() any { return r.committeesPage() }),
		r.page(urls.Quarters, "quarters", func() any { return r.quartersPage() }),
		r.page(urls.MinutesList, "minutes-list", func() any { return r.minutesListPage() }),
		r.page(urls.Search, "search", func() any { return r.searchPage() }),
		r.page(urls.Data, "data", func() any { return r.dataPage() }),
		r.page(urls.Accessibility, "accessibility", func() any { return r.accessibilityPage() }),
		r.pageOrError(urls.HowWeJudge, "page", func() (any, error) { return r.howWeJudgePage() }),
		r.page(urls.NotFound, "404", func() any { return r.notFoundPage() }),
		r.sitemap(),
	}
	if len(r.site.Glossary) > 0 {
		files = append(files, r.page(urls.Glossary, "glossary", func() any { return r.glossaryPage() }))
	}
	for _, sv := range r.site.Services {
		files = append(files, r.page(urls.Service(sv.ID), "service", func() any { return r.servicePage(sv) }))
	}
	for _, c := range r.site.Committees {
		files = append(files, r.page(urls.Committee(c.ID), "committee", func() any { return r.committeePage(c) }))
	}
	for i, q := range r.site.Quarters {
		files = append(files, r.page(urls.Quarter(r.cal.Slug(q.Period)), "quarter", func() any { return r.quarterPage(r.site.Quarters[i]) }))
		files = append(files, r.reportFiles(i)...)
	}
	for _, mn := range r.site.Minutes {
		files = append(files, r.pageOrError(urls.Minutes(mn.Slug), "minutes", func() (any, error) { return r.minutesPage(mn) }))
	}
	for i, pg := range r.site.Pages {
		files = append(files, r.pageOrError(urls.Page(pg.Slug), "page", func() (any, error) { return r.extraPage(i) }))
	}
	return files
}

// HomePage is the home page (home.html): the latest quarter in a
// paragraph, then every measure by service.
type HomePage struct {
	Page
	Latest       Link // the latest quarter's report
	LatestMonths string
	Headline     string
	Counts       []Count
	Services     []ServiceBlock
	Minutes      []MinutesRef // the newest five
	// MinutesHeading is "What the committee said", or "committees".
	MinutesHeading string
}

// ServiceBlock is a service's measures in a list.
type ServiceBlock struct {
	Link
	Anchor   string
	Measures []MeasureRef
}

func (r *Renderer) homePage() HomePage {
	latest := r.cal.Label(r.site.Latest)
	// The counts are the latest quarter's measures' (derive's one
	// definition, as the quarter's page and What's new have it).
	all := derive.Counts{}
	if q := r.site.LatestQuarter(); q != nil {
		all = q.Counts
	}
	var services []ServiceBlock
	for _, sv := range r.site.Services {
		b := ServiceBlock{Link: Link{Name: sv.Name, URL: urls.Service(sv.ID)}, Anchor: "service-" + anchor(sv.Name)}
		for _, m := range sv.Measures {
			b.Measures = append(b.Measures, r.measureRef(m, m.Latest))
		}
		services = append(services, b)
	}
	minutes := r.site.Minutes
	if len(minutes) > 5 {
		minutes = minutes[:5]
	}
	return HomePage{
		Page:           r.newPage("home", urls.Home, r.site.Title, explain.Headline(all, "in "+latest)),
		Latest:         Link{Name: latest, URL: urls.Quarter(r.cal.Slug(r.site.Latest))},
		LatestMonths:   r.cal.Months(r.site.Latest),
		Headline:       explain.Home(r.site),
		Counts:         counts(all),
		Services:       services,
		Minutes:        minutesRefs(minutes),
		MinutesHeading: explain.MinutesHeading(minutes),
	}
}

// MeasuresPage is the A to Z of measures (measures.html).
type MeasuresPage struct {
	Page
	Letters []Letter
}

// Letter is the measures whose titles start with one letter.
type Letter struct {
	Letter   string
	Anchor   string
	Measures []MeasureRef
}

// letters sorts the measures from A to Z, by the first letter of their
// titles.
func (r *Renderer) letters() []Letter {
	sorted := append([]*derive.Measure(nil), r.site.Measures...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return strings.ToLower(sorted[i].Title) < strings.ToLower(sorted[j].Title)
	})
	var az []Letter
	for _, m := range sorted {
		l := strings.ToUpper(string([]rune(strings.TrimSpace(m.Title) + "?")[0]))
		if len(az) == 0 || az[len(az)-1].Letter != l {
			az = append(az, Letter{Letter: l, Anchor: "letter-" + anchor(l)})
			if az[len(az)-1].Anchor == "letter-" {
				az[len(az)-1].Anchor = fmt.Sprintf("letter-%d", len(az))
			}
		}
		az[len(az)-1].Measures = append(az[len(az)-1].Measures, r.measureRef(m, m.Latest))
	}
	return az
}

func (r *Renderer) measuresPage() MeasuresPage {
	p := r.newPage("measures", urls.Measures, "All measures, A to Z", fmt.Sprintf("Every one of the %d measures, from A to Z.", len(r.site.Measures)))
	return MeasuresPage{Page: p, Letters: r.letters()}
}

// LinksPage is a page that lists links: the services, the committees.
type LinksPage struct {
	Page
	Links []Link
}

func (r *Renderer) servicesPage() LinksPage {
	p := LinksPage{Page: r.newPage("services", urls.Services, "Services", "")}
	for _, sv := range r.site.Services {
		p.Links = append(p.Links, Link{Name: sv.Name, URL: urls.Service(sv.ID)})
	}
	return p
}

func (r *Renderer) committeesPage() LinksPage {
	p := LinksPage{Page: r.newPage("committees", urls.Committees, "Committees", "")}
	for _, c := range r.site.Committees {
		p.Links = append(p.Links, Link{Name: c.Name, URL: urls.Committee(c.ID)})
	}
	return p
}

// ServicePage is a service's page (service.html).
type ServicePage struct {
	Page
	Headline  string
	Counts    []Count
	Committee Link // that scrutinises it; empty for none
	Measures  []MeasureRef
	Minutes   []MinutesRef
	FeedLink  Link
}

func (r *Renderer) servicePage(sv *derive.Service) ServicePage {
	headline := explain.ServiceText(sv, r.site)
	p := ServicePage{
		Page:     r.newPage("service", urls.Service(sv.ID), sv.Name, headline),
		Headline: headline,
		Counts:   counts(sv.Counts),
		FeedLink: Link{Name: sv.Name + ": new figures and minutes (Atom feed)", URL: urls.ServiceFeed(sv.ID)},
	}
	p.Breadcrumbs = []Link{{Name: "Home", URL: urls.Home}, {Name: "Services", URL: urls.Services}}
	p.Feed = &p.FeedLink
	if sv.Committee != "" {
		p.Committee = Link{Name: sv.CommitteeName, URL: urls.Committee(sv.Committee)}
	}
	for _, m := range sv.Measures {
		p.Measures = append(p.Measures, r.measureRef(m, m.Latest))
	}
	for _, c := range r.site.Committees {
		if c.ID == sv.Committee {
			p.Minutes = minutesRefs(c.Minutes)
		}
	}
	return p
}

// CommitteePage is a committee's page (committee.html).
type CommitteePage struct {
	Page
	Headline string
	Counts   []Count
	Services []Link
	Measures []MeasureRef
	Minutes  []MinutesRef
}

func (r *Renderer) committeePage(c *derive.Committee) CommitteePage {
	headline := explain.Headline(c.Counts, "in "+r.cal.Label(r.site.Latest))
	p := CommitteePage{Page: r.newPage("committee", urls.Committee(c.ID), c.Name, headline), Headline: headline, Counts: counts(c.Counts)}
	p.Breadcrumbs = []Link{{Name: "Home", URL: urls.Home}, {Name: "Committees", URL: urls.Committees}}
	for _, sv := range c.Services {
		p.Services = append(p.Services, Link{Name: sv.Name, URL: urls.Service(sv.ID)})
	}
	for _, m := range c.Measures {
		p.Measures = append(p.Measures, r.measureRef(m, m.Latest))
	}
	p.Minutes = minutesRefs(c.Minutes)
	return p
}

// QuartersPage lists the quarterly reports, newest first (quarters.html).
type QuartersPage struct {
	Page
	Quarters []QuarterLink
}

// QuarterLink is a quarter's report in a list.
type QuarterLink struct {
	Link            // Name is the quarter: "Q2 2023/24"
	Months   string // "July to September 2023"
	Headline string
}

func (r *Renderer) quartersPage() QuartersPage {
	p := QuartersPage{Page: r.newPage("quarters", urls.Quarters, "Quarterly reports", "")}
	for i := len(r.site.Quarters) - 1; i >= 0; i-- {
		q := r.site.Quarters[i]
		label := r.cal.Label(q.Period)
		p.Quarters = append(p.Quarters, QuarterLink{
			Link:     Link{Name: label, URL: urls.Quarter(r.cal.Slug(q.Period))},
			Months:   r.cal.Months(q.Period),
			Headline: explain.Headline(q.Counts, "in "+label),
		})
	}
	return p
}

// QuarterPage is a quarter's report (quarter.html): every measure as it
// stood then, and what changed since the quarter before.
type QuarterPage struct {
	Page
	Label       string // "Q2 2023/24"
	Months      string
	Headline    string
	Counts      []Count
	WhatChanged string
	Changed     []MeasureRef // measures whose status changed
	Rows        []MeasureRef // every measure
	// Revisions are the quarter's figures corrected since, in sentences.
	Revisions      []string
	Minutes        []MinutesRef
	MinutesHeading string
	CSVURL         string
	ReportURL      string // the quarter's report for the committee
	Previous       *Link
	Next           *Link
}

func (r *Renderer) quarterPage(q *derive.Quarter) QuarterPage {
	slug, label := r.cal.Slug(q.Period), r.cal.Label(q.Period)
	headline := explain.Headline(q.Counts, "in "+label)
	p := QuarterPage{
		Page:           r.newPage("quarter", urls.Quarter(slug), "Quarterly report: "+label, headline),
		Label:          label,
		Months:         r.cal.Months(q.Period),
		Headline:       headline,
		Counts:         counts(q.Counts),
		WhatChanged:    explain.QuarterText(q, r.cal),
		Revisions:      explain.QuarterRevisions(q),
		Minutes:        minutesRefs(q.Minutes),
		MinutesHeading: explain.MinutesHeading(q.Minutes),
		CSVURL:         urls.QuarterCSV(slug),
		ReportURL:      urls.QuarterReport(slug),
	}
	p.Breadcrumbs = []Link{{Name: "Home", URL: urls.Home}, {Name: "Quarterly reports", URL: urls.Quarters}}
	p.Crumb = label
	for _, row := range q.Rows {
		ref := r.measureRef(row.Measure, *row.Snapshot)
		p.Rows = append(p.Rows, ref)
		if c := row.Snapshot.Compare; c != nil && c.Status != row.Snapshot.Status {
			p.Changed = append(p.Changed, ref)
		}
	}
	if q.Previous != nil {
		p.Previous = &Link{Name: r.cal.Label(*q.Previous), URL: urls.Quarter(r.cal.Slug(*q.Previous))}
	}
	if q.Next != nil {
		p.Next = &Link{Name: r.cal.Label(*q.Next), URL: urls.Quarter(r.cal.Slug(*q.Next))}
	}
	return p
}

// MinutesListPage lists every minutes summary, newest first
// (minutes-list.html).
type MinutesListPage struct {
	Page
	Minutes []MinutesRef
}

func (r *Renderer) minutesListPage() MinutesListPage {
	return MinutesListPage{Page: r.newPage("minutes-list", urls.MinutesList, "Committee minutes", ""), Minutes: minutesRefs(r.site.Minutes)}
}

// MinutesPage is a minutes summary (minutes.html).
type MinutesPage struct {
	Page
	Committee Link
	Date      string // 2023-11-14
	DateText  string // 14 November 2023
	Item      string
	Period    *Link // the quarter discussed
	// Body is the summary, from Markdown, with raw HTML escaped and the
	// glossary's terms explained.
	Body      template.HTML
	SourceURL string // the official minutes; "" for none
	Measures  []MeasureRef
}

func (r *Renderer) minutesPage(mn *derive.Minutes) (MinutesPage, error) {
	body, err := r.md.HTML(mn.Body)
	if err != nil {
		return MinutesPage{}, fmt.Errorf("%s: %w", mn.File, err)
	}
	p := MinutesPage{
		Page:      r.newPage("minutes", urls.Minutes(mn.Slug), mn.Title, fmt.Sprintf("What the %s said on %s.", mn.CommitteeName, mn.Date.Format("2 January 2006"))),
		Date:      mn.Date.Format("2006-01-02"),
		DateText:  mn.Date.Format("2 January 2006"),
		Item:      mn.Item,
		Body:      r.gl.Page().HTML(template.HTML(body)),
		SourceURL: safeURL(mn.SourceURL),
	}
	p.Breadcrumbs = []Link{{Name: "Home", URL: urls.Home}, {Name: "Committee minutes", URL: urls.MinutesList}}
	if mn.Committee != "" {
		p.Committee = Link{Name: mn.CommitteeName, URL: urls.Committee(mn.Committee)}
	}
	if !mn.Period.IsZero() {
		p.Period = &Link{Name: r.cal.Label(mn.Period), URL: urls.Quarter(r.cal.Slug(mn.Period))}
	}
	for _, m := range mn.Measures {
		p.Measures = append(p.Measures, r.discussedRef(m, mn.Period))
	}
	return p, nil
}

// discussedRef is m in the list of the measures a meeting discussed: its
// figure for the quarter discussed, p (or, for a yearly figure, the last
// one before it), as the committee saw it, not a figure published since.
// With no quarter discussed, it is the latest figure.
func (r *Renderer) discussedRef(m *derive.Measure, p model.Period) MeasureRef {
	if p.IsZero() {
		return r.measureRef(m, m.Latest)
	}
	snap, ok := m.AsOf(p)
	if !ok { // no figure yet in the quarter discussed
		snap = derive.Snapshot{Point: derive.Point{Period: p, Status: model.NoData}}
	}
	return r.measureRef(m, snap)
}

// ExtraPage is one of the site's own pages, such as content/about.md
// (page.html).
type ExtraPage struct {
	Page
	// Body is the page's Markdown as HTML, with raw HTML escaped; its
	// headings sit under the page's title (a "##" heading is an <h2>).
	Body template.HTML
}

func (r *Renderer) extraPage(i int) (ExtraPage, error) {
	pg := r.site.Pages[i]
	body, err := r.md.HTML(pg.Body)
	if err != nil {
		return ExtraPage{}, fmt.Errorf("%s: %w", pg.File, err)
	}
	return ExtraPage{Page: r.newPage("page", urls.Page(pg.Slug), pg.Title, pg.Summary), Body: template.HTML(raiseHeadings(body))}, nil
}

// howWeJudgePage explains how the site judges its figures: statuses,
// tolerance, real change or normal variation with a worked example from
// the site's own data, targets, running totals and yearly figures
// (explain.Methodology). It is laid out as the site's own pages are.
func (r *Renderer) howWeJudgePage() (ExtraPage, error) {
	body, err := r.md.HTML(explain.Methodology(r.site))
	if err != nil {
		return ExtraPage{}, err
	}
	p := r.newPage("page", urls.HowWeJudge, "How we judge the figures", "How this site works out each status, and how it tells a real change from normal variation, with an example from its own figures.")
	return ExtraPage{Page: p, Body: r.gl.Page().HTML(template.HTML(raiseHeadings(body)))}, nil
}

var h2 = regexp.MustCompile(`<h2[\s>]`)
var headingTag = regexp.MustCompile(`<(/?)h([3-6])([\s>])`)

// raiseHeadings moves every heading of an extra page's body up one level
// when it has no h2: the Markdown renderer writes "##" as an h3 (under a
// minutes page's h2), and an extra page's body sits right under its h1.
func raiseHeadings(body string) string {
	if h2.MatchString(body) {
		return body
	}
	return headingTag.ReplaceAllStringFunc(body, func(t string) string {
		m := headingTag.FindStringSubmatch(t)
		return "<" + m[1] + "h" + string(rune(m[2][0]-1)) + m[3]
	})
}

// GlossaryPage is the words we use (glossary.html).
type GlossaryPage struct {
	Page
	Terms []Term
}

// Term is a glossary entry.
type Term struct {
	Term    string
	Anchor  string
	Meaning string
	Abbr    bool
}

func (r *Renderer) glossaryPage() GlossaryPage {
	p := GlossaryPage{Page: r.newPage("glossary", urls.Glossary, "Words we use", "What the words and abbreviations on this site mean.")}
	for _, t := range r.site.Glossary {
		p.Terms = append(p.Terms, Term{Term: t.Term, Anchor: anchor(t.Term), Meaning: t.Meaning, Abbr: t.Abbr})
	}
	sort.SliceStable(p.Terms, func(i, j int) bool { return strings.ToLower(p.Terms[i].Term) < strings.ToLower(p.Terms[j].Term) })
	return p
}

// SearchPage is the search page (search.html): assets/js/search.js looks
// a query up in the index; without JavaScript, the A to Z.
type SearchPage struct {
	Page
	IndexURL string
	Letters  []Letter
}

func (r *Renderer) searchPage() SearchPage {
	p := SearchPage{
		Page:     r.newPage("search", urls.Search, "Search the measures", "Find a measure by a word in its name or description, or by a term from the glossary."),
		IndexURL: urls.SearchIndex,
		Letters:  r.letters(),
	}
	p.Scripts = []string{AssetSearch}
	return p
}

// DataPage is the data dictionary (data.html): every download and what
// each of its columns or keys holds.
type DataPage struct {
	Page
	License Link
	Files   []downloads.FileDoc
	Feeds   []Link
}

func (r *Renderer) dataPage() DataPage {
	p := DataPage{
		Page:    r.newPage("data", urls.Data, "Data and how to reuse it", "Download the figures as CSV or JSON, and what every column means."),
		License: r.view.License,
		Files:   downloads.Dictionary(),
		Feeds:   []Link{{Name: "Everything: new quarters and minutes", URL: urls.Feed}},
	}
	for _, sv := range r.site.Services {
		p.Feeds = append(p.Feeds, Link{Name: sv.Name, URL: urls.ServiceFeed(sv.ID)})
	}
	return p
}

func (r *Renderer) notFoundPage() Page {
	p := r.newPage("404", "404.html", "Page not found", "")
	p.NoIndex = true
	return p
}
