package explain

// For the tests of package explain_test, which draw charts to read their
// words (internal/chart imports explain, so package explain's own tests
// cannot).
var (
	Readability = readability
	SiteTexts   = siteTexts
)
