package build

import (
	"io/fs"
	"os"
	"path/filepath"

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
// ECharts, which layouts/_partials/chart-assets.html links to.
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
		// The site's own chart.js, or the default, which imports only
		// ECharts, from the site folder: not from the work folder, whose
		// name changes from build to build, and is part of the bundle's
		// key in the cache.
		entry := bundle.Entry{Name: "assets/js/chart.js", ResolveDir: source}
		script := filepath.Join(defaults, "js", "chart.js")
		if own := filepath.Join(source, "assets", "js", "chart.js"); isFile(own) {
			script, entry.ResolveDir = own, filepath.Dir(own)
		}
		if entry.Contents, err = os.ReadFile(script); err != nil {
			return nil, err
		}
		js, err := bundle.Charts(entry, filepath.Join(source, "node_modules"), cache.Open("bundles", ".json"))
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(defaults, "js", "chart.bundle.js"), js, 0o644); err != nil {
			return nil, err
		}
	}
	return append(dirs, defaults), nil
}
