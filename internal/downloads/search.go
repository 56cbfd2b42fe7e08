package downloads

import (
	"io"
	"sort"
	"strings"
	"unicode"

	"github.com/perfsite/perfsite/internal/explain"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/urls"
)

// Site search with no search service: /search/index.json is a small index
// of the measures, and assets/js/search.js looks a query up in it in the
// browser. Without JavaScript the search page's form still works: it shows
// the full A to Z list of measures (layouts/search.html).

// searchEntry is one measure in /search/index.json.
type searchEntry struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	URL     string `json:"url"` // from the site root, without a leading slash
	Service string `json:"service"`
	// Words are the distinct words of the measure's description and why it
	// matters, lower case, without the commonest words.
	Words []string `json:"words"`
	// Terms are the glossary terms the measure's text uses, in every
	// spelling the glossary lists, so that "LAC" finds children in care.
	Terms []string `json:"terms"`
	// TitleTerms are those of Terms that its title uses: a measure named
	// after a term comes first when that term is searched for.
	TitleTerms []string `json:"title_terms"`
}

// searchIndex writes /search/index.json.
func (d *Writer) searchIndex(w io.Writer) error {
	g := explain.NewGlossary(d.site.Glossary)
	entries := []searchEntry{}
	for _, m := range d.site.Measures {
		e := searchEntry{ID: m.ID, Title: m.Title, URL: urls.Measure(m.ID), Service: m.ServiceName}
		e.Words = searchWords(m.Description+" "+m.Why, searchWords(m.Title, nil))
		text := strings.Join(append([]string{m.Title, m.Description, m.Why, m.Source}, m.Caveats...), "\n")
		e.Terms = spellings(g.Find(text))
		e.TitleTerms = spellings(g.Find(m.Title))
		entries = append(entries, e)
	}
	return writeCompactJSON(w, entries)
}

// spellings lists every way of writing the terms, lower case, each once.
func spellings(terms []model.Term) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range terms {
		for _, s := range append([]string{t.Term}, t.AlsoMatches...) {
			s = strings.ToLower(strings.TrimSpace(s))
			if s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// searchWords splits text into distinct lower-case words, in order, leaving
// out common words and the words in skip (the title's, which the index
// has already).
func searchWords(text string, skip []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, w := range skip {
		seen[w] = true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		w = strings.Trim(w, "'")
		if len([]rune(w)) < 2 || stopWords[w] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// stopWords are too common to find anything.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be been but by can do does for from has have how if in into is it its
		of on or our so than that the their them then there these they this to up was we what when which who will with
		you your not no more most some such all any each other also about after before very much many may must should`) {
		stopWords[w] = true
	}
}
