package downloads

import (
	"encoding/csv"
	"io"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Revisions, from data/revisions.csv: a figure changed after it was
// published is shown with the figure as first published, in the
// downloads (the columns first_published_value and revised_on, and each
// point's revisions) and in /data/revisions.csv.

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
func (d *Writer) revisionsCSV(out io.Writer) error {
	w := csv.NewWriter(out)
	if err := w.Write(revisionsCSVHeader); err != nil {
		return err
	}
	for _, rv := range d.site.Revisions {
		m := d.site.ByID[rv.Measure]
		if m == nil {
			continue
		}
		after := revisedValue(m, rv)
		if err := w.Write([]string{
			m.ID, textCell(m.Title), d.cal.Slug(rv.Period), d.cal.Label(rv.Period),
			num(rv.Previous), num(after), rv.Date.Format("2006-01-02"), textCell(rv.Reason),
		}); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
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
				return pt.RevisedTo(i)
			}
		}
	}
	return nil
}
