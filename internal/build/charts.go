package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/perfsite/perfsite"
	"github.com/perfsite/perfsite/internal/bundle"
	"github.com/perfsite/perfsite/internal/cache"
)

// ChartsOff is the one line a build prints when the site has no
// node_modules/echarts: its charts are the build-time SVGs only.
const ChartsOff = "perfsite: interactive charts are off (no node_modules/echarts); run `npm ci` in the site folder to enable them"

// linkNodeModules makes the site's node_modules visible to Hugo's esbuild
// (for a site's own scripts that import npm packages: js.Build resolves
// them from Hugo's working folder, the temporary work folder): it links
// work/node_modules to the site's. It reports whether ECharts is
// installed, which turns the interactive charts on.
func linkNodeModules(source, work string) (bool, error) {
	nm := filepath.Join(source, "node_modules")
	if fi, err := os.Stat(filepath.Join(nm, "echarts", "package.json")); err != nil || fi.IsDir() {
		return false, nil
	}
	if err := os.Symlink(nm, filepath.Join(work, "node_modules")); err != nil && !os.IsExist(err) {
		return false, err
	}
	return true, nil
}

// assetDirs writes the default assets (the chart scripts) into work and
// returns the folders Hugo mounts as assets: the site's own first. With
// interactive charts, it also writes js/chart.bundle.js, the charts'
// script (the site's own assets/js/chart.js, or the default) bundled with
// ECharts, which layouts/_partials/chart-assets.html links to; not for a
// site with a chart-assets.html of its own that does without it.
//
// A site's own chart.js is bundled by esbuild alone, not through Hugo: it
// may import npm packages and files relative to itself, not Hugo's
// assets by their path in assets/ (nor @params).
func assetDirs(source, work string, interactive bool) ([]string, error) {
	sub, err := fs.Sub(perfsite.DefaultAssets, "assets")
	if err != nil {
		return nil, err
	}
	defaults := filepath.Join(work, "assets")
	if err := os.CopyFS(defaults, sub); err != nil {
		return nil, err
	}
	var dirs []string
	if isDir(filepath.Join(source, "assets")) {
		dirs = append(dirs, filepath.Join(source, "assets"))
	}
	if interactive {
		if err := writeChartBundle(source, defaults); err != nil {
			return nil, err
		}
	}
	return append(dirs, defaults), nil
}

// writeChartBundle writes js/chart.bundle.js into defaults, the default
// assets, if the site's layouts link it (usesBundle) and it is not there
// already with the same bytes.
func writeChartBundle(source, defaults string) error {
	if !usesBundle(source) {
		return nil
	}
	nodeModules, err := filepath.EvalSymlinks(filepath.Join(source, "node_modules"))
	if err != nil {
		return err
	}
	// The default script imports only ECharts: it is bundled from the
	// folder that holds node_modules, whatever site uses it, so that sites
	// sharing one node_modules share one bundle in the cache (the folder is
	// part of its key). A site's own is bundled from its folder.
	entry := bundle.Entry{Name: "assets/js/chart.js", ResolveDir: filepath.Dir(nodeModules)}
	script := filepath.Join(defaults, "js", "chart.js")
	if own := filepath.Join(source, "assets", "js", "chart.js"); isFile(own) {
		script, entry.ResolveDir = own, filepath.Dir(own)
	}
	if entry.Contents, err = os.ReadFile(script); err != nil {
		return err
	}
	bundles := cache.Open("bundles", ".json")
	defer bundles.Sweep()
	js, err := bundle.Charts(entry, nodeModules, bundles)
	if err != nil {
		return err
	}
	// Unchanged, it is not written: the preview's Hugo need not build again.
	return writeIfChanged(filepath.Join(defaults, "js", "chart.bundle.js"), js)
}

// usesBundle reports whether the site's chart-assets.html links the
// bundle: perfsite's does; a site's own may not (it may js.Build a script
// of its own).
func usesBundle(source string) bool {
	for _, dir := range partialDirs {
		b, err := os.ReadFile(filepath.Join(source, filepath.FromSlash(dir), "chart-assets.html"))
		if err == nil && !strings.Contains(string(b), "js/chart.bundle.js") {
			return false
		}
	}
	return true
}
