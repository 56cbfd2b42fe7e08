package load

import (
	"github.com/perfsite/perfsite/internal/model"
)

// siteFile is where the site settings live, relative to the site folder.
const siteFile = "data/site.toml"

// parseSite reads data/site.toml. Defaults: language en-GB, reporting year
// starting in April (the UK financial year). ok is false when the file
// could not be read at all (empty, not UTF-8, not valid TOML).
func parseSite(file string, src []byte, probs *model.Problems) (site model.Site, ok bool) {
	site = model.Site{File: file, Language: "en-GB", YearStartMonth: 4}
	data, tables := decodeTOML(file, src, probs)
	if data == nil {
		return site, false
	}
	top := newTableReader(file, data, tables[0], probs)
	site.Title = top.String("title", true)
	site.Organisation = top.String("organisation", true)
	site.Description = top.String("description", false)
	site.BaseURL = top.String("base_url", false)
	if lang := top.String("language", false); lang != "" {
		site.Language = lang
	}
	if m := top.Int("year_start_month"); m != nil {
		site.YearStartMonth = *m
	}
	site.Sample = top.Bool("sample")
	if y := top.Int("earliest_year"); y != nil {
		site.EarliestYear = *y
	}
	site.AllowGaps = top.Bool("allow_gaps")
	site.License = top.String("license", false)
	site.LicenseURL = top.String("license_url", false)
	_, site.ToleranceShare = top.NumberOrShare("tolerance", false)
	_, site.ChangeThresholdShare = top.NumberOrShare("change_threshold", false)
	services := top.Tables("service")
	committees := top.Tables("committee")
	top.Unknown()
	site.KeyPos = top.keyPositions()

	serviceTables := tablesNamed(tables, "service")
	for i, data := range services {
		r := newTableReader("[[service]]", data, tableAt(serviceTables, i, tables[0]), probs)
		s := model.Service{
			ID:        r.String("id", true),
			Name:      r.String("name", true),
			Committee: r.String("committee", false),
			Pos:       r.table.Pos,
		}
		r.Unknown()
		s.KeyPos = r.keyPositions()
		site.Services = append(site.Services, s)
	}
	committeeTables := tablesNamed(tables, "committee")
	for i, data := range committees {
		r := newTableReader("[[committee]]", data, tableAt(committeeTables, i, tables[0]), probs)
		c := model.Committee{
			ID:   r.String("id", true),
			Name: r.String("name", true),
			Pos:  r.table.Pos,
		}
		r.Unknown()
		c.KeyPos = r.keyPositions()
		site.Committees = append(site.Committees, c)
	}
	return site, true
}

// tableAt returns the i-th scanned table, or a fallback when the scan found
// fewer (an inline table), so that positions degrade to the file's top.
func tableAt(tables []tomlTable, i int, fallback tomlTable) tomlTable {
	if i < len(tables) {
		return tables[i]
	}
	return tomlTable{Pos: fallback.Pos}
}
