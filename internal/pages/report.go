package pages

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// The quarter's report for the committee (report.html): the same figures
// and sentences as the site, laid out to be printed on A4 as committee
// papers: a cover, contents, the summary, every measure in a table, the
// off-track measures with their charts, the yearly figures published in
// the quarter and the figures corrected since the last report.

// ReportPage is a quarter's report for the committee.
type ReportPage struct {
	Page
	Organisation string
	Label        string // "Q2 2023/24"
	Months       string // "July to September 2023"
	// Meetings are the committees that discussed the quarter, with the
	// date of the meeting, where minutes give it; Committees names the
	// others the report's measures belong to.
	Meetings   []Meeting
	Committees []string
	// Published is when the quarter's figures were published, in words,
	// where site.toml says ([published]); "" otherwise.
	Published string
	// QuarterURL is the quarter's page, the report's home on the site.
	QuarterURL string
	Headline   string
	Counts     []Count
	// WhatChanged is the quarter page's sentence of what changed.
	WhatChanged string
	Services    []ReportService
	Exceptions  []Exception
	Annual      []ReportRow
	// Revisions are the figures corrected between the last report and
	// this one, and RevisionsSpan says what that covers, in words.
	Revisions     []ReportRevision
	RevisionsSpan string
}

// Meeting is a committee meeting that discussed the quarter.
type Meeting struct {
	Committee string
	Date      string // 2023-11-14
	DateText  string // 14 November 2023
}

// ReportService is a service's measures in the report's table.
type ReportService struct {
	Name string
	Rows []ReportRow
}

// ReportRow is one measure in the report's tables: its figure as the
// site says it.
type ReportRow struct {
	Title string
	URL   string
	// Figure is the measure's figure for the quarter, with its target,
	// national average, status and note; Covers is what it covers, when
	// that is not the quarter itself ("April to September 2023 (so far
	// this year)", a year), and "" when it is.
	Figure Figure
	Covers string
	// Change is what changed since the figure it is compared with, and
	// what that means, as the measure's lists say it.
	Change  string
	CueIcon string
}

// Exception is an off-track measure, with its chart and what the
// committee said about it last time.
type Exception struct {
	ReportRow
	Anchor  string
	Summary string
	Chart   *ChartView
	// LastSaid is the newest minutes to discuss the measure before this
	// quarter, with what they said about it; nil when none did.
	LastSaid *MinutesRef
}

// ReportRevision is a figure corrected since the last report.
type ReportRevision struct {
	Title    string
	URL      string
	Period   string // "Q1 2023/24"
	Was, Now string
	Date     string // 2023-11-14
	DateText string
	Reason   string
}

// reportFiles are the report's page and its print stylesheet.
func (r *Renderer) reportFiles(i int) []output.File {
	q := r.site.Quarters[i]
	slug := r.cal.Slug(q.Period)
	return []output.File{
		r.pageOrError(urls.QuarterReport(slug), "report", func() (any, error) { return r.reportPage(q) }),
		{Path: urls.QuarterReportCSS(slug), Write: func(w io.Writer) error {
			css, err := r.reportCSS(q)
			if err != nil {
				return err
			}
			_, err = w.Write(css)
			return err
		}},
	}
}

func (r *Renderer) reportPage(q *derive.Quarter) (ReportPage, error) {
	slug, label := r.cal.Slug(q.Period), r.cal.Label(q.Period)
	headline := explain.Headline(q.Counts, "in "+label)
	p := ReportPage{
		Page:         r.newPage("report", urls.QuarterReport(slug), "Performance report: "+label, headline),
		Organisation: r.site.Organisation,
		Label:        label,
		Months:       r.cal.Months(q.Period),
		QuarterURL:   urls.Quarter(slug),
		Headline:     headline,
		Counts:       counts(q.Counts),
		WhatChanged:  explain.QuarterText(q, r.cal),
	}
	css, err := r.reportCSS(q)
	if err != nil {
		return ReportPage{}, err
	}
	sum := sha512.Sum384(css)
	p.PrintCSS = &Asset{URL: urls.QuarterReportCSS(slug), Integrity: "sha384-" + base64.StdEncoding.EncodeToString(sum[:])}
	p.Breadcrumbs = []Link{{Name: "Home", URL: urls.Home}, {Name: "Quarterly reports", URL: urls.Quarters}, {Name: label, URL: urls.Quarter(slug)}}
	p.Crumb = "Report for the committee"
	if t, ok := r.site.Published[q.Period]; ok {
		p.Published = t.Format("2 January 2006")
	}
	p.Meetings, p.Committees = r.meetings(q)

	byService := map[string]int{}
	for _, row := range q.Rows {
		m, snap := row.Measure, *row.Snapshot
		rr := r.reportRow(m, snap, q.Period)
		k, ok := byService[m.Service]
		if !ok {
			k = len(p.Services)
			byService[m.Service] = k
			p.Services = append(p.Services, ReportService{Name: m.ServiceName})
		}
		p.Services[k].Rows = append(p.Services[k].Rows, rr)
		if m.IsAnnual() && snap.Period == q.Period && snap.Value != nil {
			p.Annual = append(p.Annual, rr)
		}
		if snap.Status == model.OffTrack {
			e, err := r.exception(m, snap, rr)
			if err != nil {
				return ReportPage{}, err
			}
			p.Exceptions = append(p.Exceptions, e)
		}
	}
	p.Revisions, p.RevisionsSpan = r.reportRevisions(q)
	return p, nil
}

// reportRow is m's row in the report of quarter, whose figure is snap's.
func (r *Renderer) reportRow(m *derive.Measure, snap derive.Snapshot, quarter model.Period) ReportRow {
	rr := ReportRow{Title: m.Title, URL: urls.Snapshot(m.ID, r.cal.Slug(snap.Period)), Figure: r.figure(m, snap.Point)}
	if snap.Span.Kind != model.SpanQuarter || snap.Period != quarter {
		rr.Covers = rr.Figure.When
	}
	if snap.Value == nil {
		rr.URL = urls.Measure(m.ID)
	}
	if cue, ok := explain.ChangeCue(m, snap); ok {
		rr.Change, rr.CueIcon = cue.String(), cue.Icon
	} else if first := explain.FirstForecast(snap, r.cal); first != "" {
		rr.Change = capitalise(first) // why there is no change to show
	}
	return rr
}

// meetings are the committees that discussed quarter q (their earliest
// meeting about it), and the names of the other committees whose
// measures the report holds.
func (r *Renderer) meetings(q *derive.Quarter) ([]Meeting, []string) {
	first := map[string]*derive.Minutes{}
	for _, mn := range q.Minutes {
		if f, ok := first[mn.Committee]; !ok || mn.Date.Before(f.Date) {
			first[mn.Committee] = mn
		}
	}
	var met []Meeting
	var others []string
	for _, c := range r.site.Committees {
		if len(c.Measures) == 0 {
			continue
		}
		if mn, ok := first[c.ID]; ok {
			met = append(met, Meeting{Committee: c.Name, Date: mn.Date.Format("2006-01-02"), DateText: mn.Date.Format("2 January 2006")})
		} else {
			others = append(others, c.Name)
		}
	}
	return met, others
}

// exception is an off-track measure of the report: its summary, its chart
// as it stood in the quarter, and what the committee said last time.
func (r *Renderer) exception(m *derive.Measure, snap derive.Snapshot, rr ReportRow) (Exception, error) {
	e := Exception{ReportRow: rr, Anchor: "exception-" + m.ID, Summary: explain.Summary(m, snap, r.cal)}
	if c := chart.NewAt(m, r.cal, snap.Period); c != nil {
		e.Chart = r.chartView(c, nil)
	}
	// The minutes known before the committee met about this quarter: those
	// about an earlier quarter, or undated by quarter and held by then.
	var last *derive.Minutes
	for _, mn := range m.MinutesAsOf(snap.Period.Add(-1), r.cal) {
		if last == nil || mn.Date.After(last.Date) {
			last = mn
		}
	}
	if last != nil {
		ref := minutesRef(last)
		for _, point := range explain.MinutesPoints(m.Title, last.Body) {
			h, err := r.md.HTML(point)
			if err != nil {
				return Exception{}, err
			}
			ref.Points = append(ref.Points, template.HTML(h))
		}
		e.LastSaid = &ref
	}
	return e, nil
}

// reportRevisions are the figures corrected since the last report: after
// the quarter before q was published, and, but for the latest quarter,
// before the quarter after q was. A quarter's publication date is the one
// site.toml gives ([published]), or else the quarter's end. Oldest first.
func (r *Renderer) reportRevisions(q *derive.Quarter) ([]ReportRevision, string) {
	published := func(p model.Period) (time.Time, string) {
		if t, ok := r.site.Published[p]; ok {
			return t, r.cal.Label(p) + "’s figures were published (" + t.Format("2 January 2006") + ")"
		}
		t := r.cal.End(p)
		return t, r.cal.Label(p) + " ended (" + t.Format("2 January 2006") + ")"
	}
	var from, to time.Time
	var span []string
	if q.Previous != nil {
		t, words := published(*q.Previous)
		from = t
		span = append(span, "after "+words)
	}
	if q.Next != nil {
		t, words := published(*q.Next)
		to = t
		span = append(span, "before "+words)
	}
	var out []ReportRevision
	for _, m := range r.site.Measures {
		for _, pt := range m.Series {
			for k, rev := range pt.Revisions {
				if !rev.Date.After(from) || (!to.IsZero() && !rev.Date.Before(to)) {
					continue
				}
				now := pt.RevisedTo(k)
				out = append(out, ReportRevision{
					Title: m.Title, URL: urls.Snapshot(m.ID, r.cal.Slug(pt.Period)), Period: explain.PeriodLabel(pt, r.cal),
					Was: explain.ValueOrNone(&m.Measure, rev.Previous), Now: explain.ValueOrNone(&m.Measure, now),
					Date: rev.Date.Format("2006-01-02"), DateText: rev.Date.Format("2 January 2006"), Reason: rev.Reason,
				})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	words := "Every figure corrected so far"
	if len(span) > 0 {
		words = "Figures corrected " + strings.Join(span, " and ")
	}
	return out, words
}

// reportPrint is the report's own print stylesheet: the running header of
// its printed pages, which names the quarter and the organisation, and so
// cannot be in the site's one stylesheet. html/template writes it,
// escaping the names inside the CSS string; the <style> element is only
// the context that tells it so, and is not written. The string starts
// with words of its own: html/template takes a CSS string that starts
// with a value for a possible URL, and would refuse an organisation
// named with a colon. The cover, the first page, has no running header.
var reportPrint = template.Must(template.New("report.css").Parse(
	`<style>@page report { @top-left { content: "Performance report, {{ .Quarter }}, {{ .Organisation }}"; } }
@page report:first { @top-left { content: none; } }</style>`))

func (r *Renderer) reportCSS(q *derive.Quarter) ([]byte, error) {
	var b bytes.Buffer
	err := reportPrint.Execute(&b, struct{ Quarter, Organisation string }{r.cal.Label(q.Period), r.site.Organisation})
	if err != nil {
		return nil, err
	}
	css := bytes.TrimSuffix(bytes.TrimPrefix(b.Bytes(), []byte("<style>")), []byte("</style>"))
	return append(css, '\n'), nil
}
