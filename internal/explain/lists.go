package explain

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Headline sums up a set of measures in one or two sentences: "Of 15
// measures in Q2 2023/24, 6 are on track, 1 is close to target and 4 are off
// track. 4 have no target."
func Headline(counts derive.Counts, when string) string {
	total := counts.Total()
	if total == 0 {
		return "There are no measures yet."
	}
	var judged []string
	for _, st := range []model.Status{model.OnTrack, model.Close, model.OffTrack} {
		if n := counts[st]; n > 0 {
			judged = append(judged, fmt.Sprintf("%d %s %s", n, isAre(n), strings.ToLower(st.Label())))
		}
	}
	var s []string
	if len(judged) > 0 {
		s = append(s, fmt.Sprintf("Of %s %s, %s.", plural(total, "measure"), when, joinAnd(judged)))
	} else {
		s = append(s, fmt.Sprintf("There %s %s %s.", isAre(total), plural(total, "measure"), when))
	}
	if n := counts[model.NoTarget]; n > 0 {
		s = append(s, fmt.Sprintf("%d %s no target.", n, hasHave(n)))
	}
	if n := counts[model.NoData]; n > 0 {
		s = append(s, fmt.Sprintf("%d %s no figure yet.", n, hasHave(n)))
	}
	return strings.Join(s, " ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

// joinAnd joins "a", "b", "c" as "a, b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
