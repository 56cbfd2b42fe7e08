package main

import (
	"os"
	"runtime/debug"
)

// Hugo keeps every page it builds in memory for the whole build, and a
// national site (130,000 pages) is large. perfsite therefore tunes Go's
// garbage collector, unless GOGC or GOMEMLIMIT say otherwise
// (BENCHMARKS.md, "Memory"):
//
//   - it collects less often (GOGC=400 rather than 100): less CPU time for
//     more memory;
//   - it keeps the Go runtime's memory under a soft limit of 5.25 GiB,
//     near which the collector works harder instead: national builds
//     peaked at 4.97-5.03 GiB with it, one without it at 8.27 GiB. A
//     council site never comes near it.
const (
	gcPercent   = 400
	memoryLimit = 5376 << 20 // 5.25 GiB
)

func limitMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
