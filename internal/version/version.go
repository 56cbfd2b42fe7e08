// Package version says which perfsite is running, from the build
// information Go writes into every binary: a release installed with
// "go install github.com/perfsite/perfsite/cmd/perfsite@v1.2.0", or built
// from a tagged checkout, knows its version (v1.2.0); a build of an
// untagged commit knows that commit. A release is made by pushing a tag
// vX.Y.Z: Go does the rest, with no flags to set.
package version

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// Info is what a binary knows of its version.
type Info struct {
	Version  string // the module version: "v1.2.0", a pseudo-version, or "" for a development build
	Revision string // the commit it was built from, when built from a checkout
	Modified bool   // built from a checkout with changes not committed
}

// Read returns the running binary's version.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{}
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) Info {
	var info Info
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		info.Version = v
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// String is the version as "perfsite --version" prints it: "v1.2.0", or
// "development build (commit 1a2b3c4d5e6f, with changes)".
func (i Info) String() string {
	if i.Version != "" && !strings.Contains(i.Version, "+dirty") {
		return i.Version
	}
	s := "development build"
	if i.Revision != "" {
		s += " (commit " + i.Revision[:min(12, len(i.Revision))]
		if i.Modified || strings.Contains(i.Version, "+dirty") {
			s += ", with changes"
		}
		s += ")"
	}
	return s
}

// releaseRE matches a released version: v1.2.0 or v1.2.0-rc.1, not a
// pseudo-version such as v0.0.0-20240101120000-1a2b3c4d5e6f, which names a
// commit that may never have been published.
var (
	releaseRE = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$`)
	pseudoRE  = regexp.MustCompile(`[0-9]{14}-[0-9a-f]{12}$`)
)

// Release returns the version if it is a published release, which
// "go install ...@VERSION" can install anywhere; else "".
func (i Info) Release() string {
	if releaseRE.MatchString(i.Version) && !pseudoRE.MatchString(i.Version) {
		return i.Version
	}
	return ""
}
