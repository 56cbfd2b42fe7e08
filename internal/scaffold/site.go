package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/perfsite/perfsite/internal/model"
)

// newSite is the starting site that NewSite writes, file by file. In the
// names of its files, QUARTER is the quarter's slug and DATE the date of
// the meeting; gitignore is written as .gitignore. A file ending in .tmpl
// is a text/template, given a siteData, and is written without the .tmpl.
//
//go:embed all:newsite
var newSite embed.FS

// SiteOptions are the choices of NewSite.
type SiteOptions struct {
	// Version is the perfsite the site's netlify.toml installs: the
	// running release ("v1.2.0"); "" installs the latest.
	Version string
	// Today is the date the site is made (time.Now() when zero): its
	// quarter file is for the last quarter that ended before it, and its
	// example meeting is on it.
	Today time.Time
}

// siteData is what the templates of the starting site are given.
type siteData struct {
	Quarter      string // "2024-25-q2"
	QuarterLabel string // "Q2 2024/25"
	Months       string // "July to September 2024"
	MeetingDate  string // "2024-11-12"
	Version      string // "v1.2.0" or "latest"
}

// NewSite writes a clean starting site into dir, which must be empty or
// not exist yet: a commented data/site.toml, one measure, one quarter's
// file with its figure, one minutes summary, an about page, package.json
// and package-lock.json for interactive charts, netlify.toml, .gitignore
// and a README.md for the council's own repository. perfsite check finds no
// problem in it, not even a warning. It returns the files written,
// relative to dir, and never overwrites one.
func NewSite(dir string, opts SiteOptions) ([]string, error) {
	if err := emptyOrMissing(dir); err != nil {
		return nil, err
	}
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	cal := model.Calendar{StartMonth: time.April} // as data/site.toml says
	quarter := lastQuarterBefore(today, cal)
	data := siteData{
		Quarter:      cal.Slug(quarter),
		QuarterLabel: cal.Label(quarter),
		Months:       cal.Months(quarter),
		MeetingDate:  today.Format(time.DateOnly),
		Version:      "latest",
	}
	if opts.Version != "" {
		data.Version = opts.Version
	}
	names := strings.NewReplacer("QUARTER", data.Quarter, "DATE", data.MeetingDate)

	var written []string
	err := fs.WalkDir(newSite, "newsite", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := newSite.ReadFile(p)
		if err != nil {
			return err
		}
		rel := names.Replace(strings.TrimPrefix(p, "newsite/"))
		if rel == "gitignore" {
			rel = ".gitignore"
		}
		if name, ok := strings.CutSuffix(rel, ".tmpl"); ok {
			t, err := template.New(path.Base(p)).Option("missingkey=error").Parse(string(b))
			if err != nil {
				return err
			}
			var out bytes.Buffer
			if err := t.Execute(&out, data); err != nil {
				return err
			}
			rel, b = name, out.Bytes()
		}
		if err := create(dir, rel, b); err != nil {
			return err
		}
		written = append(written, rel)
		return nil
	})
	return written, err
}

// emptyOrMissing refuses a folder with anything in it: a new site is
// written only where it cannot overwrite or mix with other files.
func emptyOrMissing(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if fi, statErr := os.Stat(dir); statErr == nil && !fi.IsDir() {
			return fmt.Errorf("%s is a file, not a folder: choose a new folder for the site", dir)
		}
		return err
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty: perfsite new site writes a site only into a new or empty folder, and never overwrites a file", filepath.Clean(dir))
	}
	return nil
}

// lastQuarterBefore is the last quarter of cal that ended before the day
// of t: the quarter whose figures a council would be publishing.
func lastQuarterBefore(t time.Time, cal model.Calendar) model.Period {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	p := model.Period{Year: day.Year() + 1, Quarter: 4}
	for !cal.End(p).Before(day) {
		p = p.Add(-1)
	}
	return p
}
