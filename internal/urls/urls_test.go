package urls

import "testing"

// The addresses of pages under each kind of base URL: under its path,
// each part percent-encoded, whole addresses kept as they are.
func TestLinkAndAbsolute(t *testing.T) {
	for _, c := range []struct{ base, path, link, absolute string }{
		{"", "measures/x/", "/measures/x/", "/measures/x/"},
		{"", "", "/", "/"},
		{"https://example.org/", "", "/", "https://example.org/"},
		{"https://example.org", "/measures/x/", "/measures/x/", "https://example.org/measures/x/"},
		{"https://example.org/performance", "", "/performance/", "https://example.org/performance/"},
		{"https://example.org/performance", "minutes/Q2 report #2/", "/performance/minutes/Q2%20report%20%232/", "https://example.org/performance/minutes/Q2%20report%20%232/"},
		{"https://council.gov.uk/perf/ormance/", "data/measures.csv", "/perf/ormance/data/measures.csv", "https://council.gov.uk/perf/ormance/data/measures.csv"},
		{"https://example.org/performance/", "a:b/", "/performance/a%3Ab/", "https://example.org/performance/a%3Ab/"},
		{"https://example.org/performance/", "https://other.org/x", "https://other.org/x", "https://other.org/x"},
		{"https://example.org/performance/", "MAILTO:a@b", "MAILTO:a@b", "MAILTO:a@b"},
	} {
		b := NewBase(c.base)
		if got := b.Link(c.path); got != c.link {
			t.Errorf("NewBase(%q).Link(%q) = %q, want %q", c.base, c.path, got, c.link)
		}
		if got := b.Absolute(c.path); got != c.absolute {
			t.Errorf("NewBase(%q).Absolute(%q) = %q, want %q", c.base, c.path, got, c.absolute)
		}
	}
}
