package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/perfsite/perfsite/internal/derive"

	"github.com/perfsite/perfsite/internal/gen"
)

// temporary profiling harness (issue 7); removed before hand-off
func TestZZProf(t *testing.T) {
	if os.Getenv("PERFSITE_PROF") == "" {
		t.Skip()
	}
	src := "/dev/shm/p7/council"
	if _, err := os.Stat(src); err != nil {
		if err := gen.Write(src, gen.Config{Measures: 300, Quarters: 20, Seed: 1}.WithDefaults()); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Build(Options{Source: src, Dest: filepath.Join("/dev/shm/p7", "out-prof")})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d pages %+v", res.Pages, res.Timings)
}

func TestZZRender(t *testing.T) {
	if os.Getenv("PERFSITE_RENDER") == "" {
		t.Skip()
	}
	res, in, err := Check(Options{Source: "/dev/shm/p7/council"})
	if err != nil {
		t.Fatal(err, res)
	}
	os.RemoveAll("/dev/shm/p7/gen")
	os.MkdirAll("/dev/shm/p7/gen", 0o755)
	start := time.Now()
	_, _, err = Prepare(derive.Derive(in), "/dev/shm/p7/council", "/dev/shm/p7/gen")
	t.Log(time.Since(start), err)
}
