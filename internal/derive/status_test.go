package derive

import (
	"testing"

	"github.com/perfsite/perfsite/internal/model"
)

func f(v float64) *float64 { return &v }

func TestStatus(t *testing.T) {
	tests := []struct {
		name                     string
		value, target, tolerance *float64
		better                   string
		want                     model.Status
	}{
		{"no value", nil, f(90), f(3), "higher", model.NoData},
		{"no value, no target", nil, nil, nil, "higher", model.NoData},
		{"no target", f(50), nil, nil, "higher", model.NoTarget},
		{"higher: above", f(94.9), f(90), f(3), "higher", model.OnTrack},
		{"higher: exactly on target", f(90), f(90), f(3), "higher", model.OnTrack},
		{"higher: within tolerance", f(88), f(90), f(3), "higher", model.Close},
		{"higher: at the edge of tolerance", f(87), f(90), f(3), "higher", model.Close},
		{"higher: beyond tolerance", f(86.9), f(90), f(3), "higher", model.OffTrack},
		{"higher: no tolerance, just below", f(89.9), f(90), nil, "higher", model.OffTrack},
		{"higher: decimal edge", f(35.1), f(40.1), f(5), "higher", model.Close},
		{"lower: below", f(50), f(52), f(2), "lower", model.OnTrack},
		{"lower: exactly", f(52), f(52), f(2), "lower", model.OnTrack},
		{"lower: within tolerance", f(53.5), f(52), f(2), "lower", model.Close},
		{"lower: at the edge", f(54), f(52), f(2), "lower", model.Close},
		{"lower: beyond", f(54.1), f(52), f(2), "lower", model.OffTrack},
		{"lower: negative values", f(-3), f(0), nil, "lower", model.OnTrack},
		{"lower: zero target, overspend", f(15000000), f(0), nil, "lower", model.OffTrack},
		{"neither: inside above", f(44), f(40), f(5), "neither", model.OnTrack},
		{"neither: inside below", f(36), f(40), f(5), "neither", model.OnTrack},
		{"neither: edge", f(45), f(40), f(5), "neither", model.OnTrack},
		{"neither: beyond above", f(45.5), f(40), f(5), "neither", model.OffTrack},
		{"neither: beyond below", f(34), f(40), f(5), "neither", model.OffTrack},
		{"neither: no tolerance, equal", f(40), f(40), nil, "neither", model.OnTrack},
		{"neither: no tolerance, off", f(40.5), f(40), nil, "neither", model.OffTrack},
	}
	for _, tt := range tests {
		if got := Status(tt.value, tt.target, tt.tolerance, tt.better); got != tt.want {
			t.Errorf("%s: Status = %s, want %s", tt.name, got, tt.want)
		}
	}
}
