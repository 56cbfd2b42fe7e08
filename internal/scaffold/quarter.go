package scaffold

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
)

// QuarterOptions are the choices of NewQuarter.
type QuarterOptions struct {
	XLSX bool // write an Excel workbook instead of a CSV file
}

// quarterRow is one measure's row of the new file.
type quarterRow struct {
	m      *model.Measure
	target *float64 // carried forward from the measure's previous row
}

// NewQuarter writes the data file for the quarter named by period (like
// 2023-24-q3): data/quarters/2023-24-q3.csv, with a row for every
// quarterly measure and for every annual measure that reports in that
// quarter, values empty, ready to fill in. Where the measure's previous row
// set its own target (overriding the measure's default), that target is
// carried forward; but a running total (cumulative), whose target grows
// through the year and starts again with it, takes the target of the same
// quarter a year before, if it set one, and the notes say so. It refuses
// to write a quarter that already has a file or rows.
func NewQuarter(dir, period string, opts QuarterOptions) (*Written, error) {
	in, _, cal, err := loadSite(dir)
	if err != nil {
		return nil, err
	}
	p, err := model.ParsePeriod(period)
	if err != nil {
		return nil, err
	}
	slug := cal.Slug(p)
	ext := ".csv"
	if opts.XLSX {
		ext = ".xlsx"
	}
	rel := "data/quarters/" + slug + ext
	for _, other := range []string{".csv", ".xlsx", ".xlsm"} {
		if f := "data/quarters/" + slug + other; exists(dir, f) {
			return nil, fmt.Errorf("%s: %w", f, ErrExists)
		}
	}
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			if r.Period == p {
				return nil, fmt.Errorf("%s already has rows for %s; add the figures there", qf.File, cal.Label(p))
			}
		}
	}

	rows, notes := quarterRows(in, p, cal)
	if len(rows) == 0 {
		return nil, fmt.Errorf("there are no measures to list: define them in data/measures.toml first (perfsite new measure ID)")
	}
	var b []byte
	if opts.XLSX {
		b, err = quarterXLSX(rows, cal.Label(p))
	} else {
		b, err = quarterCSV(rows)
	}
	if err != nil {
		return nil, err
	}
	if err := create(dir, rel, b); err != nil {
		return nil, err
	}
	w := &Written{File: rel}
	w.Notes = append(w.Notes, fmt.Sprintf("It lists %s for %s (%s), with the values empty.", plural(len(rows), "measure"), cal.Label(p), cal.Months(p)))
	w.Notes = append(w.Notes, notes...)
	if latest, ok := latestWithFigures(in); ok && latest.Before(p) {
		w.Notes = append(w.Notes, fmt.Sprintf("Until it has a figure, the site's latest quarter stays %s: the home page, the feeds and What's new describe it, and perfsite check warns that %s has no figures.", cal.Label(latest), cal.Label(p)))
	}
	return w, nil
}

// latestWithFigures is the latest quarter with a figure in the data: the
// site's latest quarter.
func latestWithFigures(in *model.Input) (model.Period, bool) {
	var latest model.Period
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			if r.Value != nil && latest.Before(r.Period) {
				latest = r.Period
			}
		}
	}
	return latest, !latest.IsZero()
}

// quarterRows lists the measures of quarter p, each with the target
// carried forward from its previous row (for a running total, from the
// same quarter a year before), and notes on what was done.
func quarterRows(in *model.Input, p model.Period, cal model.Calendar) ([]quarterRow, []string) {
	ids := map[string]string{}
	for _, m := range in.Measures {
		for _, a := range m.Aliases {
			ids[a] = m.ID
		}
	}
	for _, m := range in.Measures {
		ids[m.ID] = m.ID
	}
	// Each measure's latest row before p, its latest row with a value, and
	// its row for the same quarter a year before.
	latest := map[string]model.Row{}
	reported := map[string]model.Row{}
	yearAgo := map[string]model.Row{}
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			id, ok := ids[r.Measure]
			if !ok || !r.Period.Before(p) {
				continue
			}
			if old, seen := latest[id]; !seen || old.Period.Before(r.Period) {
				latest[id] = r
			}
			if old, seen := reported[id]; r.Value != nil && (!seen || old.Period.Before(r.Period)) {
				reported[id] = r
			}
			if r.Period == p.Add(-4) {
				yearAgo[id] = r
			}
		}
	}
	var rows []quarterRow
	var carried, skipped, yearly, notCarried []string
	seen := map[string]bool{}
	for i := range in.Measures {
		m := &in.Measures[i]
		if m.ID == "" || seen[m.ID] {
			continue
		}
		seen[m.ID] = true
		if m.Frequency == model.Annual {
			if r, ok := reported[m.ID]; ok && r.Period.Quarter != p.Quarter {
				skipped = append(skipped, fmt.Sprintf("%s (reported in Q%d)", m.ID, r.Period.Quarter))
				continue
			}
		}
		row := quarterRow{m: m}
		own := func(r model.Row) bool { return r.Target != nil && (m.Target == nil || *m.Target != *r.Target) }
		switch r, ok := latest[m.ID]; {
		case m.Cumulative && m.Frequency != model.Annual:
			// A running total's target grows through the year and starts
			// again with it: the quarter before's is never this quarter's.
			// The same quarter a year before had a like target.
			if ya, found := yearAgo[m.ID]; found && own(ya) {
				row.target = ya.Target
				yearly = append(yearly, fmt.Sprintf("%s (%s, from %s)", m.ID, number(*ya.Target), cal.Label(ya.Period)))
			} else if ok && own(r) {
				notCarried = append(notCarried, fmt.Sprintf("%s (%s in %s)", m.ID, number(*r.Target), cal.Label(r.Period)))
			}
		case ok && own(r):
			row.target = r.Target
			carried = append(carried, fmt.Sprintf("%s (%s, from %s)", m.ID, number(*r.Target), cal.Label(r.Period)))
		}
		rows = append(rows, row)
	}
	var notes []string
	if len(carried) > 0 {
		notes = append(notes, "Targets carried forward from the quarter before, where it set its own: "+strings.Join(carried, ", ")+". Clear a target to use the measure's usual one.")
	}
	if len(yearly) > 0 {
		notes = append(notes, "Running totals (cumulative) take the target of the same quarter a year before, not the quarter before's: "+strings.Join(yearly, ", ")+". Check it is this year's.")
	}
	if len(notCarried) > 0 {
		what := "this quarter's"
		if p.Quarter == 1 {
			what = "the new year's first"
		}
		notes = append(notes, "Targets not carried forward for running totals (cumulative), which grow through the year and start again with it: "+strings.Join(notCarried, ", ")+". Fill in "+what+" target.")
	}
	if len(skipped) > 0 {
		notes = append(notes, "Yearly measures left out, as they report in another quarter: "+strings.Join(skipped, ", ")+".")
	}
	return rows, notes
}

var quarterHeader = []string{"measure", "value", "target", "national", "status", "note"}

func quarterCSV(rows []quarterRow) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(quarterHeader)
	for _, r := range rows {
		target := ""
		if r.target != nil {
			target = number(*r.target)
		}
		w.Write([]string{r.m.ID, "", target, "", "", ""})
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// quarterXLSX writes the quarter as a workbook: the data on the first
// sheet (the only one perfsite reads), and on a second sheet what each
// measure is, to help whoever fills it in.
func quarterXLSX(rows []quarterRow, label string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const data, about = "Data", "About the measures"
	if err := f.SetSheetName("Sheet1", data); err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	set := func(sheet string, col, row int, v any) {
		ref, _ := excelize.CoordinatesToCellName(col, row)
		f.SetCellValue(sheet, ref, v)
	}
	for c, h := range quarterHeader {
		set(data, c+1, 1, h)
	}
	f.SetCellStyle(data, "A1", "F1", bold)
	for i, r := range rows {
		set(data, 1, i+2, r.m.ID)
		if r.target != nil {
			set(data, 3, i+2, *r.target)
		}
	}
	f.SetColWidth(data, "A", "A", 32)
	f.SetColWidth(data, "B", "E", 12)
	f.SetColWidth(data, "F", "F", 60)
	f.SetPanes(data, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})

	if _, err := f.NewSheet(about); err != nil {
		return nil, err
	}
	set(about, 1, 1, "Only the first sheet is read. Type each figure as a plain number in the value column; a cell formatted as a percentage is read as the percentage it shows. Leave a value empty when there is no figure for "+label+".")
	for c, h := range []string{"measure", "title", "unit", "better", "usual target"} {
		set(about, c+1, 3, h)
	}
	f.SetCellStyle(about, "A3", "E3", bold)
	for i, r := range rows {
		set(about, 1, i+4, r.m.ID)
		set(about, 2, i+4, r.m.Title)
		set(about, 3, i+4, r.m.Unit)
		set(about, 4, i+4, r.m.Better)
		if r.m.Target != nil {
			set(about, 5, i+4, *r.m.Target)
		}
	}
	f.SetColWidth(about, "A", "A", 32)
	f.SetColWidth(about, "B", "B", 60)
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
