package load

import (
	"strings"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// csvField is one cell of a CSV file and where it starts.
type csvField struct {
	Text      string
	Line, Col int
}

// csvRecord is one row of a CSV file.
type csvRecord struct {
	Line   int
	Fields []csvField
}

// parseCSV splits RFC 4180 CSV into records, keeping the line and column of
// every cell (encoding/csv only reports positions of errors, and reports an
// unclosed quote where the file ends rather than where the quote opens).
// Blank rows, and rows of empty cells that spreadsheets leave at the end, are
// skipped. A quote inside an unquoted cell is kept as it is.
func parseCSV(file string, src []byte, probs *model.Problems) []csvRecord {
	var records []csvRecord
	eachCSVRecord(file, src, probs, func(rec csvRecord) bool {
		rec.Fields = append([]csvField(nil), rec.Fields...)
		records = append(records, rec)
		return true
	})
	return records
}

// eachCSVRecord is parseCSV one record at a time, so that a large file is
// never held as records as well as text: fn gets each record, whose
// Fields are reused for the next (fn copies what it keeps; the texts are
// its own), and returns false to stop. An unquoted cell's text is part of
// src's text, not a copy.
func eachCSVRecord(file string, src []byte, probs *model.Problems, fn func(csvRecord) bool) {
	s := string(stripBOM(src))
	line, col := 1, 1
	i := 0
	var fields []csvField
	var text strings.Builder
	for i < len(s) {
		rec := csvRecord{Line: line, Fields: fields[:0]}
		for {
			f := csvField{Line: line, Col: col}
			if i < len(s) && s[i] == '"' {
				text.Reset()
				openLine, openCol := line, col
				i++
				col++
				closed := false
				for i < len(s) {
					r, size := utf8.DecodeRuneInString(s[i:])
					if r == '"' {
						if i+1 < len(s) && s[i+1] == '"' {
							text.WriteByte('"')
							i += 2
							col += 2
							continue
						}
						i++
						col++
						closed = true
						break
					}
					text.WriteRune(r)
					i += size
					if r == '\n' {
						line, col = line+1, 1
					} else {
						col++
					}
				}
				if !closed {
					probs.Errorf(model.Pos{File: file, Line: openLine, Col: openCol},
						`add the closing " at the end of the cell; a " inside a quoted cell is written ""`,
						"this quoted cell is never closed: the quote opened here runs to the end of the file")
					return
				}
				f.Text = text.String()
				// Text between the closing quote and the next comma.
				start := i
				for i < len(s) && s[i] != ',' && s[i] != '\n' && s[i] != '\r' {
					i++
				}
				if extra := strings.TrimSpace(s[start:i]); extra != "" {
					probs.Errorf(model.Pos{File: file, Line: line, Col: col},
						`put the whole cell in quotes, and write a " inside it as ""`,
						"unexpected text %q after the closing quote of a cell", extra)
				}
				col += utf8.RuneCountInString(s[start:i])
			} else {
				start := i
				for i < len(s) && s[i] != ',' && s[i] != '\n' && s[i] != '\r' {
					i++
				}
				f.Text = s[start:i]
				col += utf8.RuneCountInString(s[start:i])
			}
			rec.Fields = append(rec.Fields, f)
			if i < len(s) && s[i] == ',' {
				i++
				col++
				continue
			}
			break
		}
		// End of record: \n, \r\n, a lone \r, or the end of the file.
		if i < len(s) && s[i] == '\r' {
			i++
		}
		if i < len(s) && s[i] == '\n' {
			i++
		}
		line, col = line+1, 1
		fields = rec.Fields
		if !blankRecord(rec) && !fn(rec) {
			return
		}
	}
}

func blankRecord(r csvRecord) bool {
	for _, f := range r.Fields {
		if strings.TrimSpace(f.Text) != "" {
			return false
		}
	}
	return true
}

// raggedHint says how to mend a CSV row with the wrong number of cells:
// too many is nearly always a comma inside a cell; too few, cells left out.
func raggedHint(cells, columns int) string {
	if cells > columns {
		return `a cell that contains a comma must be in quotes: "like, this"`
	}
	return "give the row one cell per column; an empty cell is fine (two commas in a row), but it must be there"
}
