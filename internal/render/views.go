package render

import (
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
	"html/template"
)

// The views are the params of the generated Hugo pages: plain, already
// formatted data, so that layouts only lay out and never compute. Field
// names are the names layouts use (.Params.latest.value_text).

type link struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type statusView struct {
	Key   string `json:"key"`
	Label string `json:"label"`
}

func status(s model.Status) statusView { return statusView{Key: string(s), Label: s.Label()} }

type figureView struct {
	Period       string      `json:"period"`
	Label        string      `json:"label"`
	Months       string      `json:"months"`
	Value        *float64    `json:"value"`
	ValueText    string      `json:"value_text"`
	TargetText   string      `json:"target_text"`
	NationalText string      `json:"national_text"`
	Status       statusView  `json:"status"`
	Derived      *statusView `json:"derived,omitempty"` // the status the rule gives, when the data file set another
	Override     bool        `json:"override"`
	Note         string      `json:"note"`
	URL          string      `json:"url"` // the measure-per-quarter page, when the figure was reported
	// Revision says that the figure was changed after it was published.
	Revision *revisionView `json:"revision,omitempty"`
}

// figureRef is a figure a page mentions beside its own (the quarter
// before, the year before, the newer figure): every page keeps its data
// in memory for the whole build, so it carries only what is shown.
type figureRef struct {
	Label     string `json:"label"`
	ValueText string `json:"value_text"`
	URL       string `json:"url,omitempty"` // the figure's measure-per-quarter page
}

// listFigure is a figure in a list of measures (the home page, a quarter's
// report): a site has many lists and long ones, so it too carries only
// what is shown.
type listFigure struct {
	figureRef
	Status statusView `json:"status"`
}

func (r *renderer) listFigure(m *derive.Measure, p derive.Point) listFigure {
	return listFigure{figureRef: r.figureRef(m, p), Status: status(p.Status)}
}

func (r *renderer) figureRef(m *derive.Measure, p derive.Point) figureRef {
	f := figureRef{Label: r.cal.Label(p.Period), ValueText: "No figure"}
	if p.Value != nil {
		f.ValueText = explain.Value(&m.Measure, *p.Value)
		f.URL = snapshotURL(m.ID, r.cal.Slug(p.Period))
	}
	return f
}

type measureRef struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	URL     string     `json:"url"`
	Service link       `json:"service"`
	Figure  listFigure `json:"figure"`
	Change  string     `json:"change"` // since the quarter before, in words
	// Sparkline is a small inline SVG of the trend up to this figure.
	Sparkline string `json:"sparkline,omitempty"`
}

type minutesRef struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Date      string `json:"date"`      // 2023-11-14
	DateText  string `json:"date_text"` // 14 November 2023
	Committee string `json:"committee"`
	// Points are what the minutes said about one measure, on that
	// measure's page.
	Points []template.HTML `json:"points,omitempty"`
}

type countView struct {
	Status statusView `json:"status"`
	Count  int        `json:"count"`
}

func (r *renderer) figure(m *derive.Measure, p derive.Point) figureView {
	f := figureView{
		Period:    r.cal.Slug(p.Period),
		Label:     r.cal.Label(p.Period),
		Months:    r.cal.Months(p.Period),
		Value:     p.Value,
		ValueText: "No figure",
		Status:    status(p.Status),
		Override:  p.Override,
		Note:      p.Note,
		Revision:  r.revision(m, p),
	}
	if p.Override {
		d := status(p.Derived)
		f.Derived = &d
	}
	if p.Value != nil {
		f.ValueText = explain.Value(&m.Measure, *p.Value)
		f.URL = snapshotURL(m.ID, f.Period)
	}
	if p.Target != nil {
		f.TargetText = explain.Target(&m.Measure, *p.Target)
	}
	if p.National != nil {
		f.NationalText = explain.Value(&m.Measure, *p.National)
	}
	return f
}

func (r *renderer) measureRef(m *derive.Measure, snap derive.Snapshot) measureRef {
	ref := measureRef{
		ID:      m.ID,
		Title:   m.Title,
		URL:     measureURL(m.ID),
		Service: link{Name: m.ServiceName, URL: serviceURL(m.Service)},
		Figure:  r.listFigure(m, snap.Point),
	}
	// The change from the figure it is compared with (a running total's
	// same time last year, never its quarter before), with what it means
	// (issue 18: explain.ChangeCue; the new renderer shows Cue.Icon too).
	if cue, ok := explain.ChangeCue(m, snap); ok {
		ref.Change = cue.String()
	}
	ref.Sparkline = r.sparkline(m, snap)
	return ref
}

func (r *renderer) minutesRef(mn *derive.Minutes) minutesRef {
	return minutesRef{
		Title:     mn.Title,
		URL:       minutesURL(mn.Slug),
		Date:      mn.Date.Format("2006-01-02"),
		DateText:  mn.Date.Format("2 January 2006"),
		Committee: mn.CommitteeName,
	}
}

func counts(c derive.Counts) []countView {
	var out []countView
	for _, st := range model.Statuses {
		if n := c[st]; n > 0 {
			out = append(out, countView{Status: status(st), Count: n})
		}
	}
	return out
}

// URLs of the pages, relative to the site root without a leading slash so
// that layouts can pass them through relURL on a site served from a folder.
func measureURL(id string) string          { return "measures/" + id + "/" }
func measurePagePath(id string) string     { return "measures/" + id } // the content file, without .md
func snapshotURL(id, period string) string { return "measures/" + id + "/" + period + "/" }
func serviceURL(id string) string          { return "services/" + id + "/" }
func committeeURL(id string) string        { return "committees/" + id + "/" }
func quarterURL(period string) string      { return "quarters/" + period + "/" }
func minutesURL(slug string) string        { return "minutes/" + slug + "/" }
