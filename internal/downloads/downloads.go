// Package downloads writes the site's data for reuse and the files
// machines read: the CSV and JSON downloads, the data dictionary that
// describes them, the Atom feeds, the search index and Netlify's
// _redirects. The downloads are plain numbers (no % or £), ISO dates,
// UTF-8 with a header row; their columns are documented in README.md and
// only ever added to, at the end.
package downloads

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/markdown"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// Writer writes the downloads of one site. Make one per build (New); it is
// safe for use by several goroutines.
type Writer struct {
	site *derive.Site
	base urls.Base // the site's base URL, read once
	cal  model.Calendar
	md   *markdown.Renderer
}

// New makes the writer of site's downloads.
func New(site *derive.Site) *Writer {
	return &Writer{site: site, base: urls.NewBase(site.BaseURL), cal: site.Cal, md: markdown.New()}
}

// MeasureFiles are m's downloads: its data as JSON and as CSV, also at
// each of its old ids' addresses (aliases), so that a script keyed on an
// old id gets the current figures from any static host.
func (d *Writer) MeasureFiles(m *derive.Measure) []output.File {
	files := d.measureFiles(m)
	for _, a := range m.Aliases {
		for _, f := range files[:2] {
			files = append(files, output.File{Path: urls.Measure(a) + strings.TrimPrefix(f.Path, urls.Measure(m.ID)), Write: f.Write})
		}
	}
	return files
}

// measureFiles are m's data as JSON and as CSV, at its own address.
func (d *Writer) measureFiles(m *derive.Measure) []output.File {
	return []output.File{
		{Path: urls.MeasureJSON(m.ID), Write: func(w io.Writer) error { return writeJSON(w, d.measureJSON(m)) }},
		{Path: urls.MeasureCSV(m.ID), Write: func(w io.Writer) error {
			c := csv.NewWriter(w)
			if err := c.Write(csvHeader); err != nil {
				return err
			}
			if err := d.csvRows(c, m, m.Series); err != nil {
				return err
			}
			c.Flush()
			return c.Error()
		}},
	}
}

// SiteFiles are the downloads of the whole site: every measure, each
// quarter, the revisions, the feeds, the search index and _redirects.
func (d *Writer) SiteFiles() []output.File {
	files := []output.File{
		{Path: urls.AllCSV, Write: d.allCSV},
		{Path: urls.AllJSON, Write: d.allJSON},
		{Path: urls.RevisionsCSV, Write: d.revisionsCSV},
		{Path: urls.SearchIndex, Write: d.searchIndex},
		{Path: urls.Redirects, Write: d.redirects},
	}
	for _, q := range d.site.Quarters {
		files = append(files, output.File{Path: urls.QuarterCSV(d.cal.Slug(q.Period)), Write: func(w io.Writer) error { return d.quarterCSV(w, q) }})
	}
	return append(files, d.feeds()...)
}

// pointJSON is one quarter of a measure in the JSON downloads.
type pointJSON struct {
	Period      string       `json:"period"`
	Label       string       `json:"label"`
	Start       string       `json:"start"`
	End         string       `json:"end"`
	Value       *float64     `json:"value"`
	Target      *float64     `json:"target"`
	National    *float64     `json:"national"`
	Status      model.Status `json:"status"`
	StatusSetBy string       `json:"status_set_by"` // "rule" or "data file"
	Note        string       `json:"note"`
	// Revisions are the changes since the figure was first published,
	// oldest first; absent when it was never revised.
	Revisions []revisionJSON `json:"revisions,omitempty"`
	// Added at the end (issue 18): what the figure covers, and statistical
	// process control as the measure's latest figures show it.
	CoversLabel string   `json:"covers_label"`
	Mean        *float64 `json:"mean"`
	LowerLimit  *float64 `json:"lower_limit"`
	UpperLimit  *float64 `json:"upper_limit"`
	Signal      []string `json:"signal"`
	SignalMeans string   `json:"signal_means"`
}

// latestJSON is a measure's latest figure in its JSON: a point, with what
// it covers, what it is compared with and what the change means, and
// statistical process control as it stood when it was published.
type latestJSON struct {
	pointJSON
	Covers       coversJSON    `json:"covers"`
	ComparedWith *comparedJSON `json:"compared_with"`
	Change       *float64      `json:"change"`
	ChangeMeans  string        `json:"change_means"`
	Control      *controlJSON  `json:"control"`
	Assurance    string        `json:"assurance"`
}

type coversJSON struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label"`
	Words string `json:"words"`
}

type comparedJSON struct {
	Period string   `json:"period"`
	Value  *float64 `json:"value"`
	Basis  string   `json:"basis"` // quarter-before, same-time-last-year, year-before, earlier-forecast
}

type controlJSON struct {
	Points      int      `json:"points"`
	Mean        float64  `json:"mean"`
	LowerLimit  float64  `json:"lower_limit"`
	UpperLimit  float64  `json:"upper_limit"`
	Signal      []string `json:"signal"`
	SignalMeans string   `json:"signal_means"`
}

// measureJSON is /measures/<id>/index.json, and one entry of
// /data/measures.json.
type measureJSON struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	URL         string      `json:"url"`
	Service     string      `json:"service"`
	Unit        string      `json:"unit"`
	RatePer     float64     `json:"rate_per,omitempty"`
	Better      string      `json:"better"`
	Frequency   string      `json:"frequency"`
	Target      *float64    `json:"target"`
	Tolerance   *float64    `json:"tolerance"`
	Description string      `json:"description"`
	Why         string      `json:"why"`
	Source      string      `json:"source"`
	Caveats     []string    `json:"caveats"`
	Summary     string      `json:"summary"`
	NextUpdate  string      `json:"next_update"`
	Latest      latestJSON  `json:"latest"`
	Series      []pointJSON `json:"series"`
	// Added at the end (issue 19, 21): the unit in words, what is
	// counted, a unit of the site's own, and the measure's old ids.
	UnitLabel   string   `json:"unit_label"`
	Noun        string   `json:"noun"`
	NounPlural  string   `json:"noun_plural"`
	UnitName    string   `json:"unit_name"`
	UnitNameOne string   `json:"unit_name_one"`
	UnitPrefix  string   `json:"unit_prefix"`
	Aliases     []string `json:"aliases"`
}

func (d *Writer) pointJSON(m *derive.Measure, p derive.Point) pointJSON {
	setBy := "rule"
	if p.Override {
		setBy = "data file"
	}
	j := pointJSON{
		Period:      d.cal.Slug(p.Period),
		Label:       d.cal.Label(p.Period),
		Start:       d.cal.Start(p.Period).Format("2006-01-02"),
		End:         d.cal.End(p.Period).Format("2006-01-02"),
		Value:       p.Value,
		Target:      p.Target,
		National:    p.National,
		Status:      p.Status,
		StatusSetBy: setBy,
		Note:        p.Note,
		Revisions:   revisionsJSON(p),
		CoversLabel: explain.PeriodLabel(p, d.cal),
		Signal:      []string{},
	}
	if c := p.Control; c != nil {
		j.Mean, j.LowerLimit, j.UpperLimit = tidy(&c.Mean), tidy(&c.Lower), tidy(&c.Upper)
		j.Signal = signalNames(c)
		j.SignalMeans = explain.SignalMeaning(m, c)
	}
	return j
}

// signalNames are the special-cause rules a figure breaks, by name:
// outside-limits, shift, trend, two-of-three.
func signalNames(c *derive.Control) []string {
	names := (c.Flag.High | c.Flag.Low).Names()
	if names == nil {
		names = []string{}
	}
	return names
}

// latestJSON is m's latest figure, with its comparison and its control
// as it stood when it was published.
func (d *Writer) latestJSON(m *derive.Measure) latestJSON {
	snap := m.Latest
	j := latestJSON{pointJSON: d.pointJSON(m, snap.Point), ChangeMeans: changeMeans(m, snap), Assurance: snap.Assurance.Name()}
	j.Covers = coversJSON{From: snap.Span.From.Format("2006-01-02"), To: snap.Span.To.Format("2006-01-02"),
		Label: explain.PeriodLabel(snap.Point, d.cal), Words: explain.PeriodWords(m, snap.Point)}
	if c := snap.Compare; c != nil {
		j.ComparedWith = &comparedJSON{Period: d.cal.Slug(c.Period), Value: c.Value, Basis: snap.Basis.Name()}
		j.Change = tidy(snap.Change())
	}
	if c := snap.Then; c != nil {
		j.Control = &controlJSON{Points: c.Points, Mean: *tidy(&c.Mean), LowerLimit: *tidy(&c.Lower), UpperLimit: *tidy(&c.Upper),
			Signal: signalNames(c), SignalMeans: explain.SignalMeaning(m, c)}
	}
	return j
}

// changeMeans is what a figure's change means (derive.Verdict.Name): ""
// with no change or nothing to compare, as the pages say nothing then.
func changeMeans(m *derive.Measure, snap derive.Snapshot) string {
	if cue, ok := explain.ChangeCue(m, snap); !ok || cue.Meaning == "" {
		return ""
	}
	return snap.Verdict.Name()
}

func (d *Writer) measureJSON(m *derive.Measure) measureJSON {
	j := measureJSON{
		ID:          m.ID,
		Title:       m.Title,
		URL:         d.abs(urls.Measure(m.ID)),
		Service:     m.Service,
		Unit:        m.Unit,
		RatePer:     m.RatePer,
		Better:      m.Better,
		Frequency:   m.Frequency,
		Target:      m.Target,
		Tolerance:   m.Tolerance,
		Description: m.Description,
		Why:         m.Why,
		Source:      m.Source,
		Caveats:     m.Caveats,
		Summary:     explain.Summary(m, m.Latest, d.cal),
		NextUpdate:  d.cal.Slug(m.NextUpdate),
		Latest:      d.latestJSON(m),
		Series:      []pointJSON{},
		UnitLabel:   explain.UnitLabel(&m.Measure),
		Noun:        m.Noun,
		NounPlural:  m.NounPlural,
		UnitName:    m.UnitName,
		UnitNameOne: m.UnitNameOne,
		UnitPrefix:  m.UnitPrefix,
		Aliases:     m.Aliases,
	}
	if j.Caveats == nil {
		j.Caveats = []string{}
	}
	if j.Aliases == nil {
		j.Aliases = []string{}
	}
	for _, p := range m.Series {
		j.Series = append(j.Series, d.pointJSON(m, p))
	}
	return j
}

// csvHeader is the header of every data CSV. New columns go at the end.
var csvHeader = []string{"measure", "title", "service", "unit", "period", "period_label", "start", "end", "value", "target", "national", "status", "status_set_by", "note", "first_published_value", "revised_on",
	"covers_from", "covers_to", "covers_label", "compared_with", "change", "change_means", "mean", "lower_limit", "upper_limit", "signal", "signal_means", "assurance",
	"unit_label", "aliases"}

func (d *Writer) csvRows(w *csv.Writer, m *derive.Measure, points []derive.Point) error {
	unitLabel, aliases := explain.UnitLabel(&m.Measure), strings.Join(m.Aliases, " ")
	for _, p := range points {
		j := d.pointJSON(m, p)
		row := append([]string{
			m.ID, textCell(m.Title), m.Service, m.Unit, j.Period, j.Label, j.Start, j.End,
			num(p.Value), num(p.Target), num(p.National), string(p.Status), j.StatusSetBy, textCell(p.Note),
		}, revisionColumns(p)...)
		row = append(row, p.Span.From.Format("2006-01-02"), p.Span.To.Format("2006-01-02"), j.CoversLabel)
		snap, _ := m.SnapshotAt(p.Period)
		compared, change := "", ""
		if c := snap.Compare; c != nil && snap.Value != nil {
			compared, change = d.cal.Slug(c.Period), num(tidy(snap.Change()))
		}
		row = append(row, compared, change, changeMeans(m, snap), num(j.Mean), num(j.LowerLimit), num(j.UpperLimit),
			strings.Join(j.Signal, " "), j.SignalMeans, snap.Assurance.Name())
		if err := w.Write(append(row, textCell(unitLabel), aliases)); err != nil {
			return err
		}
	}
	return nil
}

// textCell makes a text cell of a CSV download safe to open in a
// spreadsheet: text starting with =, +, -, @, a tab or a carriage return
// would be taken for a formula (CSV injection), so it gets a leading ',
// which spreadsheets show as text. The JSON downloads keep the text as is.
func textCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// tidy is a worked-out figure (a change, a mean, a limit) to 10
// significant digits: 29.01, not the 29.009999999999998 of binary
// arithmetic, which no reader typed and none should have to read.
// Nil stays nil.
func tidy(v *float64) *float64 {
	if v == nil {
		return nil
	}
	t, _ := strconv.ParseFloat(strconv.FormatFloat(*v, 'g', 10, 64), 64)
	return &t
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func (d *Writer) allCSV(w io.Writer) error {
	c := csv.NewWriter(w)
	if err := c.Write(csvHeader); err != nil {
		return err
	}
	for _, m := range d.site.Measures {
		if err := d.csvRows(c, m, m.Series); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

func (d *Writer) allJSON(w io.Writer) error {
	all := []measureJSON{}
	for _, m := range d.site.Measures {
		all = append(all, d.measureJSON(m))
	}
	return writeJSON(w, map[string]any{
		"title":        d.site.Title,
		"organisation": d.site.Organisation,
		"url":          d.site.BaseURL,
		"license":      d.site.License,
		"latest":       d.cal.Slug(d.site.Latest),
		"measures":     all,
	})
}

// quarterCSV is one quarter's figures: every measure as it stood then.
func (d *Writer) quarterCSV(w io.Writer, q *derive.Quarter) error {
	c := csv.NewWriter(w)
	if err := c.Write(csvHeader); err != nil {
		return err
	}
	for _, row := range q.Rows {
		if err := d.csvRows(c, row.Measure, []derive.Point{row.Snapshot.Point}); err != nil {
			return err
		}
	}
	c.Flush()
	return c.Error()
}

// writeJSON writes v indented, with a trailing newline and without
// escaping <, > and & (the files are data, not HTML).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeCompactJSON writes v on one line, for files only scripts read.
func writeCompactJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
