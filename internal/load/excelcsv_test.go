package load

import (
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

// excelWindowsCSV is a quarter's file as Excel on Windows in the UK saves
// "CSV (Comma delimited)": Windows-1252 (£ is 0xA3, ’ is 0x92, – is 0x96),
// CRLF line ends, cells as they are shown ("94.9%", "£1,200,000", quoted
// as they hold a comma), and an empty column at the end, which Excel keeps
// once a column has held something.
var excelWindowsCSV = []byte("measure,value,target,national,status,note,\r\n" +
	"eet,94.9%,90%,,,Up again \x96 the council\x92s best figure,\r\n" +
	"spend,\"\xa31,200,000\",\"\xa31,150,000\",,,\"Repairs, as planned\",\r\n")

func TestExcelWindowsCSV(t *testing.T) {
	var probs model.Problems
	qf, _ := parseQuarter("data/quarters/2023-24-q2.csv", excelWindowsCSV, model.Calendar{StartMonth: 4}, &probs)
	wantProblems(t, probs,
		`data/quarters/2023-24-q2.csv: warning: the file is not UTF-8, so it was read as Windows-1252, which Excel writes for "CSV (Comma delimited)"`+
			"\n\thint: to keep letters such as £, é and ’ exact, save it in Excel with File > Save As and choose \"CSV UTF-8 (Comma delimited) (*.csv)\"")
	if len(qf.Rows) != 2 {
		t.Fatalf("rows: %+v", qf.Rows)
	}
	eet, spend := qf.Rows[0], qf.Rows[1]
	wantValue(t, "eet value", eet.Value, num(94.9))
	wantValue(t, "eet target", eet.Target, num(90))
	wantValue(t, "spend value", spend.Value, num(1200000))
	wantValue(t, "spend target", spend.Target, num(1150000))
	if want := "Up again – the council’s best figure"; eet.Note != want {
		t.Errorf("note %q, want %q", eet.Note, want)
	}
	if spend.Note != "Repairs, as planned" {
		t.Errorf("note %q", spend.Note)
	}
	if got := eet.Fields.Or("note", eet.Pos).String(); got != "data/quarters/2023-24-q2.csv:2:17" {
		t.Errorf("the note is at %s", got)
	}
	want := []model.Sign{{Column: "value", Symbol: "£", Text: "£1,200,000"}, {Column: "target", Symbol: "£", Text: "£1,150,000"}}
	if len(spend.Signs) != 2 || spend.Signs[0] != want[0] || spend.Signs[1] != want[1] {
		t.Errorf("signs %+v", spend.Signs)
	}
}

// A file that mixes UTF-8 with other bytes is no file Excel writes: it is
// still refused, at the byte.
func TestMixedEncodingRefused(t *testing.T) {
	var probs model.Problems
	parseQuarter("data/quarters/2023-24-q2.csv", []byte("measure,value,note\neet,1,£5 and \xa35\n"), model.Calendar{StartMonth: 4}, &probs)
	wantProblems(t, probs, `data/quarters/2023-24-q2.csv:2:14: the file is not UTF-8 text: byte 0xA3 cannot be read`+
		"\n\thint: save the file as UTF-8 (in Excel: Save As, then \"CSV UTF-8 (Comma delimited)\")")
}

func TestDecodeWindows1252(t *testing.T) {
	var all []byte
	for b := 0x20; b <= 0xFF; b++ {
		all = append(all, byte(b))
	}
	text := decodeWindows1252(all)
	if n := len([]rune(text)); n != len(all) {
		t.Errorf("%d letters from %d bytes", n, len(all))
	}
	for b, want := range map[byte]string{0x80: "€", 0x92: "’", 0x93: "“", 0x96: "–", 0x97: "—", 0xA3: "£", 0xE9: "é", 0x81: "\uFFFD", 0x41: "A"} {
		if got := decodeWindows1252([]byte{b}); got != want {
			t.Errorf("0x%02X: %q, want %q", b, got, want)
		}
	}
}

// Columns as people keep them: an empty column without a name anywhere is
// ignored, and so are the columns that repeat a measure's definition;
// another column is ignored with a warning; a near miss of a column the
// file lacks, or one that shares a word with it, is an error.
func TestColumns(t *testing.T) {
	read := func(csv string) (model.QuarterFile, model.Problems) {
		var probs model.Problems
		qf, _ := parseQuarter("data/quarters/2023-24-q2.csv", []byte(csv), model.Calendar{StartMonth: 4}, &probs)
		return qf, probs
	}
	qf, probs := read("Measure name,measure,,value,Title,note,,\n" +
		"Care leavers,eet,,94.9,Care leavers in work,Up,,\n" +
		"Children in care,in-care,,51,,\n" + // Excel's columns left out at the end
		"Homes,homes,,12,,,,,,\n") // empty cells after the header's last column
	wantProblems(t, probs)
	if len(qf.Rows) != 3 || qf.Rows[0].Measure != "eet" || qf.Rows[0].Note != "Up" || qf.Rows[1].Measure != "in-care" || qf.Rows[2].Measure != "homes" {
		t.Fatalf("rows %+v", qf.Rows)
	}
	wantValue(t, "in-care", qf.Rows[1].Value, num(51))

	_, probs = read("measure,value,Directorate,Lead officer\neet,94.9,Children,A. Smith\n")
	hint := "\n\thint: perfsite reads the columns measure, value, target, national, status, note, period (and ignores title, service and unit, which repeat data/measures.toml); delete this column, or rename it if it holds one of those"
	wantProblems(t, probs,
		`data/quarters/2023-24-q2.csv:1:15: warning: the column "Directorate" is not one perfsite reads, so it is ignored`+hint,
		`data/quarters/2023-24-q2.csv:1:27: warning: the column "Lead officer" is not one perfsite reads, so it is ignored`+hint,
	)

	qf, probs = read("measure,valu,Target 2023/24,notes,RAG status\neet,94.9,90,,\n")
	if len(qf.Periods) != 0 || len(qf.Rows) != 0 {
		t.Errorf("a file whose header is wrong: periods %v, %d rows; want none: it is not read", qf.Periods, len(qf.Rows))
	}
	wantProblems(t, probs,
		`data/quarters/2023-24-q2.csv:1:9: unknown column "valu"`+"\n\thint: did you mean \"value\"?",
		`data/quarters/2023-24-q2.csv:1:14: unknown column "Target 2023/24"`+"\n\thint: did you mean \"target\"?",
		`data/quarters/2023-24-q2.csv:1:29: unknown column "notes"`+"\n\thint: did you mean \"note\"?",
		`data/quarters/2023-24-q2.csv:1:35: unknown column "RAG status"`+"\n\thint: did you mean \"status\"?",
		`data/quarters/2023-24-q2.csv:1:1: the required column "value" is missing`+
			"\n\thint: the first row must name the columns, for example: measure,value,target,national,status,note",
	)

	// A column without a name that holds something is an error; so is a
	// filled cell after the last column, and a row that leaves out a
	// column that has a name.
	_, probs = read("measure,value,,note\neet,94.9,x,\nin-care,51,,,extra\nhomes,12\n")
	wantProblems(t, probs,
		`data/quarters/2023-24-q2.csv:1:15: column 3 has no name`+"\n\thint: give the column a name in the first row, or delete the column",
	)
	_, probs = read("measure,value,note\neet,94.9,,extra\nhomes,12\n")
	wantProblems(t, probs,
		`data/quarters/2023-24-q2.csv:2:11: this row has 4 cells but the header has 3`+"\n\thint: a cell that contains a comma must be in quotes: \"like, this\"",
		`data/quarters/2023-24-q2.csv:3:7: this row has 2 cells but the header has 3`+
			"\n\thint: give the row one cell per column; an empty cell is fine (two commas in a row), but it must be there",
	)
}
