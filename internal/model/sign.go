package model

// The signs of a unit that a figure in a data file may be written with.
const (
	SignPercent = "%" // 94.9%
	SignPounds  = "£" // £1,200,000, £1.2m
)

// Sign records a number in a data file that was written with the sign of
// a unit: "94.9%" or "£1.2m". The number is read without it; check then
// compares the sign with the measure's unit, as a % in a count or a £ in
// a percentage says that the figure is not what the measure counts.
type Sign struct {
	Column string // the column of the cell: "value", "target", "national", "previous_value"
	Symbol string // SignPercent or SignPounds
	Text   string // the cell as written, for messages
}
