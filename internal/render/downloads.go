package render

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// The downloads are the data behind the pages, for reuse: plain numbers (no
// % or £), ISO dates, UTF-8, a header row. Their columns are documented in
// README.md and must only ever be added to.

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
	Latest      pointJSON   `json:"latest"`
	Series      []pointJSON `json:"series"`
}

func (r *renderer) pointJSON(p derive.Point) pointJSON {
	setBy := "rule"
	if p.Override {
		setBy = "data file"
	}
	return pointJSON{
		Period:      r.cal.Slug(p.Period),
		Label:       r.cal.Label(p.Period),
		Start:       r.cal.Start(p.Period).Format("2006-01-02"),
		End:         r.cal.End(p.Period).Format("2006-01-02"),
		Value:       p.Value,
		Target:      p.Target,
		National:    p.National,
		Status:      p.Status,
		StatusSetBy: setBy,
		Note:        p.Note,
		Revisions:   revisionsJSON(p),
	}
}

func (r *renderer) measureJSON(m *derive.Measure) measureJSON {
	j := measureJSON{
		ID:          m.ID,
		Title:       m.Title,
		URL:         r.site.BaseURL + measureURL(m.ID),
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
		Summary:     explain.Summary(m, m.Latest, r.cal),
		NextUpdate:  r.cal.Slug(m.NextUpdate),
		Latest:      r.pointJSON(m.Latest.Point),
		Series:      []pointJSON{},
	}
	if j.Caveats == nil {
		j.Caveats = []string{}
	}
	for _, p := range m.Series {
		j.Series = append(j.Series, r.pointJSON(p))
	}
	return j
}

// csvHeader is the header of every data CSV. New columns go at the end.
var csvHeader = []string{"measure", "title", "service", "unit", "period", "period_label", "start", "end", "value", "target", "national", "status", "status_set_by", "note", "first_published_value", "revised_on"}

func (r *renderer) csvRows(w *csv.Writer, m *derive.Measure, points []derive.Point) error {
	for _, p := range points {
		j := r.pointJSON(p)
		if err := w.Write(append([]string{
			m.ID, textCell(m.Title), m.Service, m.Unit, j.Period, j.Label, j.Start, j.End,
			num(p.Value), num(p.Target), num(p.National), string(p.Status), j.StatusSetBy, textCell(p.Note),
		}, revisionColumns(p)...)); err != nil {
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

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// writeStatic writes a file that is not a page (a download, a share
// image), unless the site's own static folder has one of that name.
func (r *renderer) writeStatic(path string, b []byte) error {
	if r.ownStatic[path] {
		return nil
	}
	return r.writeFile(filepath.Join(r.static, filepath.FromSlash(path)), b)
}

func (r *renderer) downloads() error {
	var all []measureJSON
	var allCSV bytes.Buffer
	allW := csv.NewWriter(&allCSV)
	if err := allW.Write(csvHeader); err != nil {
		return err
	}
	for _, m := range r.site.Measures {
		j := r.measureJSON(m)
		all = append(all, j)
		b, err := jsonBytes(j)
		if err != nil {
			return err
		}
		if err := r.writeStatic(measureURL(m.ID)+"index.json", b); err != nil {
			return err
		}
		var one bytes.Buffer
		w := csv.NewWriter(&one)
		if err := w.Write(csvHeader); err != nil {
			return err
		}
		if err := r.csvRows(w, m, m.Series); err != nil {
			return err
		}
		w.Flush()
		if err := r.writeStatic(measureURL(m.ID)+"data.csv", one.Bytes()); err != nil {
			return err
		}
		if err := r.csvRows(allW, m, m.Series); err != nil {
			return err
		}
	}
	allW.Flush()
	if err := r.writeStatic("data/measures.csv", allCSV.Bytes()); err != nil {
		return err
	}
	if all == nil {
		all = []measureJSON{}
	}
	b, err := jsonBytes(map[string]any{
		"title":        r.site.Title,
		"organisation": r.site.Organisation,
		"url":          r.site.BaseURL,
		"license":      r.site.License,
		"latest":       r.cal.Slug(r.site.Latest),
		"measures":     all,
	})
	if err != nil {
		return err
	}
	if err := r.writeStatic("data/measures.json", b); err != nil {
		return err
	}
	// One CSV per quarter: every measure as it stood then.
	for _, q := range r.site.Quarters {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := w.Write(csvHeader); err != nil {
			return err
		}
		for _, row := range q.Rows {
			if err := r.csvRows(w, row.Measure, []derive.Point{row.Snapshot.Point}); err != nil {
				return err
			}
		}
		w.Flush()
		if err := r.writeStatic(quarterURL(r.cal.Slug(q.Period))+"data.csv", buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}
