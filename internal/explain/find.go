package explain

import (
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// Find returns the glossary terms used in text, in glossary order, each
// once. A term is found by the same rules as it is explained: as a whole
// word or phrase, in any of its spellings, regardless of case unless it is
// written with capitals inside a word.
func (g *Glossary) Find(text string) []model.Term {
	if g == nil || len(g.matches) == 0 {
		return nil
	}
	found := map[int]bool{}
	for i := 0; i < len(text); {
		n := 0
		if boundaryBefore(text, i) {
			var mt match
			if mt, n = g.matchAt(text, i); n > 0 {
				found[mt.term] = true
			}
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(text[i:])
		}
		i += n
	}
	var out []model.Term
	for i, t := range g.terms {
		if found[i] {
			out = append(out, t)
		}
	}
	return out
}
