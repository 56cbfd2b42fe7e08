package model

import (
	"strconv"
	"strings"
)

// Cell is a spreadsheet position as Excel writes a reference: "Sheet1!C14",
// "'Q3 data'!C14" for a sheet name that needs quotes, or "Sheet1!14:14" for
// a whole row. A person can paste it into Excel's Name Box to go there. It
// is empty for a position in a text file.
func (p Pos) Cell() string {
	if p.Sheet == "" || p.Line <= 0 {
		return ""
	}
	row := strconv.Itoa(p.Line)
	if p.Col <= 0 {
		return quoteSheet(p.Sheet) + "!" + row + ":" + row
	}
	return quoteSheet(p.Sheet) + "!" + ColumnName(p.Col) + row
}

// ColumnName is the letters Excel gives a column: 1 is A, 27 is AA.
func ColumnName(col int) string {
	var b []byte
	for col > 0 {
		col--
		b = append([]byte{byte('A' + col%26)}, b...)
		col /= 26
	}
	return string(b)
}

// quoteSheet puts a sheet name in quotes when Excel would: when it has
// anything but letters, digits and underscores.
func quoteSheet(name string) string {
	plain := true
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127) {
			plain = false
			break
		}
	}
	if plain && name != "" && (name[0] < '0' || name[0] > '9') {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
