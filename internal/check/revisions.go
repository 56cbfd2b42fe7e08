package check

import (
	"sort"

	"github.com/perfsite/perfsite/internal/model"
)

// checkRevisions checks data/revisions.csv against the measures and the
// quarterly files: every revision names a measure and a quarter that has a
// row, is dated after its quarter ended, and records a figure that differs
// from the one that replaced it.
//
// rows is the first row of each figure in the quarterly files.
func checkRevisions(in *model.Input, idx measureIndex, rows map[figureKey]*model.Row, probs *model.Problems) {
	if len(in.Revisions) == 0 {
		return
	}
	ids, measures := idx.ids, idx.byID
	cal := in.Site.Calendar()
	byFigure := map[figureKey][]model.Revision{}
	for _, rv := range in.Revisions {
		pos := func(col string) model.Pos { return keyPos(rv.Fields, col, rv.Pos) }
		if rv.Measure == "" {
			probs.Errorf(pos("measure"), "write the id of a measure from data/measures.toml", "the measure cell is empty")
			continue
		}
		id, ok := ids[rv.Measure]
		if !ok {
			probs.Errorf(pos("measure"), idx.unknownHint(rv.Measure),
				"the measure %q is not defined", rv.Measure)
			continue
		}
		checkSigns(measures[id], rv.Signs, pos, probs)
		k := figureKey{id, rv.Period}
		row, ok := rows[k]
		if !ok {
			probs.Errorf(pos("period"), "a revision changes a figure in a quarterly file: add the row to data/quarters/"+cal.Slug(rv.Period)+".csv, or check the period",
				"the measure %q has no row for %s, so there is no figure to revise", id, cal.Label(rv.Period))
			continue
		}
		if end := cal.End(rv.Period); rv.Date.Before(end) {
			probs.Errorf(pos("date"), "the date is when the revised figure was published, which is after the quarter ended",
				"the revision is dated %s, before %s ended on %s", rv.Date.Format("2006-01-02"), cal.Label(rv.Period), end.Format("2006-01-02"))
		}
		if rv.Previous != nil {
			lo, hi := Range(measures[id])
			if !inRange(*rv.Previous, lo, hi) {
				probs.Errorf(pos("previous_value"), rangeHint(measures[id]), "the previous_value %v for %q is outside its valid range %s", *rv.Previous, id, rangeText(lo, hi))
			}
		}
		if rv.Previous != nil && row.Value == nil {
			probs.Warnf(pos("previous_value"), "if the figure was withdrawn, say why in the note column of the quarterly file",
				"%s now has no figure for %q in %s, so its page for that quarter no longer exists", row.Pos.File, id, cal.Label(rv.Period))
		}
		byFigure[k] = append(byFigure[k], rv)
	}

	// Per figure: one revision a day, and the latest differs from the figure now.
	for k, list := range byFigure {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Date.Before(list[j].Date) })
		for i := 1; i < len(list); i++ {
			if list[i].Date.Equal(list[i-1].Date) {
				probs.Errorf(keyPos(list[i].Fields, "date", list[i].Pos), "keep one revision per figure per day",
					"the figure for %q in %s already has a revision dated %s at %s", k.id, cal.Label(k.period), list[i].Date.Format("2006-01-02"), list[i-1].Pos)
			}
		}
		last := list[len(list)-1]
		if now := rows[k].Value; sameValue(last.Previous, now) {
			probs.Errorf(keyPos(last.Fields, "previous_value", last.Pos),
				"previous_value is the figure as it was first published; change the figure in the quarterly file to the revised one",
				"the previous_value is the same as the figure now in %s, so nothing was revised", rows[k].Pos.File)
		}
	}
}

func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
