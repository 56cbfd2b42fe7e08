package explain

import (
	"html"
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// Glossary finds the terms of data/glossary.toml in text, so that the first
// use of each on a page can be explained. Make one per site with
// NewGlossary, and one Page per web page.
//
// A term matches as a whole word or phrase. It matches regardless of case
// unless it is written with capitals inside a word ("SEND", "EHC plan",
// "CiC"): "SEND" is an abbreviation, but "send" is a verb.
type Glossary struct {
	terms   []model.Term
	matches []match // longest first
	// byFirst holds the matches, longest first, by each first byte of
	// text that each can match, so that a word is compared only with the
	// ways of writing a term that start as it does.
	byFirst [256][]match
}

// match is one way of writing a term.
type match struct {
	text  string
	term  int  // index into terms
	fold  bool // matches regardless of case
	short bool // an abbreviation, explained with <abbr>
}

// NewGlossary prepares the glossary's terms for matching. Terms that are
// ListOnly are not matched: they are for the glossary page alone.
func NewGlossary(terms []model.Term) *Glossary {
	g := &Glossary{terms: terms}
	seen := map[string]bool{}
	for i, t := range terms {
		if t.ListOnly {
			continue
		}
		for _, s := range append([]string{t.Term}, t.AlsoMatches...) {
			s = strings.TrimSpace(s)
			if s == "" || seen[s] {
				continue
			}
			seen[s] = true
			g.matches = append(g.matches, match{
				text:  s,
				term:  i,
				fold:  !innerCapital(s),
				short: capitals(s) >= 2 && !isLongForm(s) || t.Abbr && s == strings.TrimSpace(t.Term),
			})
		}
	}
	sort.SliceStable(g.matches, func(i, j int) bool { return len(g.matches[i].text) > len(g.matches[j].text) })
	for _, m := range g.matches {
		for _, b := range firstBytes(m) {
			g.byFirst[b] = append(g.byFirst[b], m)
		}
	}
	return g
}

// firstBytes are the bytes that text m matches can start with: its own
// first byte, and with fold, the first byte of each rune its first rune
// matches regardless of case (strings.EqualFold: "k" matches the Kelvin
// sign "K" too).
func firstBytes(m match) []byte {
	r, _ := utf8.DecodeRuneInString(m.text)
	out := []byte{m.text[0]}
	if !m.fold {
		return out
	}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], f)
		if !slices.Contains(out, b[0]) {
			out = append(out, b[0])
		}
	}
	return out
}

// innerCapital reports whether a word of s has a capital after its first
// letter, as abbreviations do ("EHC", "CiC").
func innerCapital(s string) bool {
	for _, w := range strings.Fields(s) {
		for i, r := range w {
			if i > 0 && unicode.IsUpper(r) {
				return true
			}
		}
	}
	return false
}

// capitals is the largest number of capitals in one word of s.
func capitals(s string) int {
	most := 0
	for _, w := range strings.Fields(s) {
		n := 0
		for _, r := range w {
			if unicode.IsUpper(r) {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// isLongForm reports whether s spells an abbreviation out ("Education,
// Health and Care plan"): several words, none of them in capitals.
func isLongForm(s string) bool {
	words := strings.Fields(s)
	if len(words) < 3 {
		return false
	}
	for _, w := range words {
		if capitals(w) >= 2 {
			return false
		}
	}
	return true
}

// Page explains each glossary term at its first use on one web page: it
// remembers which terms it has explained. Call its methods in the order
// the texts appear on the page. A nil *Page only escapes.
type Page struct {
	g    *Glossary
	seen map[int]bool
}

// Page starts a new web page: no term has been explained on it yet. A nil
// *Glossary gives a page that only escapes.
func (g *Glossary) Page() *Page {
	return &Page{g: g, seen: map[int]bool{}}
}

// Explained says which terms the page has explained so far, as a key:
// texts that come next are explained the same way on two pages with the
// same key, so a caller can reuse what it made for the one on the other.
func (p *Page) Explained() string {
	if p == nil {
		return ""
	}
	terms := make([]int, 0, len(p.seen))
	for t := range p.seen {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	b := make([]byte, 0, 4*len(terms))
	for _, t := range terms {
		b = strconv.AppendInt(b, int64(t), 10)
		b = append(b, ',')
	}
	return string(b)
}

// Text returns plain text as safe HTML: everything is escaped, and the
// first use on the page of each glossary term is explained. An
// abbreviation gets an <abbr> element with its meaning as the title and
// its spelling-out in brackets, "<abbr title="...">EHC plan</abbr>
// <span class="gloss">(an Education, Health and Care plan)</span>"; any
// other term gets its meaning in brackets, "overspend <span
// class="gloss">(when a service spends more money than its budget)</span>".
func (p *Page) Text(text string) template.HTML {
	return template.HTML(p.text(text))
}

// HTML is Text for HTML that is already safe, such as Markdown rendered by
// internal/markdown: terms are explained in the text between tags, but not
// inside links, headings, code or existing <abbr> and <dfn> elements.
func (p *Page) HTML(h template.HTML) template.HTML {
	s := string(h)
	var b strings.Builder
	skip := 0 // depth inside elements whose text is left alone
	for s != "" {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if lt > 0 {
			if skip > 0 {
				b.WriteString(s[:lt])
			} else {
				b.WriteString(p.text(html.UnescapeString(s[:lt])))
			}
			s = s[lt:]
			continue
		}
		end := tagEnd(s)
		tag := s[:end]
		s = s[end:]
		b.WriteString(tag)
		name, closing := tagName(tag)
		if skipped[name] && !strings.HasSuffix(tag, "/>") {
			if closing {
				skip = max(0, skip-1)
			} else {
				skip++
			}
		}
	}
	return template.HTML(b.String())
}

// skipped are the elements whose text is never explained.
var skipped = map[string]bool{
	"a": true, "abbr": true, "dfn": true, "code": true, "pre": true, "kbd": true, "samp": true,
	"script": true, "style": true, "textarea": true, "title": true, "svg": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

// tagEnd is the length of the tag (or comment) at the start of s.
func tagEnd(s string) int {
	if strings.HasPrefix(s, "<!--") {
		if i := strings.Index(s, "-->"); i >= 0 {
			return i + 3
		}
		return len(s)
	}
	var quote byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(s)
}

// tagName is the lower-case element name of a tag, and whether it closes.
func tagName(tag string) (string, bool) {
	t := strings.TrimPrefix(tag, "<")
	closing := strings.HasPrefix(t, "/")
	t = strings.TrimPrefix(t, "/")
	end := strings.IndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if end < 0 {
		end = len(t)
	}
	return strings.ToLower(t[:end]), closing
}

// text escapes s and explains the first use of each term.
func (p *Page) text(s string) string {
	if p == nil || p.g == nil || len(p.g.matches) == 0 {
		return html.EscapeString(s)
	}
	var b strings.Builder
	last := 0 // s[last:] is not written yet
	for i := 0; i < len(s); {
		if !boundaryBefore(s, i) {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		mt, n := p.g.matchAt(s, i)
		if n == 0 || p.seen[mt.term] {
			if n == 0 {
				_, n = utf8.DecodeRuneInString(s[i:])
			}
			i += n
			continue
		}
		p.seen[mt.term] = true
		b.WriteString(html.EscapeString(s[last:i]))
		b.WriteString(p.g.explain(mt, s[i:i+n]))
		i += n
		last = i
	}
	b.WriteString(html.EscapeString(s[last:]))
	return b.String()
}

// matchAt finds the longest way of writing a term that starts at s[i:]
// and ends at a word boundary.
func (g *Glossary) matchAt(s string, i int) (match, int) {
	for _, m := range g.byFirst[s[i]] {
		n := len(m.text)
		if i+n > len(s) {
			continue
		}
		got := s[i : i+n]
		if (got == m.text || m.fold && strings.EqualFold(got, m.text)) && boundaryAfter(s, i+n) {
			return m, n
		}
	}
	return match{}, 0
}

// boundaryBefore reports whether a word can start at s[i:]: the rune
// before it is not a letter or digit.
func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !isWordRune(r)
}

// boundaryAfter reports whether a word can end just before s[i:]: at the
// end of s, or before a rune that is not a letter or digit.
func boundaryAfter(s string, i int) bool {
	if i == len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// explain writes the first use of a term with its explanation: the first
// sentence of its meaning, in brackets within the sentence that uses it, so
// that the bracket never splits that sentence in two ("percentage points
// (the difference between two percentages) from the quarter before").
// The glossary page and an abbreviation's title give the whole meaning.
func (g *Glossary) explain(m match, written string) string {
	t := g.terms[m.term]
	whole := strings.TrimSpace(t.Meaning)
	meaning := firstSentence(whole)
	head, rest, hasColon := strings.Cut(meaning, ":")
	var visible string
	switch {
	case m.short && t.Abbr:
		// "EHC plan (an Education, Health and Care plan)"
		visible = lowerFirst(meaning)
		if hasColon {
			visible = lowerFirst(head)
		}
	case m.short:
		// "CiC (children in care: children the council looks after ...)"
		visible = lowerTerm(strings.TrimSpace(t.Term)) + ": " + lowerFirst(meaning)
	case t.Abbr && hasColon:
		// "special educational needs and disabilities (when a child ...)"
		visible = lowerFirst(strings.TrimSpace(rest))
	default:
		visible = lowerFirst(meaning)
	}
	bracket := `<span class="gloss">(` + html.EscapeString(strings.TrimRight(visible, ". ")) + `)</span>`
	if m.short {
		return `<abbr title="` + html.EscapeString(whole) + `">` + html.EscapeString(written) + `</abbr> ` + bracket
	}
	return html.EscapeString(written) + " " + bracket
}

// firstSentence is s up to the end of its first sentence: a full stop,
// question or exclamation mark followed by a space and a capital letter
// or a digit ("e.g. a bus" goes on).
func firstSentence(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '.' && c != '?' && c != '!' || i+2 >= len(s) || s[i+1] != ' ' {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(s[i+2:]); unicode.IsUpper(r) || unicode.IsDigit(r) {
			return s[:i+1]
		}
	}
	return s
}

// lowerTerm writes a term in the middle of a sentence: "Child protection
// plan" becomes "child protection plan", but "Key Stage 2" stays as it is.
func lowerTerm(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	for _, c := range s[n:] {
		if unicode.IsUpper(c) {
			return s
		}
	}
	return string(unicode.ToLower(r)) + s[n:]
}
