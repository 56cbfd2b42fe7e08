package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A tab records what the browser tests check: the addresses it requested,
// script errors, CSP reports and console errors; and Eval, WaitFor and
// JavaScript off do what they say.
func TestTabRecords(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a browser")
	}
	chromium := Chromium(t)
	dir := t.TempDir()
	for name, content := range map[string]string{
		"index.html": `<!doctype html><title>t</title><script src="/throws.js"></script>` +
			`<script>document.title = "inline ran"</script><img src="http://127.0.0.2:9/elsewhere.png" alt="">`,
		"throws.js": `console.error("logged"); document.documentElement.dataset.ran = "yes"; throw new Error("thrown");`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := Serve(t, dir)
	b := Start(t, chromium)
	defer b.Close()

	tab := b.NewTab(t, 375, 800, true)
	tab.Navigate(srv.URL + "/")
	tab.WaitFor(`document.documentElement.dataset.ran === "yes"`)
	if !tab.Requested("/throws.js") || !tab.Requested("127.0.0.2:9/elsewhere.png") {
		t.Errorf("requests: %v", tab.URLs())
	}
	if got := tab.Eval(`document.title`); got != "t" {
		t.Errorf("the inline script ran despite the CSP: title %v", got)
	}
	if got := tab.Eval(`undefined`); got != nil {
		t.Errorf("undefined gives %v", got)
	}
	if got := tab.Eval(`Promise.resolve([1, "a", true])`).([]any); len(got) != 3 || got[0] != float64(1) {
		t.Errorf("a promise of an array gives %v", got)
	}
	errs := strings.Join(tab.Errors(), "\n")
	for _, want := range []string{"thrown", "logged", "Content Security Policy"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the errors lack %q:\n%s", want, errs)
		}
	}

	off := b.NewTab(t, 1280, 900, false)
	off.Navigate(srv.URL + "/")
	if got := off.Eval(`document.documentElement.dataset.ran === undefined && innerWidth`); got != float64(1280) {
		t.Errorf("with JavaScript off, 1280 wide: %v", got)
	}
	if errs := strings.Join(off.Errors(), "\n"); strings.Contains(errs, "thrown") || strings.Contains(errs, "logged") {
		t.Errorf("with JavaScript off, a script ran:\n%s", errs)
	}
}
