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
	s := string(stripBOM(src))
	line, col := 1, 1
	i := 0
	for i < len(s) {
		rec := csvRecord{Line: line}
		for {
			f := csvField{Line: line, Col: col}
			var text strings.Builder
			if i < len(s) && s[i] == '"' {
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
					return records
				}
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
				text.WriteString(s[start:i])
				col += utf8.RuneCountInString(s[start:i])
			}
			f.Text = text.String()
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
		if !blankRecord(rec) {
			records = append(records, rec)
		}
	}
	return records
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
