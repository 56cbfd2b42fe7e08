// Package bundle bundles the script of the interactive charts
// (assets/js/chart.js, with the parts of ECharts it imports from
// node_modules) with esbuild, as Hugo's js.Build does, but once for each
// set of inputs: the bundle is kept in the cache (internal/cache) beside
// the hash of every file esbuild read, and used again for as long as none
// of them has changed. Bundling reads some 2 MB of ECharts, 0.2 s of every
// build otherwise (BENCHMARKS.md); the inputs change only when ECharts is
// updated or the script edited.
package bundle

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/perfsite/perfsite/internal/cache"
	"github.com/perfsite/perfsite/internal/model"
)

// version is part of every cache key: change it when the options below do.
// esbuild's own version is in the key too (esbuildVersion).
const version = "1"

// Entry is the script to bundle.
type Entry struct {
	Name       string // as errors show it: "assets/js/chart.js"
	Contents   []byte
	ResolveDir string // the folder its relative imports are found from
}

// Charts bundles entry, whose imports of packages are found in
// nodeModules, into one minified script (an IIFE, for ES2017, as the
// layouts' js.Build does), using the cache c when its inputs are the same.
// A script that esbuild cannot bundle is returned as model.Problems.
func Charts(entry Entry, nodeModules string, c cache.Dir) ([]byte, error) {
	// Where it really is: esbuild reports the files it read by their real
	// paths, relative to this folder.
	nodeModules, err := filepath.EvalSymlinks(nodeModules)
	if err != nil {
		return nil, err
	}
	if nodeModules, err = filepath.Abs(nodeModules); err != nil {
		return nil, err
	}
	// npm rewrites node_modules/.package-lock.json on every install, so a
	// package added or moved that no file read before would now win is
	// seen too.
	lock, _ := hashFile(filepath.Join(nodeModules, ".package-lock.json"))
	key := keyOf(version, esbuildVersion(), entry.Name, entry.ResolveDir, nodeModules, lock, string(entry.Contents))
	if b, ok := c.Get(key); ok {
		if js, ok := fresh(b); ok {
			return js, nil
		}
	}
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   string(entry.Contents),
			ResolveDir: entry.ResolveDir,
			Loader:     api.LoaderJS,
		},
		Bundle:            true,
		Metafile:          true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Target:            api.ES2017,
		Format:            api.FormatIIFE,
		Platform:          api.PlatformBrowser,
		NodePaths:         []string{nodeModules},
		AbsWorkingDir:     nodeModules,
		TsconfigRaw:       "{}", // not whatever tsconfig.json is in a folder above
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		return nil, problems(entry, nodeModules, res.Errors)
	}
	if len(res.OutputFiles) != 1 {
		return nil, model.Problems{{Pos: model.Pos{File: entry.Name}, Message: "esbuild wrote no script"}}
	}
	js := res.OutputFiles[0].Contents
	if kept, err := keep(js, res.Metafile, nodeModules); err == nil {
		c.Put(key, kept)
	}
	return js, nil
}

func keyOf(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// esbuildVersion is the version of esbuild built in ("" if unknown).
func esbuildVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == "github.com/evanw/esbuild" {
				return d.Version
			}
		}
	}
	return ""
}

// kept is what the cache keeps: the bundle and the files it was made from:
// those esbuild read, and the package.json of each (whose "sideEffects"
// and "exports" change what is bundled).
type kept struct {
	Inputs map[string]string `json:"inputs"` // absolute path: SHA-256 of its bytes
	JS     []byte            `json:"js"`
}

// keep describes js and its inputs from esbuild's metafile (whose paths
// are relative to dir) for the cache.
func keep(js []byte, metafile, dir string) ([]byte, error) {
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(metafile), &meta); err != nil {
		return nil, err
	}
	k := kept{Inputs: map[string]string{}, JS: js}
	for p := range meta.Inputs {
		if p == "<stdin>" {
			continue // the entry, whose contents are in the key
		}
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		for _, f := range []string{p, packageOf(p)} {
			if _, done := k.Inputs[f]; f == "" || done {
				continue
			}
			sum, err := hashFile(f)
			if err != nil {
				return nil, err
			}
			k.Inputs[f] = sum
		}
	}
	return json.Marshal(k)
}

// packageOf is the package.json nearest to the file at path, in its folder
// or one above ("" if none).
func packageOf(path string) string {
	for dir := filepath.Dir(path); ; {
		p := filepath.Join(dir, "package.json")
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// fresh returns the bundle kept in b if every file it was made from is
// unchanged.
func fresh(b []byte) ([]byte, bool) {
	var k kept
	if err := json.Unmarshal(b, &k); err != nil || len(k.JS) == 0 {
		return nil, false // not a bundle kept by keep
	}
	for p, want := range k.Inputs {
		if sum, err := hashFile(p); err != nil || sum != want {
			return nil, false
		}
	}
	return k.JS, true
}

func hashFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// problems are esbuild's errors, located in the entry or the file they
// are in (whose name esbuild gives relative to nodeModules).
func problems(entry Entry, nodeModules string, msgs []api.Message) model.Problems {
	var ps model.Problems
	for _, m := range msgs {
		pos := model.Pos{File: entry.Name}
		if l := m.Location; l != nil {
			if l.File != "<stdin>" && l.File != "" {
				pos.File = l.File
				if !filepath.IsAbs(pos.File) {
					pos.File = filepath.Join(nodeModules, pos.File)
				}
			}
			pos.Line, pos.Col = l.Line, l.Column+1
		}
		ps.Errorf(pos, "the interactive charts' script must be JavaScript that esbuild can bundle; "+
			"if it imports from ECharts, run npm ci in the site folder so that node_modules has it",
			"the charts' script cannot be bundled: %s", m.Text)
	}
	return ps
}
