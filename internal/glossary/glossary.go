// Package glossary holds the words every site uses and the abbreviations
// councils' titles often use, each with its plain meaning, and decides
// which of them a site's glossary needs: a site's own data/glossary.toml
// comes first and overrides a built-in term that it also defines. It also
// says what counts as an abbreviation, so that check can ask for an entry
// for each one a title uses. It is pure and has no state.
package glossary

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

// siteWords are the words of the site's own text: the statuses, and what
// the sentences compare a figure with. They are listed on the "Words we
// use" page, not explained in the text, which uses them on every page,
// except "percentage points", which readers often take for per cent.
var siteWords = []model.Term{
	{Term: "percentage points", Meaning: "The difference between two percentages. A figure that goes from 40% to 45% has gone up by 5 percentage points.", AlsoMatches: []string{"percentage point"}},
	{Term: "national average", Meaning: "The same figure for the whole country, to compare ours with.", ListOnly: true},
	{Term: "target", Meaning: "The figure the council aims to reach.", ListOnly: true},
	{Term: "on track", Meaning: "The figure meets its target, or is better than it.", ListOnly: true},
	{Term: "close to target", Meaning: "The figure is worse than its target, but only by a little: by no more than the margin the council allows.", ListOnly: true},
	{Term: "off track", Meaning: "The figure is worse than its target by more than the margin the council allows.", ListOnly: true},
	{Term: "no target", Meaning: "The council has not set a target for this measure, so the figure is not judged on or off track.", ListOnly: true},
	{Term: "no data", Meaning: "There is no figure for this quarter.", ListOnly: true},
	{Term: "normal variation", Meaning: "The small ups and downs a figure has by chance from one quarter to the next. A change within normal variation is no sign that things got better or worse.", ListOnly: true},
	{Term: "so far this year", Meaning: "A running total from the start of the year to the end of the quarter. It grows through the year and starts again each year.", ListOnly: true, AlsoMatches: []string{"year to date"}},
}

// abbreviations are ones councils' titles and descriptions often use,
// explained in the text at their first use on a page, as a site's own
// abbreviations are.
var abbreviations = []model.Term{
	{Term: "ASB", Meaning: "Anti-social behaviour: behaviour that causes, or is likely to cause, alarm, distress or harassment to other people.", Abbr: true},
	{Term: "CIL", Meaning: "Community Infrastructure Levy: a charge the council can make on new building work, to help pay for the roads, schools and other things an area needs.", Abbr: true},
	{Term: "CO2", Meaning: "Carbon dioxide: the main gas that warms the planet.", Abbr: true},
	{Term: "COVID-19", Meaning: "The disease caused by the coronavirus that spread around the world from 2020.", Abbr: true, AlsoMatches: []string{"COVID"}},
	{Term: "CQC", Meaning: "The Care Quality Commission, which inspects health and social care services in England.", Abbr: true},
	{Term: "DBS", Meaning: "The Disclosure and Barring Service, which checks whether a person has a criminal record before they work with children or vulnerable adults.", Abbr: true, AlsoMatches: []string{"DBS check", "DBS checks"}},
	{Term: "DFG", Meaning: "Disabled Facilities Grant: money from the council to adapt a disabled person's home, for example to fit a stair lift or a level shower.", Abbr: true, AlsoMatches: []string{"DFGs"}},
	{Term: "DfE", Meaning: "The Department for Education.", Abbr: true},
	{Term: "DToC", Meaning: "Delayed transfer of care: when a patient who is well enough to leave hospital has to stay there while their care is arranged.", Abbr: true},
	{Term: "EHC plan", Meaning: "An Education, Health and Care plan: a legal document that says what extra help a child or young person with special educational needs must get.", Abbr: true, AlsoMatches: []string{"EHC plans", "EHCP", "EHCPs", "EHC"}},
	{Term: "EET", Meaning: "In education, employment or training: at school, college or university, in a job, or training for one.", Abbr: true},
	{Term: "FOI", Meaning: "Freedom of Information: the law that gives anyone the right to ask a public body for information it holds.", Abbr: true, AlsoMatches: []string{"FOI request", "FOI requests", "FOIs"}},
	{Term: "FTE", Meaning: "Full-time equivalent: a way of counting staff in which two people who each work half the week count as one.", Abbr: true, AlsoMatches: []string{"FTEs"}},
	{Term: "GP", Meaning: "A family doctor (general practitioner).", Abbr: true, AlsoMatches: []string{"GPs"}},
	{Term: "HMO", Meaning: "A house in multiple occupation: a home shared by three or more people who are not one household, such as a shared house.", Abbr: true, AlsoMatches: []string{"HMOs"}},
	{Term: "HR", Meaning: "Human resources: the part of an organisation that deals with its staff.", Abbr: true},
	{Term: "HRA", Meaning: "The Housing Revenue Account: the money the council receives and spends as the landlord of council homes.", Abbr: true},
	{Term: "ICT", Meaning: "Information and communications technology: computers, phones and the systems that run on them.", Abbr: true},
	{Term: "IT", Meaning: "Information technology: computers and the systems that run on them.", Abbr: true},
	{Term: "KPI", Meaning: "A key performance indicator: a figure an organisation uses to track how well it is doing.", Abbr: true, AlsoMatches: []string{"KPIs"}},
	{Term: "KSI", Meaning: "Killed or seriously injured: how road casualties are counted.", Abbr: true},
	{Term: "kWh", Meaning: "A kilowatt hour: a unit of energy. A 1 kilowatt heater uses 1 kWh in an hour.", Abbr: true},
	{Term: "LAC", Meaning: "Looked-after children: children in the council's care.", Abbr: true},
	{Term: "NEET", Meaning: "Not in education, employment or training.", Abbr: true},
	{Term: "NHS", Meaning: "The National Health Service.", Abbr: true},
	{Term: "NNDR", Meaning: "National non-domestic rates: business rates, the tax paid on business premises.", Abbr: true},
	{Term: "ONS", Meaning: "The Office for National Statistics.", Abbr: true},
	{Term: "RAG", Meaning: "Red, amber, green: a way of showing whether something is on track (green), close (amber) or off track (red).", Abbr: true},
	{Term: "SAR", Meaning: "A subject access request: when a person asks an organisation for a copy of the information it holds about them.", Abbr: true, AlsoMatches: []string{"SARs"}},
	{Term: "SEND", Meaning: "Special educational needs and disabilities: when a child needs extra help to learn, or has a disability.", Abbr: true},
	{Term: "TPO", Meaning: "A Tree Preservation Order: an order that protects a tree from being cut down or damaged without the council's permission.", Abbr: true, AlsoMatches: []string{"TPOs"}},
	{Term: "UK", Meaning: "The United Kingdom.", Abbr: true},
	{Term: "YTD", Meaning: "Year to date: a running total from the start of the year to the end of the quarter.", Abbr: true},
}

// Builtin returns every built-in term: the site's own words, then the
// abbreviations. The slice is new on each call.
func Builtin() []model.Term {
	out := make([]model.Term, 0, len(siteWords)+len(abbreviations))
	return append(append(out, siteWords...), abbreviations...)
}

// ForSite is the glossary of a site: its own terms, in order, then the
// built-in terms it does not define itself (a site's term overrides a
// built-in one when they share a spelling, in any case). Of the built-in
// terms it keeps the words of the site's own text that the site can use
// (percentage points only with a percentage measure, national average only
// with a national figure, so far this year only with a year-to-date
// measure), and the abbreviations that its measures, notes or minutes use.
func ForSite(in *model.Input) []model.Term {
	out := append([]model.Term(nil), in.Glossary...)
	defined := map[string]bool{}
	for _, t := range in.Glossary {
		for _, s := range spellings(t) {
			defined[strings.ToLower(s)] = true
		}
	}
	overridden := func(t model.Term) bool {
		for _, s := range spellings(t) {
			if defined[strings.ToLower(s)] {
				return true
			}
		}
		return false
	}
	percent, national, cumulative := false, false, false
	for _, m := range in.Measures {
		percent = percent || m.Unit == model.UnitPercent
		cumulative = cumulative || m.Cumulative
	}
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			national = national || r.National != nil
		}
	}
	for _, t := range siteWords {
		switch {
		case overridden(t):
		case t.Term == "percentage points" && !percent:
		case t.Term == "national average" && !national:
		case t.Term == "so far this year" && !cumulative:
		default:
			out = append(out, t)
		}
	}
	used := usedWords(in)
	for _, t := range abbreviations {
		if overridden(t) {
			continue
		}
		for _, s := range spellings(t) {
			if used[s] {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// usedWords is every abbreviation (by Abbreviations) in the text a site
// writes about its measures: titles, descriptions, why, sources, caveats,
// quarterly notes and minutes, with its plural's "s" dropped too.
func usedWords(in *model.Input) map[string]bool {
	used := map[string]bool{}
	add := func(text string) {
		for _, a := range Abbreviations(text) {
			used[a.Word] = true
			used[strings.TrimSuffix(a.Word, "s")] = true
		}
	}
	for _, m := range in.Measures {
		for _, s := range append([]string{m.Title, m.Description, m.Why, m.Source}, m.Caveats...) {
			add(s)
		}
	}
	for _, qf := range in.Quarters {
		for _, r := range qf.Rows {
			add(r.Note)
		}
	}
	for _, mn := range in.Minutes {
		add(mn.Title)
		add(mn.Body)
	}
	return used
}

// spellings are the ways a term is written: the term and its other
// spellings, trimmed, without empty ones.
func spellings(t model.Term) []string {
	var out []string
	for _, s := range append([]string{t.Term}, t.AlsoMatches...) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Abbreviation is a word written as an abbreviation, and where it starts
// in the text (a byte offset).
type Abbreviation struct {
	Word   string
	Offset int
}

// Abbreviations finds the words of text written as abbreviations: two or
// more capitals, with or without digits and small letters ("FTE", "KS2",
// "EHCPs", "CiC", "DfE"), but not a name with a run of small letters
// ("McDonald").
func Abbreviations(text string) []Abbreviation {
	if !twoCapitals(text) {
		return nil // most notes: no word to look at
	}
	var out []Abbreviation
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += n
		}
		if w := text[start:i]; isAbbreviation(w) {
			out = append(out, Abbreviation{Word: w, Offset: start})
		}
	}
	return out
}

// twoCapitals reports whether text may hold an abbreviation: it has two
// capitals, or a letter outside ASCII (whose case a byte does not show).
func twoCapitals(text string) bool {
	n := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c >= 0x80:
			return true
		case c >= 'A' && c <= 'Z':
			if n++; n == 2 {
				return true
			}
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isAbbreviation reports whether a word has two or more capitals and no
// three small letters in a row.
func isAbbreviation(w string) bool {
	capitals, smallRun := 0, 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			capitals++
			smallRun = 0
		case unicode.IsLower(r):
			smallRun++
			if smallRun >= 3 {
				return false
			}
		default:
			smallRun = 0
		}
	}
	return capitals >= 2
}

// Index is the abbreviations a glossary explains, for Covers.
type Index map[string]bool

// NewIndex lists the abbreviations the terms explain: each one written in
// a term's spellings ("EHC" in "EHC plan").
func NewIndex(terms []model.Term) Index {
	ix := Index{}
	for _, t := range terms {
		for _, s := range spellings(t) {
			for _, a := range Abbreviations(s) {
				ix[a.Word] = true
			}
		}
	}
	return ix
}

// Covers reports whether the glossary explains an abbreviation, or its
// singular: "FTEs" is covered by "FTE".
func (ix Index) Covers(word string) bool {
	return ix[word] || ix[strings.TrimSuffix(word, "s")]
}
