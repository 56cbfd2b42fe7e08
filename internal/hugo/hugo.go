// Package hugo is the only package that imports Hugo. perfsite uses Hugo
// as its asset pipeline (Hugo Pipes): the stylesheet, minified, and the
// scripts, bundled and minified by Hugo's esbuild (the interactive charts'
// script with the parts of ECharts it uses, from the site's node_modules),
// each fingerprinted with its Subresource Integrity hash. The pages are
// written by perfsite itself (internal/pages); ARCHITECTURE.md says why.
//
// Hugo runs in-process through commands.Execute, the same entry point as
// the hugo command line: its flags are Hugo's most stable interface. Hugo
// is pinned to an exact version in go.mod; see ARCHITECTURE.md before
// upgrading it.
package hugo

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/gohugoio/hugo/commands"
	hugoversion "github.com/gohugoio/hugo/common/hugo"

	"github.com/perfsite/perfsite/internal/cache"
)

// Assets describes one asset build.
type Assets struct {
	// Dirs are the folders of assets, first wins: the site's own assets/,
	// then perfsite's (a folder like the repository's assets/).
	Dirs []string
	// NodeModules is the site's node_modules folder, from which the
	// interactive charts' script takes ECharts; "" builds no such script.
	NodeModules string
	// Chart is the interactive charts' script (js/chart.js), bundled when
	// NodeModules is set; Scripts are the other scripts, each minified.
	Chart   string
	Scripts []string
	// Stylesheet is the stylesheet, and Extra more CSS put after it (the
	// site's brand colours).
	Stylesheet string
	Extra      []byte
}

// Asset is a built asset: its address from the site's root, its
// integrity hash and its bytes.
type Asset struct {
	URL       string
	Integrity string
	Bytes     []byte
}

// version is part of every cache key: change it when the pipeline does.
const version = "1"

// Hugo keeps some process-wide state while it runs (GOMAXPROCS, its
// loggers), so builds in one process take turns.
var running sync.Mutex

// Build builds the assets a describes, by name ("css/site.css"), in a
// temporary folder under work, or takes them from c when nothing they are
// made from has changed since they were kept.
func Build(a Assets, work string, c cache.Dir) (map[string]Asset, error) {
	key, err := a.key()
	if err != nil {
		return nil, err
	}
	if b, ok := c.Get(key); ok {
		var kept map[string]Asset
		if json.Unmarshal(b, &kept) == nil {
			return kept, nil
		}
	}
	built, err := a.build(work)
	if err != nil {
		return nil, err
	}
	if b, err := json.Marshal(built); err == nil {
		c.Put(key, b)
	}
	return built, nil
}

// key names the build by everything it is made from: every file of the
// asset folders, the installed packages' lock, and the settings.
func (a Assets) key() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00%s\x00", version, hugoversion.CurrentVersion, a.Chart, a.Scripts, a.Stylesheet)
	h.Write(a.Extra)
	for _, dir := range a.Dirs {
		fmt.Fprintf(h, "\x00dir\x00")
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, path)
			fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(b))
			h.Write(b)
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	if a.NodeModules != "" {
		// npm rewrites it on every install: a package added, removed or
		// updated changes it.
		lock, _ := os.ReadFile(filepath.Join(a.NodeModules, ".package-lock.json"))
		fmt.Fprintf(h, "\x00node_modules\x00%s\x00", a.NodeModules)
		h.Write(lock)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// pipeline is the home page's layout of the asset build: it builds each
// asset and writes their addresses and integrity as JSON.
const pipeline = `{{- $out := dict -}}
{{- $opts := dict "minify" true "target" "es2017" "format" "iife" -}}
{{- with resources.Get site.Params.stylesheet -}}
  {{- $css := . -}}
  {{- with resources.Get "perfsite/extra.css" }}{{ $css = slice $css . | resources.Concat site.Params.stylesheet }}{{ end -}}
  {{- with $css | minify | fingerprint "sha384" }}{{ $out = merge $out (dict site.Params.stylesheet (dict "url" .RelPermalink "integrity" .Data.Integrity)) }}{{ end -}}
{{- end -}}
{{- range site.Params.scripts -}}
  {{- $name := . -}}
  {{- with resources.Get $name }}{{ with . | js.Build $opts | fingerprint "sha384" }}{{ $out = merge $out (dict $name (dict "url" .RelPermalink "integrity" .Data.Integrity)) }}{{ end }}{{ end -}}
{{- end -}}
{{- $out | jsonify -}}`

// manifestFile is where the pipeline writes the addresses.
const manifestFile = "index.json"

func (a Assets) build(work string) (map[string]Asset, error) {
	dir, err := os.MkdirTemp(work, "assets-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for _, d := range []string{"layouts", "content", "extra/perfsite", "public", "cache"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "layouts", "home.json"), []byte(pipeline), 0o644); err != nil {
		return nil, err
	}
	scripts := append([]string(nil), a.Scripts...)
	if a.NodeModules != "" && a.Chart != "" {
		// js.Build finds npm packages in node_modules of Hugo's working
		// folder.
		if err := os.Symlink(a.NodeModules, filepath.Join(dir, "node_modules")); err != nil {
			return nil, err
		}
		scripts = append(scripts, a.Chart)
	}
	type mount struct {
		Source string `json:"source"`
		Target string `json:"target"`
	}
	// Declaring mounts for a component replaces Hugo's default mount for
	// it, so every folder is listed; the first mount of a file wins.
	mounts := []mount{{filepath.Join(dir, "content"), "content"}, {filepath.Join(dir, "layouts"), "layouts"}}
	for _, d := range a.Dirs {
		mounts = append(mounts, mount{d, "assets"})
	}
	if len(a.Extra) > 0 {
		if err := os.WriteFile(filepath.Join(dir, "extra", "perfsite", "extra.css"), a.Extra, 0o644); err != nil {
			return nil, err
		}
		mounts = append(mounts, mount{filepath.Join(dir, "extra"), "assets"})
	}
	cfg, err := json.Marshal(map[string]any{
		"baseURL":         "/",
		"disableKinds":    []string{"page", "section", "taxonomy", "term", "rss", "sitemap", "robotstxt", "404"},
		"outputs":         map[string]any{"home": []string{"json"}},
		"enableRobotsTXT": false,
		"params":          map[string]any{"stylesheet": a.Stylesheet, "scripts": scripts},
		"module":          map[string]any{"mounts": mounts},
		// The site's own assets are built here: they may not fetch from
		// the network or read the environment.
		"security": map[string]any{"http": map[string]any{"urls": []string{"none"}}, "funcs": map[string]any{"getenv": []string{"none"}}},
	})
	if err != nil {
		return nil, err
	}
	config := filepath.Join(dir, "hugo.json")
	if err := os.WriteFile(config, cfg, 0o644); err != nil {
		return nil, err
	}
	public := filepath.Join(dir, "public")
	running.Lock()
	err = commands.Execute([]string{
		"build", "--source", dir, "--config", config, "--destination", public,
		"--cacheDir", filepath.Join(dir, "cache"), "--quiet", "--panicOnWarning=false",
	})
	running.Unlock()
	if err != nil {
		return nil, fmt.Errorf("building the stylesheet and scripts: %s", hugoMessage(err, dir, a.Dirs))
	}
	b, err := os.ReadFile(filepath.Join(public, manifestFile))
	if err != nil {
		return nil, err
	}
	var manifest map[string]struct{ URL, Integrity string }
	if err := json.Unmarshal(b, &manifest); err != nil {
		return nil, fmt.Errorf("reading the assets' addresses: %w", err)
	}
	names := make([]string, 0, len(manifest))
	for name := range manifest {
		names = append(names, name)
	}
	sort.Strings(names)
	out := map[string]Asset{}
	for _, name := range names {
		m := manifest[name]
		url := strings.TrimPrefix(m.URL, "/")
		b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(url)))
		if err != nil {
			return nil, err
		}
		out[name] = Asset{URL: url, Integrity: m.Integrity, Bytes: b}
	}
	return out, nil
}

var space = regexp.MustCompile(`\s+`)

// hugoMessage is Hugo's error with the site's asset folders named as the
// site names them (assets/...) and without the temporary folder.
func hugoMessage(err error, tmp string, dirs []string) string {
	msg := err.Error()
	for _, d := range dirs {
		msg = strings.ReplaceAll(msg, d+string(filepath.Separator), "assets/")
	}
	msg = strings.ReplaceAll(msg, tmp+string(filepath.Separator), "")
	return strings.TrimSpace(space.ReplaceAllString(msg, " "))
}
