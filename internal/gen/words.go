package gen

// The words the generator draws on: services, committees, measure
// templates, notes and glossary terms. They read like a real council's so
// that pages built from them look like real pages, at any size.

// serviceNames are the services of a site, used in turn; past the end of the
// list each name comes round again for another area ("Highways – North").
var serviceNames = []string{
	"Children and Families", "Education", "Libraries",
	"Adult Social Care", "Public Health", "Environmental Health",
	"Community Safety", "Trading Standards", "Leisure & Culture",
	"Fire & Rescue", "Finance", "Council Tax & Benefits",
	"Economic Development", "Waste & Recycling", "Parks & Open Spaces",
	"Customer Services", "People & Organisational Development", "Digital & ICT",
	"Housing", "Planning", "Property & Estates",
	"Highways", "Transport", "Road Safety",
}

// areaNames tell apart the second and later rounds of a list.
var areaNames = []string{"North", "South", "East", "West", "Central", "Rural", "Coastal", "City"}

// committeeThemes name the committees, each of which scrutinises three
// services: the i-th committee the services 3i to 3i+2 of serviceNames.
var committeeThemes = []string{
	"Children and Young People",
	"Adult Social Care and Health",
	"Communities",
	"Resources and Fire & Rescue",
	"Economy and Environment",
	"Corporate Services",
	"Housing and Planning",
	"Transport and Highways",
}

// A template is a kind of measure. Its kind picks a variant of the unit:
// "change" is a percentage change (min -100), "variance" a budget variance
// that can be negative, "flow" a count that can be reported year to date
// (cumulative), "perN" a rate's rate_per, "scoreN" a score's scale.
type template struct {
	slug, title string
	better      string
	kind        string
	lo, hi      float64 // the usual range of the figures
	description string
	why         string
	source      string
}

// templates holds the measure templates for each unit, in the order of
// model.Units: percent, count, currency, rate, days, score.
var templates = [6][]template{
	{ // percent
		{"planning-on-time", "Major planning applications decided on time", "higher", "", 70, 95, "This is the share of applications for large building projects that were decided within the time the law sets, or a longer time agreed with the applicant.", "Quick, fair decisions help homes and jobs get built.", "Council planning system; national figure from the Department for Levelling Up, Housing and Communities"},
		{"waste-recycled", "Household waste recycled, reused or composted", "higher", "", 35, 60, "This is the share of the rubbish collected from homes that was recycled, reused or composted rather than burned or buried.", "Recycling saves money and is better for the environment.", "Waste data returns to the Department for Environment, Food & Rural Affairs"},
		{"calls-answered", "Calls to the contact centre answered within 60 seconds", "higher", "", 50, 90, "This is the share of phone calls to the council that a person answered within one minute.", "People should not have to wait a long time to get help.", "Council telephone system"},
		{"care-leavers-eet", "Care leavers in education, employment or training", "higher", "", 50, 90, "This is the share of young people aged 19 to 21 who were in care and are now at school, college, work or training.", "Young people who leave care deserve the same chances as anyone else.", "Council case management system; national figure from the Department for Education"},
		{"ehc-plans-20-weeks", "New EHC plans issued within 20 weeks", "higher", "", 30, 90, "This is the share of new Education, Health and Care plans that were ready within the 20 weeks the law allows.", "Waiting for a plan means waiting for help.", "Council SEND case records"},
		{"sickness-absence-rate", "Staff sickness absence rate", "lower", "", 2.5, 6, "This is the share of working days lost because staff were off sick.", "High sickness absence costs money and can be a sign of stress at work.", "Council HR system"},
		{"bed-occupancy", "Occupancy of council care home beds", "neither", "", 85, 95, "This is the share of beds in council care homes that were in use. Too few means money is wasted; too many means no room for someone who needs a place quickly.", "Care homes work best when nearly, but not completely, full.", "Council care home records"},
		{"landfill-change", "Change in household waste sent to landfill compared with the year before", "lower", "change", -15, 5, "This is how much more, or less, rubbish was buried in landfill than in the same quarter a year before, as a percentage. A negative figure is a fall.", "Landfill is the most expensive and least green way to deal with rubbish.", "Waste data returns"},
		{"invoices-paid-30-days", "Invoices paid within 30 days", "higher", "", 80, 98, "This is the share of bills from suppliers that the council paid within 30 days.", "Paying on time matters to small local businesses.", "Council finance system"},
		{"reablement-at-home", "Older people still at home 91 days after leaving hospital into reablement", "higher", "", 70, 90, "This is the share of people aged 65 or over who were still living at home three months after a short period of support to get back on their feet.", "Most people want to stay in their own home for as long as they can.", "Adult social care records; national figure from NHS England"},
	},
	{ // count
		{"children-in-care", "Children in care", "lower", "", 300, 1200, "This is the number of children the council looks after at the end of the quarter.", "Every child in care needs a safe, stable home. The number also drives a large part of the council's spending.", "Council case management system"},
		{"fly-tipping", "Fly-tipping incidents reported", "lower", "flow", 200, 3000, "This is the number of reports of rubbish dumped illegally on land or roads.", "Fly-tipping is unsightly, can be dangerous and costs money to clear up.", "Council street cleansing records"},
		{"potholes-repaired", "Potholes repaired", "higher", "flow", 500, 8000, "This is the number of potholes the council repaired during the quarter.", "Potholes damage cars and bikes and can cause accidents.", "Highways asset management system"},
		{"library-visits", "Visits to libraries", "higher", "flow", 50_000, 400_000, "This is the number of visits to the council's libraries, counted at the door.", "Libraries are free places to read, learn, get online and meet people.", "Library door counters"},
		{"complaints-received", "Complaints received", "lower", "flow", 50, 600, "This is the number of formal complaints the council received about its services.", "Complaints tell the council where things go wrong.", "Council complaints system"},
		{"temporary-accommodation", "Households in temporary accommodation", "lower", "", 50, 900, "This is the number of households the council had placed in temporary housing at the end of the quarter because they were homeless.", "Temporary housing is unsettling for families, especially children, and is expensive.", "Housing options records"},
		{"new-homes", "New affordable homes completed", "higher", "flow", 20, 300, "This is the number of new homes for social rent, affordable rent or shared ownership that were finished.", "Many people cannot afford to buy or rent at market prices.", "Council housing delivery records"},
		{"apprenticeships-started", "Apprenticeships started with the council", "higher", "flow", 5, 60, "This is the number of people who began an apprenticeship with the council.", "Apprenticeships help local people into good jobs.", "Council HR system"},
	},
	{ // currency
		{"revenue-overspend", "Forecast overspend on the revenue budget", "lower", "", 500_000, 20_000_000, "This is how much more than its budget the council expects to spend by the end of the year on day-to-day services.", "An overspend has to be met from reserves or by cutting spending elsewhere.", "Council finance system"},
		{"parking-income", "Income from parking charges", "higher", "", 300_000, 3_000_000, "This is the money the council received from parking charges and permits.", "Parking income pays for running car parks and for road repairs.", "Council finance system"},
		{"agency-staff-spend", "Spending on agency staff", "lower", "", 500_000, 6_000_000, "This is how much the council spent on staff supplied by agencies.", "Agency staff cost more than employed staff.", "Council finance system"},
		{"savings-delivered", "Savings delivered against the savings plan", "higher", "", 1_000_000, 15_000_000, "This is the value of the savings the council made in the quarter.", "Savings keep the budget balanced without cutting services further.", "Council finance system"},
		{"budget-variance", "Variance from the capital programme budget", "neither", "variance", -2_000_000, 2_000_000, "This is the difference between what the council expects to spend on buildings, roads and equipment and what it planned to spend. A negative figure means it expects to spend less.", "Spending far more or far less than planned both suggest that projects are not on track.", "Council finance system"},
		{"council-tax-arrears", "Council tax arrears collected", "higher", "", 200_000, 2_000_000, "This is the money collected during the quarter from council tax owed for earlier years.", "Council tax pays for local services; collecting it is fair to everyone who pays on time.", "Council revenues system"},
	},
	{ // rate
		{"children-in-care-rate", "Children in care per 10,000 children", "lower", "", 40, 110, "This is the number of children in care for every 10,000 children living in the area.", "The rate lets us compare with other areas of different sizes.", "Council case management system; national figure from the Department for Education"},
		{"ksi-casualties", "People killed or seriously injured on the roads", "lower", "per100000", 25, 60, "This is the number of people killed or seriously injured in road traffic collisions, for every 100,000 people living in the area.", "Every road death or serious injury is a tragedy for a family.", "Police STATS19 collision data"},
		{"care-home-admissions", "Permanent admissions of older people to care homes", "lower", "per100000", 400, 700, "This is the number of people aged 65 or over who moved into a care home for good, for every 100,000 people of that age.", "Most people would rather be helped to stay at home.", "Adult social care records; national figure from NHS England"},
		{"child-protection-rate", "Children on a child protection plan per 10,000 children", "neither", "", 30, 60, "This is the number of children with a child protection plan for every 10,000 children in the area.", "A rate far above or below similar areas can mean that children are not getting the right help.", "Council case management system"},
		{"anti-social-behaviour", "Reports of anti-social behaviour per 1,000 people", "lower", "per1000", 5, 40, "This is the number of reports of anti-social behaviour for every 1,000 people living in the area.", "Anti-social behaviour makes people feel unsafe where they live.", "Police and council incident records"},
	},
	{ // days
		{"benefit-claims-days", "Average days to process a new Housing Benefit claim", "lower", "", 15, 35, "This is the average number of days between a claim for Housing Benefit being made and a decision.", "People waiting for a decision can fall behind with their rent.", "Council revenues and benefits system; national figure from the Department for Work and Pensions"},
		{"sickness-days", "Average working days lost to sickness per employee", "lower", "", 7, 13, "This is the average number of working days each member of staff was off sick over the last 12 months.", "Sickness absence costs money and affects services.", "Council HR system"},
		{"relet-days", "Average days to re-let a council home", "lower", "", 20, 80, "This is the average number of days a council home stood empty between tenants.", "Empty homes lose rent while people wait for housing.", "Council housing management system"},
		{"adoption-days", "Average days from a child entering care to moving in with an adoptive family", "lower", "", 300, 600, "This is the average number of days between a child coming into care and moving in with the family that will adopt them.", "Children do best when they find a permanent home quickly.", "Council case management system; national figure from the Department for Education"},
		{"dtoc-days", "Average days a patient waits to leave hospital when well enough", "lower", "", 3, 15, "This is the average number of days a patient who was well enough to leave hospital stayed there waiting for care to be arranged.", "Staying in hospital longer than needed is bad for patients and blocks beds.", "NHS discharge data"},
	},
	{ // score
		{"resident-satisfaction", "Residents satisfied with their local area as a place to live (score out of 10)", "higher", "score10", 6, 8, "This is the average score that residents gave when asked how satisfied they are with their local area, from 0 (not at all) to 10 (completely).", "How people feel about where they live matters in its own right.", "Residents' survey"},
		{"food-hygiene-score", "Average food hygiene rating of inspected premises (score out of 5)", "higher", "score5", 3.8, 4.7, "This is the average food hygiene rating, from 0 to 5, of the food businesses inspected.", "Good food hygiene prevents illness.", "Food Standards Agency ratings"},
		{"staff-engagement", "Staff engagement score", "higher", "score100", 55, 75, "This is the score, from 0 to 100, from the staff survey's questions about how people feel about working for the council.", "Engaged staff give better services and are less likely to leave.", "Staff survey"},
		{"carer-quality-of-life", "Carer-reported quality of life (score out of 12)", "higher", "score12", 7, 8.5, "This is the average quality-of-life score, from 0 to 12, given by unpaid carers in the national carers' survey.", "Unpaid carers do a great deal, often at a cost to their own health.", "Survey of Adult Carers in England"},
	},
}

// nouns say what the templates that count something count, or what a
// rate is counted per: the noun, and its plural when adding "s" would be
// wrong (the empty string otherwise).
var nouns = map[string][2]string{
	"children-in-care":        {"child", "children"},
	"fly-tipping":             {"incident", ""},
	"potholes-repaired":       {"pothole", ""},
	"library-visits":          {"visit", ""},
	"complaints-received":     {"complaint", ""},
	"temporary-accommodation": {"household", ""},
	"new-homes":               {"home", ""},
	"apprenticeships-started": {"apprenticeship", ""},
	"ksi-casualties":          {"person", "people"},
	"care-home-admissions":    {"person aged 65 or over", "people aged 65 or over"},
}

// longTitleTail makes a title long, as some real ones are.
const longTitleTail = ", including those supported jointly with health partners and the voluntary and community sector across the whole area"

// caveatTexts are caveats a measure may carry. They include characters that
// TOML and HTML must escape.
var caveatTexts = []string{
	"Figures for the latest quarter are provisional and may change when late returns arrive.",
	"The way this is counted changed in April 2021, so earlier figures are not directly comparable.",
	"Small numbers can make the figure go up and down a lot from one quarter to the next.",
	"The target was set in the council's \"Plan for 2022 & beyond\".",
	"Some records are entered late, so the figure for each quarter is usually revised up a little the next quarter.",
}

// notes are commentary for a quarter's figure: commas, quotes, ampersands,
// pound signs, an en dash and a line break, so that CSV quoting is exercised.
var notes = []string{
	"Up on last quarter, but still below the target.",
	`Lower because of the summer holidays, when fewer "routine" cases come in.`,
	"The team dealt with 1,240 cases, up from 1,105 & still rising.",
	"Includes £250,000 of one-off funding from government, which ends in March.",
	`Figure checked and confirmed by the service manager; see the "Data quality" note.`,
	"Staff shortages in the north & west areas, partly covered by agency staff (cost: £42,000).",
	"Revised: the figure first published, 12.4, was corrected after a late return.",
	`A new IT system went live in May. Some records were "back-loaded", so figures may change.`,
	"Two things changed this quarter:\na new way of counting, and a new team.",
	"Better than the national average, and the best result for three years.",
	"Figures for Q1–Q2 are provisional.",
	"Demand rose sharply after the storms in February; £1.2m of extra work was needed.",
}

// missingNotes explain an empty value.
var missingNotes = []string{
	"No figure: the data was not ready in time, because of a system upgrade.",
	`No figure this quarter: the return from our partner, "Care & Health Ltd", was late.`,
	"Not collected this quarter.",
}

// glossaryTerm is one entry of data/glossary.toml.
type glossaryTerm struct {
	term, meaning string
	abbr          bool
	also          []string
}

var glossary = []glossaryTerm{
	{"EHC plan", "An Education, Health and Care plan: a legal document that says what extra help a child or young person with special educational needs must get.", true, []string{"EHC plans", "EHCP", "Education, Health and Care plan"}},
	{"SEND", "Special educational needs and disabilities: when a child needs extra help to learn, or has a disability.", true, []string{"special educational needs and disabilities"}},
	{"Care leaver", "A young person aged 16 to 25 who was looked after by the council for at least 13 weeks after the age of 14.", false, []string{"care leavers"}},
	{"Reablement", "Short-term help, usually up to six weeks, to get someone back on their feet at home after an illness or a stay in hospital.", false, nil},
	{"Fly-tipping", "Dumping rubbish illegally on land or roads that are not licensed to take it.", false, nil},
	{"Temporary accommodation", "Housing the council arranges for a homeless household while a settled home is found: for example a hostel, a B&B or a private flat.", false, nil},
	{"Capital programme", "The council's spending on things that last for many years, such as buildings, roads and equipment.", false, []string{"capital budget"}},
	{"Revenue budget", "The council's spending on day-to-day services, such as staff, care and bin collections.", false, nil},
	{"KSI", "Killed or seriously injured: how road casualties are counted.", true, []string{"killed or seriously injured"}},
	{"Arrears", "Money that is owed and should already have been paid.", false, nil},
}
