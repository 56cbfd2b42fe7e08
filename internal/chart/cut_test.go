package chart

import (
	"encoding/json"
	"github.com/perfsite/perfsite/internal/derive/derivetest"
	"reflect"
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

// cutOption does what assets/js/chart.js does with a Cut (Cut's comments
// say how): it makes the option of an earlier chart from the option of
// the latest one, with the limits and the signals as they stood then.
func cutOption(full map[string]any, cut Cut, desc string) map[string]any {
	n := cut.Cut
	x := full["xAxis"].([]any)[0].(map[string]any)
	x["data"] = x["data"].([]any)[:n]
	var series, names []any
	for _, s := range full["series"].([]any) {
		s := s.(map[string]any)
		data := s["data"].([]any)[:n]
		s["data"] = data
		empty := true
		for _, d := range data {
			if d != nil {
				empty = false
			}
		}
		switch s["id"] {
		case idMean, idUpper, idLower:
			if cut.Limits == nil {
				continue
			}
			v, text := cut.Limits.Mean, cut.Limits.MeanText
			switch s["id"] {
			case idUpper:
				v, text = cut.Limits.Upper, cut.Limits.UpperText
			case idLower:
				v, text = cut.Limits.Lower, cut.Limits.LowerText
			}
			for i := range data {
				if data[i] != nil && x["data"].([]any)[i] != "" {
					data[i] = map[string]any{"value": v, "text": text}
				}
			}
			empty = false
		case idActual:
			for _, d := range data {
				if d, ok := d.(map[string]any); ok {
					delete(d, "symbol")
					delete(d, "symbolSize")
					delete(d, "signal")
				}
			}
			for _, sig := range cut.Signals {
				d := data[sig.At].(map[string]any)
				d["symbol"], d["symbolSize"], d["signal"] = "rect", 12.0, sig.Text
			}
		}
		if empty && s["id"] != idActual {
			continue
		}
		series = append(series, s)
		names = append(names, s["name"])
	}
	full["series"] = series
	full["legend"].(map[string]any)["data"] = names
	y := full["yAxis"].([]any)[0].(map[string]any)
	y["min"], y["max"], y["minInterval"], y["maxInterval"] = cut.Min, cut.Max, cut.Step, cut.Step
	full["aria"].(map[string]any)["label"].(map[string]any)["description"] = desc
	var ticks []any
	for _, t := range cut.Ticks {
		ticks = append(ticks, map[string]any{"value": t.Value, "label": t.Label})
	}
	full["perfsite"] = map[string]any{"id": cut.ID, "ticks": ticks}
	return full
}

func generic(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// Cutting the latest chart's option gives the option of every earlier
// chart: quarterly and annual measures, gaps, targets and national figures
// that start late or stop.
func TestCutGivesTheEarlierOption(t *testing.T) {
	measures := derivetest.PreviewMeasures()
	late := derivetest.Quarterly("late", "Targets and national figures that start late", nil, []*float64{nil, nil, nil, f(5)}, f(1), nil, f(3), f(4), f(6))
	late.Series[2].Target = f(2)
	yearly := derivetest.Quarterly("annual", "Once a year", f(10), nil, f(9), f(11), f(12))
	yearly.Frequency = model.Annual
	for i := range yearly.Series {
		yearly.Series[i].Period = model.Period{Year: 2019 + 2*i, Quarter: 1} // with a year missing between each
	}
	measures = append(append(measures, late, yearly), judged()...)
	for _, m := range measures {
		latest := New(m, cal)
		fullJSON, err := latest.OptionJSON()
		if err != nil {
			t.Fatal(err)
		}
		for _, pt := range m.Series {
			c := NewAt(m, cal, pt.Period)
			if c == nil {
				continue
			}
			b, err := c.CutJSON("/measures/" + m.ID + "/chart.json")
			if err != nil {
				t.Fatal(err)
			}
			var cut struct{ Perfsite Cut }
			if err := json.Unmarshal(b, &cut); err != nil {
				t.Fatal(err)
			}
			want, _ := c.OptionJSON()
			got := cutOption(generic(t, fullJSON), cut.Perfsite, c.Words().Description)
			if !reflect.DeepEqual(got, generic(t, want)) {
				g, _ := json.Marshal(got)
				t.Errorf("%s at %s: the cut option differs:\n got %s\nwant %s", m.ID, cal.Label(pt.Period), g, want)
			}
		}
	}
}
