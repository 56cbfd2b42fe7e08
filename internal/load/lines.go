package load

import (
	"bytes"
	"io/fs"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/sitefs"
)

// SourceLines finds the text a problem points at in the files of a site,
// for reports that show the offending line: a line of a text file, or a
// spreadsheet cell's content as Excel shows it. Files are read once.
type SourceLines struct {
	fsys  fs.FS // nil when the site folder cannot be opened
	mu    sync.Mutex
	lines map[string][]string
	books map[string]*excelize.File
}

// NewSourceLines reads the site in dir, through sitefs as Load does: a
// line is never shown from a file outside the site folder, nor read from
// a special file.
func NewSourceLines(dir string) *SourceLines {
	s := &SourceLines{lines: map[string][]string{}, books: map[string]*excelize.File{}}
	if fsys, err := sitefs.Open(dir); err == nil {
		s.fsys = fsys
	}
	return s
}

// Line returns the line, or spreadsheet cell, at pos.
func (s *SourceLines) Line(pos model.Pos) (string, bool) {
	if s == nil || s.fsys == nil || pos.Line <= 0 || pos.File == "" || !fs.ValidPath(pos.File) {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if pos.Sheet != "" {
		return s.cell(pos)
	}
	lines, ok := s.lines[pos.File]
	if !ok {
		src, err := fs.ReadFile(s.fsys, pos.File)
		if err == nil && !bytes.Contains(src, []byte{0}) {
			if strings.EqualFold(path.Ext(pos.File), ".csv") && !utf8.Valid(src) && !mixesUTF8(src) {
				src = []byte(decodeWindows1252(src)) // as load read it (encoding.go)
			}
			text := strings.ReplaceAll(string(stripBOM(src)), "\r\n", "\n")
			lines = strings.Split(strings.ReplaceAll(text, "\r", "\n"), "\n")
		}
		s.lines[pos.File] = lines
	}
	if pos.Line > len(lines) {
		return "", false
	}
	return lines[pos.Line-1], true
}

func (s *SourceLines) cell(pos model.Pos) (string, bool) {
	book, ok := s.books[pos.File]
	if !ok {
		if src, err := fs.ReadFile(s.fsys, pos.File); err == nil {
			book, _ = excelize.OpenReader(bytes.NewReader(src), xlsxLimits)
		}
		s.books[pos.File] = book
	}
	if book == nil || pos.Col <= 0 {
		return "", false
	}
	ref, err := excelize.CoordinatesToCellName(pos.Col, pos.Line)
	if err != nil {
		return "", false
	}
	text, err := book.GetCellValue(pos.Sheet, ref)
	if err != nil {
		return "", false
	}
	if text == "" {
		if f, err := book.GetCellFormula(pos.Sheet, ref); err == nil && f != "" {
			text = "=" + f
		}
	}
	return text, true
}
