package build

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/publish"
)

// TestInterruptedBuild kills a build half way and checks that public/ is
// intact. The build runs in a child process (this test binary, running
// TestInterruptHelper), which is killed with SIGKILL, as by a power cut or
// "kill -9", at three points: as soon as it has made its staging folder,
// once Hugo has written its first file, and once Hugo has written half the
// site. Each time the public/ folder must be exactly the site that
// was there before (or, if the kill came after the swap, exactly the new
// site: never a mixture), and the next build must succeed, publish, and
// leave nothing behind.
func TestInterruptedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site in a child process")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	// The complete new site, to compare against.
	reference := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: root, Dest: reference}); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, reference)

	stages := []struct {
		name string
		// ready reports, given the staging folder, when to kill.
		ready func(staging string) bool
	}{
		{"staging folder made", func(string) bool { return true }},
		{"first file written", func(s string) bool { return countFiles(s) >= 1 }}, // a download, before Hugo starts
		{"half the site written", func(s string) bool { return countFiles(s) >= len(want)/2 }},
	}
	for _, stage := range stages {
		t.Run(stage.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			old := map[string]string{"index.html": "the site that was there before", "measures/old/index.html": "an old page", publish.MarkerName: "built by perfsite"}
			writeFiles(t, dest, old)
			before := snapshot(t, dest)

			killed, leftovers := killBuild(t, root, dest, stage.ready)
			after := snapshot(t, dest)
			switch {
			case reflect.DeepEqual(after, before):
				t.Logf("killed at %q: public/ is the old site; left next to it: %v", stage.name, leftovers)
			case reflect.DeepEqual(after, want):
				t.Logf("killed at %q after the swap: public/ is the whole new site", stage.name)
			default:
				t.Fatalf("after a build killed at %q, public/ is neither the old site nor the new one: %s", stage.name, describe(after, before, want))
			}
			if !killed {
				t.Logf("the build finished before it could be killed at %q", stage.name)
			}
			for _, l := range leftovers {
				if !strings.HasPrefix(l, ".perfsite-") && l != "public" {
					t.Errorf("the killed build left %s next to public/", l)
				}
			}

			// The next build cleans up, publishes and leaves nothing behind.
			if _, err := Build(Options{Source: root, Dest: dest}); err != nil {
				t.Fatal(err)
			}
			if got := snapshot(t, dest); !reflect.DeepEqual(got, want) {
				t.Errorf("the build after the killed one did not publish the whole site: %s", describe(got, before, want))
			}
			if got := names(t, parent); !reflect.DeepEqual(got, []string{"public"}) {
				t.Errorf("left next to public/ after the next build: %v", got)
			}
		})
	}
}

// TestInterruptHelper is the build that TestInterruptedBuild kills.
func TestInterruptHelper(t *testing.T) {
	source, dest := os.Getenv("PERFSITE_INTERRUPT_SOURCE"), os.Getenv("PERFSITE_INTERRUPT_DEST")
	if source == "" {
		t.Skip("run by TestInterruptedBuild")
	}
	if _, err := Build(Options{Source: source, Dest: dest}); err != nil {
		t.Fatal(err)
	}
}

// killBuild starts a build of source into dest in a child process and
// kills it once its staging folder next to dest is ready. It reports
// whether the child was killed (rather than finishing first) and what it
// left next to dest.
func killBuild(t *testing.T, source, dest string, ready func(staging string) bool) (killed bool, leftovers []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(),
		"PERFSITE_INTERRUPT_SOURCE="+source,
		"PERFSITE_INTERRUPT_DEST="+dest,
		"TMPDIR="+t.TempDir(), // its work folder, left behind by the kill
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	parent := filepath.Dir(dest)
	deadline := time.After(2 * time.Minute)
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("the build failed by itself: %v\n%s", err, out.String())
			}
			return false, names(t, parent)
		case <-deadline:
			_ = cmd.Process.Kill()
			<-done
			t.Fatalf("the build took too long\n%s", out.String())
		default:
		}
		if staging := stagingOf(parent); staging != "" && ready(staging) {
			_ = cmd.Process.Kill()
			err := <-done
			if err == nil {
				return false, names(t, parent) // it finished just before
			}
			return true, names(t, parent)
		}
		time.Sleep(time.Millisecond)
	}
}

// stagingOf finds the staging folder of a build into parent/public.
func stagingOf(parent string) string {
	matches, _ := filepath.Glob(filepath.Join(parent, ".perfsite-staging-public-*"))
	if len(matches) == 0 {
		return ""
	}
	return matches[0]
}

func countFiles(dir string) int {
	n := 0
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// names lists the entries of dir, sorted (as os.ReadDir returns them).
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// describe says how a tree differs from the old and the new site.
func describe(got, old, new map[string][]byte) string {
	var onlyOld, missing, differ int
	for name, b := range got {
		if _, ok := old[name]; ok {
			onlyOld++
		}
		if nb, ok := new[name]; ok && !bytes.Equal(nb, b) {
			differ++
		}
	}
	for name := range new {
		if _, ok := got[name]; !ok {
			missing++
		}
	}
	return fmt.Sprintf("%d entries: %d from the old site, %d of the new site missing, %d differing from the new site", len(got), onlyOld, missing, differ)
}
