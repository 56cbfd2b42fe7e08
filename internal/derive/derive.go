// Package derive works out everything the pages show that is not typed in:
// each figure's status, the change since the quarter before and the year
// before, the latest figure, the next update, and the groupings by service,
// committee and quarter. It is pure: checked input in, plain data out.
package derive

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/perfsite/perfsite/internal/glossary"
	"github.com/perfsite/perfsite/internal/model"
)

// Site is the whole site, ready to be explained and rendered.
type Site struct {
	model.Site
	Cal model.Calendar
	// Periods is every quarter in the data up to Latest, oldest first.
	Periods []model.Period
	// Latest is the most recent quarter with at least one figure (when no
	// quarter has one, the most recent quarter in the data): a quarter
	// file with no figures yet is not "the latest figures".
	Latest model.Period
	// Upcoming are the quarters after Latest whose files are in the data
	// but hold no figures yet, such as one just made by perfsite new
	// quarter, oldest first. They have no quarter report, feed entry or
	// series point until a figure arrives.
	Upcoming   []model.Period
	Measures   []*Measure // in the order they are defined
	ByID       map[string]*Measure
	Services   []*Service
	Committees []*Committee
	Minutes    []*Minutes // newest first
	Quarters   []*Quarter // oldest first
	// Glossary is the site's own terms, then the built-in ones it uses
	// and does not define itself (glossary.ForSite).
	Glossary []model.Term
	Pages    []model.Page
	// Revisions lists every revised figure's revisions, newest first.
	Revisions []model.Revision
}

// Point is one measure's figure for one quarter.
type Point struct {
	Period   model.Period
	Value    *float64
	Target   *float64
	National *float64
	Status   model.Status
	// Derived is the status the figures give; it differs from Status when
	// the data file overrode it by hand.
	Derived  model.Status
	Override bool
	Note     string
	Row      bool // the data files have a row for this measure and quarter
	// Revisions are the changes to this figure since it was first
	// published, oldest first (data/revisions.csv).
	Revisions []model.Revision
	// Span is the stretch of time the figure covers: its quarter; the
	// year so far, for a running total (cumulative); or the year a yearly
	// figure covers (covers).
	Span model.Span
	// Control is statistical process control of the figure among its
	// like-for-like figures, as the measure's latest figures show it: for
	// its tables, charts and downloads. Nil when there are too few
	// figures, or none.
	Control *Control
}

// Snapshot is a figure as it stood in its quarter, with what it is compared
// with.
type Snapshot struct {
	Point
	Previous *Point // the quarter before (the year before, for annual measures), when it has a figure
	YearAgo  *Point // the same quarter a year before, when it has a figure
	// Streak counts the consecutive reported figures, ending with this one,
	// that have this one's status.
	Streak int
	// Newer is true when a later figure has been published since.
	Newer bool
	// Basis is what the figure is compared with, and Compare that figure,
	// when it has one: the quarter before; the same quarter a year
	// before, for a running total; the year before, for a yearly figure.
	Basis   Basis
	Compare *Point
	// Then is statistical process control as it stood when this was the
	// newest figure (nil with too few figures): what was known when it
	// was published.
	Then *Control
	// Verdict says whether the change from Compare is a real one.
	Verdict Verdict
	// Assurance says whether the process, as Then describes it, will
	// meet the target.
	Assurance Assurance
}

// Change is the value minus the value it is compared with (Compare), if
// both exist.
func (s Snapshot) Change() *float64 { return diff(s.Value, s.Compare) }

// ChangePrevious is the value minus the previous value, if both exist.
func (s Snapshot) ChangePrevious() *float64 { return diff(s.Value, s.Previous) }

// ChangeYearAgo is the value minus the year-ago value, if both exist.
func (s Snapshot) ChangeYearAgo() *float64 { return diff(s.Value, s.YearAgo) }

func diff(v *float64, p *Point) *float64 {
	if v == nil || p == nil || p.Value == nil {
		return nil
	}
	d := *v - *p.Value
	return &d
}

// Measure is a measure with its history worked out.
type Measure struct {
	model.Measure
	ServiceName string
	// Series has a point per quarter from the first figure to the site's
	// latest quarter (gaps have a nil Value); an annual measure has only its
	// reported years.
	Series []Point
	// Reported holds a snapshot for each quarter with a figure, oldest
	// first: the measure-per-quarter pages.
	Reported []Snapshot
	// Latest is the most recent reported figure, or a no-data snapshot of
	// the site's latest quarter when there is none.
	Latest Snapshot
	// NextUpdate is when the next figure is due: the quarter after the
	// site's latest, or for an annual measure the next time its reporting
	// quarter comes round (NextUpdateAt the site's latest quarter).
	NextUpdate model.Period
	Minutes    []*Minutes // newest first
	// New says that the measure's first figure came after the site's
	// first quarter (for an annual measure, after its first year): a
	// measure that began on this site. A first figure in the site's first
	// quarter has most likely been published before, where the site's
	// figures begin.
	New bool

	basis Basis   // what each figure is compared with (Basis)
	judge judging // what the site sets for judging every measure
	// forecast: the title says the figures are forecasts (IsForecast).
	forecast bool
}

// IsAnnual reports whether the measure is reported once a year.
func (m *Measure) IsAnnual() bool { return m.Frequency == model.Annual }

// Service is a service with its measures.
type Service struct {
	model.Service
	CommitteeName string
	Measures      []*Measure
	Counts        Counts
}

// Committee is a committee with its services, measures and minutes.
type Committee struct {
	model.Committee
	Services []*Service
	Measures []*Measure
	Minutes  []*Minutes
	Counts   Counts
}

// Minutes is a minutes summary with the measures it discussed.
type Minutes struct {
	model.Minutes
	CommitteeName string
	Measures      []*Measure
}

// Quarter is one quarter's report: every measure as it stood then.
type Quarter struct {
	Period   model.Period
	Previous *model.Period // the quarter before, if the data has it
	Next     *model.Period
	Rows     []QuarterRow
	Counts   Counts
	Minutes  []*Minutes
}

// QuarterRow is one measure in a quarter's report.
type QuarterRow struct {
	Measure *Measure
	// Snapshot is the measure's in Reported, shared rather than copied: a
	// big value, and a site of 10,000 measures has as many in each quarter.
	Snapshot *Snapshot
}

// Counts is how many measures have each status.
type Counts map[model.Status]int

// Total is the number of measures counted.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Derive builds the site from checked input. It assumes check found no
// errors: unknown ids and duplicates are skipped, not reported.
func Derive(in *model.Input) *Site {
	s := &Site{
		Site:     in.Site,
		Cal:      in.Site.Calendar(),
		ByID:     map[string]*Measure{},
		Glossary: glossary.ForSite(in),
		Pages:    in.Pages,
	}

	// Every quarter in the data, and the rows of each measure.
	ids := map[string]string{}
	for _, m := range in.Measures {
		ids[m.ID] = m.ID
		for _, a := range m.Aliases {
			ids[a] = m.ID
		}
	}
	periodSet := map[model.Period]bool{}
	filled := map[model.Period]bool{} // quarters with a figure
	// Pointers to the rows, not copies: a data file may have a million.
	rows := map[string]map[model.Period]*model.Row{}
	for _, qf := range in.Quarters {
		for _, p := range qf.Periods {
			periodSet[p] = true
		}
		for i := range qf.Rows {
			r := &qf.Rows[i]
			id, ok := ids[r.Measure]
			if !ok {
				continue
			}
			periodSet[r.Period] = true
			if rows[id] == nil {
				rows[id] = map[model.Period]*model.Row{}
			}
			if _, dup := rows[id][r.Period]; !dup {
				rows[id][r.Period] = r
				filled[r.Period] = filled[r.Period] || r.Value != nil
			}
		}
	}
	for p := range periodSet {
		s.Periods = append(s.Periods, p)
	}
	sort.Slice(s.Periods, func(i, j int) bool { return s.Periods[i].Before(s.Periods[j]) })
	for i := len(s.Periods) - 1; i >= 0; i-- {
		if filled[s.Periods[i]] {
			s.Periods, s.Upcoming = slices.Clip(s.Periods[:i+1]), s.Periods[i+1:]
			break
		}
	}
	if len(s.Periods) > 0 {
		s.Latest = s.Periods[len(s.Periods)-1]
	} else {
		s.Latest = firstPeriodOf(s.Cal, time.Now().UTC()) // no data at all: nothing better to go on
	}

	judge := judging{cal: s.Cal, toleranceShare: in.Site.ToleranceShare, thresholdShare: in.Site.ChangeThresholdShare}
	serviceNames := map[string]string{}
	for _, sv := range in.Site.Services {
		serviceNames[sv.ID] = sv.Name
	}
	for _, def := range in.Measures {
		if _, dup := s.ByID[def.ID]; dup {
			continue
		}
		m := deriveMeasure(def, rows[def.ID], s.Latest, judge)
		m.ServiceName = serviceNames[def.Service]
		if len(m.Reported) > 0 && len(s.Periods) > 0 {
			first, siteFirst := m.Reported[0].Period, s.Periods[0]
			m.New = first.Index() > siteFirst.Index() && (!m.IsAnnual() || first.Index() >= siteFirst.Add(4).Index())
		}
		s.Measures = append(s.Measures, m)
		s.ByID[m.ID] = m
	}

	s.attachRevisions(in.Revisions)
	s.deriveMinutes(in.Minutes)
	s.deriveServices(in.Site)
	s.deriveQuarters()
	return s
}

// firstPeriodOf is only used for a site with no data at all, so that pages
// still have a quarter to name.
func firstPeriodOf(cal model.Calendar, t time.Time) model.Period {
	months := (int(t.Month()) - int(cal.StartMonth) + 12) % 12
	year := t.Year()
	if t.Month() < cal.StartMonth {
		year--
	}
	return model.Period{Year: year, Quarter: months/3 + 1}
}

func deriveMeasure(def model.Measure, rows map[model.Period]*model.Row, siteLatest model.Period, judge judging) *Measure {
	m := &Measure{Measure: def, judge: judge}
	m.forecast = def.IsForecast()
	m.basis = basisOf(&m.Measure, m.forecast)
	if def.Decimals == nil {
		d := dataDecimals(def, rows)
		m.Decimals = &d
	}
	point := func(p model.Period) Point {
		pt := Point{Period: p, Target: def.Target, Span: m.span(p)}
		if r, ok := rows[p]; ok {
			pt.Row = true
			pt.Value, pt.National, pt.Note = r.Value, r.National, r.Note
			if r.Target != nil {
				pt.Target = r.Target
			}
			var tol *float64
			if pt.Target != nil {
				t := m.ToleranceAt(*pt.Target)
				tol = &t
			}
			pt.Derived = Status(pt.Value, pt.Target, tol, def.Better)
			pt.Status = pt.Derived
			if r.Status != "" {
				pt.Status, pt.Override = r.Status, true
			}
		} else {
			pt.Derived, pt.Status = model.NoData, model.NoData
		}
		return pt
	}

	var reported []model.Period
	for p, r := range rows {
		if r.Value != nil {
			reported = append(reported, p)
		}
	}
	sort.Slice(reported, func(i, j int) bool { return reported[i].Before(reported[j]) })

	// The slices are made to size: grown by doubling, a site's million
	// figures would be held nearly twice over.
	if m.IsAnnual() {
		if len(reported) > 0 {
			m.Series = make([]Point, 0, len(reported))
		}
		for _, p := range reported {
			m.Series = append(m.Series, point(p))
		}
	} else if len(rows) > 0 {
		first := siteLatest
		for p := range rows {
			if p.Before(first) {
				first = p
			}
		}
		m.Series = make([]Point, 0, max(0, siteLatest.Index()-first.Index()+1))
		for p := first; !siteLatest.Before(p); p = p.Add(1) {
			m.Series = append(m.Series, point(p))
		}
	}

	// Where each period's point is in the series.
	index := make(map[model.Period]int, len(m.Series))
	for i, pt := range m.Series {
		index[pt.Period] = i
	}
	byPeriod := func(p model.Period) Point {
		if i, ok := index[p]; ok {
			return m.Series[i]
		}
		return Point{}
	}
	// What each figure is compared with, whether its change is real, and,
	// for a target that is a direction, its status: all as they stood
	// when it was published.
	then := m.controls()
	compared := make([]*Point, len(m.Series))
	verdicts := make([]Verdict, len(m.Series))
	for i := range m.Series {
		pt := &m.Series[i]
		if pt.Value == nil {
			continue
		}
		compared[i] = m.comparedWith(i, index)
		verdicts[i] = m.verdict(*pt, compared[i], then[i])
		if def.Aim != "" && pt.Target == nil {
			pt.Derived = m.aimStatus(verdicts[i], then[i])
			if !pt.Override {
				pt.Status = pt.Derived
			}
		}
	}
	// The quarter before and the year before point into the series (not
	// a copy each: a site may have a million figures).
	withValue := func(p model.Period) *Point {
		if i, ok := index[p]; ok && m.Series[i].Value != nil {
			return &m.Series[i]
		}
		return nil
	}
	if len(reported) > 0 {
		m.Reported = make([]Snapshot, 0, len(reported))
	}
	for i, p := range reported {
		snap := Snapshot{Point: byPeriod(p), Newer: i < len(reported)-1}
		if m.IsAnnual() {
			if i > 0 {
				snap.Previous = &m.Series[index[reported[i-1]]]
			}
		} else {
			snap.Previous = withValue(p.Add(-1))
		}
		snap.YearAgo = withValue(p.Add(-4))
		k := index[p]
		snap.Basis, snap.Compare, snap.Then, snap.Verdict = m.basis, compared[k], then[k], verdicts[k]
		snap.Assurance = m.assurance(snap.Point, then[k])
		// The streak runs back over consecutive reports with this status:
		// the report before's streak, one longer (counting back report by
		// report was quadratic in a long series of one status).
		snap.Streak = 1
		if i > 0 {
			before := m.Reported[i-1]
			consecutive := m.IsAnnual() || reported[i-1] == p.Add(-1)
			if consecutive && before.Status == snap.Status {
				snap.Streak = before.Streak + 1
			}
		}
		m.Reported = append(m.Reported, snap)
	}

	if len(m.Reported) > 0 {
		m.Latest = m.Reported[len(m.Reported)-1]
	} else {
		m.Latest = Snapshot{Point: Point{Period: siteLatest, Target: def.Target, Status: model.NoData, Derived: model.NoData, Span: m.span(siteLatest)}}
		if pt, ok := rows[siteLatest]; ok {
			m.Latest.Note = pt.Note
		}
	}

	m.NextUpdate = m.NextUpdateAt(siteLatest)
	return m
}

func (s *Site) deriveMinutes(list []model.Minutes) {
	names := map[string]string{}
	for _, c := range s.Site.Committees {
		names[c.ID] = c.Name
	}
	for _, mn := range list {
		d := &Minutes{Minutes: mn, CommitteeName: names[mn.Committee]}
		for _, id := range mn.Measures {
			if m := s.lookup(id); m != nil {
				d.Measures = append(d.Measures, m)
				m.Minutes = append(m.Minutes, d)
			}
		}
		s.Minutes = append(s.Minutes, d)
	}
	newestFirst := func(list []*Minutes) {
		sort.SliceStable(list, func(i, j int) bool {
			if !list[i].Date.Equal(list[j].Date) {
				return list[i].Date.After(list[j].Date)
			}
			return list[i].Slug < list[j].Slug
		})
	}
	newestFirst(s.Minutes)
	for _, m := range s.Measures {
		newestFirst(m.Minutes)
	}
}

// CommitteeCount is how many committees' minutes are in list (minutes
// with no committee count as one committee): whether a heading speaks of
// "the committee" or "the committees".
func CommitteeCount(list []*Minutes) int {
	seen := map[string]bool{}
	for _, mn := range list {
		seen[mn.Committee] = true
	}
	return len(seen)
}

// lookup finds a measure by id or old id.
func (s *Site) lookup(id string) *Measure {
	if m, ok := s.ByID[id]; ok {
		return m
	}
	for _, m := range s.Measures {
		for _, a := range m.Aliases {
			if a == id {
				return m
			}
		}
	}
	return nil
}

func (s *Site) deriveServices(site model.Site) {
	committees := map[string]*Committee{}
	for _, c := range site.Committees {
		dc := &Committee{Committee: c, Counts: Counts{}}
		s.Committees = append(s.Committees, dc)
		committees[c.ID] = dc
	}
	byService := map[string][]*Measure{}
	for _, m := range s.Measures {
		byService[m.Service] = append(byService[m.Service], m)
	}
	for _, sv := range site.Services {
		ds := &Service{Service: sv, Counts: Counts{}}
		for _, m := range byService[sv.ID] {
			ds.Measures = append(ds.Measures, m)
			ds.Counts[m.Latest.Status]++
		}
		if c, ok := committees[sv.Committee]; ok {
			ds.CommitteeName = c.Name
			c.Services = append(c.Services, ds)
			c.Measures = append(c.Measures, ds.Measures...)
			for st, n := range ds.Counts {
				c.Counts[st] += n
			}
		}
		s.Services = append(s.Services, ds)
	}
	for _, mn := range s.Minutes {
		if c, ok := committees[mn.Committee]; ok {
			c.Minutes = append(c.Minutes, mn)
		}
	}
}

func (s *Site) deriveQuarters() {
	for i, p := range s.Periods {
		// Rows are made at their size: snapshots are big, and a national
		// site has some ten thousand in each quarter.
		q := &Quarter{Period: p, Counts: Counts{}, Rows: make([]QuarterRow, 0, len(s.Measures))}
		if i > 0 {
			q.Previous = &s.Periods[i-1]
		}
		if i < len(s.Periods)-1 {
			q.Next = &s.Periods[i+1]
		}
		for _, m := range s.Measures {
			snap, ok := m.snapshotAt(p)
			if !ok {
				continue
			}
			q.Rows = append(q.Rows, QuarterRow{Measure: m, Snapshot: snap})
			q.Counts[snap.Status]++
		}
		for _, mn := range s.Minutes {
			if mn.Period == p {
				q.Minutes = append(q.Minutes, mn)
			}
		}
		s.Quarters = append(s.Quarters, q)
	}
}

// SnapshotAt returns the measure as it stood in quarter p: its reported
// figure, or for a quarterly measure that had no figure a no-data snapshot
// (for one with no figures at all, in the site's latest quarter only).
// Annual measures appear only in the quarters they report.
func (m *Measure) SnapshotAt(p model.Period) (Snapshot, bool) {
	if snap, ok := m.snapshotAt(p); ok {
		return *snap, true
	}
	return Snapshot{}, false
}

// AsOf returns the figure of the measure that was the latest in quarter
// p: its snapshot in p (SnapshotAt), else, for a yearly measure that did
// not report in p, the last one it reported before p. False when it had
// no figure by then.
func (m *Measure) AsOf(p model.Period) (Snapshot, bool) {
	if snap, ok := m.SnapshotAt(p); ok {
		return snap, true
	}
	i, _ := m.reportedAt(p) // where p would be: the one before it is the last before p
	if i == 0 {
		return Snapshot{}, false
	}
	return m.Reported[i-1], true
}

// reportedAt is the index in Reported of quarter p's report, or where it
// would be. Reported and Series are oldest first: a binary search, with
// no index to build or keep in step.
func (m *Measure) reportedAt(p model.Period) (int, bool) {
	return slices.BinarySearchFunc(m.Reported, p, func(s Snapshot, p model.Period) int {
		return cmp.Compare(s.Period.Index(), p.Index())
	})
}

// snapshotAt is SnapshotAt as a pointer: into Reported for a reported
// figure, and to a new snapshot otherwise.
func (m *Measure) snapshotAt(p model.Period) (*Snapshot, bool) {
	if i, ok := m.reportedAt(p); ok {
		return &m.Reported[i], true
	}
	if m.IsAnnual() {
		return nil, false
	}
	if len(m.Series) == 0 && p == m.Latest.Period {
		// A quarterly measure with no figures at all is due in the
		// latest quarter all the same: it is one of its measures.
		return &m.Latest, true
	}
	if i, ok := slices.BinarySearchFunc(m.Series, p, func(pt Point, p model.Period) int {
		return cmp.Compare(pt.Period.Index(), p.Index())
	}); ok {
		return &Snapshot{Point: m.Series[i]}, true
	}
	return nil, false
}

// maxDataDecimals is the most decimals a measure's figures are shown with
// when it does not set decimals.
const maxDataDecimals = 2

// dataDecimals is the precision of a measure that does not set decimals:
// that of its most precise figure, target or national average, to at
// most maxDataDecimals places. Every figure of the measure is then shown
// with it, so that figures side by side are written alike ("17.50" next
// to "18.25", never "17.5").
func dataDecimals(def model.Measure, rows map[model.Period]*model.Row) int {
	d := 0
	see := func(v *float64) {
		for v != nil && d < maxDataDecimals {
			p := math.Pow(10, float64(d))
			if x := *v * p; math.Abs(x-math.Round(x)) < 1e-6*math.Max(1, math.Abs(x)) {
				return
			}
			d++
		}
	}
	see(def.Target)
	for _, r := range rows {
		see(r.Value)
		see(r.Target)
		see(r.National)
	}
	return d
}
