package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"id", "title", "unit", "better", "target", "tolerance"}
	tests := map[string]string{
		"unitt":     "unit",
		"titel":     "title",
		"taget":     "target",
		"tolerence": "tolerance",
		"zzzzzz":    "",
		"colour":    "",
	}
	for in, want := range tests {
		if got := Closest(in, keys); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
	ids := []string{"care-leavers-eet", "children-in-care"}
	if got := Closest("care-leaver-eet", ids); got != "care-leavers-eet" {
		t.Errorf("Closest id = %q", got)
	}
	if got := DidYouMean("childen-in-care", ids); got != `did you mean "children-in-care"?` {
		t.Errorf("DidYouMean = %q", got)
	}
}

func TestSimilar(t *testing.T) {
	services := []string{"waste-recycling", "children-families", "adult-social-care", "housing", "waste-fleet"}
	for _, tc := range []struct {
		word string
		want string
	}{
		{"wast-recycling", `did you mean "waste-recycling"?`},          // a typo: edit distance first
		{"recycling", `did you mean "waste-recycling"?`},               // a whole part
		{"Recycling", `did you mean "waste-recycling"?`},               // in any case
		{"waste", `did you mean "waste-fleet" or "waste-recycling"?`},  // a part of two: both, alphabetical
		{"waste-recycling-service", `did you mean "waste-recycling"?`}, // the id is a part of the word
		{"social", `did you mean "adult-social-care"?`},                // a middle part
		{"adult-social", `did you mean "adult-social-care"?`},          // several parts
		{"child", `did you mean "children-families"?`},                 // a prefix
		{"ousin", `did you mean "housing"?`},                           // any part of the text, last
		{"xyz", ""},                                                    // nothing like it
		{"wa", ""},                                                     // too short to be a part of anything
		{"car", `did you mean "adult-social-care"?`},                   // a prefix of a part is text inside
	} {
		if got := DidYouMeanID(tc.word, services); got != tc.want {
			t.Errorf("DidYouMeanID(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	// An empty id (a [[service]] without one) is no suggestion, and no
	// trouble (FuzzTOML found it).
	if got := Similar("waste", []string{"", "waste-recycling"}); len(got) != 1 || got[0] != "waste-recycling" {
		t.Errorf("with an empty id: %v", got)
	}
	many := []string{"a-waste", "b-waste", "c-waste", "d-waste"}
	if got := Similar("waste", many); len(got) != 3 {
		t.Errorf("Similar names %d ids, want at most 3: %v", len(got), got)
	}
}
