// Package perfsite holds the default layouts, embedded in the binary so
// that any folder with only data/ and content/ builds into a whole site. A
// site's own layouts/ files override these one by one.
package perfsite

import "embed"

// DefaultLayouts is the layouts/ folder of this repository.
//
//go:embed layouts
var DefaultLayouts embed.FS
