package pages

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/urls"
)

// The links a journalist relies on: the citation, the permanent link to
// a figure, the embed code, and the schema.org Dataset of a measure page.

// Cite is the "How to cite this" block: the citation as one line of plain
// text, and its parts.
//
// A citation has no date of access and no build date: the same data gives
// the same page. Its date is the last day of the figure's quarter
// ("figures to 30 September 2023"), which the data fixes; a revised figure
// adds the date of its latest revision.
type Cite struct {
	Text         string
	Organisation string
	Title        string
	Period       string // what the figure covers: July to September 2023 (Q2 2023/24)
	URL          string // absolute
	Date         string // 2023-09-30: the quarter's last day
	DateText     string
	Revised      string // 2023-11-14, when revised
	RevisedText  string
	// FigureURL is the figure's permanent page (absolute), on the measure
	// page, whose own content moves on every quarter.
	FigureURL string
}

func (r *Renderer) cite(m *derive.Measure, snap derive.Snapshot, snapshot bool) Cite {
	end := r.cal.End(snap.Period)
	c := Cite{
		Organisation: r.site.Organisation,
		Title:        m.Title,
		// What the figure covers: "Q2 2023/24 (April to September 2023)"
		// for a running total, not the quarter's months alone.
		Period:   explain.PeriodLabel(snap.Point, r.cal) + " (" + explain.PeriodWords(m, snap.Point) + ")",
		URL:      r.abs(urls.Measure(m.ID)),
		Date:     end.Format("2006-01-02"),
		DateText: end.Format("2 January 2006"),
	}
	if snapshot {
		c.URL = r.abs(urls.Snapshot(m.ID, r.cal.Slug(snap.Period)))
	} else if snap.Value != nil {
		c.FigureURL = r.abs(urls.Snapshot(m.ID, r.cal.Slug(snap.Period)))
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

// embedHeight is the height of the iframe in the embed code, in pixels:
// the embed page fits in it on a wide screen.
const embedHeight = 520

// embedCode is the HTML a journalist pastes to embed a measure: made by
// html/template, which escapes its values, and shown as text on the page
// (in a <textarea>), where html/template escapes it again.
const embedCode = `<iframe src="{{ .Src }}" title="{{ .Title }}" width="100%" height="{{ .Height }}" loading="lazy"></iframe>`

func newEmbedCode() *template.Template {
	return template.Must(template.New("embed code").Parse(embedCode))
}

// embedSnippet is the embed code of m.
func (r *Renderer) embedSnippet(m *derive.Measure) string {
	var b strings.Builder
	err := r.embedCode.Execute(&b, struct {
		Src, Title string
		Height     int
	}{r.abs(urls.Embed(m.ID)), m.Title + ": " + r.site.Organisation, embedHeight})
	if err != nil {
		return "" // it cannot fail: plain strings
	}
	return b.String()
}

// safeURL keeps only http(s) addresses for links written from data.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	if strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") {
		return strings.TrimSpace(u)
	}
	return ""
}

// The schema.org Dataset of a measure page, as JSON-LD, for search
// engines' dataset search. Every date comes from the data, never the
// clock.

type ldOrganization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldDownload struct {
	Type           string `json:"@type"`
	Name           string `json:"name"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl"`
}

type ldLicense struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldCatalog struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type ldDataset struct {
	Context             string         `json:"@context"`
	Type                string         `json:"@type"`
	ID                  string         `json:"@id"`
	Name                string         `json:"name"`
	Description         string         `json:"description"`
	URL                 string         `json:"url"`
	Identifier          string         `json:"identifier"`
	Keywords            []string       `json:"keywords,omitempty"`
	InLanguage          string         `json:"inLanguage,omitempty"`
	IsAccessibleForFree bool           `json:"isAccessibleForFree"`
	Creator             ldOrganization `json:"creator"`
	Publisher           ldOrganization `json:"publisher"`
	License             any            `json:"license,omitempty"`
	TemporalCoverage    string         `json:"temporalCoverage,omitempty"`
	DateModified        string         `json:"dateModified,omitempty"`
	VariableMeasured    string         `json:"variableMeasured"`
	MeasurementTech     string         `json:"measurementTechnique,omitempty"`
	Distribution        []ldDownload   `json:"distribution"`
	IsPartOf            *ldCatalog     `json:"includedInDataCatalog,omitempty"`
}

// dataset describes m as a schema.org Dataset. temporalCoverage runs from
// the first day of its first quarter to the last day of its latest
// figure's quarter; dateModified is the later of that last day and the
// date of the latest revision of any of its figures.
func (r *Renderer) dataset(m *derive.Measure) ldDataset {
	org := ldOrganization{Type: "Organization", Name: r.site.Organisation, URL: r.site.BaseURL}
	description := strings.TrimSpace(m.Description)
	summary := strings.TrimSpace(explain.Summary(m, m.Latest, r.cal))
	switch {
	case description == "":
		description = summary
	case summary != "":
		description += " " + summary
	}
	d := ldDataset{
		Context:             "https://schema.org",
		Type:                "Dataset",
		ID:                  r.abs(urls.Measure(m.ID)) + "#dataset",
		Name:                m.Title,
		Description:         description,
		URL:                 r.abs(urls.Measure(m.ID)),
		Identifier:          m.ID,
		InLanguage:          r.site.Language,
		IsAccessibleForFree: true,
		Creator:             org,
		Publisher:           org,
		VariableMeasured:    explain.Title(m.Title) + " (" + explain.UnitLabel(&m.Measure) + ")",
		MeasurementTech:     m.Source,
		Distribution: []ldDownload{
			{Type: "DataDownload", Name: m.Title + " (CSV)", EncodingFormat: "text/csv", ContentURL: r.abs(urls.MeasureCSV(m.ID))},
			{Type: "DataDownload", Name: m.Title + " (JSON)", EncodingFormat: "application/json", ContentURL: r.abs(urls.MeasureJSON(m.ID))},
		},
		IsPartOf: &ldCatalog{Type: "DataCatalog", Name: r.site.Title, URL: r.abs(urls.Data)},
	}
	if m.ServiceName != "" {
		d.Keywords = append(d.Keywords, m.ServiceName)
	}
	d.Keywords = append(d.Keywords, r.site.Organisation)
	switch {
	case r.site.LicenseURL != "":
		d.License = r.site.LicenseURL
	case r.site.License != "":
		d.License = ldLicense{Type: "CreativeWork", Name: r.site.License}
	}
	if len(m.Series) > 0 {
		first, last := m.Series[0].Period, m.Latest.Period
		d.TemporalCoverage = r.cal.Start(first).Format("2006-01-02") + "/" + r.cal.End(last).Format("2006-01-02")
		modified := r.cal.End(last)
		for _, pt := range m.Series {
			if t := pt.LastRevised(); t.After(modified) {
				modified = t
			}
		}
		d.DateModified = modified.Format("2006-01-02")
	}
	return d
}
