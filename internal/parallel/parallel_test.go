package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

// Each calls every i once, and reports the error of the lowest i that
// failed, as a loop would have first, whatever order they ran in.
func TestEach(t *testing.T) {
	var calls [100]atomic.Int32
	err := Each(len(calls), func(i int) error {
		calls[i].Add(1)
		if i%7 == 3 {
			return fmt.Errorf("failed at %d", i)
		}
		return nil
	})
	for i := range calls {
		if n := calls[i].Load(); n != 1 {
			t.Errorf("fn(%d) called %d times", i, n)
		}
	}
	if err == nil || err.Error() != "failed at 3" {
		t.Errorf("Each returned %v, want the error of i = 3", err)
	}
	if err := Each(0, func(int) error { return errors.New("called") }); err != nil {
		t.Errorf("Each of nothing: %v", err)
	}
}

func TestAll(t *testing.T) {
	var ran atomic.Int32
	step := func(err error) func() error { return func() error { ran.Add(1); return err } }
	first, second := errors.New("first"), errors.New("second")
	if err := All([]func() error{step(nil), step(first), step(second)}); err != first {
		t.Errorf("All returned %v, want the first failure in the list", err)
	}
	if ran.Load() != 3 {
		t.Errorf("%d of 3 steps ran", ran.Load())
	}
}
