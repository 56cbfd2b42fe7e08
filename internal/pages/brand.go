package pages

import (
	"fmt"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// BrandCSS is the stylesheet that gives the site its brand's colours, put
// after perfsite's (assets/css/site.css), whose custom properties it sets:
// the links, the header's bar and the charts' line in the light and the
// dark scheme, and the header band. check has made sure every colour is a
// hex code with enough contrast. A site without brand colours has none.
func BrandCSS(b model.Brand, headerText string) []byte {
	var css strings.Builder
	if b.Colour != "" {
		// Light and print only: without colour_dark the dark scheme
		// keeps perfsite's. (The dark scheme is for screens: paper is white.)
		fmt.Fprintf(&css, "@media print,(prefers-color-scheme:light){:root{--link:%[1]s;--chart-actual:%[1]s}}\n", b.Colour)
	}
	if b.ColourDark != "" {
		fmt.Fprintf(&css, "@media screen and (prefers-color-scheme:dark){:root{--link:%[1]s;--chart-actual:%[1]s}}\n", b.ColourDark)
	}
	if b.HeaderBackground != "" {
		// The same band in both schemes: it is the council's.
		fmt.Fprintf(&css, ".site-header.band{--header-bg:%s;--header-fg:%s}\n", b.HeaderBackground, headerText)
	}
	if css.Len() == 0 {
		return nil
	}
	return []byte("/* The site's brand, from [brand] in data/site.toml. */\n" + css.String())
}
