package pages

import (
	"html/template"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/urls"
)

// The views are what the layouts lay out: plain data, already worked out
// and already in words, so that a layout never computes a status or
// formats a number. The layouts (layouts/*.html) are html/template files;
// every field here can be used in a site's own copy of them, and the
// README's "Changing the design" lists the main ones. Text is escaped by
// html/template; the only template.HTML values are made by perfsite's own
// renderers (the Markdown renderer, the glossary, the chart).

// Link is a named address; URL is a path from the site's root, for relURL.
type Link struct {
	Name string
	URL  string
}

// Status is a status as shown: its key (the CSS class and icon) and its
// word. A status is always shown as icon + word + colour
// (_partials/status.html).
type Status struct {
	Key   string
	Label string
}

func statusOf(s model.Status) Status { return Status{Key: string(s), Label: s.Label()} }

// Figure is one measure's figure for one quarter, in words.
type Figure struct {
	Period string // "2023-24-q2"
	// Label is the period in short, for tables and lists: "Q2 2023/24",
	// "Q2 2024/25 (year to date)", "2022/23 academic year".
	Label string
	// When is what the figure covers, in words: "July to September 2023
	// (Q2 2023/24)", "April to September 2024 (so far this year)", "the
	// 2022/23 academic year".
	When         string
	ValueText    string // "94.9%", or "No figure"
	TargetText   string // "" when there is no target
	NationalText string // "" when there is none
	Status       Status
	// Derived is the status the rule gives, when the data file set another
	// by hand (Override).
	Derived  *Status
	Override bool
	Note     string
	// URL is the figure's permanent page, when it was reported.
	URL string
	// Revision says that the figure was changed after it was published.
	Revision *Revision
	// Signal says what special cause the figure is part of, and what it
	// means, as the measure's latest figures show it: "above the usual
	// range: better"; "" for normal variation or too few figures.
	Signal string
}

// Revision is a figure's corrections, in words.
type Revision struct {
	FirstText string // "41.9%", or "no figure"
	NowText   string
	// StatusChange says how the correction changed the figure's status,
	// in a sentence; "" when it did not.
	StatusChange string
	Date         string // of the latest revision: 2023-11-14
	DateText     string // 14 November 2023
	Reason       string // of the latest revision
	Steps        []RevisionStep
}

// RevisionStep is one correction: the figure before and after it.
type RevisionStep struct {
	Date, DateText        string
	BeforeText, AfterText string
	Reason                string
}

// FigureRef is a figure a page mentions beside its own: the quarter
// before, the year before, the newer figure.
type FigureRef struct {
	Label     string
	ValueText string
	URL       string // the figure's permanent page; "" when it had no figure
}

// MeasureRef is a measure in a list, with one of its figures.
type MeasureRef struct {
	ID      string
	Title   string
	URL     string
	Service Link
	Figure  FigureRef
	Status  Status
	// Change is the change from the figure it is compared with, and what
	// it means: "up 2.3 percentage points on the quarter before: better";
	// "" for none. CueIcon names its icon (cueIcon): "better", "worse",
	// "changed" or "no-real-change".
	Change  string
	CueIcon string
	// Sparkline is a small inline SVG of the trend up to the figure.
	Sparkline template.HTML
}

// MinutesRef is a minutes summary in a list.
type MinutesRef struct {
	Title     string
	URL       string
	Date      string // 2023-11-14
	DateText  string // 14 November 2023
	Committee string
	// Points are what the minutes said about one measure, on that
	// measure's pages.
	Points []template.HTML
}

// Count is how many measures have a status.
type Count struct {
	Status Status
	Count  int
}

// signalWords is the table's Signal cell of figure p, judged by c as it
// stood in quarter at: "above the usual range: worse"; "" for none.
func signalWords(m *derive.Measure, p derive.Point, c *derive.Control, at model.Period) string {
	sig := explain.Signal(m, p, c, at)
	if sig == "" {
		return ""
	}
	if means := explain.SignalMeaning(m, c); means != "" {
		sig += ": " + means
	}
	return sig
}

func (r *Renderer) figure(m *derive.Measure, p derive.Point) Figure {
	f := Figure{
		Period:    r.cal.Slug(p.Period),
		Label:     explain.PeriodLabel(p, r.cal),
		When:      when(m, p, r.cal),
		ValueText: "No figure",
		Status:    statusOf(p.Status),
		Override:  p.Override,
		Note:      p.Note,
		Revision:  r.revision(m, p),
	}
	if p.Override {
		d := statusOf(p.Derived)
		f.Derived = &d
	}
	if p.Value != nil {
		f.ValueText = explain.Value(&m.Measure, *p.Value)
		f.URL = urls.Snapshot(m.ID, f.Period)
	}
	f.Signal = signalWords(m, p, p.Control, m.Latest.Period)
	if p.Target != nil {
		f.TargetText = explain.Target(&m.Measure, *p.Target)
	}
	if p.National != nil {
		f.NationalText = explain.Value(&m.Measure, *p.National)
	}
	return f
}

// when is what a figure covers, in words, with the quarter that reports
// it when it is a quarter's figure.
func when(m *derive.Measure, p derive.Point, cal model.Calendar) string {
	words := explain.PeriodWords(m, p)
	if p.Span.Kind == model.SpanQuarter {
		return words + " (" + explain.PeriodLabel(p, cal) + ")"
	}
	return words
}

func (r *Renderer) revision(m *derive.Measure, p derive.Point) *Revision {
	if !p.Revised() {
		return nil
	}
	text := func(v *float64) string { return explain.ValueOrNone(&m.Measure, v) }
	last := p.Revisions[len(p.Revisions)-1]
	first, _ := p.FirstPublished()
	v := &Revision{
		FirstText:    text(first),
		NowText:      text(p.Value),
		StatusChange: explain.RevisionStatus(m, p),
		Date:         last.Date.Format("2006-01-02"),
		DateText:     last.Date.Format("2 January 2006"),
		Reason:       last.Reason,
	}
	for i, rv := range p.Revisions {
		after := p.RevisedTo(i)
		v.Steps = append(v.Steps, RevisionStep{
			Date: rv.Date.Format("2006-01-02"), DateText: rv.Date.Format("2 January 2006"),
			BeforeText: text(rv.Previous), AfterText: text(after), Reason: rv.Reason,
		})
	}
	return v
}

func (r *Renderer) figureRef(m *derive.Measure, p derive.Point) FigureRef {
	f := FigureRef{Label: explain.PeriodLabel(p, r.cal), ValueText: "No figure"}
	if p.Value != nil {
		f.ValueText = explain.Value(&m.Measure, *p.Value)
		f.URL = urls.Snapshot(m.ID, r.cal.Slug(p.Period))
	}
	return f
}

func (r *Renderer) measureRef(m *derive.Measure, snap derive.Snapshot) MeasureRef {
	ref := MeasureRef{
		ID:        m.ID,
		Title:     m.Title,
		URL:       urls.Measure(m.ID),
		Service:   Link{Name: m.ServiceName, URL: urls.Service(m.Service)},
		Figure:    r.figureRef(m, snap.Point),
		Status:    statusOf(snap.Status),
		Sparkline: r.sparkline(m, snap),
	}
	if cue, ok := explain.ChangeCue(m, snap); ok {
		ref.Change, ref.CueIcon = cue.String(), cue.Icon
	}
	return ref
}

func minutesRef(mn *derive.Minutes) MinutesRef {
	return MinutesRef{
		Title:     mn.Title,
		URL:       urls.Minutes(mn.Slug),
		Date:      mn.Date.Format("2006-01-02"),
		DateText:  mn.Date.Format("2 January 2006"),
		Committee: mn.CommitteeName,
	}
}

func minutesRefs(list []*derive.Minutes) []MinutesRef {
	var out []MinutesRef
	for _, mn := range list {
		out = append(out, minutesRef(mn))
	}
	return out
}

func counts(c derive.Counts) []Count {
	var out []Count
	for _, st := range model.Statuses {
		if n := c[st]; n > 0 {
			out = append(out, Count{Status: statusOf(st), Count: n})
		}
	}
	return out
}
