package hugo

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func cpu() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}

func TestZZExp(t *testing.T) {
	g := os.Getenv("ZZ_GEN")
	if g == "" {
		t.Skip()
	}
	layouts := os.Getenv("ZZ_LAYOUTS")
	if layouts == "" {
		layouts = filepath.Join(g, "layouts")
	}
	s := Site{WorkDir: g, ContentDir: filepath.Join(g, "generated/content"), LayoutDirs: []string{layouts},
		AssetDirs: []string{filepath.Join(g, "assets")}, Title: "x", Language: "en",
		Params: map[string]any{"interactive_charts": os.Getenv("ZZ_NOJS") == "", "latest": "Q4", "latest_url": "quarters/x/"}}
	if os.Getenv("ZZ_STATIC") != "" {
		s.StaticDirs = []string{filepath.Join(g, "generated/static")}
	}
	os.RemoveAll("/dev/shm/p7/zzout")
	c0, w0 := cpu(), time.Now()
	if err := Build(s, "/dev/shm/p7/zzout"); err != nil {
		t.Fatal(err)
	}
	t.Logf("wall %.2f cpu %.2f", time.Since(w0).Seconds(), cpu()-c0)
}
