package model

// Fields says where each cell of a row of a data file is, by its column's
// name. It is compact, as a data file may have a million rows: the rows of
// a file share the list of their columns' names, and each row keeps only
// the line and column of each cell, in a slab shared with other rows
// (FieldsSlab). The file and sheet are the row's own (Row.Pos).
type Fields struct {
	names []string // shared by the rows of a file
	at    []cellAt // one per name
}

type cellAt struct{ line, col int32 }

// FieldsSlab hands out the positions of the rows of one file, many rows'
// from each allocation.
type FieldsSlab struct {
	names []string
	slab  []cellAt
}

// NewFieldsSlab makes the positions of the rows of a file whose columns
// are names.
func NewFieldsSlab(names []string) *FieldsSlab { return &FieldsSlab{names: names} }

// Next is the positions of the next row's cells, all unknown.
func (s *FieldsSlab) Next() Fields {
	n := len(s.names)
	if len(s.slab) < n {
		s.slab = make([]cellAt, 1024*n)
	}
	f := Fields{names: s.names, at: s.slab[:n:n]}
	s.slab = s.slab[n:]
	return f
}

// Set records that the cell of column i (an index into the names) is at
// pos.
func (f Fields) Set(i int, pos Pos) {
	f.at[i] = cellAt{int32(pos.Line), int32(pos.Col)}
}

// Or is where the cell of the column name is, in the file (and sheet) of
// row, the row's position: or row itself if that is not known.
func (f Fields) Or(name string, row Pos) Pos {
	for i, n := range f.names {
		if n == name && f.at[i].line > 0 {
			row.Line, row.Col = int(f.at[i].line), int(f.at[i].col)
			return row
		}
	}
	return row
}
