package load

import (
	"strings"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// csvField is one cell of a CSV file and where it is: it starts at Line
// and Col, on the line that starts at the byte LineStart of the file's
// text, and ends before the column End of that line (or at its end, for a
// quoted cell that goes on to the next line).
type csvField struct {
	Text      string
	Line, Col int
	LineStart int
	End       int
}

// csvRecord is one row of a CSV file.
type csvRecord struct {
	Line   int
	Fields []csvField
	// Src is the file's text, for the spans of the cells' problems; ""
	// for a file whose lines are not shown (showable).
	Src string
}

// parseCSV splits RFC 4180 CSV into records, keeping the line and column of
// every cell (encoding/csv only reports positions of errors, and reports an
// unclosed quote where the file ends rather than where the quote opens).
// Blank rows, and rows of empty cells that spreadsheets leave at the end, are
// skipped. A quote inside an unquoted cell is kept as it is. s is the
// file's text, without a byte order mark.
func parseCSV(file string, s string, probs *model.Problems) []csvRecord {
	var records []csvRecord
	eachCSVRecord(file, s, probs, func(rec csvRecord) bool {
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
// s, the file's text without a byte order mark, not a copy.
func eachCSVRecord(file string, s string, probs *model.Problems, fn func(csvRecord) bool) {
	src := ""
	if showable(s) {
		src = s
	}
	line, col := 1, 1
	lineStart := 0 // the offset of the line
	i := 0
	var fields []csvField
	var text strings.Builder
	for i < len(s) {
		rec := csvRecord{Line: line, Fields: fields[:0], Src: src}
		for {
			f := csvField{Line: line, Col: col, LineStart: lineStart}
			if i < len(s) && s[i] == '"' {
				text.Reset()
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
						line, col, lineStart = line+1, 1, i
					} else {
						col++
					}
				}
				f.End = col
				if line != f.Line { // the cell goes on to the next line: up to its first line's end
					first := lineAt(s, f.LineStart)
					f.End = utf8.RuneCountInString(first) + 1
				}
				if !closed {
					probs.ErrorfSpan(model.Pos{File: file, Line: f.Line, Col: f.Col}, f.span(src),
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
					after := csvField{Line: line, Col: col, LineStart: lineStart, End: col + utf8.RuneCountInString(s[start:i])}
					probs.ErrorfSpan(model.Pos{File: file, Line: line, Col: col}, after.span(src),
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
				f.End = col
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
		line, col, lineStart = line+1, 1, i
		fields = rec.Fields
		if !blankRecord(rec) && !fn(rec) {
			return
		}
	}
}

// span is the span of the cell in src, the text of its file: the cell as
// written, quotes and all, less the spaces at its end; nil when src is ""
// (a file whose lines are not shown).
func (f csvField) span(src string) *model.TextSpan {
	if src == "" {
		return nil
	}
	line := lineAt(src, f.LineStart)
	runes := []rune(line)
	if f.Col > len(runes)+1 { // after a lone \r in a quoted cell, which a report shows as a line's end
		return &model.TextSpan{Text: line}
	}
	return model.SpanBetween(line, f.Col, min(f.End, len(runes)+1))
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
