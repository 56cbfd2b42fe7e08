package load

import (
	"path"
	"strings"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// Spans: the text a report shows under a problem (model.TextSpan), filled
// here, while load has each file's text, so that a report reads no file.
// Where the extent of what a problem is about is known when the problem
// is made, the problem carries it: a CSV cell's, from the parser (csv.go,
// gridCell.span), and a workbook cell's content as Excel shows it (xlsx.go).
// Every other problem with a line, load's own and those check finds in
// what load read, is given its span from its position and the text load
// keeps of the file (model.Input.Sources): annotate underlines what starts
// at the column, as the file's format writes it (model.LineSpan).

// keepSource adds what load keeps of a file to sources: a workbook's
// cells, or a text file's text without a byte order mark, if its lines
// can be shown.
func keepSource(sources map[string]model.Source, file string, src model.Source) {
	if src.Cells != nil || src.Text != "" && showable(src.Text) {
		src.Text = strings.TrimPrefix(src.Text, "\uFEFF")
		sources[file] = src
	}
}

// showable reports whether the lines of a text can be shown: a file that
// holds a NUL byte is a file of another kind with a text file's name.
func showable(text string) bool { return strings.IndexByte(text, 0) < 0 }

// Annotate gives every problem that has no span the text its position
// points at, in the files that in.Sources holds, then lets go of them
// (in.Sources is nil after). Call it once the problems of the stages that
// read in (check) are known.
func Annotate(in *model.Input, probs model.Problems) {
	annotate(in.Sources, probs)
	in.Sources = nil
}

// annotate gives every problem that has no span the text its position
// points at in sources: the line of a text file, or a workbook's cell.
// A problem about a whole file, or a line or cell the file does not have,
// gets none.
func annotate(sources map[string]model.Source, probs model.Problems) {
	lines := map[string]*lineIndex{} // made once per file, for its first problem
	for i := range probs {
		p := &probs[i]
		src, ok := sources[p.Pos.File]
		if p.Span != nil || p.Pos.Line <= 0 || !ok {
			continue
		}
		if p.Pos.Sheet != "" {
			if p.Pos.Col > 0 {
				p.Span = cellSpan(src.Cells[model.Pos{Sheet: p.Pos.Sheet, Line: p.Pos.Line, Col: p.Pos.Col}])
			}
			continue
		}
		x, ok := lines[p.Pos.File]
		if !ok {
			x = newLineIndex(src.Text)
			lines[p.Pos.File] = x
		}
		if text, ok := x.line(p.Pos.Line); ok {
			p.Span = model.LineSpan(text, p.Pos.Col, strings.EqualFold(path.Ext(p.Pos.File), ".csv"))
		}
	}
}

// lineIndex finds the lines of a text: a line ends at \n, \r\n or a lone
// \r, as a CSV file's records do.
type lineIndex struct {
	text   string
	starts []int // the offset of each line
}

func newLineIndex(text string) *lineIndex {
	x := &lineIndex{text: text, starts: []int{0}}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			x.starts = append(x.starts, i+1)
		case '\n':
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

// line is line n, counting from 1, without its line ending.
func (x *lineIndex) line(n int) (string, bool) {
	if n < 1 || n > len(x.starts) {
		return "", false
	}
	return lineAt(x.text, x.starts[n-1]), true
}

// lineAt is the line of text that starts at the offset start, without its
// line ending.
func lineAt(text string, start int) string {
	line := text[start:]
	if end := strings.IndexAny(line, "\r\n"); end >= 0 {
		line = line[:end]
	}
	return line
}

// cellSpan is the span of a workbook cell: its whole content, as Excel
// shows it; nil for a cell that shows nothing.
func cellSpan(shown string) *model.TextSpan {
	if strings.TrimSpace(shown) == "" {
		return nil
	}
	return &model.TextSpan{Text: shown, Start: 1, End: utf8.RuneCountInString(shown) + 1}
}
