package load

import (
	"fmt"
	"sort"
	"time"

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
	brand := top.Table("brand")
	published := top.Table("published")
	access := top.Table("accessibility")
	top.Unknown()
	site.KeyPos = top.keyPositions()
	if brand != nil {
		site.Brand = parseBrand(brand, tables, probs)
	}
	if published != nil {
		site.Published = parsePublished(published, tables, site.KeyPos, probs)
	}
	if access != nil {
		site.Accessibility = parseAccessibility(access, tables, site.KeyPos, probs)
	}

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

// parseBrand reads the [brand] table and its [[brand.header_link]] and
// [[brand.footer_link]] tables.
func parseBrand(data map[string]any, tables []tomlTable, probs *model.Problems) model.Brand {
	r := newTableReader("[brand]", data, tableAt(tablesNamed(tables, "brand"), 0, tables[0]), probs)
	b := model.Brand{
		Logo:             r.String("logo", false),
		LogoAlt:          r.String("logo_alt", false),
		Favicon:          r.String("favicon", false),
		Colour:           r.String("colour", false),
		ColourDark:       r.String("colour_dark", false),
		HeaderBackground: r.String("header_background", false),
		HeaderText:       r.String("header_text", false),
		Contact:          r.String("contact", false),
	}
	links := map[string][]map[string]any{"header_link": r.Tables("header_link"), "footer_link": r.Tables("footer_link")}
	r.Unknown()
	b.KeyPos = r.keyPositions()
	for _, kind := range []string{"header_link", "footer_link"} {
		scanned := tablesNamed(tables, "brand."+kind)
		for i, data := range links[kind] {
			lr := newTableReader("[[brand."+kind+"]]", data, tableAt(scanned, i, r.table), probs)
			l := model.Link{Name: lr.String("name", true), URL: lr.String("url", true)}
			lr.Unknown()
			for k, p := range lr.keyPositions() {
				b.KeyPos[fmt.Sprintf("%s.%d.%s", kind, i, k)] = p
			}
			if kind == "header_link" {
				b.HeaderLinks = append(b.HeaderLinks, l)
			} else {
				b.FooterLinks = append(b.FooterLinks, l)
			}
		}
	}
	return b
}

// parsePublished reads the [published] table: when each quarter's figures
// were published, "2023-24-q2 = 2023-11-14", a date as TOML writes it or
// as people do ("14 November 2023"). Each key's place goes into keyPos as
// "published.QUARTER".
func parsePublished(data map[string]any, tables []tomlTable, keyPos map[string]model.Pos, probs *model.Problems) map[model.Period]time.Time {
	r := newTableReader("[published]", data, tableAt(tablesNamed(tables, "published"), 0, tables[0]), probs)
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := map[model.Period]time.Time{}
	for _, k := range keys {
		pos := r.pos(k)
		keyPos["published."+k] = pos
		p, err := model.ParsePeriod(k)
		if err != nil {
			probs.Errorf(pos, "write each quarter as its file is named, then its date: 2023-24-q2 = 2023-11-14", "%q is not a quarter: %v", k, err)
			continue
		}
		var date time.Time
		switch v := data[k].(type) {
		case time.Time:
			date = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
		case string:
			d, _, prob := parseDateText(v, orderUnknown)
			if prob != nil {
				probs.Errorf(pos, prob.hint, "the date of %s: %s", k, prob.msg)
				continue
			}
			date = d
		default:
			probs.Errorf(pos, "write the date the figures were published, like 2023-24-q2 = 2023-11-14", "the date of %s is %s, not a date", k, describeTOML(v))
			continue
		}
		out[p] = date
	}
	return out
}

// parseAccessibility reads the [accessibility] table and its
// [[accessibility.issue]] tables. Each key's place goes into keyPos as
// "accessibility.KEY".
func parseAccessibility(data map[string]any, tables []tomlTable, keyPos map[string]model.Pos, probs *model.Problems) model.Accessibility {
	r := newTableReader("[accessibility]", data, tableAt(tablesNamed(tables, "accessibility"), 0, tables[0]), probs)
	a := model.Accessibility{
		TestedBy:        r.String("tested_by", false),
		Contact:         r.String("contact", false),
		Phone:           r.String("phone", false),
		NorthernIreland: r.Bool("northern_ireland"),
		OutOfScope:      r.Strings("out_of_scope"),
		Improving:       r.String("improving", false),
	}
	if n := r.Int("response_days"); n != nil {
		a.ResponseDays = *n
	}
	for key, t := range map[string]*time.Time{"prepared": &a.Prepared, "reviewed": &a.Reviewed, "tested": &a.Tested} {
		v, ok := data[key]
		r.known = append(r.known, key)
		if !ok {
			continue
		}
		switch v := v.(type) {
		case time.Time:
			*t = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
		case string:
			d, _, prob := parseDateText(v, orderUnknown)
			if prob != nil {
				probs.Errorf(r.pos(key), prob.hint, "%s: %s", key, prob.msg)
				continue
			}
			*t = d
		default:
			probs.Errorf(r.pos(key), "write a date, like "+key+" = 2024-06-01", "%s is %s, not a date", key, describeTOML(v))
		}
	}
	issues := r.Tables("issue")
	r.Unknown()
	for k, p := range r.keyPositions() {
		keyPos["accessibility."+k] = p
	}
	scanned := tablesNamed(tables, "accessibility.issue")
	for i, data := range issues {
		ir := newTableReader("[[accessibility.issue]]", data, tableAt(scanned, i, r.table), probs)
		a.Issues = append(a.Issues, model.AccessibilityIssue{
			What:      ir.String("what", true),
			Criterion: ir.String("criterion", false),
			FixBy:     ir.String("fix_by", false),
		})
		ir.Unknown()
	}
	return a
}
