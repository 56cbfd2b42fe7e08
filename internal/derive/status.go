package derive

import (
	"math"

	"github.com/perfsite/perfsite/internal/model"
)

// Status judges a value against a target, following DESIGN.md: on the right
// side of the target (by better) is on track; on the wrong side but within
// tolerance is close; beyond that is off track. With better = "neither" the
// target is a value to stay near: within tolerance either side is on track.
// No value gives no-data; no target gives no-target.
func Status(value, target, tolerance *float64, better string) model.Status {
	if value == nil {
		return model.NoData
	}
	if target == nil {
		return model.NoTarget
	}
	v, t, tol := *value, *target, 0.0
	if tolerance != nil {
		tol = *tolerance
	}
	// Figures are decimals typed by people: 40.1 - 35.1 is not exactly 5 in
	// binary floating point, so compare with a margin far below any display
	// precision.
	eps := 1e-9 * math.Max(1, math.Max(math.Abs(v), math.Abs(t)))
	switch better {
	case model.BetterHigher:
		switch {
		case v >= t-eps:
			return model.OnTrack
		case v >= t-tol-eps:
			return model.Close
		}
		return model.OffTrack
	case model.BetterLower:
		switch {
		case v <= t+eps:
			return model.OnTrack
		case v <= t+tol+eps:
			return model.Close
		}
		return model.OffTrack
	default: // neither
		if math.Abs(v-t) <= tol+eps {
			return model.OnTrack
		}
		return model.OffTrack
	}
}
