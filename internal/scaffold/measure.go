package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// MeasureOptions are the choices of NewMeasure; empty ones get a sensible
// default.
type MeasureOptions struct {
	Title   string
	Service string // a service id from data/site.toml; default the first
}

// NewMeasure adds a commented [[measure]] table for a new measure: to the
// end of data/measures.toml, or as data/measures/ID.toml when the site keeps
// its measures in that folder. The title is left empty unless given, so
// that perfsite check points at the new table until it is filled in.
func NewMeasure(dir, id string, opts MeasureOptions) (*Written, error) {
	if !model.ValidID(id) {
		return nil, fmt.Errorf("%q cannot be a measure id: use lower-case letters, digits and hyphens only, like care-leavers-eet", id)
	}
	in, _, _, err := loadSite(dir)
	if err != nil {
		return nil, err
	}
	for _, m := range in.Measures {
		if m.ID == id {
			return nil, fmt.Errorf("the measure %q already exists, at %s", id, m.Pos)
		}
		for _, a := range m.Aliases {
			if a == id {
				return nil, fmt.Errorf("%q is an old id (alias) of the measure %q, at %s: choose another id", id, m.ID, m.Pos)
			}
		}
	}
	var services []string
	for _, s := range in.Site.Services {
		services = append(services, s.ID)
	}
	service := opts.Service
	if service == "" && len(services) > 0 {
		service = services[0]
	}
	if opts.Service != "" && len(services) > 0 && !slices.Contains(services, opts.Service) {
		return nil, fmt.Errorf("the service %q is not defined in data/site.toml; the services are %s", opts.Service, strings.Join(services, ", "))
	}
	text := measureSkeleton(id, opts.Title, service, services)

	w := &Written{}
	if useFolder(dir) {
		w.File = "data/measures/" + id + ".toml"
		if err := create(dir, w.File, []byte(strings.TrimPrefix(text, "\n"))); err != nil {
			return nil, err
		}
	} else {
		w.File, w.Appended = "data/measures.toml", exists(dir, "data/measures.toml")
		if err := appendFile(filepath.Join(dir, "data", "measures.toml"), text); err != nil {
			return nil, err
		}
	}
	w.Notes = append(w.Notes, "Fill in its title and check its service, unit and better; the lines starting with # are optional settings, explained beside them.")
	w.Notes = append(w.Notes, "Then add a row for "+id+" to the quarterly data files that have its figures.")
	return w, nil
}

// useFolder reports whether the site keeps its measures as files in
// data/measures/ rather than in data/measures.toml.
func useFolder(dir string) bool {
	if exists(dir, "data/measures.toml") {
		return false
	}
	fi, err := os.Stat(filepath.Join(dir, "data", "measures"))
	return err == nil && fi.IsDir()
}

// appendFile adds text to the end of a file, on a line of its own.
func appendFile(path, text string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	if len(old) > 0 && old[len(old)-1] != '\n' {
		text = "\n" + text
	}
	if len(old) == 0 {
		text = strings.TrimPrefix(text, "\n")
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// measureSkeleton is the [[measure]] table, with a comment on every key.
func measureSkeleton(id, title, service string, services []string) string {
	serviceNote := "a service id from data/site.toml"
	if len(services) > 0 {
		serviceNote = "one of: " + strings.Join(services, ", ")
	}
	lines := [][2]string{
		{"", ""},
		{"[[measure]]", ""},
		{"id = " + strconv.Quote(id), "permanent: it is the measure's web address"},
		{"title = " + strconv.Quote(title), `what a resident would call it, like "Children waiting for a school place"`},
		{"service = " + strconv.Quote(service), serviceNote},
		{`unit = "percent"`, "percent, count, currency (£), rate (then set rate_per), days or score"},
		{`better = "higher"`, "higher, lower or neither (a level to stay near)"},
		{`# frequency = "annual"`, "quarterly (the default) or annual"},
		{`# covers = "financial-year"`, "for a yearly figure: financial-year, calendar-year or academic-year"},
		{"# cumulative = true", "a running total for the year so far"},
		{"# target = 90", `the usual target, or a direction: "increase", "reduce" or "maintain"`},
		{"# tolerance = 5", `how far short of the target is still "close": 5 in the unit, or "5%" of the target`},
		{"# change_threshold = 2", `with few figures, how big a change is real: 2 in the unit, or "10%"`},
		{"# decimals = 1", "digits shown after the point"},
		{"# rate_per = 10000", `for unit = "rate": per how many`},
		{"# min = -100", "the lowest valid figure; a percentage is 0 to 100 unless set"},
		{`# description = ""`, "what it measures, in plain English"},
		{`# why = ""`, "why it matters to residents"},
		{`# source = ""`, "where the figures come from"},
		{`# caveats = [""]`, "what a reader should bear in mind"},
	}
	return aligned(lines)
}

// aligned writes lines of code and comment with the comments lined up.
func aligned(lines [][2]string) string {
	width := 0
	for _, l := range lines {
		if l[1] != "" {
			width = max(width, len([]rune(l[0])))
		}
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l[0])
		if l[1] != "" {
			b.WriteString(strings.Repeat(" ", width-len([]rune(l[0]))+2))
			b.WriteString("# " + l[1])
		}
		b.WriteString("\n")
	}
	return b.String()
}
