package render

import (
	"fmt"

	"github.com/perfsite/perfsite/internal/derive"
)

// citeView is the "Cite this" block: the citation as one line of plain
// text, and its parts.
//
// A citation has no date of access and no build date: the same data gives
// the same page. Its date is the last day of the figure's quarter ("figures
// to 30 September 2023"), which the data fixes; a revised figure adds the
// date of its latest revision from data/revisions.csv.
type citeView struct {
	Text         string `json:"text"`
	Organisation string `json:"organisation"`
	Title        string `json:"title"`
	Period       string `json:"period"` // Q2 2023/24 (July to September 2023)
	URL          string `json:"url"`    // absolute
	Date         string `json:"date"`   // 2023-09-30: the quarter's last day
	DateText     string `json:"date_text"`
	Revised      string `json:"revised,omitempty"` // 2023-11-14
	RevisedText  string `json:"revised_text,omitempty"`
	// FigureURL is the permanent page of the figure, on the measure page,
	// whose own content moves on every quarter.
	FigureURL string `json:"figure_url,omitempty"`
}

func (r *renderer) cite(m *derive.Measure, snap derive.Snapshot, snapshot bool) citeView {
	end := r.cal.End(snap.Period)
	c := citeView{
		Organisation: r.site.Organisation,
		Title:        m.Title,
		Period:       r.cal.Label(snap.Period) + " (" + r.cal.Months(snap.Period) + ")",
		URL:          r.abs(measureURL(m.ID)),
		Date:         end.Format("2006-01-02"),
		DateText:     end.Format("2 January 2006"),
	}
	if snapshot {
		c.URL = r.abs(snapshotURL(m.ID, r.cal.Slug(snap.Period)))
	} else if snap.Value != nil {
		c.FigureURL = r.abs(snapshotURL(m.ID, r.cal.Slug(snap.Period)))
	}
	if d := snap.LastRevised(); !d.IsZero() {
		c.Revised, c.RevisedText = d.Format("2006-01-02"), d.Format("2 January 2006")
	}
	c.Text = fmt.Sprintf("%s. “%s”, %s. %s. Figures to %s", c.Organisation, c.Title, c.Period, r.site.Title, c.DateText)
	if c.Revised != "" {
		c.Text += ", revised " + c.RevisedText
	}
	c.Text += ". " + c.URL
	return c
}
