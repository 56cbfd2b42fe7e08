package load

import (
	"strings"

	"github.com/perfsite/perfsite/internal/model"
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
// revised figure was published (2023-11-14, 14/11/2023 or 14 November 2023:
// dates.go) and an optional reason.
func parseRevisions(file string, src []byte, probs *model.Problems) []model.Revision {
	before := len(*probs)
	src, ok := csvText(file, src, probs)
	if !ok {
		return nil
	}
	records := parseCSV(file, src, probs)
	if len(records) == 0 {
		if !errorsSince(*probs, before) {
			probs.Errorf(model.Pos{File: file}, revisionsHeaderHint, "the file has no rows")
		}
		return nil
	}
	rows := make([]gridRow, len(records))
	for i, rec := range records {
		rows[i] = recordRow(file, rec, nil)
	}
	g := sliceGrid(file, rows, false)
	header := rows[0]
	columns, need := readHeader(g, header, revisionColumns, requiredRevisionColumns, revisionsHeaderHint, probs)
	if errorsSince(*probs, before) {
		return nil
	}

	// The order of day and month in the dates, as the file shows it
	// (dates.go): Excel writes dates as the computer's settings say.
	var dateTexts []string
	if i, ok := columns["date"]; ok {
		for _, rec := range rows[1:] {
			if i < len(rec.Cells) {
				dateTexts = append(dateTexts, rec.Cells[i].Text)
			}
		}
	}
	order, orderExample := fileDateOrder(dateTexts)
	warnedOrder := false

	var out []model.Revision
	for _, rec := range rows[1:] {
		rec, fits := fitCSVRow(rec, len(header.Cells), need, probs)
		if !fits {
			continue
		}
		rv := model.Revision{Pos: rec.Pos, Fields: map[string]model.Pos{}}
		cellAt := func(name string) gridCell {
			i, ok := columns[name]
			if !ok {
				return gridCell{}
			}
			rv.Fields[name] = rec.Cells[i].Pos
			return rec.Cells[i]
		}
		cell := func(name string) (string, model.Pos) {
			c := cellAt(name)
			return strings.TrimSpace(c.Text), c.Pos
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
		c := cellAt("previous_value")
		if v, sign, isNum, prob := readNumber(c); prob != nil {
			hint := prob.hint
			if hint == plainNumberHint {
				hint = "write the figure as it was first published, such as 94.9 or 1,234, or leave it empty if the quarter was first published with no figure"
			}
			probs.Errorf(c.Pos, hint, "the previous_value %q is not a number", strings.TrimSpace(c.Text))
			ok = false
		} else if isNum && !saneNumber(v, c.Pos, "previous_value", probs) {
			ok = false
		} else if isNum {
			rv.Previous = &v
			if sign != "" {
				rv.Signs = append(rv.Signs, model.Sign{Column: "previous_value", Symbol: sign, Text: signText(c)})
			}
		}
		if text, pos := cell("date"); text == "" {
			probs.Errorf(pos, "write the date the revised figure was published, like 2023-11-14", "the date cell is empty")
			ok = false
		} else if d, shows, prob := parseDateText(text, order); prob != nil {
			probs.Errorf(pos, prob.hint, "%s", prob.msg)
			ok = false
		} else {
			if order == monthFirst && shows == orderUnknown && !warnedOrder {
				// Month first is how Excel writes dates on a computer set
				// to US English: worth saying, once, as it was assumed.
				probs.Warnf(pos, "check the computer's region in Excel is United Kingdom, or write dates like 2023-11-14",
					"the date %q is read month first, as %s, because %q elsewhere in the file can only be month first",
					text, d.Format("2 January 2006"), orderExample)
				warnedOrder = true
			}
			rv.Date = d
		}
		rv.Reason, _ = cell("reason")
		if ok {
			out = append(out, rv)
		}
	}
	return out
}
