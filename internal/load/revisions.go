package load

import (
	"strconv"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/suggest"
)

// revisionsFile is the optional record of figures changed after they were
// published.
const revisionsFile = "data/revisions.csv"

// The columns of data/revisions.csv. Only reason is optional.
var (
	revisionColumns         = []string{"measure", "period", "previous_value", "date", "reason"}
	requiredRevisionColumns = []string{"measure", "period", "previous_value", "date"}
)

const revisionsHeaderHint = "the first row names the columns: measure,period,previous_value,date,reason"

// parseRevisions reads data/revisions.csv: one row per revision of a
// published figure, with the figure as it was before (previous_value: empty
// when the quarter was first published without a figure), the date the
// revised figure was published (YYYY-MM-DD) and an optional reason.
func parseRevisions(file string, src []byte, probs *model.Problems) []model.Revision {
	if !checkText(file, src, probs) {
		return nil
	}
	before := len(*probs)
	records := parseCSV(file, src, probs)
	if len(records) == 0 {
		if len(*probs) == before {
			probs.Errorf(model.Pos{File: file}, revisionsHeaderHint, "the file has no rows")
		}
		return nil
	}
	header := records[0]
	columns := map[string]int{}
	for i, f := range header.Fields {
		name := strings.ToLower(strings.TrimSpace(f.Text))
		pos := model.Pos{File: file, Line: f.Line, Col: f.Col}
		switch {
		case name == "":
			probs.Errorf(pos, "give every column a name, or delete the empty column", "column %d has no name", i+1)
		case !contains(revisionColumns, name):
			hint := suggest.DidYouMean(name, revisionColumns)
			if hint == "" {
				hint = "the columns are " + strings.Join(revisionColumns, ", ")
			}
			probs.Errorf(pos, hint, "unknown column %q", f.Text)
		default:
			if _, dup := columns[name]; dup {
				probs.Errorf(pos, "delete one of the two columns", "the column %q appears twice", name)
			}
			columns[name] = i
		}
	}
	for _, name := range requiredRevisionColumns {
		if _, ok := columns[name]; !ok {
			probs.Errorf(model.Pos{File: file, Line: header.Line, Col: 1}, revisionsHeaderHint,
				"the required column %q is missing", name)
		}
	}
	if len(*probs) > before {
		return nil
	}

	var out []model.Revision
	for _, rec := range records[1:] {
		if len(rec.Fields) != len(header.Fields) {
			col := rec.Fields[len(rec.Fields)-1].Col
			if len(rec.Fields) > len(header.Fields) {
				col = rec.Fields[len(header.Fields)].Col
			}
			probs.Errorf(model.Pos{File: file, Line: rec.Line, Col: col}, raggedHint(len(rec.Fields), len(header.Fields)),
				"this row has %d cells but the header has %d", len(rec.Fields), len(header.Fields))
			continue
		}
		rv := model.Revision{Pos: model.Pos{File: file, Line: rec.Line, Col: 1}, Fields: map[string]model.Pos{}}
		cell := func(name string) (string, model.Pos) {
			i, ok := columns[name]
			if !ok {
				return "", model.Pos{}
			}
			f := rec.Fields[i]
			pos := model.Pos{File: file, Line: f.Line, Col: f.Col}
			rv.Fields[name] = pos
			return strings.TrimSpace(f.Text), pos
		}
		ok := true
		rv.Measure, _ = cell("measure")
		if text, pos := cell("period"); text == "" {
			probs.Errorf(pos, `write the quarter whose figure was revised, like 2023-24-q1`, "the period cell is empty")
			ok = false
		} else if p, err := model.ParsePeriod(text); err != nil {
			probs.Errorf(pos, `write the quarter like 2023-24-q1 or "2023-24 Q1"`, "%v", err)
			ok = false
		} else {
			rv.Period = p
		}
		if text, pos := cell("previous_value"); text != "" {
			v, err := strconv.ParseFloat(text, 64)
			if err != nil || strings.ContainsAny(text, "xXpPnN_") {
				probs.Errorf(pos, numberHint(text)+"; leave it empty if the quarter was first published with no figure",
					"the previous_value %q is not a number", text)
				ok = false
			} else {
				rv.Previous = &v
			}
		}
		if text, pos := cell("date"); text == "" {
			probs.Errorf(pos, "write the date the revised figure was published, like 2023-11-14", "the date cell is empty")
			ok = false
		} else if d, err := time.Parse("2006-01-02", text); err != nil {
			probs.Errorf(pos, "write the date as year-month-day, like 2023-11-14", "the date %q is not a date", text)
			ok = false
		} else {
			rv.Date = d
		}
		rv.Reason, _ = cell("reason")
		if ok {
			out = append(out, rv)
		}
	}
	return out
}
