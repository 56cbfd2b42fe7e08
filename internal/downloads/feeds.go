package downloads

import (
	"encoding/xml"
	"html/template"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/urls"
)

// The Atom feeds (RFC 4287) of new quarters, revised figures and new
// minutes: /feed.xml for the whole site, and /services/<id>/feed.xml for
// each service, so that a newsroom can subscribe to what it covers. Every
// date comes from the data, never the clock:
//
//   - a quarter's entry is dated the day its figures were published
//     ([published] in site.toml), or else the last day of the quarter;
//   - a revised figure is an entry of its own, dated the day the revision
//     was published (data/revisions.csv): a reader sees it as news, not
//     as an old entry changed;
//   - a minutes entry is dated the day of the meeting;
//   - a feed is dated its newest entry.
//
// Ids are the entries' permanent addresses, which never change. The XML is
// written by encoding/xml; the HTML inside an entry by html/template
// (entryContent).

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

// entryContent is the HTML of a quarter's entry: its headline and the
// measures whose status changed; revisionContent of a revised figure's;
// plainContent of minutes whose Markdown cannot be read. Parsed once: an
// html/template may be executed by many feeds at once.
var (
	entryContent = template.Must(template.New("entry").Parse(`<p>{{ .Headline }}</p>
{{- with .Changed }}<p>Changed status since the quarter before:</p><ul>{{ range . }}<li><a href="{{ .URL }}">{{ .Title }}</a>: {{ .Value }}, {{ .Status }}</li>{{ end }}</ul>{{ end }}`))
	revisionContent = template.Must(template.New("revision").Parse(`<p>The figure for <a href="{{ .URL }}">{{ .Title }}, {{ .Period }}</a> was revised on {{ .Date }}: first published as {{ .First }}, it is now {{ .Now }}.{{ with .StatusChange }} {{ . }}{{ end }}</p>
{{- with .Reason }}<p>{{ . }}</p>{{ end }}`))
	plainContent = template.Must(template.New("p").Parse(`<p>{{ . }}</p>`))
)

type entryView struct {
	Headline string
	Changed  []entryFigure
}

type entryFigure struct {
	URL, Title, Value, Status string
}

type revisionView struct {
	URL, Title, Period, Date, First, Now, StatusChange, Reason string
}

// abs is the whole address of a path from the site's root.
func (d *Writer) abs(p string) string { return d.base.Absolute(p) }

// feeds are the site's feed and each service's.
func (d *Writer) feeds() []output.File {
	files := []output.File{{Path: urls.Feed, Write: func(w io.Writer) error {
		rows := make([][]derive.QuarterRow, len(d.site.Quarters))
		for i, q := range d.site.Quarters {
			rows[i] = q.Rows
		}
		entries, err := d.quarterEntries(nil, rows)
		if err != nil {
			return err
		}
		revised, err := d.revisionEntries(func(*derive.Measure) bool { return true })
		if err != nil {
			return err
		}
		entries = append(append(entries, revised...), d.minutesEntries(d.site.Minutes)...)
		return d.writeFeed(w, urls.Feed, d.site.Title, "New quarterly figures and committee minutes from "+d.site.Organisation+".", "", entries)
	}}}
	for _, sv := range d.site.Services {
		files = append(files, output.File{Path: urls.ServiceFeed(sv.ID), Write: func(w io.Writer) error {
			rows := make([][]derive.QuarterRow, len(d.site.Quarters))
			for i, q := range d.site.Quarters {
				for _, row := range q.Rows {
					if row.Measure.Service == sv.ID {
						rows[i] = append(rows[i], row)
					}
				}
			}
			var minutes []*derive.Minutes
			for _, c := range d.site.Committees {
				if c.ID == sv.Committee {
					minutes = c.Minutes
				}
			}
			entries, err := d.quarterEntries(sv, rows)
			if err != nil {
				return err
			}
			revised, err := d.revisionEntries(func(m *derive.Measure) bool { return m.Service == sv.ID })
			if err != nil {
				return err
			}
			entries = append(append(entries, revised...), d.minutesEntries(minutes)...)
			return d.writeFeed(w, urls.ServiceFeed(sv.ID), sv.Name+": "+d.site.Title,
				"New quarterly figures for "+sv.Name+" and the minutes of the committee that scrutinises it.", urls.Service(sv.ID), entries)
		}})
	}
	return files
}

// writeFeed writes one feed at path, about the page at alternate.
func (d *Writer) writeFeed(w io.Writer, path, title, subtitle, alternate string, entries []atomEntry) error {
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].when.Equal(entries[j].when) {
			return entries[i].when.After(entries[j].when)
		}
		return entries[i].ID < entries[j].ID
	})
	updated := d.cal.End(d.site.Latest)
	if len(entries) > 0 {
		updated = entries[0].when
	}
	f := atomFeed{
		NS:       atomNS,
		Lang:     d.site.Language,
		ID:       d.abs(path),
		Title:    title,
		Subtitle: subtitle,
		Updated:  atomTime(updated),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: d.abs(path)},
			{Rel: "alternate", Type: "text/html", Href: d.abs(alternate)},
		},
		Author:  atomPerson{Name: d.site.Organisation, URI: d.site.BaseURL},
		Rights:  d.site.License,
		Entries: entries,
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// quarterEntries are the quarterly reports, for the whole site (sv nil) or
// for the measures of one service, from rows: the rows of each quarter.
func (d *Writer) quarterEntries(sv *derive.Service, rows [][]derive.QuarterRow) ([]atomEntry, error) {
	var out []atomEntry
	for i, qrows := range rows {
		q := d.site.Quarters[i]
		counts := derive.Counts{}
		var v entryView
		for _, row := range qrows {
			m, snap := row.Measure, row.Snapshot
			counts[snap.Status]++
			if c := snap.Compare; c != nil && c.Status != snap.Status {
				v.Changed = append(v.Changed, entryFigure{URL: d.abs(urls.Measure(m.ID)), Title: m.Title, Value: explain.ValueOrNone(&m.Measure, snap.Value), Status: snap.Status.Label()})
			}
		}
		if counts.Total() == 0 {
			continue
		}
		label := d.cal.Label(q.Period)
		v.Headline = explain.Headline(counts, "in "+label)
		var c strings.Builder
		if err := entryContent.Execute(&c, v); err != nil {
			return nil, err
		}
		title := "Figures for " + label + " (" + d.cal.Months(q.Period) + ")"
		id := d.abs(urls.Quarter(d.cal.Slug(q.Period)))
		if sv != nil {
			title = sv.Name + ": " + title
			id += "#" + sv.ID
		}
		when := d.published(q.Period)
		out = append(out, atomEntry{
			ID:        id,
			Title:     title,
			Updated:   atomTime(when),
			Published: atomTime(when),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: d.abs(urls.Quarter(d.cal.Slug(q.Period)))}},
			Summary:   &atomText{Type: "text", Body: v.Headline},
			Content:   &atomText{Type: "html", Body: c.String()},
			when:      when,
		})
	}
	return out, nil
}

// published is when a quarter's figures were published: the site's
// [published] date, or the quarter's last day.
func (d *Writer) published(p model.Period) time.Time {
	if t, ok := d.site.Published[p]; ok {
		return t
	}
	return d.cal.End(p)
}

// revisionEntries are the revisions of the measures that keep, each an
// entry of its own, dated when the revised figure was published.
func (d *Writer) revisionEntries(keep func(*derive.Measure) bool) ([]atomEntry, error) {
	var out []atomEntry
	for _, m := range d.site.Measures {
		if !keep(m) {
			continue
		}
		for _, pt := range m.Series {
			for i, rv := range pt.Revisions {
				after := pt.RevisedTo(i)
				slug, label := d.cal.Slug(pt.Period), d.cal.Label(pt.Period)
				v := revisionView{
					URL: d.abs(urls.Snapshot(m.ID, slug)), Title: explain.Title(m.Title), Period: label,
					Date: rv.Date.Format("2 January 2006"), First: explain.ValueOrNone(&m.Measure, rv.Previous), Now: explain.ValueOrNone(&m.Measure, after), Reason: rv.Reason,
				}
				if i == len(pt.Revisions)-1 {
					v.StatusChange = explain.RevisionStatus(m, pt)
				}
				var c strings.Builder
				if err := revisionContent.Execute(&c, v); err != nil {
					return nil, err
				}
				out = append(out, atomEntry{
					ID:        v.URL + "#revised-" + rv.Date.Format("2006-01-02"),
					Title:     "Revised: " + v.Title + ", " + label,
					Updated:   atomTime(rv.Date),
					Published: atomTime(rv.Date),
					Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: v.URL}},
					Summary:   &atomText{Type: "text", Body: "First published as " + v.First + ", now " + v.Now + "."},
					Content:   &atomText{Type: "html", Body: c.String()},
					when:      rv.Date,
				})
			}
		}
	}
	return out, nil
}

// minutesEntries are the minutes summaries, with their text (Markdown,
// raw HTML escaped, by the Markdown renderer).
func (d *Writer) minutesEntries(list []*derive.Minutes) []atomEntry {
	var out []atomEntry
	for _, mn := range list {
		var body strings.Builder
		if h, err := d.md.HTML(mn.Body); err == nil {
			body.WriteString(h)
		} else {
			_ = plainContent.Execute(&body, mn.Body)
		}
		date := mn.Date.Format("2 January 2006")
		out = append(out, atomEntry{
			ID:        d.abs(urls.Minutes(mn.Slug)),
			Title:     mn.Title + " (" + mn.CommitteeName + ", " + date + ")",
			Updated:   atomTime(mn.Date),
			Published: atomTime(mn.Date),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: d.abs(urls.Minutes(mn.Slug))}},
			Summary:   &atomText{Type: "text", Body: "What the " + mn.CommitteeName + " said on " + date + "."},
			Content:   &atomText{Type: "html", Body: body.String()},
			when:      mn.Date,
		})
	}
	return out
}
