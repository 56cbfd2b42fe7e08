package model

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in a source file. Line and Col count from 1; a zero Line
// means "the whole file" and a zero Col means "the whole line". In a
// spreadsheet (Sheet is set), Line is the row and Col the column number.
type Pos struct {
	File  string
	Line  int
	Col   int
	Sheet string // the sheet of a spreadsheet; empty for a text file
}

// String formats the position as file:line:col, leaving out what is unknown;
// a spreadsheet cell as Excel writes a reference, "file: Sheet1!C14".
// The file and sheet names are written through SafeText.
func (p Pos) String() string {
	file := SafeText(p.File)
	switch {
	case p.Sheet != "" && p.Line > 0:
		return file + ": " + SafeText(p.Cell())
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
	}
}

// Source is what load keeps of a file it read until the problems found
// after it (by check) are given their spans (load.Annotate).
type Source struct {
	// Text is a text file's content as load read it: UTF-8 (a CSV file
	// in Windows-1252 decoded), without a byte order mark.
	Text string
	// Cells are the cells of a workbook's tables that show something, as
	// Excel shows them, by sheet, row (Line) and column; the keys' File
	// is empty.
	Cells map[Pos]string
}

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error stops the build: nothing is published.
	Error Severity = iota
	// Warning is reported, and the build goes on.
	Warning
)

// Problem is one thing wrong with the input, located in a file so that a
// person can go and fix it.
type Problem struct {
	Pos      Pos
	Severity Severity
	Message  string
	Hint     string // what to do about it; may be empty
	// Span is the text at Pos, for a report to show under the problem;
	// nil when there is none to show: a problem about a whole file, or
	// in a file whose text was not read. It is filled by load, which has
	// the files' text (load.Annotate), so that a report reads no file.
	Span *TextSpan
}

// TextSpan is the text a problem points at, as a report shows it: the
// line of a text file, or a spreadsheet cell's content as Excel shows it,
// and the characters of it that the problem is about. (Span, a stretch of
// time, is what a figure covers.)
type TextSpan struct {
	// Text is the line, without its line ending, or the cell's content.
	Text string
	// Start and End are the characters of Text underlined, counting
	// from 1 as Pos.Col does: from Start up to, not including, End. Both
	// are 0 when the problem is about the line as a whole.
	Start, End int
}

// String formats the problem as "file:line:col: message", and the hint
// on a line of its own, indented. Everything from the site in it goes
// through SafeText, so that the problem is always these one or two lines.
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Pos.String())
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(SafeText(p.Message))
	if p.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(SafeText(p.Hint))
	}
	return b.String()
}

// Problems is a list of problems collected from all the stages of a build.
type Problems []Problem

// Errorf adds an error at pos.
func (ps *Problems) Errorf(pos Pos, hint, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf adds a warning at pos.
func (ps *Problems) Warnf(pos Pos, hint, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// ErrorfSpan adds an error at pos, with the text to show under it.
func (ps *Problems) ErrorfSpan(pos Pos, span *TextSpan, hint, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...), Hint: hint, Span: span})
}

// WarnfSpan adds a warning at pos, with the text to show under it.
func (ps *Problems) WarnfSpan(pos Pos, span *TextSpan, hint, format string, args ...any) {
	*ps = append(*ps, Problem{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...), Hint: hint, Span: span})
}

// HasErrors reports whether any problem is an error rather than a warning.
func (ps Problems) HasErrors() bool {
	for _, p := range ps {
		if p.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ps Problems) Count() (errors, warnings int) {
	for _, p := range ps {
		if p.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sort orders problems by file, line and column, so that a person can work
// down the list one file at a time.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i].Pos, ps[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Error makes a list of problems usable as an error value.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}
