package check

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/perfsite/perfsite/internal/contrast"
	"github.com/perfsite/perfsite/internal/model"
)

// A site's brand colours must keep its pages readable: WCAG 2.2 AA, in the
// light colour scheme and in the dark. These are the backgrounds the
// colours are shown on, as assets/css/site.css sets them (--bg and
// --panel; TestSchemeColoursAreTheStylesheets holds them together).
var (
	lightBackgrounds = []string{"#ffffff", "#f3f2f1"}
	darkBackgrounds  = []string{"#111314", "#1e2224"}
)

// imageTypes are the kinds of file a logo or icon can be.
var imageTypes = []string{".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico"}

// checkBrand checks the [brand] table of site.toml: colours that pass
// contrast, a logo and icon that are images of the site's static folder,
// a contact and links a reader can follow.
func checkBrand(in *model.Input, probs *model.Problems) {
	b := &in.Site.Brand
	pos := func(key string) model.Pos {
		if p, ok := b.KeyPos[key]; ok {
			return p
		}
		if p, ok := in.Site.KeyPos["brand"]; ok {
			return p
		}
		return model.Pos{File: in.Site.File}
	}
	colour := func(key, value string) (contrast.Colour, bool) {
		c, err := contrast.Parse(value)
		if err != nil {
			probs.Errorf(pos(key), "write a colour as its hex code, like \"#1d4f91\"", "%s: %v", key, err)
			return c, false
		}
		return c, true
	}
	// enough reports the first background c does not contrast with well
	// enough, with a shade that would.
	enough := func(key, value string, c contrast.Colour, need float64, what, scheme string, backgrounds []string) {
		var bgs []contrast.Colour
		for _, s := range backgrounds {
			bg, _ := contrast.Parse(s)
			bgs = append(bgs, bg)
		}
		for i, bg := range bgs {
			if r := contrast.Ratio(c, bg); r < need {
				hint := "choose a colour with more contrast"
				if better, ok := contrast.Nearest(c, need, bgs...); ok {
					hint = fmt.Sprintf("use a shade such as %q, which has %.1f:1", better.String(), minRatio(better, bgs))
				}
				probs.Errorf(pos(key), hint, "%s %q has a contrast of %.1f:1 with the %s scheme's background %s; %s needs %.1f:1 (WCAG 2.2 AA)",
					key, value, r, scheme, backgrounds[i], what, need)
				return
			}
		}
	}
	if b.Colour != "" {
		if c, ok := colour("colour", b.Colour); ok {
			enough("colour", b.Colour, c, contrast.Text, "link text", "light", lightBackgrounds)
		}
	}
	if b.ColourDark != "" {
		if c, ok := colour("colour_dark", b.ColourDark); ok {
			enough("colour_dark", b.ColourDark, c, contrast.Text, "link text", "dark", darkBackgrounds)
		}
	}
	if b.HeaderText != "" && b.HeaderBackground == "" {
		probs.Errorf(pos("header_text"), "add header_background, the colour it is written on", "header_text is set without header_background")
	}
	if b.HeaderBackground != "" {
		bg, ok := colour("header_background", b.HeaderBackground)
		text := HeaderText(b)
		if b.HeaderText != "" {
			var okText bool
			if _, okText = colour("header_text", b.HeaderText); !okText {
				ok = false
			}
		}
		if ok {
			fg, _ := contrast.Parse(text)
			if r := contrast.Ratio(fg, bg); r < contrast.Text {
				probs.Errorf(pos("header_text"), "choose colours further apart: dark text on a light band, or white text on a dark one",
					"the header's text %q has a contrast of %.1f:1 with its background %q; text needs %.1f:1 (WCAG 2.2 AA)", text, r, b.HeaderBackground, contrast.Text)
			}
		}
	}
	image := func(key, file string) {
		switch {
		case file == "":
		case !slices.Contains(imageTypes, strings.ToLower(path.Ext(file))):
			probs.Errorf(pos(key), "use an SVG, PNG, JPEG, WebP, GIF or ICO file", "%s %q is not an image", key, file)
		case !in.Static[strings.TrimPrefix(file, "/")]:
			probs.Errorf(pos(key), "put the file in the site's static/ folder and name it from there, like \"logo.svg\" for static/logo.svg", "%s: there is no file %q in static/", key, file)
		}
	}
	image("logo", b.Logo)
	image("favicon", b.Favicon)
	if b.Logo != "" && strings.TrimSpace(b.LogoAlt) == "" {
		probs.Errorf(pos("logo"), `add logo_alt = "..." with what the logo says, usually the council's name`, "the logo has no logo_alt: a screen reader would say nothing")
	}
	if b.Contact != "" && !isEmail(b.Contact) && !isWebAddress(b.Contact) {
		probs.Errorf(pos("contact"), `write an email address, like "performance@example.gov.uk", or a web address starting with https://`, "contact %q is neither an email address nor a web address", b.Contact)
	}
	for _, kind := range []struct {
		key   string
		links []model.Link
	}{{"header_link", b.HeaderLinks}, {"footer_link", b.FooterLinks}} {
		for i, l := range kind.links {
			if l.URL != "" && !isWebAddress(l.URL) && !strings.HasPrefix(l.URL, "/") {
				probs.Errorf(pos(fmt.Sprintf("%s.%d.url", kind.key, i)), `write a web address starting with https://, or a page of the site starting with /, like "/about/"`,
					"the link %q goes to %q, which is not an address", l.Name, l.URL)
			}
		}
	}
}

// HeaderText is the colour of the header's text on its brand background:
// the one set, or white or black, whichever contrasts more.
func HeaderText(b *model.Brand) string {
	if b.HeaderText != "" {
		return b.HeaderText
	}
	bg, err := contrast.Parse(b.HeaderBackground)
	if err != nil {
		return "#ffffff"
	}
	white, black := contrast.Colour{R: 255, G: 255, B: 255}, contrast.Colour{R: 11, G: 12, B: 12}
	if contrast.Ratio(white, bg) >= contrast.Ratio(black, bg) {
		return "#ffffff"
	}
	return "#0b0c0c"
}

func minRatio(c contrast.Colour, bgs []contrast.Colour) float64 {
	m := 21.0
	for _, bg := range bgs {
		m = min(m, contrast.Ratio(c, bg))
	}
	return m
}

func isEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(s, " \t<>\"'")
}

// checkPageMenus checks that each extra page joins a menu there is.
func checkPageMenus(in *model.Input, probs *model.Problems) {
	for _, p := range in.Pages {
		if p.Menu != "" && !slices.Contains(model.Menus, p.Menu) {
			pos := p.KeyPos["menu"]
			if pos.File == "" {
				pos = model.Pos{File: p.File}
			}
			probs.Errorf(pos, "write menu: header, menu: footer or menu: none", "menu %q is not a menu", p.Menu)
		}
	}
}

// checkPublished checks [published]: a quarter's figures cannot be
// published before the quarter has ended.
func checkPublished(s *model.Site, probs *model.Problems) {
	cal := s.Calendar()
	periods := make([]model.Period, 0, len(s.Published))
	for p := range s.Published {
		periods = append(periods, p)
	}
	slices.SortFunc(periods, func(a, b model.Period) int { return a.Index() - b.Index() })
	for _, p := range periods {
		date, end := s.Published[p], cal.End(p)
		if date.Before(end) {
			pos := s.KeyPos["published."+cal.Slug(p)]
			if pos.File == "" {
				pos = model.Pos{File: s.File}
			}
			probs.Errorf(pos, fmt.Sprintf("write the day the figures were published: %s ended on %s", cal.Label(p), end.Format("2 January 2006")),
				"%s's figures are said to be published on %s, before the quarter ended", cal.Label(p), date.Format("2 January 2006"))
		}
	}
}

// checkAccessibility checks [accessibility]: dates in order, a contact
// that can be written to or visited.
func checkAccessibility(s *model.Site, probs *model.Problems) {
	a := &s.Accessibility
	pos := func(key string) model.Pos {
		if p, ok := s.KeyPos["accessibility."+key]; ok {
			return p
		}
		return model.Pos{File: s.File}
	}
	if !a.Reviewed.IsZero() && a.Reviewed.Before(a.Prepared) {
		probs.Errorf(pos("reviewed"), "reviewed is the day the statement was last reviewed: on or after prepared", "the statement is said to be reviewed on %s, before it was prepared on %s",
			a.Reviewed.Format("2 January 2006"), a.Prepared.Format("2 January 2006"))
	}
	if a.Contact != "" && !isEmail(a.Contact) && !isWebAddress(a.Contact) {
		probs.Errorf(pos("contact"), `write an email address, like "accessibility@example.gov.uk", or a web address starting with https://`, "contact %q is neither an email address nor a web address", a.Contact)
	}
	if a.ResponseDays < 0 || a.ResponseDays > 60 {
		probs.Errorf(pos("response_days"), "the number of working days a reply takes, like 5", "response_days is %d", a.ResponseDays)
	}
}

// Notes are what a council should know about its site that is not a
// problem with its data: the facts of the accessibility statement that
// the regulations ask for and only the council can give. check and build
// print them after the problems, once.
func Notes(in *model.Input) []string {
	s := &in.Site
	if s.Sample {
		return nil // a demonstration, not yet the council's published site
	}
	var out []string
	a := &s.Accessibility
	if a.Prepared.IsZero() {
		out = append(out, "The accessibility statement (/accessibility/) does not say when it was prepared and reviewed, as the accessibility regulations ask: add [accessibility] with prepared = and reviewed = to data/site.toml (README: \"The accessibility statement\").")
	}
	if a.Contact == "" && a.Phone == "" && s.Brand.Contact == "" {
		out = append(out, "The accessibility statement gives no way to report a problem: add contact = under [accessibility] or [brand] in data/site.toml.")
	}
	return out
}
