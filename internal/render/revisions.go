package render

import (
	"bytes"
	"encoding/csv"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// Revisions, from data/revisions.csv: a figure changed after it was
// published is shown with the figure as first published, in the pages
// (figureView.revision), the downloads (the columns first_published_value
// and revised_on, and each point's revisions) and /data/revisions.csv.

// revisionView says that a figure was revised, in words.
type revisionView struct {
	FirstText string         `json:"first_text"` // "41.9%", or "no figure"
	NowText   string         `json:"now_text"`   // "42.2%"
	Date      string         `json:"date"`       // of the latest revision: 2023-11-14
	DateText  string         `json:"date_text"`  // 14 November 2023
	Reason    string         `json:"reason"`     // of the latest revision
	Steps     []revisionStep `json:"steps"`      // every revision, oldest first
}

// revisionStep is one revision: the figure before it and after it.
type revisionStep struct {
	Date       string `json:"date"`
	DateText   string `json:"date_text"`
	BeforeText string `json:"before_text"`
	AfterText  string `json:"after_text"`
	Reason     string `json:"reason"`
}

func (r *renderer) revision(m *derive.Measure, p derive.Point) *revisionView {
	if !p.Revised() {
		return nil
	}
	text := func(v *float64) string {
		if v == nil {
			return "no figure"
		}
		return explain.Value(&m.Measure, *v)
	}
	last := p.Revisions[len(p.Revisions)-1]
	first, _ := p.FirstPublished()
	v := &revisionView{
		FirstText: text(first),
		NowText:   text(p.Value),
		Date:      last.Date.Format("2006-01-02"),
		DateText:  last.Date.Format("2 January 2006"),
		Reason:    last.Reason,
	}
	for i, rv := range p.Revisions {
		after := p.Value
		if i+1 < len(p.Revisions) {
			after = p.Revisions[i+1].Previous
		}
		v.Steps = append(v.Steps, revisionStep{
			Date: rv.Date.Format("2006-01-02"), DateText: rv.Date.Format("2 January 2006"),
			BeforeText: text(rv.Previous), AfterText: text(after), Reason: rv.Reason,
		})
	}
	return v
}

// revisionJSON is one revision of a point in the JSON downloads.
type revisionJSON struct {
	PreviousValue *float64 `json:"previous_value"`
	Date          string   `json:"date"`
	Reason        string   `json:"reason"`
}

func revisionsJSON(p derive.Point) []revisionJSON {
	var out []revisionJSON
	for _, rv := range p.Revisions {
		out = append(out, revisionJSON{PreviousValue: rv.Previous, Date: rv.Date.Format("2006-01-02"), Reason: rv.Reason})
	}
	return out
}

// revisionColumns are the last columns of every data CSV: the figure as
// first published and the date of its latest revision, both empty when the
// figure was never revised.
func revisionColumns(p derive.Point) []string {
	if !p.Revised() {
		return []string{"", ""}
	}
	first, _ := p.FirstPublished()
	return []string{num(first), p.LastRevised().Format("2006-01-02")}
}

// revisionsCSVHeader is the header of /data/revisions.csv.
var revisionsCSVHeader = []string{"measure", "title", "period", "period_label", "previous_value", "revised_value", "date", "reason"}

// revisionsCSV writes /data/revisions.csv: every revision, newest first,
// with the figure before and after it.
func (r *renderer) revisionsCSV() error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(revisionsCSVHeader); err != nil {
		return err
	}
	for _, rv := range r.site.Revisions {
		m := r.site.ByID[rv.Measure]
		if m == nil {
			continue
		}
		after := revisedValue(m, rv)
		if err := w.Write([]string{
			m.ID, textCell(m.Title), r.cal.Slug(rv.Period), r.cal.Label(rv.Period),
			num(rv.Previous), num(after), rv.Date.Format("2006-01-02"), textCell(rv.Reason),
		}); err != nil {
			return err
		}
	}
	w.Flush()
	return r.writeStatic("data/revisions.csv", buf.Bytes())
}

// revisedValue is the figure that the revision rv put in place: the next
// revision's previous value, or the figure as it is now.
func revisedValue(m *derive.Measure, rv model.Revision) *float64 {
	for _, pt := range m.Series {
		if pt.Period != rv.Period {
			continue
		}
		for i, x := range pt.Revisions {
			if x.Date.Equal(rv.Date) {
				if i+1 < len(pt.Revisions) {
					return pt.Revisions[i+1].Previous
				}
				return pt.Value
			}
		}
	}
	return nil
}
