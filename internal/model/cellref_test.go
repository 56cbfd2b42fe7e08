package model

import "testing"

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.csv"}, "a.csv"},
		{Pos{File: "a.csv", Line: 3}, "a.csv:3"},
		{Pos{File: "a.csv", Line: 3, Col: 7}, "a.csv:3:7"},
		{Pos{File: "q.xlsx", Sheet: "Sheet1"}, "q.xlsx"},
		{Pos{File: "q.xlsx", Sheet: "Sheet1", Line: 14, Col: 3}, "q.xlsx: Sheet1!C14"},
		{Pos{File: "q.xlsx", Sheet: "Sheet1", Line: 14}, "q.xlsx: Sheet1!14:14"},
		{Pos{File: "q.xlsx", Sheet: "Q3 data", Line: 2, Col: 28}, "q.xlsx: 'Q3 data'!AB2"},
		{Pos{File: "q.xlsx", Sheet: "Bob's", Line: 2, Col: 1}, "q.xlsx: 'Bob''s'!A2"},
		{Pos{File: "q.xlsx", Sheet: "2023", Line: 2, Col: 1}, "q.xlsx: '2023'!A2"},
	} {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%#v: got %q, want %q", tc.pos, got, tc.want)
		}
	}
	for col, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 53: "BA", 702: "ZZ", 703: "AAA"} {
		if got := ColumnName(col); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", col, got, want)
		}
	}
}
