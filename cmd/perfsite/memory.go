package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is Go's GOGC for perfsite, unless GOGC says otherwise. A
// build makes its pages one at a time and keeps none, so a larger heap
// buys little: collecting less often (400) cost more CPU time in fresh
// memory's page faults than it saved, and more often (100 or less) cost
// more in collection. Measured with farm-bench, pair by pair against 400
// (BENCHMARKS.md, "The latest speed work"): the council site 0.97 times
// the wall time, the national one 0.92 times and 1.57 GiB of peak memory
// against 2.62.
const gcPercent = 150

func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
