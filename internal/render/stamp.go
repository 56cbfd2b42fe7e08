package render

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/chart"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/parallel"
)

// A measure's pages are stamped, not laid out by Hugo: its page, its
// embed page and a page per quarter reported, nearly every page of a
// site. They differ only in a few values and their main content, which
// perfsite writes anyway (body.go), and having Hugo lay out each of them
// cost more than everything else in a build (BENCHMARKS.md). So a full build gives Hugo
// one page of each kind whose values are tokens, a "shell" (shellKind for
// the quarter pages, measureShell and embedShell), and, once Hugo has
// built the shells with the site's layouts, writes every such page as its
// shell with the tokens replaced by the page's values, each escaped as
// Hugo's templates escape text (esc).
//
// A text token carries the characters that escaping changes ("<&'+),
// so that parseShell can tell how each use was escaped: a use it does not
// recognise (text in a script, or in an address) is an error, never a
// page with a wrong value. Values the layouts branch on are not tokens but
// the shell's kind. Only perfsite's own layouts are stamped: a site with
// its own layouts has these pages laid out by Hugo (build.Build), as does
// the preview. TestStampedMatchesHugo builds sites both ways and
// compares every file.

// shellKind is what the quarter page layouts branch on. (They also write
// the description's meta tags only when there is one, but a quarter page
// always has one: its summary, which explain.Summary never leaves empty;
// Stamp checks.)
type shellKind struct {
	newer       bool // a newer figure has been published: the notice
	share       bool // the page of the latest figure: its share image
	interactive bool // the interactive chart's scripts
}

// The kinds of shell, each a number: the quarter pages' (quarterKind),
// then the measure pages' (measureShell), then the embed pages'
// (embedShell).
const (
	quarterKinds = 8
	measureKinds = 2
)

// shellCount is the number of kinds of shell.
var shellCount = quarterKinds + measureKinds + 2*len(model.Statuses)

func (k shellKind) index() int {
	i := 0
	for bit, on := range []bool{k.newer, k.share, k.interactive} {
		if on {
			i |= 1 << bit
		}
	}
	return i
}

func kindAt(i int) shellKind {
	return shellKind{newer: i&1 != 0, share: i&2 != 0, interactive: i&4 != 0}
}

// The tokens of a shell. Every one starts with shellToken and is lower
// case letters and digits, which a URL and Hugo's paths keep as they are;
// measure, service and quarter ids are slugs (check), which no escaping
// changes either, so they stand in for them anywhere.
const (
	shellToken     = "perfsiteshell"
	shellQuarter   = shellToken + "quarter"
	shellService   = shellToken + "service"
	shellMain      = shellToken + "main"
	shellAlias     = shellToken + "alias"     // a quarter page's old address
	shellPageAlias = shellToken + "pagealias" // a measure page's old address
	shellNewerPage = shellToken + "newer"     // the measure page a shell's notice reads
	// Written as they are: a measure page's structured data (JSON), an
	// embed page's chart's SVG and legend (HTML).
	shellJSONLD = shellToken + "jsonld"
	shellSVG    = shellToken + "svg"
	shellLegend = shellToken + "legend"
)

// shellMeasure is the measure id of the shell of kind k: each shell is a
// page of its own address (shellURL), in a folder of its own.
func shellMeasure(k int) string { return shellToken + "measure" + strconv.Itoa(k) + "k" }

// shellURL is the address of the shell of kind k.
func shellURL(k int) string {
	id := shellMeasure(k)
	switch {
	case k < quarterKinds:
		return snapshotURL(id, shellQuarter)
	case k < quarterKinds+measureKinds:
		return measureURL(id)
	default:
		return embedURL(id)
	}
}

// measureShell is the kind of the shell of a measure page: whether it has
// the interactive chart's scripts is all its layout branches on. (It also
// writes the description's, share image's and structured data's tags
// only when there are some, but a measure page always has them; Stamp
// checks.)
func measureShell(interactive bool) int {
	return quarterKinds + b2i(interactive)
}

// embedShell is the kind of the shell of an embed page: its figure's
// status, which its layout writes with a partial of its own, and whether
// it has a chart. ok is false for a status of no kind.
func embedShell(st string, withChart bool) (k int, ok bool) {
	i := slices.Index(model.Statuses, model.Status(st))
	return quarterKinds + measureKinds + 2*i + b2i(withChart), i >= 0
}

// shellUnused stands, in a shell, for each text value of a page that the
// layouts do not write (yet): parseShell refuses it, so a layout that
// starts writing one fails the build (and TestStampedMatchesHugo), rather
// than writing the shell's value on every page. (Numbers and flags, a
// figure's value or whether it was overridden, cannot hold it: only
// TestStampedMatchesHugo guards those.)
const shellUnused = shellToken + "unused"

// shellFigure is the figure of a shell: every text value unused, for the
// shell to set those its layouts write.
func shellFigure() figureView {
	u := shellUnused
	return figureView{
		Period: u, Label: u, Months: u, ValueText: u, TargetText: u, NationalText: u,
		Status: statusView{Key: u, Label: u}, Note: u, URL: u,
	}
}

// The text values of the measure, embed and quarter pages that their
// layouts write.
const (
	textDescription = iota // the page's description: its summary
	textTitle              // the measure's title
	textServiceName
	textFigureLabel // the page's quarter
	textShareAlt    // what the share image shows
	textFeedName    // the service's feed
	textNewerValue  // the newer figure (the measure page's)
	textNewerLabel  // and its quarter
	// An embed page's.
	textFigureValue  // the latest figure
	textFigureMonths // its months
	textChartID      // its chart's id
	textChartCaption // and caption
	textChartFrame   // the classes around the chart
	textFields
)

// probeChars are what escaping changes. A text token ends with them, and
// parseShell expects them escaped as esc escapes them, which is how
// html/template writes them in text and in attribute values
// (TestParseShell): a layout or Hugo that escaped otherwise would fail the
// build rather than stamp wrong pages.
const probeChars = `"<&'+`

var textProbeEscaped = esc(probeChars)

func shellText(i int) string { return shellToken + "text" + strconv.Itoa(i) + "x" + probeChars }

// shells writes the content pages of the shells, of every kind a page
// may need: the measure pages' and embed pages', and when there are
// quarter pages, theirs, the measure page their notice reads and the
// main content they all show. Those with the interactive chart's scripts
// only when a page has the chart: their layouts publish the scripts,
// which a site whose measures have no figure yet has no use for, and
// Hugo alone would not publish. (A measure with a chart has one at its
// latest figure: chart.NewAt.)
func (r *renderer) shells() error {
	if len(r.site.Measures) == 0 {
		return nil
	}
	mainFile, err := r.fragmentFile(shellMain, ".html")
	if err != nil {
		return err
	}
	interactive := r.site.InteractiveCharts && slices.ContainsFunc(r.site.Measures, func(m *derive.Measure) bool {
		return chart.NewAt(m, r.cal, m.Latest.Period) != nil
	})
	if err := r.measureShells(mainFile, interactive); err != nil {
		return err
	}
	if err := r.embedShells(); err != nil {
		return err
	}
	if !slices.ContainsFunc(r.site.Measures, func(m *derive.Measure) bool { return len(m.Reported) > 0 }) {
		return nil // no quarter pages
	}
	hidden := map[string]any{"render": "never", "list": "never"}
	if err := r.writePage(shellNewerPage+".md", page{
		Title: shellToken, URL: shellNewerPage + "/", Layout: "measure", Build: hidden,
		Params: map[string]any{"figure": map[string]string{
			"value_text": shellText(textNewerValue),
			"label":      shellText(textNewerLabel),
		}},
	}); err != nil {
		return err
	}
	for i := range quarterKinds {
		k := kindAt(i)
		if k.interactive && !interactive {
			continue
		}
		id := shellMeasure(i)
		v := shellView(id, mainFile)
		v.IsSnapshot = true
		v.Figure.Label = shellText(textFigureLabel)
		v.MeasurePage = "/" + shellNewerPage
		v.Newer = k.newer
		v.InteractiveChart = k.interactive
		if k.share {
			v.ShareImage = shareImageURL(id)
			v.ShareAlt = shellText(textShareAlt)
		}
		p := page{
			// quarterPageTitle: the measure's title and the quarter.
			Title:       shellText(textTitle) + ": " + shellText(textFigureLabel),
			URL:         shellURL(i),
			Layout:      "snapshot",
			Description: shellText(textDescription),
			Params:      v,
			// In no list of pages, nor the sitemap; not counted as a page.
			Build: map[string]any{"list": "never"},
		}
		if i == 0 { // the page Hugo writes at an old address
			p.Aliases = []string{"/" + snapshotURL(shellAlias, shellQuarter)}
		}
		if err := r.writePage("measures/"+id+"/"+shellQuarter+".md", p); err != nil {
			return err
		}
	}
	return nil
}

// shellView is the view of the shell of a measure page or a quarter page
// at id: the values that both their layouts write are tokens, and its
// figure's are unused (shellFigure).
func shellView(id, mainFile string) measureView {
	return measureView{
		ID:        id,
		Title:     shellText(textTitle),
		URL:       measureURL(id),
		Service:   link{Name: shellText(textServiceName), URL: serviceURL(shellService)},
		Figure:    shellFigure(),
		MainFile:  mainFile,
		linksView: linksView{ServiceFeed: &link{Name: shellText(textFeedName), URL: serviceFeedURL(shellService)}},
	}
}

// measureShells writes the content pages of the measure pages' shells,
// without the interactive chart's scripts and, if interactive, with them.
func (r *renderer) measureShells(mainFile string, interactive bool) error {
	for _, in := range []bool{false, true} {
		if in && !interactive {
			continue
		}
		k := measureShell(in)
		id := shellMeasure(k)
		v := shellView(id, mainFile)
		v.Summary = shellText(textDescription)
		v.InteractiveChart = in
		v.ShareImage = shareImageURL(id)
		v.ShareAlt = shellText(textShareAlt)
		v.JSONLD = shellJSONLD
		v.EmbedURL, v.EmbedSnippet = embedURL(id), shellUnused
		p := page{
			Title:       shellText(textTitle),
			URL:         shellURL(k),
			Layout:      "measure",
			Description: shellText(textDescription),
			Params:      v,
			// In no list of pages, nor the sitemap; not counted as a page.
			Build: map[string]any{"list": "never"},
		}
		if !in { // the page Hugo writes at an old address
			p.Aliases = []string{"/" + measureURL(shellPageAlias)}
		}
		if err := r.writePage(measurePagePath(id)+".md", p); err != nil {
			return err
		}
	}
	return nil
}

// embedShells writes the content pages of the embed pages' shells, one
// for each status, with a chart and without.
func (r *renderer) embedShells() error {
	svgFile, err := r.fragmentFile(shellSVG, ".svg")
	if err != nil {
		return err
	}
	legendFile, err := r.fragmentFile(shellLegend, ".html")
	if err != nil {
		return err
	}
	for _, st := range model.Statuses {
		for _, withChart := range []bool{false, true} {
			k, _ := embedShell(string(st), withChart)
			id := shellMeasure(k)
			c := chartView{}
			if withChart {
				c = chartView{
					ID: shellText(textChartID), SVGFile: svgFile, LegendFile: legendFile,
					Caption: shellText(textChartCaption), Frame: shellText(textChartFrame),
				}
			}
			fig := shellFigure()
			fig.ValueText, fig.Months = shellText(textFigureValue), shellText(textFigureMonths)
			fig.Label, fig.Status = shellText(textFigureLabel), status(st)
			p := embedPage(id, shellText(textTitle), shellText(textDescription), fig, c)
			p.Build = map[string]any{"list": "never"} // not counted as a page
			if err := r.writePage("measures/"+id+"/embed.md", p); err != nil {
				return err
			}
		}
	}
	return nil
}

// A stamp is a shell cut at its tokens: literal text, and the values
// that go between.
type stamp []stampPiece

type stampPiece struct {
	text  string // literal, when field is fieldLiteral
	field int
}

// The fields of a stamp: the text fields (0 to textFields-1), then these.
const (
	fieldMeasure = textFields + iota
	fieldQuarter
	fieldService
	fieldMain
	fieldJSONLD
	fieldSVG
	fieldLegend
	fieldCount
	fieldLiteral = -1
)

// plainTokens are the tokens written as they are, but for the measure's
// id (which is the shell's own), with their fields: ids, which need no
// escaping, and HTML and JSON, which are written unescaped.
var plainTokens = []struct {
	token string
	field int
}{
	{shellQuarter, fieldQuarter}, {shellService, fieldService}, {shellMain, fieldMain},
	{shellJSONLD, fieldJSONLD}, {shellSVG, fieldSVG}, {shellLegend, fieldLegend},
}

// parseShell cuts the shell of kind k, as Hugo built it (path, for
// errors), at its tokens.
func parseShell(path, shell string, k int) (stamp, error) {
	measure := shellMeasure(k)
	var st stamp
	for {
		i := strings.Index(shell, shellToken)
		if i < 0 {
			break
		}
		if i > 0 {
			st = append(st, stampPiece{text: shell[:i], field: fieldLiteral})
		}
		rest := shell[i:]
		field, n := fieldLiteral, 0
		for _, t := range plainTokens {
			if strings.HasPrefix(rest, t.token) {
				field, n = t.field, len(t.token)
			}
		}
		switch {
		case strings.HasPrefix(rest, measure):
			field, n = fieldMeasure, len(measure)
		case strings.HasPrefix(rest, shellToken+"text"):
			digits := strings.TrimPrefix(rest, shellToken+"text")
			j := strings.IndexByte(digits, 'x')
			t, err := strconv.Atoi(digits[:max(j, 0)])
			if j > 0 && err == nil && t < textFields && strings.HasPrefix(digits[j+1:], textProbeEscaped) {
				field, n = t, len(shellToken+"text")+j+1+len(textProbeEscaped)
			}
		}
		if field == fieldLiteral {
			// Only perfsite's own layouts are stamped, so this is a fault
			// of perfsite's (TestStampedMatchesHugo), not of the site.
			line := strings.Count(shell[:i], "\n") + 1
			if strings.HasPrefix(rest, shellUnused) {
				return nil, fmt.Errorf("%s:%d: %w: a layout writes a value of a measure's page that perfsite does not stamp (%q): make it a token (shells)", path, line, errStamp, rest[:min(len(rest), 60)])
			}
			return nil, fmt.Errorf("%s:%d: %w: a value of a measure's page is written where perfsite cannot stamp it (%q): the layouts of measure, embed and quarter pages may write text only as HTML text or an attribute value", path, line, errStamp, rest[:min(len(rest), 60)])
		}
		st = append(st, stampPiece{field: field})
		shell = rest[n:]
	}
	if shell != "" {
		st = append(st, stampPiece{text: shell, field: fieldLiteral})
	}
	return st, nil
}

// errStamp says that a build failed for a fault of perfsite's own.
var errStamp = errors.New("perfsite could not write the measures' pages (a fault in perfsite: please report it, with this message)")

// pageValues are a measure, embed or quarter page's values for its stamp,
// by field: the text fields escaped (esc), the others as written.
type pageValues [fieldCount]string

// appendTo appends the page: the stamp with the values put in.
func (st stamp) appendTo(b []byte, v *pageValues) []byte {
	for _, p := range st {
		if p.field == fieldLiteral {
			b = append(b, p.text...)
		} else {
			b = append(b, v[p.field]...)
		}
	}
	return b
}

// A Stamper writes the measure pages, embed pages and quarter pages
// (Stamp) of the site RenderPages wrote with stamp, from what it worked
// out for them.
type Stamper struct {
	r *renderer
}

// Stamp writes every measure's page, embed page and quarter pages, and
// the pages at their old addresses, into public, the site Hugo built; it
// removes the shells and adds the pages to the sitemap.
func (s *Stamper) Stamp(public string) error {
	r, site := s.r, s.r.site
	if len(site.Measures) == 0 {
		return nil
	}
	// Every shell shells wrote, by kind; nil for a kind it did not.
	stamps := make([]stamp, shellCount)
	for k := range stamps {
		var err error
		if stamps[k], err = takeShell(public, shellURL(k), measureURL(shellMeasure(k)), k); err != nil {
			return err
		}
	}
	measureAlias, err := takeShell(public, measureURL(shellPageAlias), measureURL(shellPageAlias), measureShell(false))
	if err != nil {
		return err
	}
	quarterAlias, err := takeShell(public, snapshotURL(shellAlias, shellQuarter), measureURL(shellAlias), 0)
	if err != nil {
		return err
	}
	err = parallel.Each(len(site.Measures), func(i int) error {
		m := site.Measures[i]
		mc := r.common[i]
		r.common[i] = measureCommon{} // not needed again: let it go
		var b []byte
		put := func(st stamp, url string, vals *pageValues) (err error) {
			if st == nil {
				return fmt.Errorf("%w: %s: a page of no shell", errStamp, url)
			}
			b = st.appendTo(b[:0], vals)
			return writeBuilt(public, url, b)
		}
		// The measure page.
		v := r.measurePageView(m, mc)
		if v.Summary == "" || v.JSONLD == "" {
			return fmt.Errorf("%w: %s: no summary or structured data", errStamp, m.ID)
		}
		var vals pageValues
		vals[fieldMeasure], vals[fieldService] = m.ID, m.Service
		vals[fieldMain] = r.mainHTML(&v, mc)
		vals[fieldJSONLD] = v.JSONLD
		vals[textTitle] = esc(v.Title)
		vals[textDescription] = esc(v.Summary)
		vals[textServiceName] = esc(v.Service.Name)
		vals[textFeedName] = esc(v.ServiceFeed.Name)
		vals[textShareAlt] = esc(v.ShareAlt)
		if err := put(stamps[measureShell(v.InteractiveChart)], measureURL(m.ID), &vals); err != nil {
			return err
		}
		for _, a := range m.Aliases {
			if err := put(measureAlias, measureURL(a), &vals); err != nil {
				return err
			}
		}
		// Its embed page.
		k, ok := embedShell(v.Figure.Status.Key, v.chart.SVG != "")
		if !ok {
			return fmt.Errorf("%w: %s: a status of no kind, %q", errStamp, m.ID, v.Figure.Status.Key)
		}
		vals[fieldSVG], vals[fieldLegend] = v.chart.SVG, v.chart.Legend
		vals[textFigureValue] = esc(v.Figure.ValueText)
		vals[textFigureMonths] = esc(v.Figure.Months)
		vals[textFigureLabel] = esc(v.Figure.Label)
		vals[textChartID] = esc(v.chart.ID)
		vals[textChartCaption] = esc(v.chart.Caption)
		vals[textChartFrame] = esc(v.chart.Frame)
		if err := put(stamps[k], embedURL(m.ID), &vals); err != nil {
			return err
		}
		// Its quarter pages. The values they all share are the measure
		// page's, escaped once; the newer figure is its latest.
		vals[fieldJSONLD], vals[fieldSVG], vals[fieldLegend] = "", "", ""
		vals[textNewerValue], vals[textNewerLabel] = vals[textFigureValue], vals[textFigureLabel]
		for _, snap := range m.Reported {
			v := r.quarterView(m, snap, mc)
			if v.Summary == "" {
				return fmt.Errorf("%w: %s, %s: no summary", errStamp, m.ID, r.cal.Slug(snap.Period))
			}
			slug := r.cal.Slug(snap.Period)
			vals[fieldQuarter] = slug
			vals[fieldMain] = r.mainHTML(&v, mc)
			vals[textDescription] = esc(v.Summary)
			vals[textFigureLabel] = esc(v.Figure.Label)
			vals[textShareAlt] = esc(v.ShareAlt)
			k := shellKind{newer: v.Newer, share: v.ShareImage != "", interactive: v.InteractiveChart}
			if err := put(stamps[k.index()], snapshotURL(m.ID, slug), &vals); err != nil {
				return err
			}
			for _, a := range m.Aliases {
				if err := put(quarterAlias, snapshotURL(a, slug), &vals); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return addToSitemap(public, r.stampedPages())
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// takeShell reads the shell of kind k that Hugo built at url, if it did
// (nil if not: a kind shells did not write), and removes folder, the
// shell's, from the built site.
func takeShell(public, url, folder string, k int) (stamp, error) {
	path := filepath.Join(public, filepath.FromSlash(url), "index.html")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%w: the shell Hugo built: %w", errStamp, err)
	}
	st, err := parseShell(path, string(b), k)
	if err != nil {
		return nil, err
	}
	return st, os.RemoveAll(filepath.Join(public, filepath.FromSlash(folder)))
}

// writeBuilt writes a page of the built site at url.
func writeBuilt(public, url string, b []byte) error {
	dir := filepath.Join(public, filepath.FromSlash(url))
	// The measure's folder is there already (its downloads) but for a
	// page at an old address, so Mkdir first, which is one call, not
	// three.
	if err := os.Mkdir(dir, 0o755); err != nil && !os.IsExist(err) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), b, 0o644)
}

// stampedPages are the addresses of every measure page and quarter page,
// each measure's page before its quarter pages.
func (r *renderer) stampedPages() []string {
	var urls []string
	for _, m := range r.site.Measures {
		urls = append(urls, measureURL(m.ID))
		for _, snap := range m.Reported {
			urls = append(urls, snapshotURL(m.ID, r.cal.Slug(snap.Period)))
		}
	}
	return urls
}

// addToSitemap adds the stamped pages (urls) to the sitemap Hugo wrote,
// as Hugo writes the other pages: loc only (the site sets no change
// frequency or priority), after the last page. A loc is the page's
// address under the base URL as Hugo writes it (percent-encoded, and
// escaped as html/template escapes text: "+" is "&#43;"): the home page's
// loc with the rest of the page's address after it, a measure id and a
// quarter, which need no escaping.
func addToSitemap(public string, urls []string) error {
	path := filepath.Join(public, "sitemap.xml")
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	// The base is the home page's loc: the shortest whose A to Z is there
	// too (a service or a measure may be called "measures").
	locs := map[string]bool{}
	for _, m := range sitemapLoc.FindAllSubmatch(old, -1) {
		locs[string(m[1])] = true
	}
	base := ""
	for loc := range locs {
		if locs[loc+"measures/"] && (base == "" || len(loc) < len(base)) {
			base = loc
		}
	}
	// Hugo's template writes "  <url>\n    <loc>...</loc>\n  </url><url>
	// ..." and then "\n</urlset>".
	end := bytes.LastIndex(old, []byte("</url>")) + len("</url>")
	if base == "" || end < len("</url>") {
		return fmt.Errorf("%w: %s has no page measures/ to add the measures' pages after", errStamp, path)
	}
	var b bytes.Buffer
	b.Grow(len(old) + (len(base)+60)*len(urls))
	b.Write(old[:end])
	for _, u := range urls {
		b.WriteString("<url>\n    <loc>" + base + u + "</loc>\n  </url>")
	}
	b.Write(old[end:])
	return os.WriteFile(path, b.Bytes(), 0o644)
}

var sitemapLoc = regexp.MustCompile(`<loc>([^<]*)</loc>`)
