package bench

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
)

// Machine describes where the benchmark ran.
type Machine struct {
	CPU    string `json:"cpu"`    // the model, from /proc/cpuinfo
	Cores  int    `json:"cores"`  // runtime.NumCPU, as nproc
	Memory string `json:"memory"` // MemTotal, from /proc/meminfo
	Go     string `json:"go"`
	FS     string `json:"fs"` // the file system the benchmark wrote to
}

// DescribeMachine describes this machine and the file system of dir.
func DescribeMachine(dir string) Machine {
	m := Machine{CPU: "unknown CPU", Cores: runtime.NumCPU(), Memory: "unknown", Go: runtime.Version(), FS: dir}
	if v := procField("/proc/cpuinfo", "model name"); v != "" {
		m.CPU = v
	}
	if v := procField("/proc/meminfo", "MemTotal"); v != "" {
		var kb int64
		if _, err := fmt.Sscanf(v, "%d kB", &kb); err == nil {
			m.Memory = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) == nil {
		kind := fmt.Sprintf("file system type %#x", st.Type)
		switch st.Type {
		case 0x01021994:
			kind = "tmpfs"
		case 0xef53:
			kind = "ext4"
		}
		m.FS = kind + " (" + dir + ")"
	}
	return m
}

// procField is the value of the first "key : value" line of a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
