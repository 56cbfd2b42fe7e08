package load_test

import (
	"testing"

	"github.com/perfsite/perfsite/internal/gen"
	"github.com/perfsite/perfsite/internal/load"
)

// BenchmarkLoad reads a generated council site: 2,000 measures, 20
// quarters (40,000 rows of CSV), with every number through the number
// rules. go test -run - -bench Load -count 5 ./internal/load
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, gen.Config{Measures: 2000, Services: 10, Quarters: 20, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := load.Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
