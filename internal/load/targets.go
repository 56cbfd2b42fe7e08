package load

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/perfsite/perfsite/internal/model"
)

// TargetOrAim reads a target that is a number (target = 90) or a
// direction, as council plans set them (target = "increase", "to
// reduce", "maintain"): one of the results is set.
func (r *tableReader) TargetOrAim(key string) (target *float64, aim string) {
	v, ok := r.get(key, false)
	if !ok {
		return nil, ""
	}
	if s, isString := v.(string); isString {
		if a, ok := model.ParseAim(s); ok {
			return nil, a
		}
		if numberLike.MatchString(s) {
			// "90%" or "£1,000": a number in quotes, as before.
			r.wrongType(key, "a number (without quotes, % or £)", v)
			return nil, ""
		}
		r.probs.Errorf(r.pos(key), `write a number, like `+key+` = 90, or a direction: "increase", "reduce" or "maintain"`,
			"%q should be a number or a direction (increase, reduce or maintain), not %s", key, describeTOML(v))
		return nil, ""
	}
	return r.float(key, v), ""
}

// numberLike is text that is a number with a unit or separators: "90%",
// "£1,000", " 12.5 ".
var numberLike = regexp.MustCompile(`^\s*[£$-]?\s*[0-9][0-9,]*(\.[0-9]+)?\s*%?\s*$`)

// NumberOrShare reads a value that is a plain number, in the measure's
// unit (tolerance = 2), or a share written as a percentage in quotes
// (tolerance = "5%"), returned as a fraction (0.05). With numbers false,
// only a share is allowed: a setting for every measure cannot be in one
// measure's unit.
func (r *tableReader) NumberOrShare(key string, numbers bool) (number, share *float64) {
	v, ok := r.get(key, false)
	if !ok {
		return nil, nil
	}
	example := key + ` = "5%"`
	if numbers {
		example = key + ` = 2, in the measure's unit, or a share: ` + example
	}
	s, isString := v.(string)
	if !isString {
		if !numbers {
			r.probs.Errorf(r.pos(key), "write it as a share, like "+example,
				"%q for every measure must be a share written with %%, not %s", key, describeTOML(v))
			return nil, nil
		}
		return r.float(key, v), nil
	}
	text := strings.TrimSpace(s)
	n, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(text, "%")), 64)
	if !strings.HasSuffix(text, "%") || err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		r.probs.Errorf(r.pos(key), "write "+example, "%q should be a number or a share such as \"5%%\", not %s", key, describeTOML(v))
		return nil, nil
	}
	n /= 100
	return nil, &n
}

// float reads an already fetched value as a number.
func (r *tableReader) float(key string, v any) *float64 {
	switch n := v.(type) {
	case int64:
		f := float64(n)
		if !saneNumber(f) {
			tooLarge(f, r.pos(key), nil, key, r.probs)
			return nil
		}
		return &f
	case float64:
		if math.IsNaN(n) || math.IsInf(n, 0) {
			r.probs.Errorf(r.pos(key), "write a plain number, like target = 90", "%q must be an ordinary number, not %v", key, n)
			return nil
		}
		if !saneNumber(n) {
			tooLarge(n, r.pos(key), nil, key, r.probs)
			return nil
		}
		return &n
	}
	r.wrongType(key, "a number (without quotes, % or £)", v)
	return nil
}

// Covers reads the year an annual figure covers.
func (r *tableReader) Covers(key string) string {
	s := r.String(key, false)
	if s == "" {
		return ""
	}
	c, ok := model.ParseCovers(s)
	if !ok {
		r.probs.Errorf(r.pos(key), `write `+key+` = "financial-year", "calendar-year" or "academic-year"`,
			"%q is not a kind of year: %s", key, describeTOML(s))
		return ""
	}
	return c
}
