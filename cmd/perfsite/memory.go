package main

import (
	"os"
	"runtime/debug"
)

// Hugo keeps every page in memory for the whole build, so a national site
// (130,000 pages) holds about 4 GiB. perfsite therefore tunes Go's garbage
// collector, unless GOGC or GOMEMLIMIT say otherwise (BENCHMARKS.md):
//
//   - it collects less often (GOGC=400 rather than 100): an eighth less
//     CPU time on the council site, for about 1 GiB of memory instead of
//     0.7;
//   - it keeps the Go runtime's memory under a soft limit of 5.25 GiB,
//     near which the collector works harder instead: without it, a
//     national build would peak at 9 GB; with it, at 5.7 GB, in the same
//     time within the noise (a lower limit, 5 GiB, cost 10% more time). A
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
