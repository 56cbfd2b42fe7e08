package contrast

import (
	"math"
	"testing"
)

// The ratios WCAG's own examples and well-known pairs give.
func TestRatio(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000000", "#ffffff", 21},
		{"#fff", "#fff", 1},
		{"#767676", "#ffffff", 4.54},  // the lightest grey that passes on white
		{"#777777", "#ffffff", 4.48},  // and the next, which fails
		{"#1d4f91", "#ffffff", 8.14},  // worked by hand: L = 0.0790, 1.05 / 0.1290
		{"#ffdd00", "#0b0c0c", 14.55}, // worked by hand: L = 0.7297 and 0.0036
	} {
		a, err := Parse(c.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(c.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := Ratio(a, b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("Ratio(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, bad := range []string{"", "1d4f91", "#1d4f9", "#gggggg", "blue", "#1d4f9100"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q) is not an error", bad)
		}
	}
	if c, err := Parse(" #ABC "); err != nil || c.String() != "#aabbcc" {
		t.Errorf("Parse(#ABC) = %v, %v", c, err)
	}
}

// Nearest finds a colour that passes, close to the one given.
func TestNearest(t *testing.T) {
	white, _ := Parse("#ffffff")
	light, _ := Parse("#77aaff")
	got, ok := Nearest(light, Text, white)
	if !ok || Ratio(got, white) < Text {
		t.Fatalf("Nearest = %s (%.2f), %v", got, Ratio(got, white), ok)
	}
	if Ratio(got, white) > 5.5 {
		t.Errorf("Nearest = %s goes further than it needs (%.2f)", got, Ratio(got, white))
	}
	dark, _ := Parse("#111314")
	if _, ok := Nearest(light, Text, white, dark); ok {
		t.Error("a colour passes on both white and near black")
	}
}
