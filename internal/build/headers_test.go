package build

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The security headers that netlify.toml sets, and the same policy as a
// <meta> in the layouts, for hosts that cannot set headers.

type netlifyConfig struct {
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
}

func readNetlify(t *testing.T) netlifyConfig {
	t.Helper()
	var cfg netlifyConfig
	if _, err := toml.DecodeFile(filepath.Join("..", "..", "netlify.toml"), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// headersFor returns the headers that Netlify sends for path: the values
// of every matching rule, a later rule's value of a header replacing an
// earlier one's (as the Netlify CLI's headersForPath does).
func headersFor(cfg netlifyConfig, path string) map[string]string {
	out := map[string]string{}
	for _, h := range cfg.Headers {
		if netlifyMatch(h.For, path) {
			for k, v := range h.Values {
				out[k] = v
			}
		}
	}
	return out
}

// netlifyMatch matches a path against a Netlify "for" pattern, in which *
// stands for any run of characters.
func netlifyMatch(pattern, path string) bool {
	parts := strings.Split(pattern, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$").MatchString(path)
}

// policy parses a Content-Security-Policy into its directives.
func policy(t *testing.T, s string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, d := range strings.Split(s, ";") {
		fields := strings.Fields(d)
		if len(fields) == 0 {
			continue
		}
		name := strings.ToLower(fields[0])
		if _, dup := out[name]; dup {
			t.Errorf("the policy has %s twice: %s", name, s)
		}
		out[name] = fields[1:]
	}
	return out
}

// metaPolicy is the policy in layouts/_partials/csp.html.
func metaPolicy(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "layouts", "_partials", "csp.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindSubmatch(b)
	if m == nil {
		t.Fatal("layouts/_partials/csp.html has no Content-Security-Policy <meta>")
	}
	return string(m[1])
}

func TestSecurityHeaders(t *testing.T) {
	cfg := readNetlify(t)
	pages := []string{"/", "/measures/care-leavers-eet/", "/measures/care-leavers-eet/2023-24-q2/", "/data/measures.csv", "/js/chart.abc.js", "/404.html"}
	embeds := []string{"/measures/care-leavers-eet/embed/", "/measures/care-leavers-eet/embed/index.html"}
	check := func(path, wantAncestors string) map[string][]string {
		h := headersFor(cfg, path)
		for name, want := range map[string]string{
			"X-Content-Type-Options": "nosniff",
			"Referrer-Policy":        "strict-origin-when-cross-origin",
		} {
			if h[name] != want {
				t.Errorf("%s: %s is %q, want %q", path, name, h[name], want)
			}
		}
		pp := h["Permissions-Policy"]
		for _, feature := range []string{"camera=()", "microphone=()", "geolocation=()"} {
			if !strings.Contains(pp, feature) {
				t.Errorf("%s: Permissions-Policy %q does not turn off %s", path, pp, feature)
			}
		}
		csp := h["Content-Security-Policy"]
		if csp == "" {
			t.Fatalf("%s: no Content-Security-Policy", path)
		}
		p := policy(t, csp)
		if got := strings.Join(p["frame-ancestors"], " "); got != wantAncestors {
			t.Errorf("%s: frame-ancestors %q, want %q", path, got, wantAncestors)
		}
		// Scripts from the site itself only: never inline, never eval.
		if got := strings.Join(p["script-src"], " "); got != "'self'" {
			t.Errorf("%s: script-src %q, want 'self'", path, got)
		}
		for name, sources := range p {
			for _, s := range sources {
				switch strings.ToLower(s) {
				case "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "http:", "https:", "*":
					if !(name == "frame-ancestors" && s == "*") {
						t.Errorf("%s: %s allows %s", path, name, s)
					}
				}
			}
		}
		for name, want := range map[string]string{"default-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "style-src": "'self'"} {
			if got := strings.Join(p[name], " "); got != want {
				t.Errorf("%s: %s %q, want %q", path, name, got, want)
			}
		}
		return p
	}
	var main map[string][]string
	for _, path := range pages {
		main = check(path, "'none'")
	}
	for _, path := range embeds {
		p := check(path, "*")
		// The embed pages differ only in who may frame them.
		delete(p, "frame-ancestors")
		m := copyPolicy(main)
		delete(m, "frame-ancestors")
		if got, want := canonical(p), canonical(m); got != want {
			t.Errorf("%s: policy %q differs from the other pages' %q in more than frame-ancestors", path, got, want)
		}
	}

	// The <meta> policy is the header's without frame-ancestors.
	meta := policy(t, metaPolicy(t))
	if _, ok := meta["frame-ancestors"]; ok {
		t.Error("the <meta> policy has frame-ancestors, which browsers ignore in a <meta>")
	}
	m := copyPolicy(main)
	delete(m, "frame-ancestors")
	if got, want := canonical(meta), canonical(m); got != want {
		t.Errorf("the <meta> policy\n  %s\ndiffers from the header's without frame-ancestors\n  %s", got, want)
	}
}

func copyPolicy(p map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range p {
		out[k] = v
	}
	return out
}

// canonical writes a policy with its directives in order.
func canonical(p map[string][]string) string {
	var ds []string
	for k, v := range p {
		ds = append(ds, strings.Join(append([]string{k}, v...), " "))
	}
	sort.Strings(ds)
	return strings.Join(ds, "; ")
}

// TestNetlifyMatch checks the matcher the header test relies on.
func TestNetlifyMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/measures/eet/", true},
		{"/measures/*/embed/*", "/measures/eet/embed/", true},
		{"/measures/*/embed/*", "/measures/eet/embed/index.html", true},
		{"/measures/*/embed/*", "/measures/eet/", false},
		{"/measures/*/embed/*", "/measures/embed/", false},
		{"/*.csv", "/data/measures.csv", true},
	} {
		if got := netlifyMatch(tc.pattern, tc.path); got != tc.want {
			t.Errorf("netlifyMatch(%q, %q) = %v", tc.pattern, tc.path, got)
		}
	}
}
