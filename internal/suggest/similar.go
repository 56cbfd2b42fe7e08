package suggest

import (
	"slices"
	"strconv"
	"strings"
)

// maxSimilar is how many ids a hint names at most: more is a list to read,
// not a suggestion.
const maxSimilar = 3

// Similar returns the ids a person probably meant by word, best first:
// the closest by edit distance when there is one (a typo, "in-cre"), or
// else the ids that word is a part of or that are a part of word, as
// people shorten ids: "waste" for "waste-recycling", "recycling" for
// "waste-recycling", "leavers-eet" for "care-leavers-eet",
// "waste-recycling-service" for "waste-recycling". Case is ignored. It
// returns at most three ids, and none when word is shorter than three
// letters (too short to be a part of anything in particular).
func Similar(word string, candidates []string) []string {
	if c := Closest(word, candidates); c != "" {
		return []string{c}
	}
	w := strings.ToLower(strings.TrimSpace(word))
	if len([]rune(w)) < 3 {
		return nil
	}
	type match struct {
		id   string
		rank int // 0: a whole part, 1: a prefix, 2: any part of the text
	}
	var found []match
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == w || lc == "" || slices.ContainsFunc(found, func(m match) bool { return m.id == c }) {
			continue
		}
		long := len([]rune(lc)) >= 3 // long enough to be a part of word
		rank := -1
		switch {
		case hasPart(lc, w) || long && hasPart(w, lc):
			rank = 0
		case strings.HasPrefix(lc, w) || long && strings.HasPrefix(w, lc):
			rank = 1
		case strings.Contains(lc, w):
			rank = 2
		}
		if rank >= 0 {
			found = append(found, match{c, rank})
		}
	}
	slices.SortStableFunc(found, func(a, b match) int {
		if a.rank != b.rank {
			return a.rank - b.rank
		}
		return strings.Compare(a.id, b.id)
	})
	var out []string
	for _, m := range found[:min(len(found), maxSimilar)] {
		out = append(out, m.id)
	}
	return out
}

// hasPart reports whether part is one or more whole hyphen-separated parts
// of id, in order: "waste" and "waste-recycling" are parts of
// "waste-recycling", "aste" is not.
func hasPart(id, part string) bool {
	if part == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(id[i:], part)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(part)
		if (start == 0 || id[start-1] == '-' || id[start-1] == '_') && (end == len(id) || id[end] == '-' || id[end] == '_') {
			return true
		}
		i = start + 1
	}
}

// DidYouMeanID is a hint naming the ids Similar finds: `did you mean
// "waste-recycling"?`, or `did you mean "a", "b" or "c"?`; "" when there
// are none.
func DidYouMeanID(word string, candidates []string) string {
	return DidYouMeanOneOf(Similar(word, candidates))
}

// DidYouMeanOneOf is a hint naming ids: `did you mean "a"?`, or `did you
// mean "a", "b" or "c"?`; "" when there are none.
func DidYouMeanOneOf(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	if len(quoted) == 1 {
		return "did you mean " + quoted[0] + "?"
	}
	return "did you mean " + strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1] + "?"
}
