// Package hugo is the only package that imports Hugo. It writes the Hugo
// configuration for a generated site and runs Hugo in-process through
// commands.Execute, the same entry point as the hugo command line: its flags
// are Hugo's most stable interface. Hugo is pinned to an exact version in
// go.mod; see ARCHITECTURE.md before upgrading it.
package hugo

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/gohugoio/hugo/commands"
)

// Site describes one Hugo build: where each kind of file comes from.
type Site struct {
	WorkDir    string   // Hugo's working folder: config and caches go here
	ContentDir string   // generated content pages
	LayoutDirs []string // first wins: the site's own layouts, then the defaults
	StaticDirs []string // first wins: the site's own static files, then (in the preview) the downloads
	AssetDirs  []string // first wins: the site's own assets, then the defaults (chart scripts)
	BaseURL    string
	Language   string
	Title      string
	Params     map[string]any // site.Params in layouts
}

// configFile writes hugo.json into the work folder. Declaring mounts for a
// component replaces Hugo's default mount for it, so every folder is listed.
func (s Site) configFile() (string, error) {
	type mount struct {
		Source string `json:"source"`
		Target string `json:"target"`
	}
	var mounts []mount
	mounts = append(mounts, mount{s.ContentDir, "content"})
	for _, d := range s.LayoutDirs {
		mounts = append(mounts, mount{d, "layouts"})
	}
	for _, d := range s.StaticDirs {
		mounts = append(mounts, mount{d, "static"})
	}
	for _, d := range s.AssetDirs {
		mounts = append(mounts, mount{d, "assets"})
	}
	baseURL := s.BaseURL
	if baseURL == "" {
		baseURL = "/"
	}
	cfg := map[string]any{
		"baseURL":         baseURL,
		"locale":          s.Language, // was languageCode, deprecated in Hugo v0.158.0
		"title":           s.Title,
		"disableKinds":    []string{"taxonomy", "term", "rss"},
		"enableRobotsTXT": false,
		"timeZone":        "UTC",
		"params":          s.Params,
		"module":          map[string]any{"mounts": mounts},
		"minify":          map[string]any{"minifyOutput": false}, // see MinifyHTML
		"sitemap":         map[string]any{"changeFreq": "", "priority": -1},
		"markup":          map[string]any{"goldmark": map[string]any{"renderer": map[string]any{"unsafe": false}}},
	}
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(s.WorkDir, "hugo.json")
	return path, os.WriteFile(path, b, 0o644)
}

// Hugo keeps some process-wide state while it runs (GOMAXPROCS, its
// loggers), so builds in one process take turns.
var running sync.Mutex

// Build renders the site into dest.
func Build(s Site, dest string) error {
	config, err := s.configFile()
	if err != nil {
		return err
	}
	running.Lock()
	defer running.Unlock()
	err = commands.Execute([]string{
		"build",
		"--source", s.WorkDir,
		"--config", config,
		"--destination", dest,
		"--cacheDir", filepath.Join(s.WorkDir, "cache"),
		"--quiet",
		"--panicOnWarning=false",
	})
	if err != nil {
		return fmt.Errorf("hugo: %w", err)
	}
	return nil
}

// MassChange is how many changed files at once Hugo's server takes for a
// mass edit: it then waits 4 s for things to settle before it builds the
// whole site again (Hugo v0.165.0, commands/hugobuilder.go and server.go).
const MassChange = 50

// RebuildAll makes the running server (Serve) of s build the whole site
// again at once, after a change of more than MassChange files: Hugo's
// server builds at once when its configuration changes, so the
// configuration is written again, unchanged. Editing every figure of a
// quarterly file then showed in 2.44 s rather than 6.59 s (BENCHMARKS.md).
func RebuildAll(s Site) error {
	_, err := s.configFile()
	return err
}

// Serve runs Hugo's development server with live reload on the given port,
// until the process is interrupted. Hugo watches the content and layout
// folders itself; perfsite rewrites the content folder when the data changes.
//
// It runs in Hugo's fast render mode (Hugo's default): after a change Hugo
// renders again only the changed pages that a browser has open or opened
// recently, and any other page when it is next asked for. On a council
// site this halves the time from saving a CSV to the browser reloading
// (1.24 s to 0.70 s, BENCHMARKS.md), because Hugo no longer renders the
// 400 or so pages that a change of one figure touches before it reloads.
func Serve(s Site, port int) error {
	config, err := s.configFile()
	if err != nil {
		return err
	}
	running.Lock()
	defer running.Unlock()
	return commands.Execute([]string{
		"server",
		"--source", s.WorkDir,
		"--config", config,
		"--cacheDir", filepath.Join(s.WorkDir, "cache"),
		"--port", fmt.Sprint(port),
	})
}
