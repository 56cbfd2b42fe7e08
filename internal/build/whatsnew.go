package build

import (
	"os"
	"path/filepath"

	"github.com/perfsite/perfsite/internal/whatsnew"
)

// writeWhatsNew works out the "What's new" summary of the latest quarter
// and writes it to opts.WhatsNewFile when set (perfsite build --whats-new).
// It is a note for the person who publishes the site, to paste into an
// email, not a page of the site, so it is never written into public/. A failure to write it is reported but does not
// fail the build, which has already published the site.
func writeWhatsNew(opts Options, res *Result) {
	if res.Site == nil {
		return
	}
	res.WhatsNew = whatsnew.Compute(res.Site).Text(res.Site)
	if opts.WhatsNewFile == "" {
		return
	}
	path, err := filepath.Abs(opts.WhatsNewFile)
	if err == nil {
		err = os.WriteFile(path, []byte(res.WhatsNew), 0o644)
	}
	if err != nil {
		logf(opts, "perfsite: could not write %s: %v\n", opts.WhatsNewFile, err)
		return
	}
	res.WhatsNewFile = path
}
