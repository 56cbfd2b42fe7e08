package version

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	for _, tc := range []struct {
		main     string
		settings map[string]string
		str, rel string
	}{
		{"v1.2.0", nil, "v1.2.0", "v1.2.0"},
		{"v1.3.0-rc.1", nil, "v1.3.0-rc.1", "v1.3.0-rc.1"},
		{"v0.0.0-20240101120000-1a2b3c4d5e6f", nil, "v0.0.0-20240101120000-1a2b3c4d5e6f", ""},
		{"v1.2.1-0.20240101120000-1a2b3c4d5e6f+dirty", map[string]string{"vcs.revision": "1a2b3c4d5e6f7a8b9c0d"},
			"development build (commit 1a2b3c4d5e6f, with changes)", ""},
		{"(devel)", map[string]string{"vcs.revision": "1a2b3c4d5e6f7a8b9c0d", "vcs.modified": "false"}, "development build (commit 1a2b3c4d5e6f)", ""},
		{"(devel)", nil, "development build", ""},
	} {
		bi := &debug.BuildInfo{Main: debug.Module{Version: tc.main}}
		for k, v := range tc.settings {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: k, Value: v})
		}
		info := fromBuildInfo(bi)
		if got := info.String(); got != tc.str {
			t.Errorf("%s: String() = %q, want %q", tc.main, got, tc.str)
		}
		if got := info.Release(); got != tc.rel {
			t.Errorf("%s: Release() = %q, want %q", tc.main, got, tc.rel)
		}
	}
	// The test binary itself has build information.
	if Read().String() == "" {
		t.Error("no version")
	}
}
