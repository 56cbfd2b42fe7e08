package load

import (
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/perfsite/perfsite/internal/model"
)

// Every form the number rules accept, and what each is read as.
func TestParseNumberText(t *testing.T) {
	for _, tc := range []struct {
		text string
		want float64
		sign string
	}{
		{"94.9", 94.9, ""},
		{" 94.9 ", 94.9, ""},
		{"94.9\u00a0", 94.9, ""},
		{"1,234", 1234, ""},
		{"1,234,567.5", 1234567.5, ""},
		{"-1,234", -1234, ""},
		{"+5", 5, ""},
		{"\u22121,234", -1234, ""}, // a minus sign
		{"(1,234)", -1234, ""},     // accounting negative
		{"(0)", 0, ""},
		{"1.2E+07", 12000000, ""}, // Excel in a narrow column
		{"94.9%", 94.9, "%"},
		{"94.9 %", 94.9, "%"},
		{"-2.5%", -2.5, "%"},
		{"(2.5%)", -2.5, "%"},
		{"£1,200,000", 1200000, "£"},
		{"£ 1,200,000.50", 1200000.5, "£"},
		{"-£1,200", -1200, "£"},
		{"£-1,200", -1200, "£"},
		{"(£1,200)", -1200, "£"},
		{"£1.2m", 1200000, "£"},
		{"£1.2M", 1200000, "£"},
		{"£1.2 million", 1200000, "£"},
		{"£1.15 million", 1150000, "£"},
		{"£950k", 950000, "£"},
		{"£950K", 950000, "£"},
		{"£2.5bn", 2500000000, "£"},
		{"£3 billion", 3000000000, "£"},
		{"£12 thousand", 12000, "£"},
		{"£0.1m", 100000, "£"},
		{"£1.2345678m", 1234567.8, "£"},
	} {
		got, sign, prob := parseNumberText(tc.text)
		if prob != nil || got != tc.want || sign != tc.sign {
			t.Errorf("parseNumberText(%q) = %v, %q, %v; want %v, %q", tc.text, got, sign, prob, tc.want, tc.sign)
		}
	}
}

// What the number rules refuse, each with a hint that says what to write.
func TestParseNumberTextRefused(t *testing.T) {
	for text, hint := range map[string]string{
		"1,23":      "write a point for decimals, and commas only between groups of three digits: 1.23, 1,234 or 1,234,567.8",
		"12,3456":   "write a point for decimals, and commas only between groups of three digits: 1.23, 1,234 or 1,234,567.8",
		",123":      "write a point for decimals, and commas only between groups of three digits: 1.23, 1,234 or 1,234,567.8",
		"1.2m":      "write £1.2m if it is an amount of money, or the number in full: 1200000",
		"950k":      "write £950k if it is an amount of money, or the number in full: 950000",
		"£94.9%":    "a figure is an amount of money (£) or a percentage (%), not both: write one sign, or none",
		"$1,200":    "perfsite counts money in pounds: write the figure as £1,200 or 1200",
		"€5":        "perfsite counts money in pounds: write the figure as £1,200 or 1200",
		"-":         "write 0 if the figure is zero, or leave the cell empty if there is no figure",
		"£ -":       "write 0 if the figure is zero, or leave the cell empty if there is no figure",
		"n/a":       plainNumberHint,
		"1.":        plainNumberHint,
		".5":        plainNumberHint,
		"%":         plainNumberHint,
		"£":         plainNumberHint,
		"--5":       plainNumberHint,
		"(-5)":      plainNumberHint,
		"1 234":     plainNumberHint,
		"£1.2mm":    plainNumberHint,
		"£1.2e6":    plainNumberHint,
		"0x10":      plainNumberHint,
		"NaN":       plainNumberHint,
		"Inf":       plainNumberHint,
		"1e5000":    plainNumberHint,
		"12 months": plainNumberHint,
	} {
		got, sign, prob := parseNumberText(text)
		if prob == nil {
			t.Errorf("parseNumberText(%q) = %v, %q; want it refused", text, got, sign)
			continue
		}
		if prob.hint != hint {
			t.Errorf("parseNumberText(%q): hint %q, want %q", text, prob.hint, hint)
		}
	}
}

// Whatever the text, a number read from it is an ordinary number, and
// without its sign and separators it reads back the same.
func FuzzNumberText(f *testing.F) {
	for _, s := range []string{"12,345", "94.9%", "-1,234.5", "1e5", "£15m", "1,23", "(£1.2 million)", "\u22125", "£950k"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, sign, prob := parseNumberText(s)
		if prob != nil {
			if prob.hint == "" {
				t.Errorf("parseNumberText(%q): no hint", s)
			}
			return
		}
		if v != v || v > 1e308 || v < -1e308 {
			t.Errorf("parseNumberText(%q) = %v", s, v)
		}
		if sign != "" && sign != model.SignPercent && sign != model.SignPounds {
			t.Errorf("parseNumberText(%q): sign %q", s, sign)
		}
		back, _, prob := parseNumberText(strconv.FormatFloat(v, 'f', -1, 64))
		if prob != nil || back != v {
			t.Errorf("parseNumberText(%q) = %v, which reads back as %v, %v", s, v, back, prob)
		}
	})
}

// One set of rules: the same texts in a CSV file and typed as text in a
// workbook are read as the same numbers, with the same signs, and the same
// texts are refused with the same hints.
func TestCSVAndWorkbookReadNumbersAlike(t *testing.T) {
	texts := []string{"94.9%", "£1,200,000", "£1.2m", "(1,234)", "\u22125", " 12 ", "1,23", "1.2m", "n/a"}
	csv := "measure,value\n"
	rows := [][]any{{"measure", "value"}}
	for i, text := range texts {
		csv += "m" + strconv.Itoa(i) + ",\"" + text + "\"\n"
		rows = append(rows, []any{"m" + strconv.Itoa(i), text})
	}
	var csvProbs, xlsxProbs model.Problems
	fromCSV, _ := parseQuarter("data/quarters/2023-24-q3.csv", []byte(csv), model.Calendar{StartMonth: 4}, &csvProbs)
	fromXLSX, _ := parseQuarter(xlsxFile, workbook(t, func(f *excelize.File) { setRows(t, f, "Sheet1", rows) }), model.Calendar{StartMonth: 4}, &xlsxProbs)
	if len(fromCSV.Rows) != len(texts) || len(fromXLSX.Rows) != len(texts) {
		t.Fatalf("rows: %d from CSV, %d from the workbook", len(fromCSV.Rows), len(fromXLSX.Rows))
	}
	for i := range texts {
		c, x := fromCSV.Rows[i], fromXLSX.Rows[i]
		wantValue(t, texts[i], x.Value, c.Value)
		if len(c.Signs) != len(x.Signs) || len(c.Signs) == 1 && (c.Signs[0].Symbol != x.Signs[0].Symbol || c.Signs[0].Text != x.Signs[0].Text) {
			t.Errorf("%q: signs %+v from CSV, %+v from the workbook", texts[i], c.Signs, x.Signs)
		}
	}
	if len(csvProbs) != 3 || len(xlsxProbs) != 3 {
		t.Fatalf("problems:\n%s\n%s", problemLines(csvProbs), problemLines(xlsxProbs))
	}
	for i := range csvProbs {
		if csvProbs[i].Message != xlsxProbs[i].Message || csvProbs[i].Hint != xlsxProbs[i].Hint {
			t.Errorf("CSV: %s\nworkbook: %s", csvProbs[i], xlsxProbs[i])
		}
	}
	wantValue(t, "£1,200,000", fromCSV.Rows[1].Value, num(1200000))
	if s := fromCSV.Rows[1].Signs; len(s) != 1 || s[0] != (model.Sign{Column: "value", Symbol: "£", Text: "£1,200,000"}) {
		t.Errorf("signs %+v", s)
	}
	if got := strings.Join([]string{csvProbs[0].Pos.String(), xlsxProbs[0].Pos.String()}, " "); got != "data/quarters/2023-24-q3.csv:8:4 "+xlsxFile+": Sheet1!B8" {
		t.Errorf("positions %s", got)
	}
}

// BenchmarkNumberText: the number rules on the forms a file holds, plain
// ones most. go test -run - -bench NumberText ./internal/load
func BenchmarkNumberText(b *testing.B) {
	texts := []string{"94.9", "51", "1234567.5", "88.5", "94.9%", "£1,200,000", "(1,234)", "£1.2m"}
	for b.Loop() {
		for _, s := range texts {
			if _, _, prob := parseNumberText(s); prob != nil {
				b.Fatal(s)
			}
		}
	}
}
