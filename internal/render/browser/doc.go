// Package browser tests the site's own scripts in headless Chromium, under
// a strict Content-Security-Policy: search (assets/js/search.js) and the
// copy buttons (assets/js/copy.js). See search_test.go. It has no code of
// its own.
package browser
