package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Preview updates the generated files of a preview after every edit
// (Update), and remembers enough between updates to skip the measures that
// did not change: the pages, embed page, share image and fragment files of
// a measure depend only on the measure (its definition, figures, revisions
// and minutes) and on the site-wide settings, so a measure whose key
// (measureKey) and the site's (siteKey) are as before is not rendered
// again, and its files stay. Anything else a measure's pages come to
// depend on must go into those keys. The zero Preview is ready to use.
type Preview struct {
	site     string
	measures map[string]measureMemo // by measure id
	rendered int                    // measures rendered by the last Update
	changed  []string               // the files the last Update wrote, relative to its folder
}

type measureMemo struct {
	key       string
	fragments []string // the fragment files its pages read (main content, embed chart)
}

// Update renders site into dir as Update does, skipping the measures that
// did not change since the previous call. The files it leaves are the same
// as Render's.
func (p *Preview) Update(site *derive.Site, dir string) (*Output, error) {
	u := &updater{dir: dir, made: map[string]bool{}, changed: map[string][]byte{}}
	skip := map[string]bool{}
	next := map[string]measureMemo{}
	siteKey := siteKey(site)
	for _, m := range site.Measures {
		key := measureKey(m)
		next[m.ID] = measureMemo{key: key}
		if old, ok := p.measures[m.ID]; ok && key != "" && old.key == key && siteKey != "" && p.site == siteKey {
			skip[m.ID] = true
			next[m.ID] = old
		}
	}
	u.fragments = map[string][]string{}
	out, err := render(site, dir, options{update: u, skip: func(m *derive.Measure) bool { return skip[m.ID] }})
	if err != nil {
		p.site, p.measures = "", nil // start afresh next time
		return nil, err
	}
	// What a skipped measure made last time stays: its folders and the
	// fragment files its pages read.
	keep := map[string]bool{}
	for id := range skip {
		for _, c := range next[id].fragments {
			keep[filepath.Join(dir, filepath.FromSlash(c))] = true
		}
	}
	for id, fragments := range u.fragments {
		memo := next[id]
		memo.fragments = fragments
		next[id] = memo
	}
	if err := u.flush(); err != nil {
		p.site, p.measures = "", nil
		return nil, err
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || u.made[path] || keep[path] || skip[measureOf(dir, path)] {
			return err
		}
		return os.Remove(path)
	})
	if err != nil {
		p.site, p.measures = "", nil
		return nil, err
	}
	p.site, p.measures = siteKey, next
	p.rendered = len(site.Measures) - len(skip)
	p.changed = p.changed[:0]
	for path := range u.changed {
		rel, _ := filepath.Rel(dir, path)
		p.changed = append(p.changed, filepath.ToSlash(rel))
	}
	sort.Strings(p.changed)
	return out, nil
}

// Written is how many files the last Update wrote.
func (p *Preview) Written() int { return len(p.changed) }

// Forget makes the next Update render every measure: call it when
// something else has written into the folder (the preview's error page).
func (p *Preview) Forget() { p.site, p.measures = "", nil }

// measureOf is the id of the measure whose file is path
// (content/measures/<id>.md, or in content/measures/<id>/ or
// static/measures/<id>/), or "".
func measureOf(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return ""
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	switch {
	case len(parts) >= 4 && (parts[0] == "content" || parts[0] == "static") && parts[1] == "measures":
		return parts[2]
	case len(parts) == 3 && parts[0] == "content" && parts[1] == "measures" && parts[2] != "_index.md":
		return strings.TrimSuffix(parts[2], ".md")
	}
	return ""
}

// updater writes the files of an Update: it remembers which files it made,
// and keeps the bytes of those that changed, to write them all at the end
// (flush), in one short burst after the work, so that Hugo's server sees
// one change.
type updater struct {
	dir       string // the folder Update writes
	mu        sync.Mutex
	made      map[string]bool
	changed   map[string][]byte
	fragments map[string][]string // the fragment files each rendered measure's pages read
}

func (u *updater) write(path string, b []byte) error {
	u.mu.Lock()
	u.made[path] = true
	u.mu.Unlock()
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, b) {
		return nil
	}
	u.mu.Lock()
	u.changed[path] = b
	u.mu.Unlock()
	return nil
}

// fragment records that the pages of measure id read the fragment file name.
func (u *updater) fragment(id, name string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	for _, c := range u.fragments[id] {
		if c == name {
			return
		}
	}
	u.fragments[id] = append(u.fragments[id], name)
}

// flush writes the changed files: first the fragment files, which pages
// read (Hugo's readFile gives "" for a file not yet there, and Hugo does
// not watch them, so a page built before its fragment would stay empty),
// then the rest in the order of their paths, so that a measure page
// (content/measures/<id>.md) comes before its quarter pages
// (content/measures/<id>/...), which read it: should Hugo's server start
// a rebuild in the middle, it sees the new measure page with the old
// quarter pages, never the reverse.
func (u *updater) flush() error {
	paths := make([]string, 0, len(u.changed))
	for path := range u.changed {
		paths = append(paths, path)
	}
	sortForFlush(u.dir, paths)
	for _, path := range paths {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, u.changed[path], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// sortForFlush sorts paths, under dir, in the order flush writes them:
// fragment files (dir/fragments/) first, then by path.
func sortForFlush(dir string, paths []string) {
	fragments := filepath.Join(dir, FragmentsDir) + string(filepath.Separator)
	fragment := func(p string) bool { return strings.HasPrefix(p, fragments) }
	sort.Slice(paths, func(i, j int) bool {
		if fi, fj := fragment(paths[i]), fragment(paths[j]); fi != fj {
			return fi
		}
		return paths[i] < paths[j]
	})
}

// siteKey is a hash of the site-wide settings that measure pages show.
func siteKey(s *derive.Site) string {
	type service struct {
		model.Service
		CommitteeName string
	}
	k := struct {
		Site        model.Site
		Interactive bool
		Latest      model.Period
		Glossary    []model.Term
		Services    []service
		Minutes     int
		Committee   []model.Committee
	}{Site: s.Site, Interactive: s.InteractiveCharts, Latest: s.Latest, Glossary: s.Glossary, Minutes: len(s.Minutes)}
	for _, sv := range s.Services {
		k.Services = append(k.Services, service{sv.Service, sv.CommitteeName})
	}
	for _, c := range s.Committees {
		k.Committee = append(k.Committee, c.Committee)
	}
	return hashJSON(k)
}

// measureKey is a hash of everything about m that its pages show.
func measureKey(m *derive.Measure) string {
	type minutes struct {
		model.Minutes
		CommitteeName string
	}
	k := struct {
		Measure     model.Measure
		ServiceName string
		Series      []derive.Point
		Reported    []derive.Snapshot
		Latest      derive.Snapshot
		NextUpdate  model.Period
		Minutes     []minutes
	}{m.Measure, m.ServiceName, m.Series, m.Reported, m.Latest, m.NextUpdate, nil}
	for _, mn := range m.Minutes {
		k.Minutes = append(k.Minutes, minutes{mn.Minutes, mn.CommitteeName})
	}
	return hashJSON(k)
}

func hashJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "" // never equal to a real key: render again
	}
	sum := sha256.Sum256(b)
	return string(sum[:])
}
