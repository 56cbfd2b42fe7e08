package load

import (
	"path"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// parseMinutes reads one minutes summary: front matter, then Markdown.
func parseMinutes(file string, src []byte, probs *model.Problems) (model.Minutes, bool) {
	fm, ok := parseFrontMatter(file, src, probs)
	if !ok {
		return model.Minutes{}, false
	}
	r := newFrontMatterReader(fm, probs)
	m := model.Minutes{
		Slug:      strings.TrimSuffix(path.Base(file), path.Ext(file)),
		Title:     r.String("title", true),
		Committee: r.String("committee", true),
		Item:      r.String("item", false),
		Measures:  r.Strings("measures"),
		SourceURL: r.String("source_url", false),
		Body:      fm.body,
		BodyLine:  fm.bodyLine,
		File:      file,
	}
	if d := r.String("date", true); d != "" {
		// One date alone cannot settle whether 03/04/2023 is day or
		// month first, so such a date stays an error (dates.go).
		if date, _, prob := parseDateText(d, orderUnknown); prob != nil {
			probs.Errorf(r.pos("date"), prob.hint, "%s", prob.msg)
		} else {
			m.Date = date
		}
	}
	if p := r.String("period", false); p != "" {
		period, err := model.ParsePeriod(p)
		if err != nil {
			probs.Errorf(r.pos("period"), "write the quarter the minutes discuss like 2023-24-q2", "%v", err)
		} else {
			m.Period = period
		}
	}
	r.Unknown()
	m.KeyPos = r.keyPositions()
	for k, p := range fm.table.KeyPos {
		if strings.HasPrefix(k, "measures.") { // where each measure id of the list is
			m.KeyPos[k] = p
		}
	}
	return m, true
}

// newFrontMatterReader reads the settings of a front matter block, giving
// examples in its own format (title: ... in YAML, title = ... in TOML).
func newFrontMatterReader(fm frontMatter, probs *model.Problems) *tableReader {
	r := newTableReader("the front matter", fm.data, fm.table, probs)
	if fm.yaml {
		r.sep = ": "
	}
	return r
}

// parsePage reads an extra page such as content/about.md.
func parsePage(file, slug string, src []byte, probs *model.Problems) (model.Page, bool) {
	fm, ok := parseFrontMatter(file, src, probs)
	if !ok {
		return model.Page{}, false
	}
	r := newFrontMatterReader(fm, probs)
	p := model.Page{
		Slug:     slug,
		Title:    r.String("title", true),
		Summary:  r.String("description", false),
		Menu:     r.String("menu", false),
		Body:     fm.body,
		BodyLine: fm.bodyLine,
		File:     file,
	}
	if p.Menu == "" {
		p.Menu = model.MenuFooter
	}
	if w := r.Int("weight"); w != nil {
		p.Weight = *w
	}
	r.Unknown()
	p.KeyPos = r.keyPositions()
	return p, true
}
