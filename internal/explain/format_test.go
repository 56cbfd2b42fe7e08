package explain

import (
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		v        float64
		decimals *int
		want     string
	}{
		{1234, nil, "1,234"},
		{1234567.5, dec(1), "1,234,567.5"},
		{94.9, dec(1), "94.9"},
		{90, dec(1), "90.0"},
		{0.125, nil, "0.13"},
		{17.5, nil, "17.5"},
		{-0.01, dec(1), "0.0"},    // never "-0.0"
		{-1234, dec(0), "−1,234"}, // a minus sign, U+2212, not a hyphen
		{999.96, dec(1), "1,000.0"},
		{0, nil, "0"},
	}
	for _, tt := range tests {
		if got := Number(tt.v, tt.decimals); got != tt.want {
			t.Errorf("Number(%v, %v) = %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		v        float64
		decimals *int
		want     string
	}{
		{15000000, dec(0), "£15 million"},
		{2500000, dec(0), "£2.5 million"},
		{12300000, nil, "£12.3 million"},
		{1040000, dec(0), "£1.04 million"},
		{1150000, dec(0), "£1.15 million"}, // as finance would say it, not "£1.1 million"
		{1154999, dec(0), "£1.15 million"},
		{450000, dec(0), "£450,000"},
		{12.5, nil, "£12.50"},
		{12, nil, "£12"},
		{2400000000, dec(0), "£2.4 billion"},
		{-2500000, dec(0), "−£2.5 million"},
		{-12.5, nil, "−£12.50"},
		{-0.001, nil, "£0.00"},
		{0, dec(0), "£0"},
	}
	for _, tt := range tests {
		if got := Money(tt.v, tt.decimals); got != tt.want {
			t.Errorf("Money(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestValueTargetChange(t *testing.T) {
	pct := &model.Measure{Unit: model.UnitPercent, Decimals: dec(1)}
	rate := &model.Measure{Title: "Children in care per 10,000 children", Unit: model.UnitRate, RatePer: 10000, Decimals: dec(1)}
	bare := &model.Measure{Title: "Referrals", Unit: model.UnitRate, RatePer: 1000, Decimals: dec(1)}
	other := &model.Measure{Title: "Deaths per 100,000 people", Unit: model.UnitRate, RatePer: 1000, Decimals: dec(1)} // the title's number is not rate_per
	days := &model.Measure{Unit: model.UnitDays, Decimals: dec(0)}
	score := &model.Measure{Unit: model.UnitScore, Decimals: dec(1)}
	money := &model.Measure{Unit: model.UnitCurrency, Decimals: dec(0)}
	count := &model.Measure{Unit: model.UnitCount, Decimals: dec(0)}
	pct0 := &model.Measure{Unit: model.UnitPercent, Decimals: dec(0)}
	score0 := &model.Measure{Unit: model.UnitScore, Decimals: dec(0)}
	households := &model.Measure{Unit: model.UnitCount, Decimals: dec(0), Noun: "household"}
	children := &model.Measure{Unit: model.UnitCount, Decimals: dec(0), Noun: "child"}
	staff := &model.Measure{Unit: model.UnitCount, Decimals: dec(0), Noun: "member of staff", NounPlural: "members of staff"}
	families := &model.Measure{Unit: model.UnitCount, Decimals: dec(0), Noun: "family"}
	missed := &model.Measure{Title: "Missed bin collections", Unit: model.UnitRate, RatePer: 100000, Decimals: dec(0), Noun: "collection"}
	perVisit := &model.Measure{Unit: model.UnitRate, RatePer: 1, Decimals: dec(1), Noun: "visit"}
	tonnes := &model.Measure{Unit: model.UnitOther, Decimals: dec(0), UnitName: "tonnes", UnitNameOne: "tonne"}
	kwh := &model.Measure{Unit: model.UnitOther, Decimals: dec(0), UnitName: "kWh"}
	millions := &model.Measure{Unit: model.UnitOther, Decimals: dec(1), UnitPrefix: "£", UnitName: "million"}
	index := &model.Measure{Unit: model.UnitOther, Decimals: dec(1)}
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"percent value", Value(pct, 94.9), "94.9%"},
		{"percent value keeps decimals", Value(pct, 90), "90.0%"},
		{"percent target has the figures' decimals", Target(pct, 90), "90.0%"},
		{"percent target keeps a fraction", Target(pct, 87.5), "87.5%"},
		{"percent change", Change(pct, -2.8), "2.8 percentage points"},
		{"percent change whole, with the figures' decimals", Change(pct, 8.0), "8.0 percentage points"},
		{"percent change of 1.0", Change(pct, 1), "1.0 percentage points"},
		{"percent change of 1", Change(pct0, 1), "1 percentage point"},
		{"rate value with the title's noun", Value(rate, 56.2), "56.2 per 10,000 children"},
		{"rate change", Change(rate, 2.3), "2.3 per 10,000 children"},
		{"rate with no noun", Value(bare, 5), "5.0 per 1,000"},
		{"rate whose title counts per something else", Value(other, 5), "5.0 per 1,000"},
		{"days", Value(days, 417), "417 days"},
		{"1 day", Value(days, 1), "1 day"},
		{"days change of 1", Change(days, -1), "1 day"},
		{"score change", Change(score, 0.5), "0.5 points"},
		{"score change of 1.0", Change(score, 1), "1.0 points"},
		{"score change of 1", Change(score0, 1), "1 point"},
		{"count with a noun", Value(households, 36), "36 households"},
		{"count with a noun: one", Value(households, 1), "1 household"},
		{"count with a noun: a change", Change(households, -3), "3 households"},
		{"count with an irregular noun", Value(children, 2), "2 children"},
		{"count with a noun_plural", Value(staff, 2), "2 members of staff"},
		{"count with a noun ending in y", Value(families, 2), "2 families"},
		{"rate with a noun", Value(missed, 47), "47 per 100,000 collections"},
		{"rate per 1 with a noun", Value(perVisit, 2.5), "2.5 per visit"},
		{"own unit", Value(tonnes, 1234), "1,234 tonnes"},
		{"own unit: one", Value(tonnes, 1), "1 tonne"},
		{"own unit with no word for one", Value(kwh, 1), "1 kWh"},
		{"own unit with a prefix", Value(millions, 2.5), "£2.5 million"},
		{"own unit with a prefix, negative", Value(millions, -2.5), "−£2.5 million"},
		{"own unit: a change", Change(millions, -0.3), "£0.3 million"},
		{"an index", Value(index, 103.2), "103.2"},
		{"unit label: noun", UnitLabel(households), "Households"},
		{"unit label: own unit", UnitLabel(tonnes), "Tonnes"},
		{"unit label: own unit with capitals", UnitLabel(kwh), "kWh"},
		{"unit label: prefix", UnitLabel(millions), "£ million"},
		{"unit label: rate", UnitLabel(missed), "Rate per 100,000 collections"},
		{"unit label: index", UnitLabel(index), "Number"},
		{"money", Value(money, 15e6), "£15 million"},
		{"money change", Change(money, -2.7e6), "£2.7 million"},
		{"count", Value(count, 2735), "2,735"},
		{"direction up", Direction(pct, 2.8), "up 2.8 percentage points"},
		{"direction down", Direction(money, -6e6), "down £6 million"},
		{"direction none", Direction(pct, 0.04), "no change"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestDiff(t *testing.T) {
	pct := &model.Measure{Unit: model.UnitPercent, Decimals: dec(1)}
	// 42.46 and 42.54 are both shown as 42.5%: no change to the reader.
	if d := Diff(pct, 42.54, 42.46); d != 0 {
		t.Errorf("Diff = %v, want 0", d)
	}
	// 40.1 - 35.1 is not exactly 5 in floating point; Diff is.
	if d := Diff(pct, 40.1, 35.1); d != 5 {
		t.Errorf("Diff = %v, want 5", d)
	}
}

func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{2: "second", 3: "third", 10: "tenth", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 23: "23rd", 101: "101st", 111: "111th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q, want %q", n, got, want)
		}
	}
}
