package downloads

// The data dictionary, /data/: every file a person can download, and what
// every column of the CSV files and every key of the JSON files holds. The
// tests check that each column and key written is described here.

// FieldDoc describes one column or key.
type FieldDoc struct {
	Name    string
	Type    string
	Meaning string
}

// FileDoc describes one kind of download: the data page's sections.
type FileDoc struct {
	ID    string // the anchor on the page
	Title string
	// Files are where to find it: a name, and an address from the site's
	// root where there is one file.
	Files  []FileLink
	About  string
	Fields []FieldDoc
	// JSON says that its fields are keys of JSON, not CSV columns.
	JSON bool
}

// FileLink is a download, or a description of where downloads are.
type FileLink struct {
	Name string
	URL  string // "" when Name describes where to find them
}

// csvDocs are the columns of every data CSV, in csvHeader's order.
var csvDocs = []FieldDoc{
	{"measure", "text", "The measure's id. It never changes: it is part of the measure's web address, /measures/<id>/."},
	{"title", "text", "The measure's name."},
	{"service", "text", "The id of the service that the measure belongs to."},
	{"unit", "text", "What the figures count: percent (0 to 100), count, currency (pounds), rate (per rate_per people, see the JSON), days, score, or other (a unit of the site's own: see unit_label)."},
	{"period", "text", "The quarter, as in web addresses: 2023-24-q2 is quarter 2 of the reporting year 2023/24."},
	{"period_label", "text", "The quarter in words: Q2 2023/24."},
	{"start", "date", "The first day of the quarter, written YYYY-MM-DD."},
	{"end", "date", "The last day of the quarter, written YYYY-MM-DD."},
	{"value", "number", "The figure for the quarter: a plain number, with no %, £ or commas and a point for decimals. Empty when there is no figure."},
	{"target", "number", "The target for the quarter, in the same unit. Empty when there is no target."},
	{"national", "number", "The national figure to compare with, in the same unit. Empty when there is none."},
	{"status", "text", "How the figure compares with its target: on-track, close (close to target), off-track, no-target or no-data."},
	{"status_set_by", "text", "rule when the status is worked out from the figure and the target; data file when the council set it by hand."},
	{"note", "text", "The council's comment on the figure for this quarter. May be empty."},
	{"first_published_value", "number", "When the figure was revised after it was published: the figure as it was first published (empty if the quarter was first published with no figure). Empty when the figure was never revised."},
	{"revised_on", "date", "When the figure was revised after it was published: the date of the latest revision, YYYY-MM-DD. Empty when the figure was never revised."},
	{"covers_from", "date", "The first day the figure covers, YYYY-MM-DD: the quarter's, for a running total the year's, for a yearly figure the first day of the year it covers."},
	{"covers_to", "date", "The last day the figure covers, YYYY-MM-DD."},
	{"covers_label", "text", "What the figure covers, in short: Q2 2023/24, Q2 2024/25 (year to date), 2022/23 academic year."},
	{"compared_with", "text", "The quarter, as in period, of the figure this one is compared with: the quarter before; for a running total, the same quarter a year before; for a yearly figure, the year before. Empty when there is none."},
	{"change", "number", "This figure minus the one it is compared with. Empty when there is none."},
	{"change_means", "text", "What the change means: better, worse, real change (where neither direction is better), normal variation, too small to call, too soon to tell or not judged (a forecast's change, with no change threshold to judge it by). Empty when there is no change."},
	{"mean", "number", "The average of the measure's like-for-like figures, as the latest figures show it (statistical process control). Empty with fewer than 12 figures, and for a forecast."},
	{"lower_limit", "number", "The bottom of the usual range (the lower natural process limit), as the latest figures show it. Empty with fewer than 12 figures, and for a forecast."},
	{"upper_limit", "number", "The top of the usual range (the upper natural process limit). Empty with fewer than 12 figures, and for a forecast."},
	{"signal", "text", "The special-cause rules the figure is part of, separated by spaces: outside-limits, shift, trend, two-of-three. Empty for normal variation."},
	{"signal_means", "text", "What the signal means: better, worse or a real change. Empty for normal variation."},
	{"assurance", "text", "Whether the figures, as they stood then, will meet the target: meets, misses, sometimes or changing. Empty with no target or too few figures."},
	{"unit_label", "text", "What the figures count, in words: Percentage, Households, Tonnes, Rate per 10,000 children."},
	{"aliases", "text", "The measure's old ids, separated by spaces, if it was renamed: a script that looks a measure up by an old id finds it here. Empty when it has none."},
}

// revisionsCSVDocs are the columns of /data/revisions.csv.
var revisionsCSVDocs = []FieldDoc{
	{"measure", "text", "The measure's id."},
	{"title", "text", "The measure's name."},
	{"period", "text", "The quarter whose figure was revised: 2023-24-q1."},
	{"period_label", "text", "The quarter in words: Q1 2023/24."},
	{"previous_value", "number", "The figure before this revision. Empty when the quarter was published with no figure."},
	{"revised_value", "number", "The figure after this revision. Empty if the figure was withdrawn."},
	{"date", "date", "When the revised figure was published, YYYY-MM-DD."},
	{"reason", "text", "Why the figure was revised. May be empty."},
}

// datasetJSONDocs are the keys of /data/measures.json.
var datasetJSONDocs = []FieldDoc{
	{"title", "text", "The name of this site."},
	{"organisation", "text", "Who publishes the figures."},
	{"url", "text", "The address of this site."},
	{"license", "text", "The licence the data is published under."},
	{"latest", "text", "The most recent quarter with figures: 2023-24-q2."},
	{"measures", "list", "Every measure, each as in the measure's own JSON file below."},
}

// measureJSONDocs are the keys of /measures/<id>/index.json.
var measureJSONDocs = []FieldDoc{
	{"id", "text", "The measure's id, as in the CSV measure column."},
	{"title", "text", "The measure's name."},
	{"url", "text", "The address of the measure's page."},
	{"service", "text", "The id of the service the measure belongs to."},
	{"unit", "text", "As in the CSV unit column."},
	{"rate_per", "number", "For a rate only: the number of people the rate is counted per, such as 10000."},
	{"better", "text", "Which way is better: higher, lower, or neither (the aim is to stay near the target)."},
	{"frequency", "text", "quarterly, or annual for a figure reported once a year."},
	{"target", "number", "The usual target; a quarter may have its own (see series). null when there is none."},
	{"tolerance", "number", "How far on the wrong side of the target still counts as close to target. null when not set."},
	{"description", "text", "What the measure counts, in plain English."},
	{"why", "text", "Why it matters."},
	{"source", "text", "Where the figures come from."},
	{"caveats", "list of text", "Things to bear in mind when using the figures."},
	{"summary", "text", "The latest figure in one plain-English paragraph, as on the measure's page."},
	{"next_update", "text", "The quarter when the next figure is due, as in period."},
	{"latest", "object", "The latest figure, with the keys of a series entry and: covers (from, to, label and words: what it covers), compared_with (period, value and basis: quarter-before, same-time-last-year, year-before or earlier-forecast), change, change_means, control (points, mean, lower_limit, upper_limit, signal and signal_means, as they stood when it was published) and assurance, each as in the CSV columns of the same names."},
	{"series", "list", "Every quarter from the first figure to the latest quarter, oldest first; a quarter with no figure has value null."},
	{"unit_label", "text", "As in the CSV unit_label column."},
	{"noun", "text", "What one of a count is, such as household, or what a rate is counted per; empty when not set."},
	{"noun_plural", "text", "Its plural, when it is not written with an s; empty when not set."},
	{"unit_name", "text", "For unit other: how the unit is written after a number, such as tonnes; empty otherwise."},
	{"unit_name_one", "text", "For unit other: how it is written after the number 1, such as tonne; empty when the same."},
	{"unit_prefix", "text", "For unit other: what is written before the number, such as £; empty otherwise."},
	{"aliases", "list of text", "The measure's old ids. Its downloads are also at the old ids' addresses, with the current figures."},
}

// pointJSONDocs are the keys of each entry of series, and of latest.
var pointJSONDocs = []FieldDoc{
	{"period", "text", "As in the CSV period column."},
	{"label", "text", "As in the CSV period_label column."},
	{"start", "date", "As in the CSV start column."},
	{"end", "date", "As in the CSV end column."},
	{"value", "number", "The figure; null when there is none."},
	{"target", "number", "The target for the quarter; null when there is none."},
	{"national", "number", "The national figure; null when there is none."},
	{"status", "text", "As in the CSV status column."},
	{"status_set_by", "text", "As in the CSV status_set_by column."},
	{"note", "text", "As in the CSV note column."},
	{"revisions", "list", "Only when the figure was revised after it was published: each revision, oldest first, with previous_value (the figure before it, or null), date (YYYY-MM-DD) and reason."},
	{"covers_label", "text", "As in the CSV covers_label column."},
	{"mean", "number", "As in the CSV mean column; null with fewer than 12 figures."},
	{"lower_limit", "number", "As in the CSV lower_limit column."},
	{"upper_limit", "number", "As in the CSV upper_limit column."},
	{"signal", "list of text", "The special-cause rules the figure is part of, as in the CSV signal column; empty for normal variation."},
	{"signal_means", "text", "As in the CSV signal_means column."},
}

// Dictionary describes every kind of download, for the data page.
func Dictionary() []FileDoc {
	return []FileDoc{
		{ID: "csv", Title: "The figures as CSV (spreadsheet)", Files: []FileLink{
			{Name: "Every measure, every quarter", URL: "data/measures.csv"},
			{Name: "One measure: the Download the data section of its page", URL: ""},
			{Name: "One quarter: the link at the end of each quarterly report", URL: ""},
		}, About: "Comma-separated values in UTF-8, with a header row and one row per measure per quarter. Dates are written YYYY-MM-DD, numbers as plain numbers. Columns may be added at the end in future; existing columns keep their names and order.",
			Fields: csvDocs},
		{ID: "json", Title: "Everything as JSON", Files: []FileLink{{Name: "Every measure", URL: "data/measures.json"}},
			About: "UTF-8 JSON. The top-level keys:", Fields: datasetJSONDocs, JSON: true},
		{ID: "measure-json", Title: "One measure as JSON", Files: []FileLink{{Name: "The JSON link in the Download the data section of each measure's page", URL: ""}},
			About: "Each measure's file, and each entry of measures in the file above, has these keys:", Fields: measureJSONDocs, JSON: true},
		{ID: "point-json", Title: "One quarter of a measure in the JSON", About: "Each entry of series, and latest, has these keys:", Fields: pointJSONDocs, JSON: true},
		{ID: "revisions", Title: "Revised figures", Files: []FileLink{{Name: "Every revision", URL: "data/revisions.csv"}},
			About:  "When a figure is corrected after it was published, the measure's page for that quarter shows both figures, and this file records the change, newest first.",
			Fields: revisionsCSVDocs},
	}
}
