// Package report prints problems for a person to act on: grouped by file,
// each with the offending line and a caret under the place, a hint, and a
// final count ("3 errors and 2 warnings in 2 files"). Colour is used only
// when the output is a terminal that wants it. The same report is drawn as
// HTML for the preview server's error page, and the package also draws the
// progress line of a long build.
package report

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/perfsite/perfsite/internal/model"
)

// Printer writes reports. It shows the line or cell a problem points at
// from the problem's span (model.TextSpan, which load fills): it reads no file.
type Printer struct {
	Color bool // ANSI colours and bold
}

// ForTerminal returns a printer for w, with colour when w is a terminal,
// NO_COLOR is not set and TERM is not "dumb".
func ForTerminal(w io.Writer) Printer {
	return Printer{Color: WantsColor(w)}
}

// IsTerminal reports whether w is a terminal (not a file, pipe or CI log).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// WantsColor reports whether output to w should be coloured.
func WantsColor(w io.Writer) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set || os.Getenv("TERM") == "dumb" {
		return false
	}
	return IsTerminal(w)
}

// ANSI styles.
const (
	reset  = "\x1b[0m"
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
)

func (pr Printer) style(s, codes string) string {
	if !pr.Color || s == "" {
		return s
	}
	return codes + s + reset
}

// Problems writes every problem, grouped by file in the order given (sort
// them first), then the count. It writes nothing for no problems.
func (pr Printer) Problems(w io.Writer, ps model.Problems) {
	if len(ps) == 0 {
		return
	}
	var b strings.Builder
	for _, group := range byFile(ps) {
		errs, warns := group.Count()
		title := model.SafeText(group[0].Pos.File)
		if title == "" {
			title = "(no file)"
		}
		fmt.Fprintf(&b, "%s %s\n", pr.style(title, bold), pr.style("("+countText(errs, warns)+")", dim))
		shown, more := capped(group)
		for _, p := range shown {
			pr.problem(&b, p)
		}
		if more != "" {
			fmt.Fprintf(&b, "  %s\n", more)
		}
		b.WriteString("\n")
	}
	b.WriteString(pr.style(Summary(ps), bold))
	b.WriteString("\n")
	io.WriteString(w, b.String())
}

// LinesOnly writes problems in the classic one-line form "file:line:col:
// message", hints indented under them, for editors and CI annotations: at
// most MaxPerFile a file, then "file: and N more problems in this file".
func (pr Printer) LinesOnly(w io.Writer, ps model.Problems) {
	var b strings.Builder
	for _, group := range groupByFile(ps) {
		shown, more := capped(group)
		for _, p := range shown {
			b.WriteString(p.String())
			b.WriteByte('\n')
		}
		if more != "" {
			fmt.Fprintf(&b, "%s: %s\n", model.SafeText(group[0].Pos.File), more)
		}
	}
	io.WriteString(w, b.String())
}

// MaxPerFile is the most problems shown for one file: a file of 100,000
// rows with the same mistake in each would otherwise print 100,000
// problems, which nobody reads, and the first few say what to fix.
const MaxPerFile = 20

// capped returns the first MaxPerFile problems of one file's, and, if
// there are more, the line that says how many more.
func capped(group model.Problems) (model.Problems, string) {
	if len(group) <= MaxPerFile {
		return group, ""
	}
	rest := group[MaxPerFile:]
	return group[:MaxPerFile], "and " + plural(len(rest), "more problem", "more problems") + " in this file"
}

func (pr Printer) problem(b *strings.Builder, p model.Problem) {
	sev, colour := "Error", red
	if p.Severity == model.Warning {
		sev, colour = "Warning", yellow
	}
	fmt.Fprintf(b, "  %s%s %s\n", pr.style(sev+where(p.Pos), bold+colour), pr.style(":", bold+colour), model.SafeText(p.Message))
	if ex, ok := excerptOf(p); ok {
		gutter := strings.Repeat(" ", utf8.RuneCountInString(ex.label))
		fmt.Fprintf(b, "    %s %s %s\n", pr.style(ex.label, dim), pr.style("|", dim), ex.text)
		if ex.width > 0 {
			fmt.Fprintf(b, "    %s %s %s%s\n", gutter, pr.style("|", dim), strings.Repeat(" ", ex.col-1), pr.style(strings.Repeat("^", ex.width), bold+colour))
		}
	}
	hint := p.Hint
	if hint == "" {
		hint = FallbackHint(p.Pos.File)
	}
	if hint != "" {
		fmt.Fprintf(b, "    %s %s\n", pr.style("Hint:", cyan), model.SafeText(hint))
	}
}

// where says where in the file a problem is, in words.
func where(pos model.Pos) string {
	switch {
	case pos.Line <= 0:
		return ""
	case pos.Sheet != "":
		return " in cell " + model.SafeText(pos.Cell())
	case pos.Col <= 0:
		return fmt.Sprintf(" on line %d", pos.Line)
	default:
		return fmt.Sprintf(" on line %d, column %d", pos.Line, pos.Col)
	}
}

// FallbackHint is the hint for a problem that has none of its own: where
// the file's format is explained.
func FallbackHint(file string) string {
	switch {
	case strings.HasPrefix(file, "data/quarters/"):
		return `README.md explains the quarterly data files, under "Your site folder"`
	case strings.HasPrefix(file, "data/measures"):
		return "README.md lists every key of a [[measure]] and what it means"
	case strings.HasPrefix(file, "content/minutes/"):
		return "README.md lists the settings a minutes summary can have; `perfsite new minutes` writes a commented example"
	case strings.HasPrefix(file, "data/"), strings.HasPrefix(file, "content/"):
		return `README.md explains each file of a site, under "Your site folder"`
	}
	return ""
}

// Summary counts problems and the files they are in: "3 errors and 2
// warnings in 2 files", or "No problems found".
func Summary(ps model.Problems) string {
	errs, warns := ps.Count()
	if errs+warns == 0 {
		return "No problems found"
	}
	files := map[string]bool{}
	for _, p := range ps {
		files[p.Pos.File] = true
	}
	text := countText(errs, warns)
	return strings.ToUpper(text[:1]) + text[1:] + " in " + plural(len(files), "file", "files")
}

func countText(errs, warns int) string {
	switch {
	case errs > 0 && warns > 0:
		return plural(errs, "error", "errors") + " and " + plural(warns, "warning", "warnings")
	case errs > 0:
		return plural(errs, "error", "errors")
	default:
		return plural(warns, "warning", "warnings")
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// byFile splits problems into runs by file, keeping their order, with the
// problems of one file together even if the list was not sorted; the files
// with errors come before those with only warnings, which a person can
// leave for later.
func byFile(ps model.Problems) []model.Problems {
	groups := groupByFile(ps)
	sort.SliceStable(groups, func(i, j int) bool {
		return groups[i].HasErrors() && !groups[j].HasErrors()
	})
	return groups
}

func groupByFile(ps model.Problems) []model.Problems {
	index := map[string]int{}
	var groups []model.Problems
	for _, p := range ps {
		i, ok := index[p.Pos.File]
		if !ok {
			i = len(groups)
			index[p.Pos.File] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], p)
	}
	return groups
}
