package gen

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// writeSite writes data/site.toml: the organisation, services and committees.
func (g *generator) writeSite(w *writer) {
	cfg := g.cfg
	w.line("# A synthetic site written by perfsite generate: ", strconv.Itoa(cfg.Measures), " measures, ",
		strconv.Itoa(cfg.Services), " services, ", strconv.Itoa(cfg.Quarters), " quarters, seed ", strconv.FormatUint(cfg.Seed, 10), ".")
	w.line("# Every figure is made up.")
	w.line()
	w.line("title = ", tomlString("How Anyshire is doing"))
	w.line("organisation = ", tomlString("Anyshire County Council"))
	w.line("description = ", tomlString("How the council's services are doing, quarter by quarter, in plain English. Sample data: every figure is made up."))
	w.line("base_url = ", tomlString("https://anyshire.example/"))
	w.line(`language = "en-GB"`)
	w.line("year_start_month = 4")
	w.line("sample = true")
	w.line("license = ", tomlString("Open Government Licence v3.0"))
	w.line("license_url = ", tomlString("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"))
	for _, c := range g.committees {
		w.line()
		w.line("[[committee]]")
		w.line("id = ", tomlString(c.id))
		w.line("name = ", tomlString(c.name))
	}
	for _, s := range g.services {
		w.line()
		w.line("[[service]]")
		w.line("id = ", tomlString(s.id))
		w.line("name = ", tomlString(s.name))
		w.line("committee = ", tomlString(g.committees[s.committee].id))
	}
}

// writeMeasures writes data/measures.toml, one [[measure]] table each.
func (g *generator) writeMeasures(w *writer) {
	w.line("# The measures. The id is a measure's web address: never change it; keep")
	w.line("# an old id in aliases.")
	for _, m := range g.measures {
		w.line()
		w.line("[[measure]]")
		w.line("id = ", tomlString(m.id))
		w.line("title = ", tomlString(m.title))
		w.line("service = ", tomlString(m.service))
		w.line("unit = ", tomlString(m.unit))
		if m.unit == model.UnitRate {
			w.line("rate_per = ", number(m.ratePer))
		}
		w.line("better = ", tomlString(m.better))
		if m.minimal {
			if m.kind == "change" {
				w.line("min = ", number(*m.min))
			}
			continue
		}
		if m.annual {
			w.line(`frequency = "annual"`)
			w.line("covers = ", tomlString(m.covers))
		} else if m.i%2 == 0 {
			w.line(`frequency = "quarterly"`)
		}
		if m.cumulative {
			w.line("cumulative = true")
		}
		if m.hasTarget {
			w.line("target = ", number(m.target))
		}
		if m.aim != "" {
			w.line("target = ", tomlString(m.aim))
		}
		switch {
		case m.hasTol && m.toleranceShare:
			// The same tolerance as a share of the target, in whole
			// percent, at least 1%.
			share := math.Max(1, math.Round(100*m.tolerance/math.Abs(m.target)))
			w.line("tolerance = ", tomlString(number(share)+"%"))
		case m.hasTol:
			w.line("tolerance = ", number(m.tolerance))
		}
		if m.threshold {
			w.line(`change_threshold = "10%"`)
		}
		w.line("decimals = ", strconv.Itoa(m.decimals))
		if m.noun != "" {
			w.line("noun = ", tomlString(m.noun))
		}
		if m.nounPlural != "" {
			w.line("noun_plural = ", tomlString(m.nounPlural))
		}
		if m.min != nil {
			w.line("min = ", number(*m.min))
		}
		if m.max != nil {
			w.line("max = ", number(*m.max))
		}
		w.line("description = ", tomlString(m.description))
		w.line("why = ", tomlString(m.why))
		w.line("source = ", tomlString(m.src))
		if len(m.caveats) > 0 {
			w.line("caveats = [")
			for _, c := range m.caveats {
				w.line("  ", tomlString(c), ",")
			}
			w.line("]")
		}
		if len(m.aliases) > 0 {
			w.line("aliases = ", tomlStrings(m.aliases))
		}
	}
}

// writeGlossary writes data/glossary.toml.
func (g *generator) writeGlossary(w *writer) {
	w.line("# Words and abbreviations, in plain English.")
	for _, t := range glossary {
		w.line()
		w.line("[[term]]")
		w.line("term = ", tomlString(t.term))
		w.line("meaning = ", tomlString(t.meaning))
		if t.abbr {
			w.line("abbr = true")
		}
		if len(t.also) > 0 {
			w.line("also_matches = ", tomlStrings(t.also))
		}
	}
}

// writeAbout writes content/about.md.
func (g *generator) writeAbout(w *writer) {
	cfg := g.cfg
	last := cfg.FirstPeriod.Add(cfg.Quarters - 1)
	w.line("---")
	w.line("title: ", yamlString("About this site"))
	w.line("description: ", yamlString("What this site shows, and where the figures come from."))
	w.line("---")
	w.line()
	w.line("This site shows how Anyshire County Council's services are doing, one")
	w.line("quarter (three months) at a time, from ", calendar.Months(cfg.FirstPeriod), " to ", calendar.Months(last), ".")
	w.line()
	w.line("## This is sample data")
	w.line()
	w.line("Anyshire is not a real place. **Every figure on this site is made up** by")
	w.line("perfsite's generator, to test the site at the size of a real council & to")
	w.line(`show what it looks like. Do not quote the figures as facts.`)
	w.line()
	w.line("## What the statuses mean")
	w.line()
	for _, st := range model.Statuses {
		w.line("- **", st.Label(), "**")
	}
}

// writeQuarters writes one CSV file per quarter. The first is written as
// Excel writes "CSV UTF-8": with a byte order mark and CRLF line endings.
func (g *generator) writeQuarters(dir string) error {
	cfg := g.cfg
	for q := 0; q < cfg.Quarters; q++ {
		p := cfg.FirstPeriod.Add(q)
		name := "data/quarters/" + calendar.Slug(p) + ".csv"
		err := writeFile(dir, name, func(w *writer) {
			eol := "\n"
			if q == 0 {
				w.str("\uFEFF")
				eol = "\r\n"
			}
			w.str("measure,value,target,national,status,note" + eol)
			for _, m := range g.measures {
				if b, ok := g.row(w.buf[:0], m, q, p); ok {
					b = append(b, eol...)
					w.bytes(b)
					w.buf = b
				}
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// row appends measure m's row for quarter q (period p) to b, without the line
// ending; false means the measure has no row in that quarter.
func (g *generator) row(b []byte, m *measure, q int, p model.Period) ([]byte, bool) {
	last := q == g.cfg.Quarters-1
	switch {
	case m.noData:
		if !last {
			return b, false
		}
		// A new measure: a row with a note but no figure yet.
		b = append(b, m.id...)
		b = append(b, ",,,,,"...)
		return appendCSV(b, "New measure: the first figures will be published next quarter."), true
	case q < m.start:
		return b, false
	case m.annual && p.Quarter != m.reportQuarter:
		return b, false
	}
	r := m.rng
	value := m.next(p)
	missing := r.Float64() < 0.03 && m.reported
	m.reported = m.reported || !missing

	id := m.id
	if len(m.aliases) > 0 && q == m.start && !m.annual {
		id = m.aliases[0] // the oldest file still uses the old id
	}
	b = append(b, id...)
	b = append(b, ',')
	if !missing {
		b = m.appendValue(b, value)
	}
	b = append(b, ',')
	if t, ok := m.targetCell(q, p); ok {
		b = append(b, number(t)...)
	}
	b = append(b, ',')
	if m.national && r.Float64() < 0.9 {
		b = m.appendValue(b, m.round(m.nat))
	}
	b = append(b, ',')
	if !missing && r.Float64() < 0.005 {
		b = append(b, model.OverrideStatuses[r.IntN(len(model.OverrideStatuses))]...)
	}
	b = append(b, ',')
	switch {
	case missing && r.Float64() < 0.8:
		b = appendCSV(b, missingNotes[r.IntN(len(missingNotes))])
	case !missing && r.Float64() < 0.08:
		b = appendCSV(b, notes[r.IntN(len(notes))])
	}
	return b, true
}

// appendValue writes a figure with the measure's precision.
func (m *measure) appendValue(b []byte, v float64) []byte {
	if m.step > 0 {
		return strconv.AppendFloat(b, v, 'f', 0, 64)
	}
	return strconv.AppendFloat(b, v, 'f', m.decimals, 64)
}

// writeMinutes writes a minutes summary for every quarter for two committees
// in three (always the first, so that every quarter is discussed).
func (g *generator) writeMinutes(dir string) error {
	cfg := g.cfg
	for q := 0; q < cfg.Quarters; q++ {
		p := cfg.FirstPeriod.Add(q)
		for j := range g.committees {
			c := &g.committees[j]
			if !c.minutes {
				continue
			}
			date := meetingDate(calendar.End(p), g.rng.IntN(28))
			name := "content/minutes/" + date.Format(time.DateOnly) + "-" + c.id + "-" + calendar.Slug(p) + ".md"
			discussed := g.pick(c.measures, 3+g.rng.IntN(6))
			item := 3 + g.rng.IntN(6)
			err := writeFile(dir, name, func(w *writer) { g.writeMinutesFile(w, c, j, q, p, date, item, discussed) })
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// meetingDate is a Tuesday, Wednesday or Thursday six to ten weeks after
// the end of the quarter.
func meetingDate(end time.Time, extra int) time.Time {
	d := end.AddDate(0, 0, 42+extra)
	for d.Weekday() < time.Tuesday || d.Weekday() > time.Thursday {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// pick chooses up to n of the measures, in their order of definition.
func (g *generator) pick(from []int, n int) []int {
	if n >= len(from) {
		return slices.Clone(from)
	}
	chosen := make([]int, 0, n)
	// Selection sampling: one pass, each taken with the right probability.
	for k, i := range from {
		if g.rng.IntN(len(from)-k) < n-len(chosen) {
			chosen = append(chosen, i)
		}
	}
	return chosen
}

func (g *generator) writeMinutesFile(w *writer, c *committee, j, q int, p model.Period, date time.Time, item int, discussed []int) {
	w.line("---")
	w.line("title: ", yamlString(fmt.Sprintf("%s performance report", calendar.LongLabel(p))))
	w.line("committee: ", yamlString(c.id))
	w.line("date: ", date.Format(time.DateOnly))
	w.line("item: ", yamlString("Item "+strconv.Itoa(item)))
	w.line("period: ", yamlString(calendar.Slug(p)))
	if len(discussed) > 0 {
		w.line("measures:")
		for _, i := range discussed {
			m := g.measures[i]
			id := m.id
			if len(m.aliases) > 0 && q%2 == 1 {
				id = m.aliases[len(m.aliases)-1] // old ids keep working in minutes too
			}
			w.line("  - ", id)
		}
	}
	w.line("source_url: ", yamlString(fmt.Sprintf("https://democracy.anyshire.example/ieListDocuments.aspx?CId=%d&MId=%d", 100+j, 1000+100*j+q)))
	w.line("---")
	w.line()
	w.line("This is a plain-English summary of what the committee discussed. The full")
	w.line("minutes are on the council's website.")
	w.line()
	w.line("The Assistant Director talked the committee through how services did")
	w.line("from ", calendar.Months(p), " (", calendar.Label(p), ").")
	if len(discussed) > 0 {
		w.line()
		w.line("## What was highlighted")
		w.line()
		for k, i := range discussed {
			m := g.measures[i]
			w.line("- **", markdownText(m.title), ".** ", highlights[(k+q)%len(highlights)])
		}
	}
	w.line()
	w.line("## What the committee agreed")
	w.line()
	w.line("The committee noted the report. It asked that numbers below 5 be shown as")
	w.line(`"<5" in future reports, to protect people's privacy, & that the next report`)
	w.line("explain any change of more than £100,000 in the forecast.")
}

// highlights are what members said about a measure.
var highlights = []string{
	"Members asked why the figure had changed, and what was being done about it.",
	"The committee welcomed the improvement, but noted it was still short of the target.",
	`Officers said the service was "working hard" to recruit more staff.`,
	"A member asked how the figure compared with similar councils; officers will reply in writing.",
	"Members were concerned about the cost, about £2.3m a year, & asked for a breakdown.",
}

// markdownText escapes the characters that Markdown would read as markup.
func markdownText(s string) string {
	return strings.NewReplacer("*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`).Replace(s)
}
