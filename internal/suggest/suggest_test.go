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
