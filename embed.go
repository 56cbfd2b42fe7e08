// Package perfsite holds the default layouts, embedded in the binary so
// that any folder with only data/ and content/ builds into a whole site. A
// site's own layouts/ files override these one by one.
package perfsite

import "embed"

// DefaultLayouts is the layouts/ folder of this repository.
//
//go:embed all:layouts
var DefaultLayouts embed.FS

// DefaultAssets is the assets/ folder of this repository: the browser code
// of the interactive charts (chart.js, which internal/bundle bundles with
// ECharts; the small scripts, which Hugo's js.Build minifies). A site's own
// assets/ files override these one by one.
//
//go:embed assets
var DefaultAssets embed.FS
