package explain

import (
	"fmt"
	"html"
	"html/template"
	"regexp"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

// testTerms is a glossary like the example site's.
var testTerms = []model.Term{
	{Term: "EHC plan", Abbr: true, Meaning: "An Education, Health and Care plan: a legal document that says what extra help a child or young person with special educational needs must get.",
		AlsoMatches: []string{"EHC plans", "EHCP", "EHCPs", "Education, Health and Care plan", "Education, Health and Care plans"}},
	{Term: "SEND", Abbr: true, Meaning: "Special educational needs and disabilities: when a child needs extra help to learn, or has a disability.",
		AlsoMatches: []string{"special educational needs and disabilities"}},
	{Term: "Ofsted", Abbr: true, Meaning: "The Office for Standards in Education, which inspects schools, nurseries and children's services."},
	{Term: "Overspend", Meaning: "When a service spends more money than its budget.", AlsoMatches: []string{"overspent", "overspending"}},
	{Term: "Children in care", Meaning: "Children the council looks after because they cannot live safely with their own family.", AlsoMatches: []string{"child in care", "CiC", "LAC"}},
	{Term: "Key Stage 2", Meaning: "The last four years of primary school (Years 3 to 6), for children aged 7 to 11.", AlsoMatches: []string{"KS2"}},
	{Term: "Per 10,000 children", Meaning: "How many children out of every 10,000 living in the area.", AlsoMatches: []string{"per 10,000"}},
	{Term: "Care leaver", Meaning: "A young person aged 16 to 25 who used to be in the council's care.", AlsoMatches: []string{"care leavers"}},
	{Term: "Percentage points", Meaning: "The difference between two percentages, e.g. two rates. A figure that goes from 40% to 45% has gone up by 5 percentage points.", AlsoMatches: []string{"percentage point"}},
}

func TestGlossaryGolden(t *testing.T) {
	g := NewGlossary(testTerms)
	var b strings.Builder
	page := func(name string, texts ...string) {
		fmt.Fprintf(&b, "== %s\n", name)
		p := g.Page()
		for _, s := range texts {
			fmt.Fprintf(&b, "in:  %s\nout: %s\n", s, p.Text(s))
		}
		b.WriteString("\n")
	}
	page("an abbreviation is explained once per page, with its spelling-out in brackets",
		"The number of EHC plans issued on time is low.",
		"An EHC plan should be ready within 20 weeks. EHCPs are legal documents.")
	page("a new page explains it again",
		"EHC plans again.")
	page("the spelled-out form of an abbreviation gets the rest of the meaning",
		"Help for special educational needs and disabilities. SEND is the short form.")
	page("an abbreviation with no colon in its meaning",
		"Ofsted rated 89.1% of primary schools good or outstanding.")
	page("a term gets its meaning in brackets; later forms of it are not explained again",
		"The overspend was £15 million. Overspending is forecast to go on.")
	page("case: an abbreviation in capitals only, a word in any case",
		"We send letters to families. OVERSPEND rose. SEND support.")
	page("whole words only",
		"The SENDIASS service. The OfstedReport file. Overspends are rare.")
	page("the longest way of writing a term wins",
		"Education, Health and Care plans are written with families.")
	page("an abbreviation that is not the term itself",
		"CiC numbers rose, and KS2 results fell.")
	page("a meaning of two sentences: the first explains it in the text, so that the sentence is not split",
		"That is down 1.4 percentage points from the quarter before.")
	page("a rate",
		"The figure for July to September 2023 was 56.2 per 10,000 children.")
	page("everything else is escaped",
		`Care leavers <script>alert("x")</script> & "quotes" 'too'.`)
	page("no terms in the text",
		"Nothing to explain here.")

	fmt.Fprintf(&b, "== HTML: links, headings, code and comments are left alone\n")
	in := template.HTML(`<h2>EHC plans</h2><p>An <a href="/x?a=1&amp;b=2" title="a > b">EHC plan</a> is written by the council. <code>SEND</code> &amp; the EHC plan &lt;rules&gt; for SEND.</p><!-- Ofsted --><p>Ofsted<br/>visits.</p>`)
	fmt.Fprintf(&b, "in:  %s\nout: %s\n\n", in, g.Page().HTML(in))

	fmt.Fprintf(&b, "== a one-off text, a page of its own\n")
	fmt.Fprintf(&b, "out: %s\n\n", NewGlossary(testTerms).Page().Text("Care leavers and Ofsted."))
	golden(t, "glossary", b.String())
}

var tags = regexp.MustCompile(`<[^>]*>`)

// TestGlossaryKeepsText checks that explaining only adds: with the added
// explanations taken out, the text is unchanged.
func TestGlossaryKeepsText(t *testing.T) {
	g := NewGlossary(testTerms)
	brackets := regexp.MustCompile(` <span class="gloss">\([^<]*\)</span>`)
	for _, s := range []string{
		"EHC plans, SEND & Ofsted <b> in KS2; 56.2 per 10,000 children; care leavers; overspent.",
		"special educational needs and disabilities, Children in care, child in care, LAC.",
		"",
		"é EHC plan é",
	} {
		out := string(g.Page().Text(s))
		plain := html.UnescapeString(tags.ReplaceAllString(brackets.ReplaceAllString(out, ""), ""))
		if plain != s {
			t.Errorf("Text(%q) changed the text:\n got %q", s, plain)
		}
	}
}

func TestGlossaryNil(t *testing.T) {
	var p *Page
	if got := p.Text("a < b"); got != "a &lt; b" {
		t.Errorf("nil page: %q", got)
	}
	var g *Glossary
	if got := g.Page().Text("SEND"); got != "SEND" {
		t.Errorf("nil glossary: %q", got)
	}
}

// Two pages that have explained the same terms, in whatever order, have
// the same key, and explain what comes next the same way; pages that have
// explained different terms have different keys.
func TestExplainedKey(t *testing.T) {
	g := NewGlossary(testTerms)
	a, b, c := g.Page(), g.Page(), g.Page()
	a.Text("The EHC plan was late, an overspend.")
	b.Text("An overspend.")
	b.Text("One EHC plan.")
	c.Text("One EHC plan.")
	if a.Explained() == "" || a.Explained() != b.Explained() {
		t.Errorf("the same terms explained, keys %q and %q", a.Explained(), b.Explained())
	}
	if a.Explained() == c.Explained() {
		t.Errorf("different terms explained, the same key %q", a.Explained())
	}
	next := "Another EHC plan and overspend, and SEND."
	if x, y := a.Text(next), b.Text(next); x != y {
		t.Errorf("the same key, different texts:\n%s\n%s", x, y)
	}
	if g.Page().Explained() != "" || (*Page)(nil).Explained() != "" {
		t.Error("a new page has explained something")
	}
}

// A term that matches regardless of case matches whatever case its first
// letter is written in ("key stage 2", "KEY STAGE 2"); one written with
// capitals inside a word matches only as written ("SEND", not "send").
func TestGlossaryFirstLetterCase(t *testing.T) {
	g := NewGlossary(testTerms)
	for _, s := range []string{"key stage 2 results", "KEY STAGE 2 results", "Overspent by £2m"} {
		if got := string(g.Page().Text(s)); !strings.Contains(got, "<") {
			t.Errorf("%q is not explained: %q", s, got)
		}
	}
	if got := string(g.Page().Text("we send letters")); strings.Contains(got, "<") {
		t.Errorf("%q is explained as SEND: %q", "send", got)
	}
}
