// Package check finds every problem of meaning in a loaded site at once: ids
// that are not defined, values out of range, duplicates. It reports them all
// in one run, so that a person fixes a file once rather than once per build.
package check

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/suggest"
	"github.com/perfsite/perfsite/internal/urlpath"
)

var languageRE = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)

const slugHint = model.IDHint

// Check returns every problem it finds in in, unsorted.
func Check(in *model.Input) model.Problems {
	var probs model.Problems
	if !siteUnread(in) {
		checkSite(&in.Site, &probs)
		checkBrand(in, &probs)
		checkPublished(&in.Site, &probs)
		checkAccessibility(&in.Site, &probs)
	}
	checkPageMenus(in, &probs)
	idx := checkMeasures(in, &probs)
	rows := checkQuarters(in, idx, &probs)
	checkJudging(in, idx, &probs)
	if !measuresUnread(in) {
		checkRevisions(in, idx, rows, &probs)
		checkPlausible(in, idx, &probs)
	}
	checkMinutes(in, idx, &probs)
	checkPages(in, &probs)
	checkLengths(in, &probs)
	checkPeriods(in, &probs)
	return probs
}

// checkPages reports an extra page that would take the place of a page
// perfsite makes, or sit in a folder of them (urlpath.GeneratedPaths):
// content/glossary.md once replaced the glossary, and content/search.md
// was silently dropped.
func checkPages(in *model.Input, probs *model.Problems) {
	for _, p := range in.Pages {
		if what, clash := urlpath.PageClash(p.Slug); clash {
			probs.Errorf(model.Pos{File: p.File}, "give the file another name: a page's file name is its address (content/about.md is at /about/)",
				"this page would be at the address of %s, which perfsite makes", what)
		}
	}
}

// siteUnread reports whether data/site.toml is missing or could not be
// read: its problem is reported by load, and every service and committee
// named elsewhere would otherwise be reported as not defined.
func siteUnread(in *model.Input) bool {
	for _, f := range in.Unread {
		if f == in.Site.File || f == "data/site.toml" {
			return true
		}
	}
	return false
}

// measuresUnread reports whether a file of measures is missing or could not
// be read, so that measure ids named elsewhere cannot be checked.
func measuresUnread(in *model.Input) bool {
	for _, f := range in.Unread {
		if strings.HasPrefix(f, "data/measures") {
			return true
		}
	}
	return false
}

func checkSite(s *model.Site, probs *model.Problems) {
	pos := func(key string) model.Pos {
		if p, ok := s.KeyPos[key]; ok {
			return p
		}
		return model.Pos{File: s.File, Line: 1, Col: 1} // a key not written goes at the top
	}
	if s.YearStartMonth < 1 || s.YearStartMonth > 12 {
		probs.Errorf(pos("year_start_month"), "use 4 for the UK financial year (April to March) or 1 for the calendar year",
			"year_start_month is %d; it must be a month number from 1 to 12", s.YearStartMonth)
	}
	if s.EarliestYear != 0 && (s.EarliestYear < 1900 || s.EarliestYear > 2999) {
		probs.Errorf(pos("earliest_year"), "write the first year of your figures, like earliest_year = 1985",
			"earliest_year is %d; it must be a year from 1900 to 2999", s.EarliestYear)
	}
	if s.BaseURL == "" {
		probs.Warnf(pos("base_url"), `add base_url = "https://your-site.example/" so that links in feeds and share previews work`,
			"base_url is not set; links will be relative")
	} else if _, err := urlpath.BasePath(s.BaseURL); err != nil {
		probs.Errorf(pos("base_url"), urlpath.BaseURLHint, "base_url %q is not a usable web address: %v", s.BaseURL, err)
	}
	if s.LicenseURL != "" && !isWebAddress(s.LicenseURL) {
		probs.Errorf(pos("license_url"), `write the full address of the licence, like "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"`,
			"license_url %q is not a web address starting with https://", s.LicenseURL)
	}
	if !languageRE.MatchString(s.Language) {
		probs.Errorf(pos("language"), `use a language tag such as "en-GB" or "cy"`, "language %q is not a language tag", s.Language)
	}
	committees := map[string]model.Pos{}
	for _, c := range s.Committees {
		if c.ID == "" {
			continue
		}
		checkSlug("committee id", c.ID, keyPos(c.KeyPos, "id", c.Pos), probs)
		if first, dup := committees[c.ID]; dup {
			probs.Errorf(keyPos(c.KeyPos, "id", c.Pos), "give each committee its own id", "the committee id %q is already used at %s", c.ID, first)
		}
		committees[c.ID] = keyPos(c.KeyPos, "id", c.Pos)
	}
	services := map[string]model.Pos{}
	for _, sv := range s.Services {
		if sv.ID == "" {
			continue
		}
		checkSlug("service id", sv.ID, keyPos(sv.KeyPos, "id", sv.Pos), probs)
		if first, dup := services[sv.ID]; dup {
			probs.Errorf(keyPos(sv.KeyPos, "id", sv.Pos), "give each service its own id", "the service id %q is already used at %s", sv.ID, first)
		}
		services[sv.ID] = keyPos(sv.KeyPos, "id", sv.Pos)
		if sv.Committee != "" {
			if _, ok := committees[sv.Committee]; !ok {
				probs.Errorf(keyPos(sv.KeyPos, "committee", sv.Pos), unknownHint(sv.Committee, keys(committees), "[[committee]]"),
					"the service %q names the committee %q, which is not defined", sv.ID, sv.Committee)
			}
		}
	}
}

// checkMeasures checks the measure definitions and returns their index:
// every id and alias, each mapped to the measure's id, and each id's first
// definition, in order.
func checkMeasures(in *model.Input, probs *model.Problems) measureIndex {
	services := map[string]bool{}
	for _, s := range in.Site.Services {
		services[s.ID] = true
	}
	serviceIDs := make([]string, 0, len(in.Site.Services))
	for _, s := range in.Site.Services {
		serviceIDs = append(serviceIDs, s.ID)
	}
	ids := map[string]string{}
	idx := measureIndex{ids: ids, byID: map[string]*model.Measure{}, hints: map[string]string{}}
	for i := range in.Measures {
		m := &in.Measures[i]
		pos := func(key string) model.Pos { return keyPos(m.KeyPos, key, m.Pos) }
		if m.ID != "" {
			checkSlug("measure id", m.ID, pos("id"), probs)
			if first, dup := idx.byID[m.ID]; dup {
				probs.Errorf(pos("id"), "every measure needs its own id; the id is its permanent web address", "the measure id %q is already used at %s", m.ID, keyPos(first.KeyPos, "id", first.Pos))
			} else {
				ids[m.ID] = m.ID
				idx.byID[m.ID] = m
				idx.order = append(idx.order, m.ID)
			}
		}
		if m.Service != "" && !services[m.Service] && !siteUnread(in) {
			probs.Errorf(pos("service"), unknownHint(m.Service, serviceIDs, "[[service]] in data/site.toml"),
				"the service %q is not defined in data/site.toml", m.Service)
		}
		if m.Unit != "" && !slices.Contains(model.Units, m.Unit) {
			probs.Errorf(pos("unit"), unitHint(m.Unit), "%q is not a unit", m.Unit)
		}
		checkUnitWords(m, pos, probs)
		if m.Better != "" && !slices.Contains(model.Betters, m.Better) {
			probs.Errorf(pos("better"), wordHint(m.Better, model.Betters, "better is one of "), "%q is not a direction for better", m.Better)
		}
		if !slices.Contains(model.Frequencies, m.Frequency) {
			probs.Errorf(pos("frequency"), wordHint(m.Frequency, model.Frequencies, "frequency is one of "), "%q is not a frequency", m.Frequency)
		}
		if m.Unit == model.UnitRate && m.RatePer <= 0 {
			probs.Errorf(pos("unit"), "add rate_per = 10000 for a rate per 10,000", "a rate needs rate_per, the number it is counted per")
		}
		if m.Unit != "" && m.Unit != model.UnitRate && m.RatePer != 0 {
			probs.Errorf(pos("rate_per"), `set unit = "rate", or remove rate_per`, "rate_per only applies to unit = \"rate\"")
		}
		if m.Tolerance != nil && *m.Tolerance < 0 {
			probs.Errorf(pos("tolerance"), "tolerance is how far from the target still counts as close, so it cannot be negative", "tolerance is negative")
		}
		if m.Decimals != nil && (*m.Decimals < 0 || *m.Decimals > 6) {
			probs.Errorf(pos("decimals"), "decimals is the number of digits shown after the point, from 0 to 6", "decimals is %d", *m.Decimals)
		}
		lo, hi := Range(m)
		if lo != nil && hi != nil && *lo >= *hi {
			probs.Errorf(pos("min"), "min must be smaller than max", "min (%v) is not below max (%v)", *lo, *hi)
		}
		if m.Target != nil && !inRange(*m.Target, lo, hi) {
			probs.Errorf(pos("target"), rangeHint(m), "the target %v is outside the valid range %s", *m.Target, rangeText(lo, hi))
		}
	}
	for i := range in.Measures {
		m := &in.Measures[i]
		for _, a := range m.Aliases {
			pos := keyPos(m.KeyPos, "aliases", m.Pos)
			if !model.ValidID(a) {
				probs.Errorf(pos, slugHint, "the alias %q is not a valid id", a)
				continue
			}
			if a == m.ID {
				probs.Errorf(pos, "remove it from aliases: a measure's own id always works", "the alias %q is the measure's own id", a)
				continue
			}
			if other, taken := ids[a]; taken {
				what := "the id of the measure"
				if other != a {
					what = "an alias of the measure"
				}
				probs.Errorf(pos, "an alias is an old id that now leads to this measure; it cannot also be another measure's id or alias",
					"the alias %q of the measure %q is already %s %q", a, m.ID, what, other)
				continue
			}
			ids[a] = m.ID
		}
	}
	return idx
}

// figureKey names one figure: a measure, by its id, in one quarter.
type figureKey struct {
	id     string
	period model.Period
}

// measureIndex finds the measures that the quarterly files, revisions and
// minutes name; Check makes it once.
type measureIndex struct {
	ids   map[string]string         // every id and alias: the measure's id (checkMeasures)
	byID  map[string]*model.Measure // each id's first definition
	order []string                  // the ids in order, for "did you mean" hints
	hints map[string]string         // the hint for each unknown id so far (unknownHint)
}

// maxSuggestions is how many different unknown measure ids get a "did you
// mean" search; the others get the plain hint.
const maxSuggestions = 1000

// unknownHint is the hint for an unknown measure id: "did you mean" the
// nearest id, worked out once per word and for at most maxSuggestions
// words. A file of a million rows of unknown ids took minutes of edit
// distances, each row against every id.
func (idx measureIndex) unknownHint(word string) string {
	if h, ok := idx.hints[word]; ok {
		return h
	}
	if len(idx.hints) >= maxSuggestions {
		return "define it with a [[measure]] in data/measures.toml, or check the spelling"
	}
	h := unknownHint(word, idx.order, "[[measure]] in data/measures.toml")
	idx.hints[word] = h
	return h
}

// checkQuarters checks the rows of the quarterly files and returns the
// first row of each figure.
func checkQuarters(in *model.Input, idx measureIndex, probs *model.Problems) map[figureKey]*model.Row {
	ids, measures := idx.ids, idx.byID
	seen := map[figureKey]*model.Row{}
	hasValue := map[string]bool{}
	cal := in.Site.Calendar()
	for _, qf := range in.Quarters {
		for i := range qf.Rows {
			row := &qf.Rows[i]
			pos := func(col string) model.Pos { return row.Fields.Or(col, row.Pos) }
			if row.Measure == "" {
				probs.Errorf(pos("measure"), "write the id of a measure from data/measures.toml", "the measure cell is empty")
				continue
			}
			id, ok := ids[row.Measure]
			if !ok {
				if !measuresUnread(in) {
					probs.Errorf(pos("measure"), idx.unknownHint(row.Measure),
						"the measure %q is not defined", row.Measure)
				}
				continue
			}
			m := measures[id]
			k := figureKey{id, row.Period}
			if first, dup := seen[k]; dup {
				probs.Errorf(pos("measure"), "keep one row per measure per quarter",
					"the measure %q already has a row for %s at %s", id, cal.Label(row.Period), first.Fields.Or("measure", first.Pos))
				continue
			}
			seen[k] = row
			checkSigns(m, row.Signs, pos, probs)
			lo, hi := Range(m)
			for _, cell := range []struct {
				name string
				v    *float64
			}{{"value", row.Value}, {"target", row.Target}, {"national", row.National}} {
				if cell.v != nil && !inRange(*cell.v, lo, hi) {
					probs.Errorf(pos(cell.name), rangeHint(m), "the %s %v for %q is outside its valid range %s", cell.name, *cell.v, id, rangeText(lo, hi))
				}
			}
			if row.Value != nil {
				hasValue[id] = true
			}
		}
	}
	for _, m := range in.Measures {
		if m.ID != "" && !hasValue[m.ID] {
			probs.Warnf(m.Pos, "add its figures to the quarterly files in data/quarters", "the measure %q has no figures yet; its page will say so", m.ID)
		}
	}

	checkLatestDiscussed(in, probs)
	return seen
}

// checkLatestDiscussed warns when no minutes discuss the latest quarter:
// worth knowing while the quarter is new, not an error. Earlier quarters
// are not warned about: a site with years of figures and minutes only
// from the year it started would otherwise repeat the same warnings on
// every build, for ever, and warnings that never change are not read. When
// a quarterly file could not be read, the latest quarter is not known, and
// nothing is said.
func checkLatestDiscussed(in *model.Input, probs *model.Problems) {
	for _, f := range in.Unread {
		if strings.HasPrefix(f, "data/quarters/") {
			return // which quarter is the latest is not known
		}
	}
	var latest model.Period
	file := ""
	for _, qf := range in.Quarters {
		for _, p := range qf.Periods {
			if latest.Before(p) {
				latest, file = p, qf.File
			}
		}
	}
	if file == "" {
		return
	}
	for _, mn := range in.Minutes {
		if mn.Period == latest {
			return
		}
	}
	cal := in.Site.Calendar()
	probs.Warnf(model.Pos{File: file}, "add a minutes summary in content/minutes with period: "+cal.Slug(latest)+", if a committee has discussed it",
		"no minutes discuss %s, the latest quarter", cal.Label(latest))
}

func checkMinutes(in *model.Input, idx measureIndex, probs *model.Problems) {
	ids := idx.ids
	committees := map[string]bool{}
	var committeeIDs []string
	for _, c := range in.Site.Committees {
		committees[c.ID] = true
		committeeIDs = append(committeeIDs, c.ID)
	}
	for _, mn := range in.Minutes {
		pos := func(key string) model.Pos { return keyPos(mn.KeyPos, key, model.Pos{File: mn.File, Line: 1, Col: 1}) }
		if mn.SourceURL != "" && !isWebAddress(mn.SourceURL) {
			probs.Errorf(pos("source_url"), `write the full address of the official minutes, like "https://democracy.example.gov.uk/minutes.pdf"`,
				"source_url %q is not a web address starting with https://", mn.SourceURL)
		}
		if mn.Committee != "" && !committees[mn.Committee] && !siteUnread(in) {
			probs.Errorf(pos("committee"), unknownHint(mn.Committee, committeeIDs, "[[committee]] in data/site.toml"),
				"the committee %q is not defined", mn.Committee)
		}
		for i, id := range mn.Measures {
			if _, ok := ids[id]; !ok && !measuresUnread(in) {
				probs.Errorf(keyPos(mn.KeyPos, "measures."+strconv.Itoa(i), pos("measures")), idx.unknownHint(id),
					"the minutes name the measure %q, which is not defined", id)
			}
		}
	}
}

// isWebAddress reports whether s is an absolute http or https address:
// links written in the data must not be javascript: or other schemes.
func isWebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Range is the valid range of a measure's values: min and max if set, and
// 0 to 100 for a percentage unless it says otherwise.
func Range(m *model.Measure) (lo, hi *float64) {
	lo, hi = m.Min, m.Max
	if m.Unit == model.UnitPercent {
		zero, hundred := 0.0, 100.0
		if lo == nil {
			lo = &zero
		}
		if hi == nil {
			hi = &hundred
		}
	}
	return lo, hi
}

func inRange(v float64, lo, hi *float64) bool {
	return (lo == nil || v >= *lo) && (hi == nil || v <= *hi)
}

func rangeText(lo, hi *float64) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("%v to %v", *lo, *hi)
	case lo != nil:
		return fmt.Sprintf("%v or more", *lo)
	default:
		return fmt.Sprintf("%v or less", *hi)
	}
}

func rangeHint(m *model.Measure) string {
	if m.Unit == model.UnitPercent && m.Min == nil {
		return "a percentage is from 0 to 100 (write 94.9, not 0.949); for a percentage change set min = -100 on the measure"
	}
	return "check the figure, or change min and max on the measure in data/measures.toml"
}

func checkSlug(what, id string, pos model.Pos, probs *model.Problems) {
	if !model.ValidID(id) {
		hint := slugHint
		if len(id) > model.MaxIDLength {
			hint = fmt.Sprintf("an id is at most %d characters; %s", model.MaxIDLength, slugHint)
		}
		probs.Errorf(pos, hint, "the %s %q is not a valid id", what, id)
	}
}

// wordHint suggests the word of words that word is a near miss of
// ("percnt"), or lists them.
func wordHint(word string, words []string, list string) string {
	if h := suggest.DidYouMean(word, words); h != "" {
		return h
	}
	return list + strings.Join(words, ", ")
}

// unknownHint suggests the ids word may stand for: a near miss, or an id
// that word is a part of ("waste" for "waste-recycling"); else where to
// define it.
func unknownHint(word string, candidates []string, where string) string {
	if h := suggest.DidYouMeanID(word, candidates); h != "" {
		return h
	}
	return "define it with a " + where + ", or check the spelling"
}

func keyPos(m map[string]model.Pos, key string, fallback model.Pos) model.Pos {
	if p, ok := m[key]; ok {
		return p
	}
	return fallback
}

func keys(m map[string]model.Pos) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
