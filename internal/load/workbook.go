package load

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
)

// Which sheets of a workbook are read, as councils keep them:
//
//   - A workbook with sheets named as quarters ("Q2 2024-25", "2024-25
//     Q2", "Jul-Sep 2024", "Q2 2024/25": parseQuarterName) is read sheet by
//     sheet, each sheet's name giving its quarter; the file's own name need
//     not be a quarter, and is not used.
//   - Any other workbook is read from its first sheet, like a CSV file
//     named as the workbook is.
//   - Either way, a sheet may be a wide table (one row per measure, one
//     column per quarter: wide.go).
//   - A sheet that is not read is reported with a warning, unless it is
//     empty or named as notes ("About the measures", "Notes", "Read me":
//     noteSheets), which perfsite new quarter --xlsx writes itself.
//
// How the workbook was read is said in QuarterFile.Read, which perfsite
// check prints.

// noteSheets are the beginnings of the names of sheets that hold notes for
// the people who fill a workbook in, not figures: they are not read, and
// not warned about.
var noteSheets = []string{"about", "notes", "note", "read me", "readme", "instructions", "guidance", "help", "contents"}

// parseWorkbook reads the sheets of a workbook that hold figures. The
// source is their cells as Excel shows them, for a report to show.
func parseWorkbook(file string, src []byte, cal model.Calendar, probs *model.Problems) (model.QuarterFile, model.Source) {
	qf := model.QuarterFile{File: file}
	shown := map[model.Pos]string{}
	f, ok := openWorkbook(file, src, probs)
	if !ok {
		return qf, model.Source{}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		probs.Errorf(model.Pos{File: file}, "put the data on the first sheet", "the workbook has no sheets")
		return qf, model.Source{}
	}
	type quarterSheet struct {
		name   string
		period model.Period
	}
	var quarterSheets []quarterSheet
	for _, name := range sheets {
		if p, ok := parseQuarterName(name, cal); ok {
			quarterSheets = append(quarterSheets, quarterSheet{name, p})
		}
	}

	read := map[string]bool{}
	var said []string // what was read, sheet by sheet
	if len(quarterSheets) == 0 {
		sheet := sheets[0]
		read[sheet] = true
		before := len(*probs)
		g, ok := readSheet(f, file, sheet, shown, probs)
		if !ok {
			return qf, model.Source{Cells: shown}
		}
		qf = interpretQuarter(g, fileQuarter(file, cal), cal, before, probs)
		if qf.Read == "" {
			qf.Read = "one row per measure"
		}
		qf.Read = "read the sheet " + strconv.Quote(sheet) + " as " + qf.Read
	} else {
		seen := map[model.Period]string{}
		for _, qs := range quarterSheets {
			read[qs.name] = true
			if other, dup := seen[qs.period]; dup {
				probs.Errorf(model.Pos{File: file, Sheet: qs.name}, "keep one sheet per quarter: delete or rename one of them",
					"the sheet %q is for %s, as the sheet %q is", qs.name, cal.Label(qs.period), other)
				continue
			}
			seen[qs.period] = qs.name
			before := len(*probs)
			g, ok := readSheet(f, file, qs.name, shown, probs)
			if !ok || g.Lines == 0 {
				continue // an empty sheet, perhaps made ready for a quarter to come
			}
			name := tableName{period: qs.period, ok: true, text: qs.name, what: "sheet"}
			part := interpretQuarter(g, name, cal, before, probs)
			qf.Periods = append(qf.Periods, part.Periods...)
			qf.Rows = append(qf.Rows, part.Rows...)
			how := cal.Label(qs.period)
			if part.Read != "" {
				how = part.Read
			}
			said = append(said, strconv.Quote(qs.name)+" ("+how+")")
		}
		qf.Read = "read sheet by sheet, one quarter a sheet: " + strings.Join(said, ", ")
	}
	for _, sheet := range sheets {
		if read[sheet] || isNoteSheet(sheet) || sheetIsEmpty(f, sheet) {
			continue
		}
		hint := `perfsite reads the first sheet; to have it read every sheet, name each after its quarter, like "Q2 2024-25"`
		if len(quarterSheets) > 0 {
			hint = `perfsite reads the sheets named as quarters; if this one holds a quarter's figures, name it after the quarter, like "Q2 2024-25"`
		}
		probs.Warnf(model.Pos{File: file, Sheet: sheet}, hint, "the sheet %q is ignored", sheet)
	}
	return qf, model.Source{Cells: shown}
}

// isNoteSheet reports whether a sheet's name says it holds notes.
func isNoteSheet(name string) bool {
	lower := strings.ToLower(strings.TrimSpace(name))
	for _, n := range noteSheets {
		if lower == n || strings.HasPrefix(lower, n+" ") {
			return true
		}
	}
	return false
}

// sheetIsEmpty reports whether a sheet has no cell with anything in it.
// It reads the sheet one row at a time, and within readSheet's bounds: a
// sheet beyond them is not taken for empty.
func sheetIsEmpty(f *excelize.File, sheet string) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false
	}
	defer rows.Close()
	for r := 1; rows.Next(); r++ {
		values, err := rows.Columns()
		if err != nil || r > maxXLSXRows || len(values) > maxXLSXColumns {
			return false
		}
		for _, c := range values {
			if strings.TrimSpace(c) != "" {
				return false
			}
		}
	}
	return rows.Error() == nil
}

// ReadNotes says how each workbook, and each table with one column per
// quarter, was read, one line a file ("data/quarters/2024-25.xlsx: read
// sheet by sheet, ..."), for perfsite check to print: the layout perfsite
// found is not always the one the person meant. An ordinary CSV file has
// no line.
func ReadNotes(in *model.Input) []string {
	var out []string
	for _, qf := range in.Quarters {
		if qf.Read != "" {
			out = append(out, qf.File+": "+qf.Read)
		}
	}
	return out
}
