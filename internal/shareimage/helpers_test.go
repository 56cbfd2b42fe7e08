package shareimage

import (
	"testing"

	"github.com/perfsite/perfsite/internal/derive/derivetest"
)

// The measures of internal/chart's tests, which drew these images before
// they had a package of their own (TestShareImageUnchanged's hash is of
// previewMeasures()[1]).
var (
	cal = derivetest.Cal
	f   = derivetest.F
)

// painter is a Painter in the default colours.
func painter(t testing.TB) *Painter {
	t.Helper()
	p, err := NewPainter(DefaultTheme())
	if err != nil {
		t.Fatal(err)
	}
	return p
}
