package check

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

func brandProblems(b model.Brand, static ...string) []string {
	in := &model.Input{Site: model.Site{File: "data/site.toml", Brand: b}, Static: map[string]bool{}}
	for _, s := range static {
		in.Static[s] = true
	}
	var probs model.Problems
	checkBrand(in, &probs)
	var out []string
	for _, p := range probs {
		out = append(out, p.Message+" | "+p.Hint)
	}
	return out
}

// A brand colour that fails WCAG 2.2 AA contrast is refused with the pair,
// the ratio (each worked out separately, with WCAG's formula in Python:
// 2.339, 4.062, 2.369 and 2.289) and a shade that would pass; colours
// that pass are accepted.
func TestBrandContrast(t *testing.T) {
	for _, c := range []struct {
		name  string
		brand model.Brand
		want  string // "" for no problem
	}{
		{"dark blue passes", model.Brand{Colour: "#1d4f91", ColourDark: "#8cc2ff"}, ""},
		{"light link on white", model.Brand{Colour: "#77aaff"},
			`colour "#77aaff" has a contrast of 2.3:1 with the light scheme's background #ffffff; link text needs 4.5:1 (WCAG 2.2 AA) | use a shade such as`},
		{"grey passes on white, fails on the panel", model.Brand{Colour: "#767676"},
			`colour "#767676" has a contrast of 4.1:1 with the light scheme's background #f3f2f1`},
		{"dark link on the dark scheme", model.Brand{ColourDark: "#1d4f91"},
			`colour_dark "#1d4f91" has a contrast of 2.3:1 with the dark scheme's background #111314`},
		{"header band too pale for white", model.Brand{HeaderBackground: "#66bb66", HeaderText: "#ffffff"},
			`the header's text "#ffffff" has a contrast of 2.4:1 with its background "#66bb66"`},
		{"header band picks its text", model.Brand{HeaderBackground: "#ffdd00"}, ""},
		{"not a colour", model.Brand{Colour: "blue"}, `colour: "blue" is not a colour written like #1d4f91`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(brandProblems(c.brand), "\n")
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// The suggested shade does pass, and is the colour's own hue.
func TestBrandSuggestionPasses(t *testing.T) {
	got := brandProblems(model.Brand{Colour: "#77aaff"})
	if len(got) != 1 {
		t.Fatalf("got %v", got)
	}
	shade := regexp.MustCompile(`"(#[0-9a-f]{6})"`).FindAllStringSubmatch(got[0], -1)
	if len(shade) < 2 {
		t.Fatalf("no shade suggested: %s", got[0])
	}
	if again := brandProblems(model.Brand{Colour: shade[1][1]}); len(again) != 0 {
		t.Errorf("the suggested shade %s fails too: %v", shade[1][1], again)
	}
}

// A logo and an icon are images in static/, a logo says what it is, a
// contact can be written to or visited, a link goes somewhere.
func TestBrandFilesAndLinks(t *testing.T) {
	for _, c := range []struct {
		brand  model.Brand
		static []string
		want   string
	}{
		{model.Brand{Logo: "logo.svg", LogoAlt: "Example Council"}, []string{"logo.svg"}, ""},
		{model.Brand{Logo: "logo.svg"}, []string{"logo.svg"}, "the logo has no logo_alt"},
		{model.Brand{Logo: "logo.svg", LogoAlt: "x"}, nil, `logo: there is no file "logo.svg" in static/`},
		{model.Brand{Favicon: "favicon.txt"}, []string{"favicon.txt"}, `favicon "favicon.txt" is not an image`},
		{model.Brand{Contact: "performance@example.gov.uk"}, nil, ""},
		{model.Brand{Contact: "https://www.example.gov.uk/contact"}, nil, ""},
		{model.Brand{Contact: "ring us"}, nil, `contact "ring us" is neither an email address nor a web address`},
		{model.Brand{FooterLinks: []model.Link{{Name: "Privacy", URL: "/privacy/"}, {Name: "Council", URL: "https://www.example.gov.uk/"}}}, nil, ""},
		{model.Brand{HeaderLinks: []model.Link{{Name: "Home", URL: "javascript:alert(1)"}}}, nil, `the link "Home" goes to "javascript:alert(1)", which is not an address`},
	} {
		got := strings.Join(brandProblems(c.brand, c.static...), "\n")
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("%+v: got %q, want %q", c.brand, got, c.want)
		}
	}
}

// The backgrounds the colours are checked against are the stylesheet's.
func TestSchemeColoursAreTheStylesheets(t *testing.T) {
	css, err := os.ReadFile("../../assets/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	root := regexp.MustCompile(`--bg: (#[0-9a-f]{6}); .*--panel: (#[0-9a-f]{6});`).FindAllStringSubmatch(string(css), -1)
	if len(root) < 2 {
		t.Fatalf("site.css has %d sets of --bg and --panel, want the light and the dark", len(root))
	}
	if got := []string{root[0][1], root[0][2]}; strings.Join(got, ",") != strings.Join(lightBackgrounds, ",") {
		t.Errorf("light backgrounds: site.css %v, check %v", got, lightBackgrounds)
	}
	if got := []string{root[1][1], root[1][2]}; strings.Join(got, ",") != strings.Join(darkBackgrounds, ",") {
		t.Errorf("dark backgrounds: site.css %v, check %v", got, darkBackgrounds)
	}
}
