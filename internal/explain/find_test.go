package explain

import (
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

func TestGlossaryFind(t *testing.T) {
	g := NewGlossary([]model.Term{
		{Term: "SEND", Meaning: "special needs", Abbr: true},
		{Term: "Children in care", Meaning: "looked after", AlsoMatches: []string{"looked-after children", "LAC"}},
		{Term: "Overspend", Meaning: "more than the budget"},
	})
	cases := []struct {
		text string
		want []string
	}{
		{"How many children in care there are", []string{"Children in care"}},
		{"We send letters", nil}, // "send" is a verb, not SEND
		{"Support for SEND and looked-after children", []string{"SEND", "Children in care"}},
		{"An overspend. Overspends are not counted", []string{"Overspend"}},
		{"CLAC is not a term", nil},
	}
	for _, c := range cases {
		var got []string
		for _, term := range g.Find(c.text) {
			got = append(got, term.Term)
		}
		if len(got) != len(c.want) {
			t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Find(%q) = %q, want %q", c.text, got, c.want)
			}
		}
	}
}
