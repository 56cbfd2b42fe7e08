// Package quality runs the site quality suite (.ci/quality: accessibility,
// keyboard, HTML validity, links, page weight, third-party requests, print,
// the interactive chart, search, copy buttons) as part of "go test ./...",
// so that the README's one test command checks the built site too. The
// suite is Node code driving Debian's Chromium; it needs `npm ci` and
// Chromium. Without them the test is skipped on a developer's machine and
// fails in CI (CI=true), where they must be there.
package quality

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestSiteQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("the site quality suite takes minutes; run without -short")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing(t, "node")
	}
	if _, err := os.Stat(filepath.Join(repo, "node_modules", "playwright-core", "package.json")); err != nil {
		missing(t, "node_modules/playwright-core (run npm ci)")
	}
	if _, err := os.Stat(chromium()); err != nil {
		missing(t, "Chromium at "+chromium())
	}

	// Stop a little before go test's own deadline, so that a slow run fails
	// with the suite's output rather than a bare timeout.
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-20*time.Second))
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, "node", ".ci/quality/run.mjs")
	cmd.Dir = repo
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the site quality suite failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}

// missing stops t because what it needs, what, is not installed: on a
// developer's machine the suite is optional and t is skipped, but in CI
// (CI set, as .ci/run sets it after installing Chromium and npm ci) t
// fails, lest the suite pass there without running.
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("the site quality suite needs %s; .ci/run installs it", what)
	}
	t.Skipf("the site quality suite needs %s", what)
}

// chromium is the Chromium the suite drives (lib/browser.mjs): Debian's,
// or PERFSITE_CHROMIUM.
func chromium() string {
	if p := os.Getenv("PERFSITE_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}
