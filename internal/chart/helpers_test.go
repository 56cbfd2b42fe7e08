package chart

import (
	"github.com/perfsite/perfsite/internal/derive/derivetest"
)

// The measures drawn by these tests (internal/derive/derivetest), under
// short names.
var (
	cal = derivetest.Cal
	f   = derivetest.F
)
