//go:build !linux

package publish

// exchangeDirs is not available on this system: Replace uses two renames.
func exchangeDirs(a, b string) error { return errExchangeUnsupported }
