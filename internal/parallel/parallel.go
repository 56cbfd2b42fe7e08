// Package parallel runs work on every core: the one worker pool that
// render, load and publish share.
package parallel

import (
	"runtime"
	"sync"
)

// Each calls fn(0) to fn(n-1) on every core, and returns the error of the
// lowest i that failed, as calling them one by one would have first. The
// calls must not depend on each other.
func Each(n int, fn func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// All runs the steps at once, each in a goroutine of its own (for a few
// steps of different lengths), and returns the error of the first in the
// list that failed.
func All(steps []func() error) error {
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = step()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
