// Package quality runs the site quality suite (.ci/quality: accessibility,
// keyboard, HTML validity, links, page weight, third-party requests, print)
// as part of "go test ./...", so that the README's one test command checks
// the built site too. The suite is Node code driving Debian's Chromium; it
// needs `npm ci` and Chromium. Without them the test is skipped on a
// developer's machine and fails in CI (CI=true), where they must be there.
package quality

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/browsertest"
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
		browsertest.Missing(t, "node")
	}
	browsertest.NodeModules(t, repo, "playwright-core")
	browsertest.Chromium(t) // the suite finds it as browsertest does

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
