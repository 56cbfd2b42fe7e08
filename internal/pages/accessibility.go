package pages

import (
	"strings"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/urls"
)

// The accessibility statement (/accessibility/), in the sections of the
// model statement the Government Digital Service publishes for the Public
// Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
// Regulations 2018 (regulation 8): what is not accessible and why, the
// alternatives, how to report a problem, the enforcement procedure, and
// when it was prepared and reviewed. Its facts come from the site's
// settings ([accessibility] and [brand] in site.toml) and from what this
// project checks on every version (QualityChecks, the quality suite's).

// QualityCheck is one of the checks the site quality suite (.ci/quality)
// runs on every version of perfsite, as the statement describes it.
type QualityCheck struct {
	Name string // the check's name in the suite's report: "axe"
	What string // in words, for the statement
}

// QualityChecks are the checks of the site quality suite, in its order;
// TestStatementNamesTheSuitesChecks holds them to the suite's own.
var QualityChecks = []QualityCheck{
	{"html", "every page is valid HTML (html-validate)"},
	{"links", "every link and every #fragment on every page leads somewhere"},
	{"weight", "every page is light enough for a slow phone connection"},
	{"weight loaded", "what a page really loads in a browser is light enough, and the interactive chart's code loads only when the chart comes into view"},
	{"axe", "axe-core finds no failure of WCAG 2.2 level A or AA on a page of every kind, in the light and the dark colour scheme, on a phone's width (375 pixels) and a desktop's (1,280 pixels)"},
	{"reflow", "pages fit a 375-pixel screen without scrolling sideways"},
	{"requests", "pages load nothing from any other website, and show no script error"},
	{"keyboard", "every link and control can be reached with the Tab key, in order, with the focus always visible, and a skip link comes first"},
	{"print", "a measure's page prints on A4 with its summary, chart and table"},
	{"chart keyboard", "the interactive chart can be used with the keyboard, each point announced as the table gives it"},
	{"interactive chart", "the interactive chart's code loads only when the chart comes into view; pointing at a figure shows its period and the same figure as the page, the chart follows the dark colour scheme, and without JavaScript the drawing of the chart is shown instead"},
	{"search", "search finds a measure by a word of its name, the start of a word in any case, or a term from the glossary; without JavaScript the search page lists every measure"},
	{"copy", "the buttons that copy a measure's citation and the code to show it on another website copy exactly that text; without JavaScript the text is there to select, with no button that does nothing"},
	{"preview", "the preview shows each saved change"},
}

// AccessibilityPage is the accessibility statement (accessibility.html).
type AccessibilityPage struct {
	Page
	Address      string // the site's address, which the statement covers
	Organisation string
	Contact      *Link // how to report a problem: an email or web address
	Phone        string
	ResponseDays int
	// Enforcer is the body that enforces the regulations: the Equality
	// and Human Rights Commission, or in Northern Ireland the Equality
	// Commission for Northern Ireland.
	NorthernIreland bool
	// Compliance is "fully" or "partially", by whether the council lists
	// issues.
	Compliance string
	Issues     []model.AccessibilityIssue
	OutOfScope []string
	Improving  string
	// Prepared, Reviewed and Tested are dates in words; "" when not given.
	Prepared, Reviewed, Tested string
	TestedBy                   string
	Checks                     []QualityCheck
	// PageKinds are the kinds of page the checks look at.
	PageKinds []string
}

func (r *Renderer) accessibilityPage() AccessibilityPage {
	s, a := r.site, r.site.Accessibility
	p := AccessibilityPage{
		Page:            r.newPage("accessibility", urls.Accessibility, "Accessibility statement", "How accessible this website is, what to do if you cannot use part of it, and how to report a problem."),
		Address:         r.abs(urls.Home),
		Organisation:    s.Organisation,
		Phone:           a.Phone,
		ResponseDays:    a.ResponseDays,
		NorthernIreland: a.NorthernIreland,
		Compliance:      "fully",
		Issues:          a.Issues,
		OutOfScope:      a.OutOfScope,
		Improving:       a.Improving,
		TestedBy:        a.TestedBy,
		Checks:          QualityChecks,
		PageKinds: []string{"the home page", "a measure's page", "a measure's page for one quarter", "the embed page",
			"the A to Z of measures", "the services', committees' and quarterly reports' pages", "the minutes' pages",
			"the search page", "the glossary", "the data page", "your own pages", "the page for an address that does not exist"},
	}
	if len(a.Issues) > 0 {
		p.Compliance = "partially"
	}
	contact := a.Contact
	if contact == "" {
		contact = s.Brand.Contact
	}
	switch {
	case strings.Contains(contact, "@") && !strings.Contains(contact, "/"):
		p.Contact = &Link{Name: contact, URL: "mailto:" + contact}
	case contact != "":
		p.Contact = &Link{Name: contact, URL: safeURL(contact)}
	}
	date := func(t interface{ IsZero() bool }, s string) string {
		if t.IsZero() {
			return ""
		}
		return s
	}
	p.Prepared = date(a.Prepared, a.Prepared.Format("2 January 2006"))
	p.Reviewed = date(a.Reviewed, a.Reviewed.Format("2 January 2006"))
	p.Tested = date(a.Tested, a.Tested.Format("2 January 2006"))
	if p.Tested == "" {
		p.Tested = p.Reviewed
	}
	if p.TestedBy == "" {
		p.TestedBy = s.Organisation
	}
	return p
}
