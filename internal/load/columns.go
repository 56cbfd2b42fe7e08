package load

import (
	"slices"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/suggest"
)

// The columns of a data file as people keep them (README.md, "Columns
// perfsite ignores"):
//
//   - a column with no name and nothing in it is ignored: Excel writes one
//     for a column that once held something;
//   - a column that repeats what data/measures.toml says (helperColumns:
//     the measure's title, its service, its unit), kept to help whoever
//     fills the file in, is ignored without a word;
//   - a column whose name is a near miss of a column perfsite reads, and
//     that the file lacks ("valu", "notes"), or shares a word with it
//     ("Actual value", "RAG status"), is an error
//     with "did you mean": its figures would otherwise be lost, and a lost
//     target or value changes what the site says;
//   - any other column ("Directorate", "Lead officer") is ignored with a
//     warning that says so.

// helperColumns are the columns that repeat a measure's definition, read as
// nothing and without a warning.
var helperColumns = []string{"title", "name", "measure name", "measure title", "description", "service", "unit", "better"}

// readHeader reads the header row of a data file, the first of g's, whose
// columns may be known, in any order and case; required are the columns it must
// have, and missingHint says what the header should look like. It reports
// unnamed columns that hold something, unknown, repeated and missing
// columns, and returns each known column's index and need, the number of
// cells a row must have: up to its last column that is not an empty one
// without a name.
func readHeader(g grid, header gridRow, known, required []string, missingHint string, probs *model.Problems) (columns map[string]int, need int) {
	columns = map[string]int{}
	present := map[string]bool{}
	for _, f := range header.Cells {
		present[strings.ToLower(strings.TrimSpace(f.Text))] = true
	}
	var absent []string
	for _, k := range known {
		if !present[k] {
			absent = append(absent, k)
		}
	}
	filled := filledUnnamed(g, header)
	for i, f := range header.Cells {
		name := strings.ToLower(strings.TrimSpace(f.Text))
		switch {
		case name == "":
			if filled[i] {
				probs.ErrorfSpan(f.Pos, f.span(), "give the column a name in the first row, or delete the column", "%s has no name", columnName(g, i))
				need = i + 1
			}
			continue
		case slices.Contains(helperColumns, name):
		case slices.Contains(known, name):
			if _, dup := columns[name]; dup {
				probs.ErrorfSpan(f.Pos, f.span(), "delete one of the two columns", "the column %q appears twice", name)
			}
			columns[name] = i
		case len(columnsLike(name, absent)) > 0:
			probs.ErrorfSpan(f.Pos, f.span(), suggest.DidYouMeanOneOf(columnsLike(name, absent)), "unknown column %q", strings.TrimSpace(f.Text))
		default:
			probs.WarnfSpan(f.Pos, f.span(), "perfsite reads the columns "+strings.Join(known, ", ")+
				" (and ignores title, service and unit, which repeat data/measures.toml); delete this column, or rename it if it holds one of those",
				"the column %q is not one perfsite reads, so it is ignored", strings.TrimSpace(f.Text))
		}
		need = i + 1
	}
	for _, name := range required {
		if _, ok := columns[name]; !ok {
			probs.Errorf(header.Pos, missingHint, "the required column %q is missing", name)
		}
	}
	return columns, need
}

// columnsLike returns the columns of absent that name is probably meant
// as: a near miss ("valu", "notes"), or a name that shares a word with one
// ("Actual value", "old_value" for previous_value, "RAG status").
func columnsLike(name string, absent []string) []string {
	if like := suggest.Similar(name, absent); len(like) > 0 {
		return like
	}
	var like []string
	for _, word := range columnWords(name) {
		for _, a := range absent {
			if len(word) >= 4 && slices.Contains(columnWords(a), word) && !slices.Contains(like, a) {
				like = append(like, a)
			}
		}
	}
	return like
}

// columnWords splits a column's name into its words.
func columnWords(name string) []string {
	return strings.FieldsFunc(name, func(r rune) bool { return r == ' ' || r == '_' || r == '-' || r == '(' || r == ')' || r == '/' })
}

// filledUnnamed is the columns of header with no name that hold
// something in a row below it: a column Excel leaves empty at the end is
// ignored, one with values is an error. One pass over the rows for all of
// them (none when every column has a name): a file may have many such
// columns, and a million rows.
func filledUnnamed(g grid, header gridRow) map[int]bool {
	var unnamed []int
	for i, f := range header.Cells {
		if strings.TrimSpace(f.Text) == "" {
			unnamed = append(unnamed, i)
		}
	}
	filled := map[int]bool{}
	if len(unnamed) == 0 {
		return filled
	}
	first := true
	for r := range g.Again {
		if first {
			first = false // the header
			continue
		}
		for _, i := range unnamed {
			if i < len(r.Cells) && trimCell(r.Cells[i].Text) != "" {
				filled[i] = true
			}
		}
		if len(filled) == len(unnamed) {
			break
		}
	}
	return filled
}

// columnName names a column as its file's program does: "column G" in a
// workbook, "column 7" in a CSV file.
func columnName(g grid, i int) string {
	if g.Spreadsheet {
		return "column " + model.ColumnName(i+1)
	}
	return "column " + strconv.Itoa(i+1)
}

// fitCSVRow gives a CSV row one cell per column of the header. Empty cells
// after the header's last column, which Excel writes for a column that
// once held something, are dropped; a filled one is an error. A row may
// leave out the cells of the empty columns without a name at the end
// (need), not others. ok is false when the row is not read.
func fitCSVRow(rec gridRow, width, need int, probs *model.Problems) (_ gridRow, ok bool) {
	if len(rec.Cells) > width {
		for _, c := range rec.Cells[width:] {
			if trimCell(c.Text) != "" {
				probs.ErrorfSpan(c.Pos, c.span(), raggedHint(len(rec.Cells), width), "this row has %d cells but the header has %d", len(rec.Cells), width)
				return rec, false
			}
		}
		rec.Cells = rec.Cells[:width]
	}
	if len(rec.Cells) < need {
		probs.ErrorfSpan(rec.Cells[len(rec.Cells)-1].Pos, rec.Cells[len(rec.Cells)-1].span(), raggedHint(len(rec.Cells), width), "this row has %d cells but the header has %d", len(rec.Cells), width)
		return rec, false
	}
	for len(rec.Cells) < width {
		last := rec.Cells[len(rec.Cells)-1].Pos
		last.Col++
		rec.Cells = append(rec.Cells, gridCell{Pos: last})
	}
	return rec, true
}
