// Package browser tests the charts end to end in headless Chromium: see
// browser_test.go. It has no code of its own.
package browser
