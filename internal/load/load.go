// Package load reads a site folder (data/ and content/) into model records
// that remember where in which file each value was written. It reports
// problems of form (a cell that is not a number, a key that does not exist)
// and leaves problems of meaning (a measure id that is not defined) to check.
package load

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/parallel"
	"github.com/perfsite/perfsite/internal/sitefs"
	"github.com/perfsite/perfsite/internal/urlpath"
)

// refused reports whether err is sitefs refusing to read a file (a link
// that leads outside the site folder, a special file, a file too large),
// and if so adds it as a problem at file: the site is still read, and
// every such file reported.
func refused(err error, file string, probs *model.Problems) bool {
	var e *sitefs.Error
	if !errors.As(err, &e) {
		return false
	}
	msg := e.Error()
	if e.Name == file {
		msg = "this file " + e.Reason
	}
	probs.Errorf(model.Pos{File: file}, e.Hint, "%s", msg)
	return true
}

// Load reads the site in dir. File names in positions are relative to dir,
// with forward slashes. The error is for failures to read at all (a missing
// folder); problems with the content are returned as Problems. The folder
// is read through sitefs: a link that leads outside it, a special file or
// a file over its size limit is a problem at that file, and what lies
// outside the folder is never read. Every problem that has a line has its
// span (model.TextSpan); the text of the files is kept in the result's
// Sources for the problems found later, until Annotate.
func Load(dir string) (*model.Input, model.Problems, error) {
	fsys, err := sitefs.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	return LoadFS(fsys, dir)
}

// LoadFS reads a site from fsys, which must be safe to read from several
// goroutines at once (sitefs.FS and fstest.MapFS are); dir is recorded in
// the result.
func LoadFS(fsys fs.FS, dir string) (*model.Input, model.Problems, error) {
	in := &model.Input{Dir: dir, Sources: map[string]model.Source{}}
	var probs model.Problems

	src, err := fs.ReadFile(fsys, siteFile)
	switch {
	case refused(err, siteFile, &probs):
		in.Site = model.Site{File: siteFile, Language: "en-GB", YearStartMonth: 4}
		in.Unread = append(in.Unread, siteFile)
	case errors.Is(err, fs.ErrNotExist):
		probs.Errorf(model.Pos{File: siteFile}, "create it with at least title and organisation; see README.md", "the site settings file is missing")
		in.Site = model.Site{File: siteFile, Language: "en-GB", YearStartMonth: 4}
		in.Unread = append(in.Unread, siteFile)
	case err != nil:
		return nil, nil, err
	default:
		keepSource(in.Sources, siteFile, model.Source{Text: string(src)})
		var ok bool
		if in.Site, ok = parseSite(siteFile, src, &probs); !ok {
			in.Unread = append(in.Unread, siteFile)
		}
	}

	measureFiles, err := glob(fsys, "data/measures.toml", "data/measures", ".toml", &probs)
	if err != nil {
		return nil, nil, err
	}
	if len(measureFiles) == 0 {
		probs.Errorf(model.Pos{File: "data/measures.toml"}, "create it with one [[measure]] table per measure; see README.md", "there are no measures: data/measures.toml is missing")
		in.Unread = append(in.Unread, "data/measures.toml")
	}
	var listProbs model.Problems
	quarterFiles, err := listQuarterFiles(fsys, &listProbs)
	if err != nil {
		return nil, nil, err
	}
	// The measures' and the quarters' files are read at once, on every
	// core (the national load stage: 0.42-0.55 s one by one, 0.36-0.42 s
	// so, BENCHMARKS.md). Their problems are listed in the same order as
	// if they were read one by one.
	type measuresFile struct {
		measures []model.Measure
		whole    bool
		probs    model.Problems
		source   model.Source
	}
	type quarterFile struct {
		quarter model.QuarterFile
		probs   model.Problems
		source  model.Source
	}
	cal := in.Site.Calendar()
	if cal.StartMonth < time.January || cal.StartMonth > time.December {
		cal.StartMonth = time.April // check reports the month; the default meanwhile
	}
	measures := make([]measuresFile, len(measureFiles))
	quarters := make([]quarterFile, len(quarterFiles))
	err = parallel.Each(len(measureFiles)+len(quarterFiles), func(i int) error {
		if i < len(measureFiles) {
			m := &measures[i]
			src, err := fs.ReadFile(fsys, measureFiles[i])
			if err == nil {
				m.measures, m.whole = parseMeasures(measureFiles[i], src, &m.probs)
				m.source = model.Source{Text: string(src)}
			}
			if refused(err, measureFiles[i], &m.probs) {
				return nil
			}
			return err
		}
		i -= len(measureFiles)
		q := &quarters[i]
		src, err := fs.ReadFile(fsys, quarterFiles[i])
		if err == nil {
			q.quarter, q.source = parseQuarter(quarterFiles[i], src, cal, &q.probs)
		}
		if refused(err, quarterFiles[i], &q.probs) {
			q.quarter = model.QuarterFile{File: quarterFiles[i]}
			return nil
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	for i, m := range measures {
		keepSource(in.Sources, measureFiles[i], m.source)
		probs = append(probs, m.probs...)
		if !m.whole {
			in.Unread = append(in.Unread, measureFiles[i])
		}
		in.Measures = append(in.Measures, m.measures...)
	}
	probs = append(probs, listProbs...)
	for i, q := range quarters {
		keepSource(in.Sources, quarterFiles[i], q.source)
		probs = append(probs, q.probs...)
		in.Quarters = append(in.Quarters, q.quarter)
		if len(q.quarter.Periods) == 0 && q.probs.HasErrors() {
			in.Unread = append(in.Unread, quarterFiles[i])
		}
	}

	if src, err := fs.ReadFile(fsys, revisionsFile); err == nil {
		var text model.Source
		in.Revisions, text = parseRevisions(revisionsFile, src, &probs)
		keepSource(in.Sources, revisionsFile, text)
	} else if !errors.Is(err, fs.ErrNotExist) && !refused(err, revisionsFile, &probs) {
		return nil, nil, err
	}

	if src, err := fs.ReadFile(fsys, "data/glossary.toml"); err == nil {
		keepSource(in.Sources, "data/glossary.toml", model.Source{Text: string(src)})
		in.Glossary = parseGlossary("data/glossary.toml", src, &probs)
	} else if !errors.Is(err, fs.ErrNotExist) && !refused(err, "data/glossary.toml", &probs) {
		return nil, nil, err
	}

	minutesFiles, err := glob(fsys, "", "content/minutes", ".md", &probs)
	if err != nil {
		return nil, nil, err
	}
	for _, f := range minutesFiles {
		src, err := fs.ReadFile(fsys, f)
		if refused(err, f, &probs) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		if !addressable(f, strings.TrimSuffix(path.Base(f), path.Ext(f)), &probs) {
			continue
		}
		keepSource(in.Sources, f, model.Source{Text: string(src)})
		if m, ok := parseMinutes(f, src, &probs); ok {
			in.Minutes = append(in.Minutes, m)
		}
	}

	err = fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == "content" {
				return fs.SkipDir
			}
			if refused(err, p, &probs) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p == "content/minutes" {
				return fs.SkipDir
			}
			return nil
		}
		if path.Ext(p) != ".md" {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if refused(err, p, &probs) {
			return nil
		}
		if err != nil {
			return err
		}
		slug := strings.TrimSuffix(strings.TrimPrefix(p, "content/"), ".md")
		if !addressable(p, slug, &probs) {
			return nil
		}
		keepSource(in.Sources, p, model.Source{Text: string(src)})
		if page, ok := parsePage(p, slug, src, &probs); ok {
			in.Pages = append(in.Pages, page)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	in.Static = staticFiles(fsys, &probs)
	annotate(in.Sources, probs)
	return in, probs, nil
}

// addressable reports whether the name of file, which becomes the web
// address slug, can be one (urlpath.CheckName: no control characters,
// UTF-8 text), and reports the file if not. Other characters (spaces, %,
// #, ?, letters of any script) are encoded in the address.
func addressable(file, slug string, probs *model.Problems) bool {
	for _, part := range strings.Split(slug, "/") {
		var e *urlpath.Error
		if err := urlpath.CheckName(part); errors.As(err, &e) {
			probs.Errorf(model.Pos{File: file}, urlpath.Hint, "the file name %s", e)
			return false
		}
	}
	return true
}

// staticFiles lists the regular files of the site's static/ folder, which
// its settings can name (a logo), by their path in it. It also walks the
// site's layouts/ and assets/: a file in any of the three that sitefs
// refuses (a link out of the site folder, a special file, a file too
// large) is a problem there, so that the build never reads it.
func staticFiles(fsys fs.FS, probs *model.Problems) map[string]bool {
	files := map[string]bool{}
	for _, dir := range []string{"static", "layouts", "assets"} {
		walkFiles(fsys, dir, probs, func(name string) {
			if dir == "static" {
				files[strings.TrimPrefix(name, "static/")] = true
			}
		})
	}
	return files
}

// walkFiles calls fn with every regular file under dir that fsys reads,
// reporting each it refuses.
func walkFiles(fsys fs.FS, dir string, probs *model.Problems, fn func(name string)) {
	if sfs, ok := fsys.(*sitefs.FS); ok {
		_ = sfs.Walk(dir, func(name string, err error) error {
			if err != nil {
				refused(err, name, probs)
				return nil
			}
			fn(name)
			return nil
		})
		return
	}
	_ = fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			fn(p)
		}
		return nil
	})
}

// glob lists single (if it exists) and the files in dir ending in ext,
// sorted. A single file or a dir that sitefs refuses is listed, so that
// reading it reports why, or is a problem.
func glob(fsys fs.FS, single, dir, ext string, probs *model.Problems) ([]string, error) {
	var out []string
	if single != "" {
		if _, err := fs.Stat(fsys, single); err == nil || errors.As(err, new(*sitefs.Error)) {
			out = append(out, single)
		}
	}
	entries, err := fs.ReadDir(fsys, dir)
	if refused(err, dir, probs) {
		return out, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ext) && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "~$") {
			out = append(out, dir+"/"+e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}
