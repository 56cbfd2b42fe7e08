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
// dates.go) and an optional reason. The source is the file's text, for a
// report to show.
func parseRevisions(file string, src []byte, probs *model.Problems) ([]model.Revision, model.Source) {
	before := len(*probs)
	text, ok := csvText(file, src, probs)
	if !ok {
		return nil, model.Source{Text: text}
	}
	records := parseCSV(file, text, probs)
	if len(records) == 0 {
		if !errorsSince(*probs, before) {
			probs.Errorf(model.Pos{File: file}, revisionsHeaderHint, "the file has no rows")
		}
		return nil, model.Source{Text: text}
	}
	rows := make([]gridRow, len(records))
	for i, rec := range records {
		rows[i] = recordRow(file, rec, nil)
	}
	g := sliceGrid(file, rows, false)
	header := rows[0]
	columns, need := readHeader(g, header, revisionColumns, requiredRevisionColumns, revisionsHeaderHint, probs)
	if errorsSince(*probs, before) {
		return nil, model.Source{Text: text}
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
		cell := func(name string) (string, gridCell) {
			c := cellAt(name)
			return strings.TrimSpace(c.Text), c
		}
		ok := true
		rv.Measure, _ = cell("measure")
		if text, c := cell("period"); text == "" {
			probs.ErrorfSpan(c.Pos, c.span(), `write the quarter whose figure was revised, like 2023-24-q1`, "the period cell is empty")
			ok = false
		} else if p, err := model.ParsePeriod(text); err != nil {
			probs.ErrorfSpan(c.Pos, c.span(), `write the quarter like 2023-24-q1 or "2023-24 Q1"`, "%v", err)
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
			probs.ErrorfSpan(c.Pos, c.span(), hint, "the previous_value %q is not a number", strings.TrimSpace(c.Text))
			ok = false
		} else if isNum && !saneNumber(v) {
			tooLarge(v, c.Pos, c.span(), "previous_value", probs)
			ok = false
		} else if isNum {
			rv.Previous = &v
			if sign != "" {
				rv.Signs = append(rv.Signs, model.Sign{Column: "previous_value", Symbol: sign, Text: signText(c)})
			}
		}
		if text, c := cell("date"); text == "" {
			probs.ErrorfSpan(c.Pos, c.span(), "write the date the revised figure was published, like 2023-11-14", "the date cell is empty")
			ok = false
		} else if d, shows, prob := parseDateText(text, order); prob != nil {
			probs.ErrorfSpan(c.Pos, c.span(), prob.hint, "%s", prob.msg)
			ok = false
		} else {
			if order == monthFirst && shows == orderUnknown && !warnedOrder {
				// Month first is how Excel writes dates on a computer set
				// to US English: worth saying, once, as it was assumed.
				probs.WarnfSpan(c.Pos, c.span(), "check the computer's region in Excel is United Kingdom, or write dates like 2023-11-14",
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
	return out, model.Source{Text: text}
}
