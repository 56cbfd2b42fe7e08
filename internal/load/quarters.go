package load

import (
	"path"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/suggest"
)

// The columns of a quarterly data file. Only measure and value are required.
var (
	quarterColumns  = []string{"measure", "value", "target", "national", "status", "note", "period"}
	requiredColumns = []string{"measure", "value"}
)

// parseQuarter reads one quarterly data file. The quarter comes from the file
// name (2023-24-q2.csv) or, row by row, from a period column.
func parseQuarter(file string, src []byte, probs *model.Problems) model.QuarterFile {
	qf := model.QuarterFile{File: file}
	if !checkText(file, src, probs) {
		return qf
	}
	before := len(*probs)
	records := parseCSV(file, src, probs)
	if len(records) == 0 {
		if len(*probs) == before {
			probs.Errorf(model.Pos{File: file}, "the first row names the columns: measure,value,target,national,status,note", "the file has no rows")
		}
		return qf
	}
	header := records[0]
	columns := map[string]int{}
	for i, f := range header.Fields {
		name := strings.ToLower(strings.TrimSpace(f.Text))
		pos := model.Pos{File: file, Line: f.Line, Col: f.Col}
		switch {
		case name == "":
			probs.Errorf(pos, "give every column a name, or delete the empty column", "column %d has no name", i+1)
		case !contains(quarterColumns, name):
			hint := suggest.DidYouMean(name, quarterColumns)
			if hint == "" {
				hint = "the columns are " + strings.Join(quarterColumns, ", ")
			}
			probs.Errorf(pos, hint, "unknown column %q", f.Text)
		default:
			if _, dup := columns[name]; dup {
				probs.Errorf(pos, "delete one of the two columns", "the column %q appears twice", name)
			}
			columns[name] = i
		}
	}
	for _, name := range requiredColumns {
		if _, ok := columns[name]; !ok {
			probs.Errorf(model.Pos{File: file, Line: header.Line, Col: 1},
				"the first row must name the columns, for example: measure,value,target,national,status,note",
				"the required column %q is missing", name)
		}
	}
	if len(*probs) > before {
		return qf
	}

	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	filePeriod, nameErr := model.ParsePeriod(base)
	_, hasPeriodColumn := columns["period"]
	if nameErr != nil && !hasPeriodColumn {
		probs.Errorf(model.Pos{File: file}, "name the file after its quarter, like 2023-24-q2.csv, or add a period column",
			"the file name %q is not a quarter and the file has no period column", path.Base(file))
		return qf
	}
	if nameErr == nil {
		qf.Periods = append(qf.Periods, filePeriod)
	}
	seen := map[model.Period]bool{}

	for _, rec := range records[1:] {
		if len(rec.Fields) != len(header.Fields) {
			last := rec.Fields[len(rec.Fields)-1]
			col := last.Col
			if len(rec.Fields) > len(header.Fields) {
				col = rec.Fields[len(header.Fields)].Col
			}
			probs.Errorf(model.Pos{File: file, Line: rec.Line, Col: col},
				`a cell that contains a comma must be in quotes: "like, this"`,
				"this row has %d cells but the header has %d", len(rec.Fields), len(header.Fields))
			continue
		}
		row := model.Row{Pos: model.Pos{File: file, Line: rec.Line, Col: 1}, Fields: map[string]model.Pos{}}
		cell := func(name string) (string, model.Pos, bool) {
			i, ok := columns[name]
			if !ok {
				return "", model.Pos{}, false
			}
			f := rec.Fields[i]
			pos := model.Pos{File: file, Line: f.Line, Col: f.Col}
			row.Fields[name] = pos
			return strings.TrimSpace(f.Text), pos, true
		}
		number := func(name string) *float64 {
			text, pos, ok := cell(name)
			if !ok || text == "" {
				return nil
			}
			v, err := strconv.ParseFloat(text, 64)
			if err != nil || strings.ContainsAny(text, "xXpPnN_") {
				probs.Errorf(pos, numberHint(text), "the %s %q is not a number", name, text)
				return nil
			}
			return &v
		}
		row.Measure, _, _ = cell("measure")
		row.Value = number("value")
		row.Target = number("target")
		row.National = number("national")
		row.Note, _, _ = cell("note")
		if text, pos, ok := cell("status"); ok && text != "" {
			st := model.Status(strings.ReplaceAll(strings.ToLower(text), " ", "-"))
			if !containsStatus(model.OverrideStatuses, st) {
				probs.Errorf(pos, "leave the status empty to have it worked out from the target, or write on-track, close or off-track",
					"the status %q is not one of on-track, close, off-track", text)
			} else {
				row.Status = st
			}
		}
		row.Period = filePeriod
		if text, pos, ok := cell("period"); ok && text != "" {
			p, err := model.ParsePeriod(text)
			switch {
			case err != nil:
				probs.Errorf(pos, `write the quarter like "2023-24 Q2"`, "%v", err)
				continue
			case nameErr == nil && p != filePeriod:
				probs.Errorf(pos, "move the row to the file for its quarter, or leave the period empty",
					"this row is for %s but the file is named for %s", text, base)
				continue
			}
			row.Period = p
		} else if nameErr != nil {
			probs.Errorf(model.Pos{File: file, Line: rec.Line, Col: 1}, `write the quarter like "2023-24 Q2"`,
				"this row has no period, and the file name is not a quarter")
			continue
		}
		if !seen[row.Period] && nameErr != nil {
			qf.Periods = append(qf.Periods, row.Period)
		}
		seen[row.Period] = true
		qf.Rows = append(qf.Rows, row)
	}
	return qf
}

// numberHint explains what a number should look like, given what was typed.
func numberHint(text string) string {
	if strings.ContainsAny(text, "%£$,") {
		return "write plain numbers, without %, £ or commas: 94.9 rather than 94.9%, 15000000 rather than £15,000,000"
	}
	return "write a number such as 94.9, or leave the cell empty if there is no figure"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsStatus(list []model.Status, s model.Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
