package load_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

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

// BenchmarkLoadWorkbook reads a site whose quarter is a workbook of 5,000
// rows, its values formatted as percentages: every cell is looked up for
// its type, style and how Excel shows it (for a report to show it).
// go test -run - -bench LoadWorkbook -count 5 ./internal/load
func BenchmarkLoadWorkbook(b *testing.B) {
	dir := b.TempDir()
	if err := gen.Write(dir, gen.Config{Measures: 5000, Services: 10, Quarters: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	quarters, err := filepath.Glob(filepath.Join(dir, "data", "quarters", "*.csv"))
	if err != nil || len(quarters) != 1 {
		b.Fatalf("quarters %v: %v", quarters, err)
	}
	if err := os.Remove(quarters[0]); err != nil {
		b.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10})
	if err != nil {
		b.Fatal(err)
	}
	w, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	w.SetRow("A1", []any{"measure", "value", "target", "national", "status", "note"})
	for i := range 5000 {
		ref, _ := excelize.CoordinatesToCellName(1, i+2)
		w.SetRow(ref, []any{fmt.Sprintf("measure-%04d", i), excelize.Cell{StyleID: percent, Value: 0.5 + float64(i%40)/100}, 0.9, 0.88, "", "Figures for the quarter are provisional."})
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.SaveAs(strings.TrimSuffix(quarters[0], ".csv") + ".xlsx"); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := load.Load(dir); err != nil {
			b.Fatal(err)
		}
	}
}
