package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"sort"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
)

// The Atom feeds (RFC 4287) of new quarters and new minutes: /feed.xml for
// the whole site, and /services/<id>/feed.xml for each service, so that a
// newsroom can subscribe to what it covers. They are written here rather
// than by Hugo so that every date comes from the data:
//
//   - a quarter's entry is dated the last day of the quarter, or the date of
//     the latest revision of one of its figures when that is later (a
//     revision updates the entry, so subscribers see it);
//   - a minutes entry is dated the day of the meeting;
//   - a feed is dated its newest entry.
//
// Ids are the entries' permanent addresses, which never change.

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	NS       string      `xml:"xmlns,attr"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Rights   string      `xml:"rights,omitempty"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Links     []atomLink `xml:"link"`
	Summary   *atomText  `xml:"summary,omitempty"`
	Content   *atomText  `xml:"content,omitempty"`

	when time.Time
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (r *renderer) feeds() error {
	// Each quarter's rows, by service, once: not every row once per
	// service (a generated national site's 108,000 rows 400 times).
	rows := make([][]derive.QuarterRow, len(r.site.Quarters))
	byService := map[string][][]derive.QuarterRow{}
	for i, q := range r.site.Quarters {
		rows[i] = q.Rows
		for _, row := range q.Rows {
			sv := row.Measure.Service
			if byService[sv] == nil {
				byService[sv] = make([][]derive.QuarterRow, len(r.site.Quarters))
			}
			byService[sv][i] = append(byService[sv][i], row)
		}
	}
	all := r.quarterEntries(nil, rows)
	all = append(all, r.minutesEntries(r.site.Minutes)...)
	if err := r.writeFeed(siteFeedURL, r.site.Title, "New quarterly figures and committee minutes from "+r.site.Organisation+".", "", all); err != nil {
		return err
	}
	for _, sv := range r.site.Services {
		var minutes []*derive.Minutes
		for _, c := range r.site.Committees {
			if c.ID == sv.Committee {
				minutes = c.Minutes
			}
		}
		entries := append(r.quarterEntries(sv, byService[sv.ID]), r.minutesEntries(minutes)...)
		if err := r.writeFeed(serviceFeedURL(sv.ID), sv.Name+": "+r.site.Title,
			"New quarterly figures for "+sv.Name+" and the minutes of the committee that scrutinises it.", serviceURL(sv.ID), entries); err != nil {
			return err
		}
	}
	return nil
}

// writeFeed writes one feed at path, about the page at alternate.
func (r *renderer) writeFeed(path, title, subtitle, alternate string, entries []atomEntry) error {
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].when.Equal(entries[j].when) {
			return entries[i].when.After(entries[j].when)
		}
		return entries[i].ID < entries[j].ID
	})
	updated := r.cal.End(r.site.Latest)
	if len(entries) > 0 {
		updated = entries[0].when
	}
	f := atomFeed{
		NS:       atomNS,
		Lang:     r.site.Language,
		ID:       r.abs(path),
		Title:    title,
		Subtitle: subtitle,
		Updated:  atomTime(updated),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: r.abs(path)},
			{Rel: "alternate", Type: "text/html", Href: r.abs(alternate)},
		},
		Author:  atomPerson{Name: r.site.Organisation, URI: r.site.BaseURL},
		Rights:  r.site.License,
		Entries: entries,
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	b.WriteByte('\n')
	return r.writeStatic(path, b.Bytes())
}

// quarterEntries are the quarterly reports, for the whole site (sv nil) or
// for the measures of one service, from rows: the rows of each quarter of
// the site, or of the service (none for a service without measures).
func (r *renderer) quarterEntries(sv *derive.Service, rows [][]derive.QuarterRow) []atomEntry {
	var out []atomEntry
	for i, qrows := range rows {
		q := r.site.Quarters[i]
		counts := derive.Counts{}
		var changed, revised []string
		when := r.cal.End(q.Period)
		for _, row := range qrows {
			m, snap := row.Measure, row.Snapshot
			counts[snap.Status]++
			isChanged := snap.Previous != nil && snap.Previous.Status != snap.Status
			if !isChanged && !snap.Revised() {
				continue // most rows: nothing to list, no need to format the figure
			}
			f := r.figure(m, snap.Point)
			if isChanged {
				changed = append(changed, fmt.Sprintf(`<a href="%s">%s</a>: %s, %s`, html.EscapeString(r.abs(measureURL(m.ID))), html.EscapeString(m.Title),
					html.EscapeString(f.ValueText), html.EscapeString(f.Status.Label)))
			}
			if f.Revision != nil {
				revised = append(revised, fmt.Sprintf(`<a href="%s">%s</a>: first published as %s, now %s (revised %s)`,
					html.EscapeString(r.abs(f.URL)), html.EscapeString(m.Title), html.EscapeString(f.Revision.FirstText),
					html.EscapeString(f.Revision.NowText), html.EscapeString(f.Revision.DateText)))
				if d := snap.LastRevised(); d.After(when) {
					when = d
				}
			}
		}
		if counts.Total() == 0 {
			continue
		}
		label := r.cal.Label(q.Period)
		headline := explain.Headline(counts, "in "+label)
		var c strings.Builder
		c.WriteString("<p>" + html.EscapeString(headline) + "</p>")
		list := func(title string, items []string) {
			if len(items) == 0 {
				return
			}
			c.WriteString("<p>" + html.EscapeString(title) + "</p><ul>")
			for _, it := range items {
				c.WriteString("<li>" + it + "</li>")
			}
			c.WriteString("</ul>")
		}
		list("Changed status since the quarter before:", changed)
		list("Revised figures:", revised)
		title := "Figures for " + label + " (" + r.cal.Months(q.Period) + ")"
		id := r.abs(quarterURL(r.cal.Slug(q.Period)))
		if sv != nil {
			title = sv.Name + ": " + title
			id += "#" + sv.ID
		}
		out = append(out, atomEntry{
			ID:        id,
			Title:     title,
			Updated:   atomTime(when),
			Published: atomTime(r.cal.End(q.Period)),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: r.abs(quarterURL(r.cal.Slug(q.Period)))}},
			Summary:   &atomText{Type: "text", Body: headline},
			Content:   &atomText{Type: "html", Body: c.String()},
			when:      when,
		})
	}
	return out
}

// minutesEntries are the minutes summaries, with their text.
func (r *renderer) minutesEntries(list []*derive.Minutes) []atomEntry {
	var out []atomEntry
	for _, mn := range list {
		body, err := r.md.HTML(mn.Body) // raw HTML in the source is escaped
		if err != nil {
			body = "<p>" + html.EscapeString(mn.Body) + "</p>"
		}
		summary := fmt.Sprintf("What the %s said on %s.", mn.CommitteeName, mn.Date.Format("2 January 2006"))
		out = append(out, atomEntry{
			ID:        r.abs(minutesURL(mn.Slug)),
			Title:     mn.Title + " (" + mn.CommitteeName + ", " + mn.Date.Format("2 January 2006") + ")",
			Updated:   atomTime(mn.Date),
			Published: atomTime(mn.Date),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: r.abs(minutesURL(mn.Slug))}},
			Summary:   &atomText{Type: "text", Body: summary},
			Content:   &atomText{Type: "html", Body: string(body)},
			when:      mn.Date,
		})
	}
	return out
}
