// Package model holds the domain types shared by every stage of the
// pipeline: what a site, a measure, a quarterly figure and a set of minutes
// are. It does no I/O.
package model

import (
	"regexp"
	"time"
)

// Site is data/site.toml: the organisation and how its site is organised.
type Site struct {
	Title          string
	Organisation   string
	Description    string
	BaseURL        string
	Language       string
	YearStartMonth int
	Sample         bool
	License        string
	LicenseURL     string
	Services       []Service
	Committees     []Committee
	// EarliestYear is the first reporting year a figure may be for
	// (earliest_year; 0 means DefaultEarliestYear), and AllowGaps lets
	// figures be more than two years apart (allow_gaps): without them,
	// such a period is taken for a typo (check).
	EarliestYear int
	AllowGaps    bool
	// Brand is how the site looks: the council's logo, colours and links.
	Brand Brand
	// Published is when each quarter's figures were published, where the
	// site says ([published] in site.toml): the date of its feed entry.
	Published map[Period]time.Time
	// Accessibility is what the accessibility statement says that only
	// the council knows ([accessibility] in site.toml).
	Accessibility Accessibility

	// ToleranceShare is the tolerance of every measure that sets none, as
	// a share of its target (0.05 for tolerance = "5%"); nil when
	// site.toml sets none.
	ToleranceShare *float64
	// ChangeThresholdShare is the change_threshold of every measure that
	// sets none, as a share of the figure compared with; nil when
	// site.toml sets none.
	ChangeThresholdShare *float64

	File   string
	KeyPos map[string]Pos // "year_start_month" -> where it is written
}

// DefaultEarliestYear is the first reporting year a figure may be for,
// unless data/site.toml sets earliest_year.
const DefaultEarliestYear = 1990

// Earliest is the first reporting year a figure may be for.
func (s *Site) Earliest() int {
	if s.EarliestYear != 0 {
		return s.EarliestYear
	}
	return DefaultEarliestYear
}

// Calendar returns the site's reporting calendar.
func (s *Site) Calendar() Calendar { return Calendar{StartMonth: time.Month(s.YearStartMonth)} }

// Brand is the [brand] table of data/site.toml: what makes the site the
// council's own, without a layout of its own.
type Brand struct {
	Logo    string // a file in static/, shown in the header
	LogoAlt string // what the logo says
	Favicon string // a file in static/
	// Colour is the main colour: links and the header's bar, in the light
	// colour scheme; ColourDark the same in the dark scheme ("" keeps
	// perfsite's).
	Colour, ColourDark string
	// HeaderBackground and HeaderText colour the header band ("" keeps it
	// the page's background).
	HeaderBackground, HeaderText string
	// Contact is an email address or a web address for questions.
	Contact string
	// HeaderLinks and FooterLinks are more links in the menu and at the
	// foot of every page.
	HeaderLinks, FooterLinks []Link

	KeyPos map[string]Pos // each key's place, "header_link.0.url" for a link's
}

// Accessibility is the [accessibility] table of site.toml: the facts of
// the site's accessibility statement that only the council knows.
type Accessibility struct {
	// Prepared and Reviewed are when the statement was prepared and last
	// reviewed; Tested when the site was last tested, by TestedBy.
	Prepared, Reviewed, Tested time.Time
	TestedBy                   string
	// Contact is how to report a problem (an email address or a web
	// address; the brand's contact when empty), Phone a telephone number,
	// ResponseDays how many working days a reply takes.
	Contact      string
	Phone        string
	ResponseDays int
	// NorthernIreland has the statement name the Equality Commission for
	// Northern Ireland, which enforces the regulations there.
	NorthernIreland bool
	// Issues are what the council knows is not accessible; OutOfScope
	// what the regulations do not cover (documents published before 23
	// September 2018, content of other organisations); Improving what it
	// is doing about them.
	Issues     []AccessibilityIssue
	OutOfScope []string
	Improving  string
}

// AccessibilityIssue is a part of the site that is not accessible.
type AccessibilityIssue struct {
	What      string // what does not work, for whom
	Criterion string // the WCAG success criterion it fails, when known: "1.1.1 Non-text content"
	FixBy     string // when it will be fixed, in words: "by March 2025"
}

// Link is a named address: a web address (https://…) or a path on the
// site (/about/).
type Link struct {
	Name string
	URL  string
}

// Service is a part of the organisation that owns measures.
type Service struct {
	ID        string
	Name      string
	Committee string
	Pos       Pos
	KeyPos    map[string]Pos
}

// Committee scrutinises the measures of its services.
type Committee struct {
	ID     string
	Name   string
	Pos    Pos
	KeyPos map[string]Pos
}

// Units a measure can be counted in.
const (
	UnitPercent  = "percent"
	UnitCount    = "count"
	UnitCurrency = "currency"
	UnitRate     = "rate"
	UnitDays     = "days"
	UnitScore    = "score"
	// UnitOther is a unit of the site's own, written as the measure's
	// UnitPrefix and UnitName say: tonnes, kWh, years, "£ million", an
	// index.
	UnitOther = "other"
)

// Units lists the valid units, for messages.
var Units = []string{UnitPercent, UnitCount, UnitCurrency, UnitRate, UnitDays, UnitScore, UnitOther}

// Directions in which a measure can be better.
const (
	BetterHigher  = "higher"
	BetterLower   = "lower"
	BetterNeither = "neither"
)

// Betters lists the valid values of "better", for messages.
var Betters = []string{BetterHigher, BetterLower, BetterNeither}

// Frequencies with which a measure is reported.
const (
	Quarterly = "quarterly"
	Annual    = "annual"
)

// Frequencies lists the valid frequencies, for messages.
var Frequencies = []string{Quarterly, Annual}

// Measure is one [[measure]] table: what is measured and how to judge it.
type Measure struct {
	ID          string
	Title       string
	Service     string
	Unit        string
	Better      string
	Frequency   string
	Target      *float64
	Tolerance   *float64
	Decimals    *int
	RatePer     float64
	Min, Max    *float64
	Cumulative  bool
	Description string
	Why         string
	Source      string
	Caveats     []string
	Aliases     []string

	// Noun is what one of a count is ("household": "36 households"), or
	// what a rate is counted per ("collection": "47 per 100,000
	// collections"); NounPlural is its plural, when adding "s" is not
	// how it is written ("child", "children"). Both may be empty.
	Noun       string
	NounPlural string
	// UnitName is how a unit of its own (unit = "other") is written after
	// a number: "tonnes", "kWh", "million". UnitNameOne is how it is
	// written after the number 1, when that differs ("tonne"), and
	// UnitPrefix is written before the number, like the "£" of "£2.5
	// million". All may be empty: an index is a number alone.
	UnitName    string
	UnitNameOne string
	UnitPrefix  string

	// Aim is a target that is a direction, not a number: AimIncrease,
	// AimReduce or AimMaintain (target = "increase"); empty otherwise.
	Aim string
	// ToleranceShare is a tolerance written as a share of the target
	// (0.05 for tolerance = "5%"); Tolerance is then nil.
	ToleranceShare *float64
	// ChangeThreshold is how large a change must be to be called better
	// or worse while there are too few figures for control limits, in the
	// measure's unit; ChangeThresholdShare is the same as a share of the
	// figure compared with (change_threshold = "10%").
	ChangeThreshold      *float64
	ChangeThresholdShare *float64
	// Covers says which year an annual figure covers (CoversFinancialYear,
	// CoversCalendarYear or CoversAcademicYear); empty means it is known
	// only by the quarter that reports it.
	Covers string

	Pos    Pos            // the [[measure]] line
	KeyPos map[string]Pos // each key's line
}

// forecastTitle finds a title that says its figures are forecasts.
var forecastTitle = regexp.MustCompile(`(?i)\bforecasts?\b`)

// IsForecast reports whether the measure's figures are forecasts, made in
// the quarter they are filed under but about a later time, the end of the
// year ("Forecast overspend"): its title says so. Such a figure is the
// forecast made in a quarter, never the figure for that quarter, and is
// compared only with an earlier forecast for the same year.
func (m *Measure) IsForecast() bool { return forecastTitle.MatchString(m.Title) }

// Row is one line of a quarterly data file: one measure's figure for one
// quarter. Numbers that are absent are nil.
type Row struct {
	Measure  string
	Period   Period
	Value    *float64
	Target   *float64
	National *float64
	Status   Status // explicit override; empty when the file has none
	Note     string

	Pos    Pos    // the start of the row
	Fields Fields // each column's cell
	Signs  []Sign // the numbers written with a unit's sign (94.9%, £1.2m)
}

// QuarterFile is one file under data/quarters.
type QuarterFile struct {
	File    string
	Periods []Period // the quarters it holds
	Rows    []Row
	// Read says, for the person who keeps the file, how a workbook or a
	// table with one column per quarter was read: which sheets, which
	// layout, which quarters. It is empty for a CSV file of one row per
	// measure, the plain case.
	Read string
}

// Minutes is the summary of one committee meeting's discussion.
type Minutes struct {
	Slug      string
	Title     string
	Committee string
	Date      time.Time
	Item      string
	Period    Period // zero when not given
	Measures  []string
	SourceURL string
	Body      string // Markdown
	BodyLine  int    // line of the file where the body starts

	File   string
	KeyPos map[string]Pos
}

// Page is an extra page of the site, such as content/about.md.
type Page struct {
	Slug    string // "about", or "help/contact" for content/help/contact.md
	Title   string
	Summary string
	// Menu is where the page is linked from on every page: "footer" (the
	// default), "header" (the main menu) or "none"; Weight orders the
	// pages of a menu, lightest first (then by title).
	Menu     string
	Weight   int
	Body     string // Markdown
	BodyLine int
	File     string
	KeyPos   map[string]Pos
}

// The menus an extra page can join.
const (
	MenuHeader = "header"
	MenuFooter = "footer"
	MenuNone   = "none"
)

// Menus lists the menus an extra page can join, for messages.
var Menus = []string{MenuHeader, MenuFooter, MenuNone}

// Term is a glossary entry: a word or abbreviation and its plain meaning.
type Term struct {
	Term        string
	Meaning     string
	Abbr        bool
	AlsoMatches []string
	// ListOnly terms are listed on the glossary page but not explained
	// in the text: perfsite's own words, such as "target", which the
	// text uses on every page.
	ListOnly bool
	Pos      Pos
}

// Input is everything read from a site folder.
type Input struct {
	Dir      string
	Site     Site
	Measures []Measure
	Quarters []QuarterFile
	// Revisions is data/revisions.csv: figures changed after publication.
	Revisions []Revision
	Glossary  []Term
	Minutes   []Minutes
	Pages     []Page
	// Static are the files of the site's static/ folder, by their path in
	// it ("logo.svg"), which the site's settings can name.
	Static map[string]bool
	// Unread lists the files of definitions (data/site.toml, the measures
	// files) that are missing or could not be read at all: empty, not UTF-8
	// or not valid TOML. Their problem is reported once; check then leaves
	// out the problems that would only repeat it, such as every row naming
	// a measure that the unread file defines. It also lists the quarterly
	// files that could not be read at all (their header is wrong), whose
	// quarters are then unknown.
	Unread []string
	// Sources is what load keeps of each file it read, by file name, so
	// that the problems found after load can be shown with the text they
	// point at: load.Annotate gives them their spans, then sets Sources
	// to nil, so that the text is not kept longer than that.
	Sources map[string]Source
}

// Status is the judgement of a figure against its target.
type Status string

// The statuses. Every one is shown as a word, an icon and a colour.
const (
	OnTrack  Status = "on-track"
	Close    Status = "close"
	OffTrack Status = "off-track"
	NoTarget Status = "no-target"
	NoData   Status = "no-data"
	// NoChange is the status of a figure whose target is a direction
	// ("to increase", "to reduce") when it shows no real change: its
	// changes are within normal variation, or too small or too few to
	// tell.
	NoChange Status = "no-change"
)

// Statuses lists every status in the order they are reported.
var Statuses = []Status{OnTrack, Close, OffTrack, NoChange, NoTarget, NoData}

// OverrideStatuses are the statuses a data file may set by hand.
var OverrideStatuses = []Status{OnTrack, Close, OffTrack}

// Label is the status in words, as shown next to its icon.
func (s Status) Label() string {
	switch s {
	case OnTrack:
		return "On track"
	case Close:
		return "Close to target"
	case OffTrack:
		return "Off track"
	case NoTarget:
		return "No target"
	case NoData:
		return "No data"
	case NoChange:
		return "No clear change"
	}
	return string(s)
}
