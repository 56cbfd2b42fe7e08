package render

import (
	"encoding/json"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
)

// The schema.org Dataset of a measure page, as JSON-LD, for search
// engines' dataset search. Every date comes from the data, never the clock.

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

type ldCatalog struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// datasetJSONLD describes m as a schema.org Dataset. temporalCoverage runs
// from the first day of its first quarter to the last day of its latest
// figure's quarter; dateModified is the later of that last day and the
// date of the latest revision of any of its figures. The JSON is escaped
// for HTML (<, > and & as \u003c...), so it is safe inside a <script>.
func (r *renderer) datasetJSONLD(m *derive.Measure) string {
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
		ID:                  r.abs(measureURL(m.ID)) + "#dataset",
		Name:                m.Title,
		Description:         description,
		URL:                 r.abs(measureURL(m.ID)),
		Identifier:          m.ID,
		InLanguage:          r.site.Language,
		IsAccessibleForFree: true,
		Creator:             org,
		Publisher:           org,
		VariableMeasured:    m.Title + " (" + unitLabel(&m.Measure) + ")",
		MeasurementTech:     m.Source,
		Distribution: []ldDownload{
			{Type: "DataDownload", Name: m.Title + " (CSV)", EncodingFormat: "text/csv", ContentURL: r.abs(measureURL(m.ID) + "data.csv")},
			{Type: "DataDownload", Name: m.Title + " (JSON)", EncodingFormat: "application/json", ContentURL: r.abs(measureURL(m.ID) + "index.json")},
		},
		IsPartOf: &ldCatalog{Type: "DataCatalog", Name: r.site.Title, URL: r.abs("data/")},
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
		first := m.Series[0].Period
		last := m.Latest.Period
		d.TemporalCoverage = r.cal.Start(first).Format("2006-01-02") + "/" + r.cal.End(last).Format("2006-01-02")
		modified := r.cal.End(last)
		for _, pt := range m.Series {
			if t := pt.LastRevised(); t.After(modified) {
				modified = t
			}
		}
		d.DateModified = modified.Format("2006-01-02")
	}
	b, err := json.Marshal(d) // escapes <, > and &
	if err != nil {
		return "" // it cannot fail: the types are plain
	}
	return string(b)
}
