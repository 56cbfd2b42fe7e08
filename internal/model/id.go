package model

// MaxIDLength is the longest id (of a measure, service, committee or
// alias) allowed: an id is part of web addresses and file names.
const MaxIDLength = 80

// IDHint says how to write an id.
const IDHint = "use lower-case letters, digits and hyphens only, like care-leavers-eet"

// ValidID reports whether id is a safe slug: lower-case ASCII letters and
// digits in groups joined by single hyphens, at most MaxIDLength long.
// Ids become web addresses and the names of files and folders, so every
// id is checked with it before any path is built from it: an id such as
// "x/../../../outside" must never reach a path.
func ValidID(id string) bool {
	if id == "" || len(id) > MaxIDLength || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
