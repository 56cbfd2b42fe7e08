package build

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
)

// Summary is what a finished build says: pages built, measures by status,
// warnings, and where the site and the "What's new" file are.
func (r *Result) Summary(took time.Duration) string {
	var b strings.Builder
	measures := 0
	if r.Site != nil {
		measures = len(r.Site.Measures)
	}
	for _, note := range r.Notes {
		fmt.Fprintln(&b, note)
	}
	fmt.Fprintf(&b, "Built %d pages for %d measures in %s.\n", r.Pages, measures, took.Round(100*time.Millisecond))
	if r.Site != nil {
		fmt.Fprintf(&b, "Latest figures (%s): %s.\n", r.Site.Cal.Label(r.Site.Latest), StatusCounts(r.Site))
	}
	if _, warns := r.Problems.Count(); warns > 0 {
		fmt.Fprintf(&b, "%s, listed above: the site was built all the same.\n", pluralWord(warns, "warning"))
	} else {
		b.WriteString("No warnings.\n")
	}
	if r.Dest != "" {
		fmt.Fprintf(&b, "The site is in %s%c\n", r.Dest, filepath.Separator)
	}
	if r.WhatsNewFile != "" {
		fmt.Fprintf(&b, "What's new, to paste into an email: %s\n", r.WhatsNewFile)
	}
	return b.String()
}

// StatusCounts is the measures of the site's latest quarter by status:
// "6 on track, 1 close to target, 4 off track, 3 no target". They are
// derive.Site.LatestQuarter's, as on the home page, the quarter's page and
// in What's new.
func StatusCounts(s *derive.Site) string {
	counts := derive.Counts{}
	if q := s.LatestQuarter(); q != nil {
		counts = q.Counts
	}
	var parts []string
	for _, st := range model.Statuses {
		if n := counts[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, strings.ToLower(st.Label())))
		}
	}
	if len(parts) == 0 {
		return "no measures"
	}
	return strings.Join(parts, ", ")
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
