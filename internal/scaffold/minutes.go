package scaffold

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// MinutesOptions are the choices of NewMinutes; empty ones get a default.
type MinutesOptions struct {
	Committee string    // a committee id; default the site's first committee
	Date      time.Time // the meeting's date; default Today
	Period    string    // the quarter discussed; default the latest quarter in the data
	Today     time.Time // the date to default to (time.Now() when zero)
}

// NewMinutes writes content/minutes/DATE-COMMITTEE.md: a minutes summary
// with commented front matter, listing the committee's measures for the
// person to keep those discussed. The title is left empty, so that perfsite
// check points at the file until it is filled in.
func NewMinutes(dir string, opts MinutesOptions) (*Written, error) {
	in, probs, cal, err := loadSite(dir)
	if err != nil {
		return nil, err
	}
	var committees []string
	for _, c := range in.Site.Committees {
		committees = append(committees, c.ID)
	}
	committee := opts.Committee
	switch {
	case committee == "" && len(committees) == 0:
		return nil, fmt.Errorf("data/site.toml defines no [[committee]]; add one, then run this again")
	case committee == "":
		committee = committees[0]
	case !slices.Contains(committees, committee):
		return nil, fmt.Errorf("the committee %q is not defined in data/site.toml; the committees are %s", committee, strings.Join(committees, ", "))
	}
	// The id names the file written: it must be a safe id, whatever
	// data/site.toml says (check reports it there too).
	if !model.ValidID(committee) {
		return nil, fmt.Errorf("the committee id %q in data/site.toml is not a valid id (%s); correct it, then run this again", committee, model.IDHint)
	}
	date := opts.Date
	if date.IsZero() {
		date = opts.Today
		if date.IsZero() {
			date = time.Now()
		}
	}
	var period model.Period
	var why []string // why the period was chosen
	if opts.Period != "" {
		if period, err = model.ParsePeriod(opts.Period); err != nil {
			return nil, err
		}
		why = []string{fmt.Sprintf("It is filed under %s, as asked.", cal.Label(period))}
	} else {
		period, why = minutesPeriod(in, probs, cal)
	}

	// The measures of the services this committee scrutinises.
	services := map[string]bool{}
	for _, s := range in.Site.Services {
		if s.Committee == committee {
			services[s.ID] = true
		}
	}
	var measures []string
	for _, m := range in.Measures {
		if m.ID != "" && services[m.Service] && !slices.Contains(measures, m.ID) {
			measures = append(measures, m.ID)
		}
	}

	rel := "content/minutes/" + date.Format(time.DateOnly) + "-" + committee + ".md"
	lines := [][2]string{
		{"---", ""},
		{"# The summary of one committee meeting. Lines starting with # are notes for you.", ""},
		{`title: ""`, `the agenda item's title, like "Quarter 2 Integrated Performance Report"`},
		{"committee: " + strconv.Quote(committee), "the committee's id in data/site.toml"},
		{"date: " + date.Format(time.DateOnly), "the date of the meeting"},
		{`item: ""`, `the agenda item, like "Item 5"`},
	}
	if !period.IsZero() {
		lines = append(lines, [2]string{"period: " + strconv.Quote(cal.Slug(period)), "the quarter whose figures were discussed: " + cal.Label(period)})
	} else {
		lines = append(lines, [2]string{`# period: "2023-24-q2"`, "the quarter whose figures were discussed"})
	}
	if len(measures) > 0 {
		lines = append(lines, [2]string{"measures:", "the measures discussed: delete the lines of those that were not"})
		for _, id := range measures {
			lines = append(lines, [2]string{"  - " + id, ""})
		}
	} else {
		lines = append(lines, [2]string{"measures: []", "the ids of the measures discussed, like [care-leavers-eet, children-in-care]"})
	}
	lines = append(lines,
		[2]string{`source_url: ""`, "the web address of the full minutes on the council's site"},
		[2]string{"---", ""},
		[2]string{"", ""},
		[2]string{"Write here, in plain English, what the committee said about the figures:", ""},
		[2]string{"the questions members asked and the answers they were given, and what", ""},
		[2]string{"was agreed. Markdown works: **bold**, lists, [links](https://example.gov.uk/).", ""},
	)
	if err := create(dir, rel, []byte(aligned(lines))); err != nil {
		return nil, err
	}
	w := &Written{File: rel}
	w.Notes = append(w.Notes, "Fill in its title, item and source_url, keep the measures that were discussed, and replace the text under the second --- with your summary.")
	w.Notes = append(w.Notes, why...)
	return w, nil
}

// minutesPeriod chooses the quarter new minutes discuss: the latest one
// with figures, as the site's latest quarter is, and says why in notes.
// A later quarter whose file has no figures yet (just made by perfsite
// new quarter), or has an error, is not chosen, and the notes say so; a
// chosen quarter whose file has an error is chosen with a word about it.
// Minutes are never filed under a quarter without saying why.
func minutesPeriod(in *model.Input, probs model.Problems, cal model.Calendar) (model.Period, []string) {
	// The files with errors, by the quarter their name gives.
	broken := map[model.Period]string{}
	for _, p := range probs {
		if p.Severity != model.Error || !strings.HasPrefix(p.Pos.File, "data/quarters/") {
			continue
		}
		if q, err := model.ParsePeriod(strings.TrimSuffix(path.Base(p.Pos.File), path.Ext(p.Pos.File))); err == nil {
			if _, seen := broken[q]; !seen {
				broken[q] = p.Pos.File
			}
		}
	}
	latest, _ := latestWithFigures(in)
	withFile := map[model.Period]bool{}
	for _, qf := range in.Quarters {
		for _, p := range qf.Periods {
			withFile[p] = true
		}
	}
	for p := range broken {
		withFile[p] = true
	}
	var after []model.Period // the quarters with a file after latest, oldest first
	for p := range withFile {
		if latest.Before(p) {
			after = append(after, p)
		}
	}
	slices.SortFunc(after, func(a, b model.Period) int { return a.Index() - b.Index() })

	var notes []string
	if latest.IsZero() {
		if len(after) == 0 {
			return latest, []string{"There are no quarterly files yet, so no period is set: add one for the quarter the meeting discussed."}
		}
		// No figures anywhere: the latest quarter with a file.
		latest, after = after[len(after)-1], after[:len(after)-1]
		notes = append(notes, fmt.Sprintf("No quarter has figures yet, so it is filed under %s, the latest quarter with a file; change period if the meeting discussed another quarter.", cal.Label(latest)))
	} else {
		notes = append(notes, fmt.Sprintf("It is filed under %s, the latest quarter with figures; change period if the meeting discussed another quarter.", cal.Label(latest)))
	}
	if f, ok := broken[latest]; ok {
		notes = append(notes, fmt.Sprintf("%s has errors: run perfsite check.", f))
	}
	for _, p := range after {
		if f, ok := broken[p]; ok {
			notes = append(notes, fmt.Sprintf("%s has errors, so %s was not chosen: run perfsite check, and change period to %q if the meeting discussed it.", f, cal.Label(p), cal.Slug(p)))
		} else {
			notes = append(notes, fmt.Sprintf("%s was not chosen: its file has no figures yet.", cal.Label(p)))
		}
	}
	return latest, notes
}
