// Package whatsnew writes the "What's new" summary of a site's latest
// quarter for the person who publishes it: which measures changed status
// since the quarter before, which have no figure, which have a new yearly
// figure, and which committee minutes discuss the quarter, in plain text to
// paste into an email or a press release. It is pure: the same site always
// gives the same text.
package whatsnew

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// Change is a measure whose status changed since its previous figure.
type Change struct {
	Measure  *derive.Measure
	Snapshot derive.Snapshot // this quarter's; Snapshot.Previous is the figure compared with
}

// News is what is new in the site's latest quarter.
type News struct {
	Period      model.Period
	Counts      derive.Counts     // the latest quarter's measures by status
	Changed     []Change          // status changed since the previous figure
	NoFigure    []*derive.Measure // no figure this quarter, though one was due
	NeverFigure []*derive.Measure // no figure in any quarter yet
	Yearly      []*derive.Measure // a new yearly figure this quarter
	First       []*derive.Measure // a figure for the first time this quarter, in a measure that began after the site's first quarter
	Minutes     []*derive.Minutes // minutes that discuss this quarter
}

// Compute finds what is new in the site's latest quarter: the last one
// with a figure, never a quarter whose file has no figures yet.
func Compute(site *derive.Site) News {
	n := News{Period: site.Latest, Counts: derive.Counts{}}
	var q *derive.Quarter
	for _, x := range site.Quarters {
		if x.Period == site.Latest {
			q = x
		}
	}
	if q != nil {
		n.Counts = q.Counts
		n.Minutes = q.Minutes
		for _, r := range q.Rows {
			m, snap := r.Measure, r.Snapshot
			switch {
			case snap.Value == nil:
				n.NoFigure = append(n.NoFigure, m)
			case len(m.Reported) > 0 && m.Reported[0].Period == q.Period && m.New:
				n.First = append(n.First, m)
			case len(m.Reported) > 0 && m.Reported[0].Period == q.Period:
				// The site's first quarter: not a measure's first figure.
			default:
				if m.IsAnnual() {
					n.Yearly = append(n.Yearly, m)
				}
				if snap.Previous != nil && snap.Previous.Status != snap.Status {
					n.Changed = append(n.Changed, Change{Measure: m, Snapshot: snap})
				}
			}
		}
	}
	in := map[*derive.Measure]bool{}
	for _, m := range n.NoFigure {
		in[m] = true
	}
	for _, m := range site.Measures {
		switch {
		case len(m.Reported) == 0 && !in[m]:
			n.NeverFigure = append(n.NeverFigure, m)
		case m.IsAnnual() && len(m.Reported) > 0 && m.Latest.Period != site.Latest &&
			m.Latest.Period.Quarter == site.Latest.Quarter && m.Latest.Period.Before(site.Latest):
			// A yearly figure that was due this quarter and is not in.
			n.NoFigure = append(n.NoFigure, m)
		}
	}
	return n
}

// Text writes the summary in plain text, with the web address of each
// measure when the site has a base_url.
func (n News) Text(site *derive.Site) string {
	cal := site.Cal
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	link := func(path string) {
		if site.BaseURL != "" {
			line("  %s%s", site.BaseURL, path)
		}
	}
	title := fmt.Sprintf("What's new in %s (%s)", cal.Label(n.Period), cal.Months(n.Period))
	line("%s", title)
	line("%s", strings.Repeat("=", len([]rune(title))))
	line("")
	if site.Title != "" {
		line("%s: %s", site.Organisation, site.Title)
	}
	link("quarters/" + cal.Slug(n.Period) + "/")
	line("")
	if len(site.Upcoming) > 0 {
		line("The file for %s has no figures yet, so this is about %s, the latest quarter with figures.", cal.Label(site.Upcoming[0]), cal.Label(n.Period))
		line("")
	}
	line("%s", explain.Headline(n.Counts, "in "+cal.Label(n.Period)))
	if q := site.LatestQuarter(); q != nil && q.Period == n.Period {
		if more := explain.StillToCome(q, cal); more != "" {
			line("%s", more)
		}
	}

	section := func(heading string, count int) bool {
		if count == 0 {
			return false
		}
		line("")
		line("%s (%d)", heading, count)
		return true
	}
	if section("Changed status since the quarter before", len(n.Changed)) {
		for _, c := range n.Changed {
			m, snap := c.Measure, c.Snapshot
			prev := snap.Previous
			line("- %s: now %s, was %s in %s.", title0(m), lower(snap.Status.Label()), lower(prev.Status.Label()), cal.Label(prev.Period))
			line("  %s", figures(m, snap, cal))
			link("measures/" + m.ID + "/")
		}
	}
	for _, list := range []struct {
		heading  string
		measures []*derive.Measure
	}{{"New yearly figures", n.Yearly}, {"A figure for the first time", n.First}} {
		if section(list.heading, len(list.measures)) {
			for _, m := range list.measures {
				snap, _ := m.SnapshotAt(n.Period)
				line("- %s: %s", title0(m), figures(m, snap, cal))
				link("measures/" + m.ID + "/")
			}
		}
	}
	if section("No figure this quarter", len(n.NoFigure)) {
		for _, m := range n.NoFigure {
			text := "- " + title0(m)
			if m.IsAnnual() {
				text += ": the yearly figure due in " + cal.Label(n.Period) + " is not in the data yet."
			}
			if snap, ok := m.SnapshotAt(n.Period); ok && strings.TrimSpace(snap.Note) != "" {
				text += ". " + strings.TrimSpace(snap.Note)
			}
			line("%s", text)
		}
	}
	if section("No figures yet, in any quarter", len(n.NeverFigure)) {
		for _, m := range n.NeverFigure {
			line("- %s", title0(m))
		}
	}
	if section("Committee minutes for this quarter", len(n.Minutes)) {
		for _, mn := range n.Minutes {
			text := "- " + strings.TrimSpace(mn.Title)
			if mn.CommitteeName != "" {
				text += ", " + mn.CommitteeName
			}
			if !mn.Date.IsZero() {
				text += ", " + mn.Date.Format("2 January 2006")
			}
			line("%s", text)
			link("minutes/" + mn.Slug + "/")
		}
	} else {
		line("")
		line("No committee minutes discuss %s yet.", cal.Label(n.Period))
	}
	return b.String()
}

// figures is a measure's figure with its target and its previous figure:
// "91.5%, target 90%; 86.0% in Q2 2023/24.".
func figures(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) string {
	if snap.Value == nil {
		return "no figure"
	}
	s := explain.Value(&m.Measure, *snap.Value)
	if snap.Target != nil {
		s += ", target " + explain.Target(&m.Measure, *snap.Target)
	}
	if p := snap.Previous; p != nil && p.Value != nil {
		s += "; " + explain.Value(&m.Measure, *p.Value) + " in " + cal.Label(p.Period)
	}
	return s + "."
}

func title0(m *derive.Measure) string { return explain.Title(m.Title) }

func lower(s string) string { return strings.ToLower(s) }
