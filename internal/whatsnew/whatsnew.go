// Package whatsnew writes the "What's new" summary of a site's latest
// quarter for the person who publishes it: which measures changed status
// since the figure they are compared with, which have no figure, which
// have a new yearly figure, and which committee minutes discuss the
// quarter, in plain text to paste into an email or a press release. It is
// pure: the same site always gives the same text.
package whatsnew

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
)

// Change is a measure whose status changed since the figure it is
// compared with.
type Change struct {
	Measure  *derive.Measure
	Snapshot derive.Snapshot // this quarter's; Snapshot.Compare is the figure compared with
}

// News is what is new in the site's latest quarter.
type News struct {
	Period      model.Period
	Counts      derive.Counts     // the latest quarter's measures by status
	Changed     []Change          // status changed since the figure compared with
	NoFigure    []*derive.Measure // no figure this quarter, though one was due
	NeverFigure []*derive.Measure // no figure in any quarter yet
	Yearly      []*derive.Measure // a new yearly figure this quarter
	First       []*derive.Measure // a figure for the first time this quarter, in a measure that began after the site's first quarter
	Minutes     []*derive.Minutes // minutes that discuss this quarter
}

// Compute finds what is new in the site's latest quarter (the last one
// with a figure, never a quarter whose file has no figures yet): its
// measures are derive.Site.LatestQuarter's, as on the home page and the
// quarter's page. A change of status is from the figure each is compared with: the
// quarter before; the same time last year, for a running total; the year
// before, for a yearly figure.
func Compute(site *derive.Site) News {
	n := News{Period: site.Latest, Counts: derive.Counts{}}
	if q := site.LatestQuarter(); q != nil {
		n.Counts = q.Counts
		n.Minutes = q.Minutes
		for _, r := range q.Rows {
			m, snap := r.Measure, *r.Snapshot
			switch {
			case snap.Value == nil && len(m.Reported) == 0:
				n.NeverFigure = append(n.NeverFigure, m)
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
				if snap.Compare != nil && snap.Compare.Status != snap.Status {
					n.Changed = append(n.Changed, Change{Measure: m, Snapshot: snap})
				}
			}
		}
	}
	listed := map[*derive.Measure]bool{}
	for _, list := range [][]*derive.Measure{n.NoFigure, n.NeverFigure} {
		for _, m := range list {
			listed[m] = true
		}
	}
	for _, m := range site.Measures {
		switch {
		case listed[m]:
		case len(m.Reported) == 0:
			n.NeverFigure = append(n.NeverFigure, m)
		case m.IsAnnual() && m.Latest.Period != site.Latest &&
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
	if section("Changed status", len(n.Changed)) {
		for _, c := range n.Changed {
			m, snap := c.Measure, c.Snapshot
			prev := snap.Compare
			now := lower(snap.Status.Label())
			if snap.Override && snap.Status != snap.Derived {
				// The council's call, not the figures': say so, lest a
				// steady figure read as a worsening.
				now += fmt.Sprintf(" (set by the council; by the figures alone, %s)", lower(snap.Derived.Label()))
			}
			line("- %s: now %s, was %s in %s, %s.", title0(m), now, lower(prev.Status.Label()),
				label(*prev, cal), explain.BasisWords(snap.Basis))
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
			switch next, ok := m.NextSpan(); {
			case m.IsAnnual() && ok:
				text += ": the figure for " + explain.PeriodWords(m, derive.Point{Span: next}) + " is not in the data yet."
			case m.IsAnnual():
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

// figures is a measure's figure with what it covers, its target, and its
// change from the figure it is compared with, with what that change means:
// "91.5% for Q3 2023/24, target 90%; up 5.5 percentage points on the
// quarter before (86.0%): too soon to tell.".
func figures(m *derive.Measure, snap derive.Snapshot, cal model.Calendar) string {
	if snap.Value == nil {
		return "no figure"
	}
	s := explain.Value(&m.Measure, *snap.Value) + " for " + label(snap.Point, cal)
	if snap.Target != nil {
		s += ", target " + explain.Target(&m.Measure, *snap.Target)
	}
	if cue, ok := explain.ChangeCue(m, snap); ok {
		s += "; " + cue.Change + " " + cue.Since + " (" + explain.Value(&m.Measure, *snap.Compare.Value) + ")"
		if cue.Meaning != "" {
			s += ": " + cue.Meaning
		}
	}
	return s + "."
}

// label is a figure's period in short, to follow "in" or "for": "Q2
// 2023/24", "2023/24", "the 2022/23 academic year".
func label(pt derive.Point, cal model.Calendar) string {
	l := explain.PeriodLabel(pt, cal)
	if strings.HasSuffix(l, " academic year") {
		return "the " + l
	}
	return l
}

func title0(m *derive.Measure) string { return explain.Title(m.Title) }

func lower(s string) string { return strings.ToLower(s) }
