package pages

import (
	"html/template"
	"sort"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/urls"
)

// Site is what every page's frame shows (baseof.html, the header and the
// footer): the same on every page of a build.
type Site struct {
	Title        string
	Organisation string
	Description  string
	Language     string
	BaseURL      string
	// Sample shows a banner: most figures are made up.
	Sample  bool
	License Link // Name, and URL when there is one
	// Latest is the latest quarter with figures, and its report.
	Latest       Link
	LatestMonths string
	// Menu is the main navigation; FooterLinks the links at the foot of
	// every page.
	Menu        []Link
	FooterLinks []Link
	// Interactive says that measure pages load the interactive chart.
	Interactive bool
	// Logo is the council's logo in the header, and Favicon the icon
	// browsers show for the site (a path); Contact whom to ask about the
	// figures. Each is empty when the site's brand has none.
	Logo    *Image
	Favicon string
	Contact *Link
	// Band says that the header is a band of the brand's colours.
	Band bool
}

// Image is an image of the site's own: its address and what it shows.
type Image struct {
	URL string
	Alt string
}

// Page is what every page has, whatever its kind: the frame's data and
// the page's own place, title and share metadata. Each kind of page adds
// its own view beside it (MeasurePage, QuarterPage, …).
type Page struct {
	Site *Site
	Kind string // the layout: "measure" is laid out by measure.html
	// Path is the page's address from the site's root: "measures/x/".
	Path  string
	Title string
	// HeadTitle is the page's <title>: its title, the site's and the
	// organisation's.
	HeadTitle   string
	Description string
	// Breadcrumbs lead from the home page to the page's parent; Crumb is
	// the page itself at their end.
	Breadcrumbs []Link
	Crumb       string
	// Feed is a second feed the page belongs to (its service's), beside
	// the site's.
	Feed *Link
	// ShareImage is the page's og:image (a path), and ShareAlt what it
	// shows.
	ShareImage string
	ShareAlt   string
	// JSONLD is the page's schema.org description, written as JSON in a
	// <script type="application/ld+json"> by html/template.
	JSONLD any
	// NoIndex asks search engines not to list the page.
	NoIndex bool
	// Scripts are the page's own scripts, by asset name.
	Scripts []string
	// PrintCSS is the page's own print stylesheet: the committee report's
	// running header.
	PrintCSS *Asset
	// Header and Footer are the frame's header and footer, laid out once
	// per build (_partials/header.html, footer.html).
	Header, Footer template.HTML
}

// HeaderView is what the header is laid out from: the site, and the
// address of the menu's page being shown ("" for a page not in the menu).
type HeaderView struct {
	Site    *Site
	Current string
}

// frame lays out the header for every page of the menu and for the
// others, and the footer.
func (r *Renderer) frame() error {
	r.headers = map[string]template.HTML{}
	for _, current := range append([]string{""}, menuURLs(r.view)...) {
		h, err := r.opts.Layouts.Partial("_partials/header.html", HeaderView{Site: r.view, Current: current})
		if err != nil {
			return err
		}
		r.headers[current] = h
	}
	var err error
	r.footer, err = r.opts.Layouts.Partial("_partials/footer.html", HeaderView{Site: r.view})
	return err
}

func menuURLs(s *Site) []string {
	var out []string
	for _, l := range s.Menu {
		out = append(out, l.URL)
	}
	return out
}

func (r *Renderer) siteView() *Site {
	s := r.site
	v := &Site{
		Title:        s.Title,
		Organisation: s.Organisation,
		Description:  s.Description,
		Language:     s.Language,
		BaseURL:      s.BaseURL,
		Sample:       s.Sample,
		License:      Link{Name: s.License, URL: safeURL(s.LicenseURL)},
		Latest:       Link{Name: r.cal.Label(s.Latest), URL: urls.Quarter(r.cal.Slug(s.Latest))},
		LatestMonths: r.cal.Months(s.Latest),
		Interactive:  r.opts.Interactive,
	}
	if v.Language == "" {
		v.Language = "en-GB"
	}
	v.Menu = []Link{
		{Name: "All measures", URL: urls.Measures},
		{Name: "Services", URL: urls.Services},
		{Name: "Quarterly reports", URL: urls.Quarters},
	}
	if len(s.Minutes) > 0 {
		v.Menu = append(v.Menu, Link{Name: "Committee minutes", URL: urls.MinutesList})
	}
	v.Menu = append(v.Menu, Link{Name: "Search", URL: urls.Search})
	if len(s.Glossary) > 0 {
		v.Menu = append(v.Menu, Link{Name: "Words we use", URL: urls.Glossary})
	}
	v.Menu = append(v.Menu, pageLinks(s.Pages, model.MenuHeader)...)
	v.Menu = append(v.Menu, brandLinks(s.Brand.HeaderLinks)...)
	v.FooterLinks = []Link{
		{Name: "All the data (CSV)", URL: urls.AllCSV},
		{Name: "All the data (JSON)", URL: urls.AllJSON},
		{Name: "About the data and how to reuse it", URL: urls.Data},
		{Name: "How we judge the figures", URL: urls.HowWeJudge},
		{Name: "New figures and minutes (Atom feed)", URL: urls.Feed},
	}
	v.FooterLinks = append(v.FooterLinks, pageLinks(s.Pages, model.MenuFooter)...)
	if len(s.Committees) > 0 {
		v.FooterLinks = append(v.FooterLinks, Link{Name: "Committees", URL: urls.Committees})
	}
	v.FooterLinks = append(v.FooterLinks, Link{Name: "Accessibility statement", URL: urls.Accessibility})
	v.FooterLinks = append(v.FooterLinks, brandLinks(s.Brand.FooterLinks)...)
	b := s.Brand
	if b.Logo != "" {
		v.Logo = &Image{URL: strings.TrimPrefix(b.Logo, "/"), Alt: b.LogoAlt}
	}
	v.Favicon = strings.TrimPrefix(b.Favicon, "/")
	v.Band = b.HeaderBackground != ""
	switch {
	case strings.Contains(b.Contact, "@") && !strings.Contains(b.Contact, "/"):
		v.Contact = &Link{Name: b.Contact, URL: "mailto:" + b.Contact}
	case b.Contact != "":
		v.Contact = &Link{Name: b.Contact, URL: safeURL(b.Contact)}
	}
	return v
}

// pageLinks are the links to the extra pages that join menu, lightest
// first, then by title.
func pageLinks(pages []model.Page, menu string) []Link {
	var in []model.Page
	for _, p := range pages {
		if p.Menu == menu {
			in = append(in, p)
		}
	}
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].Weight != in[j].Weight {
			return in[i].Weight < in[j].Weight
		}
		return in[i].Title < in[j].Title
	})
	var out []Link
	for _, p := range in {
		out = append(out, Link{Name: p.Title, URL: urls.Page(p.Slug)})
	}
	return out
}

// brandLinks are the brand's own links: a web address as it is, a page of
// the site ("/about/") from the site's root.
func brandLinks(links []model.Link) []Link {
	var out []Link
	for _, l := range links {
		u := safeURL(l.URL)
		if u == "" {
			u = strings.TrimPrefix(l.URL, "/")
		}
		out = append(out, Link{Name: l.Name, URL: u})
	}
	return out
}

// newPage is the frame's data of a page of kind at path.
func (r *Renderer) newPage(kind, path, title, description string) Page {
	head := title + " | " + r.site.Title
	if path == urls.Home {
		head = r.site.Title
	}
	if r.site.Organisation != "" && r.site.Organisation != r.site.Title {
		head += " | " + r.site.Organisation
	}
	header, ok := r.headers[path]
	if !ok {
		header = r.headers[""]
	}
	return Page{Site: r.view, Kind: kind, Path: path, Title: title, Crumb: title, HeadTitle: head, Description: description,
		Header: header, Footer: r.footer}
}

// statusIcons are the icons of the statuses, by key: a status is always
// shown as icon + word + colour, never colour alone.
var statusIcons = map[string]template.HTML{
	"on-track":  `<circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M4.4 8.3l2.4 2.4 4.8-5" fill="none" stroke="#fff" stroke-width="2"/>`,
	"close":     `<path d="M8 .8l7.6 14.4H.4z" fill="currentColor"/><path d="M8 5.6v4.6M8 11.4v1.8" stroke="#fff" stroke-width="1.8"/>`,
	"off-track": `<circle cx="8" cy="8" r="8" fill="currentColor"/><path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="2"/>`,
	"no-target": `<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="2"/><path d="M4.5 8h7" stroke="currentColor" stroke-width="2"/>`,
	"no-data":   `<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="3 2.1"/>`,
	"no-change": `<rect x="1" y="1" width="14" height="14" rx="2" fill="currentColor"/><path d="M4 8h8M9.5 5.5 12 8l-2.5 2.5" fill="none" stroke="#fff" stroke-width="1.8"/>`,
}

// cueIcons are the icons of what a change means, beside every up or down
// in a list: a word says it too, never the icon alone.
var cueIcons = map[string]template.HTML{
	"better":         `<path d="M8 2l6 7H2z" fill="currentColor"/><path d="M6 9h4v5H6z" fill="currentColor"/>`,
	"worse":          `<path d="M8 14l6-7H2z" fill="currentColor"/><path d="M6 2h4v5H6z" fill="currentColor"/>`,
	"changed":        `<path d="M8 1l4 5H4zM8 15l4-5H4z" fill="currentColor"/>`,
	"no-real-change": `<path d="M2 6.5c2-2 4 2 6 0s4 2 6 0M2 10.5c2-2 4 2 6 0s4 2 6 0" fill="none" stroke="currentColor" stroke-width="1.6"/>`,
}

// CueIcon is the icon of what a change means (a cue's icon name), as SVG
// shapes for a 16 by 16 viewBox (layouts: cueIcon); nothing for none.
func CueIcon(name string) template.HTML { return cueIcons[name] }

// StatusIcon is the icon of the status key, as SVG shapes for a 16 by 16
// viewBox (layouts: statusIcon); an unknown key has the no-data icon.
func StatusIcon(key string) template.HTML {
	if icon, ok := statusIcons[key]; ok {
		return icon
	}
	return statusIcons["no-data"]
}
