package build

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/perfsite/perfsite"
	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/downloads"
	"github.com/perfsite/perfsite/internal/hugo"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/output"
	"github.com/perfsite/perfsite/internal/pages"
	"github.com/perfsite/perfsite/internal/shareimage"
	"github.com/perfsite/perfsite/internal/sitefs"
	"github.com/perfsite/perfsite/internal/urls"
)

// ChartsOff is the line a build prints when the chart library is not
// installed.
const ChartsOff = "perfsite: interactive charts are off (the chart library is not installed: run `npm ci` in the site folder to turn them on); the charts are pictures that need no JavaScript."

// env is what the files of a site are made from besides its data: the
// built stylesheet and scripts, the site's own static files, and whether
// the charts are interactive. A build makes one; the preview makes one
// when it starts and again when the site's assets change.
type env struct {
	source      string
	interactive bool
	assets      map[string]hugo.Asset
	// static are the site's own static files, by their path in the built
	// site, and their name in the site folder, read through site (sitefs):
	// they are copied as they are, and win over a file perfsite would
	// write at the same path.
	static map[string]string
	site   *sitefs.FS
	shares cache.Dir // kept share images
}

// The assets perfsite's layouts load.
var scripts = []string{pages.AssetChartLoader, pages.AssetCopy, pages.AssetSearch}

func newEnv(source, work string, brand model.Brand) (*env, error) {
	e := &env{source: source, static: map[string]string{}, shares: cache.Open("share-images", ".png")}
	abs, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	a := hugo.Assets{Chart: pages.AssetChart, Scripts: scripts, Stylesheet: pages.AssetCSS, Extra: pages.BrandCSS(brand, check.HeaderText(&brand))}
	if fi, err := os.Stat(filepath.Join(abs, "node_modules", "echarts", "package.json")); err == nil && fi.Mode().IsRegular() {
		e.interactive = true
		a.NodeModules = filepath.Join(abs, "node_modules")
	}
	if dir := filepath.Join(abs, "assets"); isDir(dir) {
		a.Dirs = append(a.Dirs, dir)
	}
	defaults := filepath.Join(work, "default-assets")
	sub, err := fs.Sub(perfsite.DefaultAssets, "assets")
	if err != nil {
		return nil, err
	}
	if err := os.CopyFS(defaults, sub); err != nil {
		return nil, err
	}
	a.Dirs = append(a.Dirs, defaults)
	assets := cache.Open("assets", ".json")
	defer assets.Sweep()
	if e.assets, err = hugo.Build(a, work, assets); err != nil {
		return nil, err
	}
	if e.site, err = sitefs.Open(abs); err != nil {
		return nil, err
	}
	// load has reported every file of static/ that sitefs refuses: a
	// build with problems never gets here.
	err = e.site.Walk("static", func(name string, err error) error {
		if err == nil {
			e.static[strings.TrimPrefix(name, "static/")] = name
		}
		return nil
	})
	return e, err
}

// siteFiles are the files of a built site.
type siteFiles struct {
	site   []output.File          // the pages and files that are not one measure's
	groups []func() []output.File // each measure's: its pages, downloads and share image
	static []output.File          // the site's own static files
	own    ownFiles               // their paths: perfsite writes nothing there
}

// ownFiles are the paths of the site's own static files.
type ownFiles map[string]string

// skip leaves out of files those at a path of the site's own.
func (o ownFiles) skip(files []output.File) []output.File {
	if len(o) == 0 {
		return files
	}
	out := files[:0:0]
	for _, f := range files {
		if _, own := o[f.Path]; !own {
			out = append(out, f)
		}
	}
	return out
}

// files describes every file of site.
func (e *env) files(site *derive.Site) (siteFiles, error) {
	assets := map[string]pages.Asset{}
	for name, a := range e.assets {
		assets[name] = pages.Asset{URL: a.URL, Integrity: a.Integrity}
	}
	layouts, probs := parseLayouts(e.source, site.BaseURL, assets)
	if probs.HasErrors() {
		return siteFiles{}, probs
	}
	pr, err := pages.New(site, pages.Options{Layouts: layouts, Assets: assets, Interactive: e.interactive})
	if err != nil {
		if p, ok := pages.AsProblem(err); ok {
			return siteFiles{}, model.Problems{p}
		}
		return siteFiles{}, err
	}
	dl := downloads.New(site)
	sf := siteFiles{own: ownFiles(e.static)}
	sf.site = append(pr.SiteFiles(), dl.SiteFiles()...)
	for _, a := range e.assets {
		sf.site = append(sf.site, output.Bytes(a.URL, a.Bytes))
	}
	for path, name := range e.static {
		sf.static = append(sf.static, output.File{Path: path, Write: func(w io.Writer) error {
			f, err := e.site.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		}})
	}
	painter, err := shareimage.NewPainter(shareimage.BrandTheme(site.Brand.Colour))
	if err != nil {
		return siteFiles{}, err
	}
	shareSite := shareimage.Site{Organisation: site.Organisation, Title: site.Title}
	for _, m := range site.Measures {
		sf.groups = append(sf.groups, func() []output.File {
			files := append(pr.MeasureFiles(m), dl.MeasureFiles(m)...)
			share := e.shareImage(painter, m, site.Cal, shareSite)
			files = append(files, share)
			for _, a := range m.Aliases { // the old ids' addresses too, for any static host
				files = append(files, output.File{Path: urls.ShareImage(a), Write: share.Write})
			}
			return files
		})
	}
	return sf, nil
}

// shareImage is m's share image, a PNG of 1200 by 630 pixels. They take a
// millisecond or more each, and most do not change from one build to the
// next, so they are kept between builds (internal/cache), named by what
// they show and how (shareimage.Painter.Key).
func (e *env) shareImage(painter *shareimage.Painter, m *derive.Measure, cal model.Calendar, site shareimage.Site) output.File {
	return output.File{Path: urls.ShareImage(m.ID), Write: func(w io.Writer) error {
		share := shareimage.NewShare(m, cal, site)
		key := painter.Key(share)
		b, ok := e.shares.Get(key)
		if !ok {
			var err error
			if b, err = painter.PNG(share); err != nil {
				return err
			}
			e.shares.Put(key, b)
		}
		_, err := w.Write(b)
		return err
	}}
}

// folders makes the folders of a built site, each once.
type folders struct {
	root string
	made sync.Map
}

func newFolders(root string) *folders { return &folders{root: filepath.Clean(root)} }

// make makes dir, a folder in the root, and those it is in. A folder
// whose parent is made takes one system call (MkdirAll would look at
// each folder above it first): a big site has a hundred thousand.
func (f *folders) make(dir string) error {
	if _, ok := f.made.Load(dir); ok {
		return nil
	}
	if dir == f.root || !strings.HasPrefix(dir, f.root+string(filepath.Separator)) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	} else {
		if err := f.make(filepath.Dir(dir)); err != nil {
			return err
		}
		// Another worker may have made it since: it is there all the same.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	f.made.Store(dir, true)
	return nil
}
