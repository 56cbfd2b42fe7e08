package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/chromium"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/model"
	"github.com/perfsite/perfsite/internal/publish"
	"github.com/perfsite/perfsite/internal/urlpath"
	"github.com/perfsite/perfsite/internal/urls"
)

// ReportPDF writes a quarter's report for the committee as a PDF to file:
// it builds the site into a temporary folder, serves it on this computer
// alone, and has the Chromium at exe print the report's page. quarter is
// "2023-24-q2" or "Q2 2023/24", or "" for the latest. The site's own
// public/ is not touched. It returns the build's result (its problems)
// and the quarter's label.
func ReportPDF(ctx context.Context, opts Options, quarter, file, exe string) (*Result, string, error) {
	file, err := filepath.Abs(file)
	if err != nil {
		return nil, "", err
	}
	if err := checkPDFFile(opts, file); err != nil {
		return nil, "", err
	}
	sweepTemp()
	work, err := tempDir("report")
	if err != nil {
		return nil, "", err
	}
	defer os.RemoveAll(work)
	opts.Dest, opts.WhatsNewFile = filepath.Join(work, "public"), ""
	res, err := Build(opts)
	if err != nil {
		return res, "", err
	}
	q, err := findQuarter(res.Site, quarter)
	if err != nil {
		return res, "", err
	}
	label := res.Site.Cal.Label(q)
	base, err := urlpath.BasePath(res.Site.BaseURL)
	if err != nil {
		base = "/"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return res, label, err
	}
	srv := &http.Server{
		Handler:           http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServer(http.Dir(opts.Dest))),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + base + urls.QuarterReport(res.Site.Cal.Slug(q))
	logf(opts, "perfsite: printing the report for %s to PDF with %s...\n", label, exe)
	return res, label, chromium.PrintPDF(ctx, exe, url, file)
}

// checkPDFFile says whether the report may be written to file: outside
// the site folder and the folder it is built into, as the "What's new"
// summary, and, if it exists, over a PDF only (a report written before),
// never over another file.
func checkPDFFile(opts Options, file string) error {
	dest := opts.Dest
	if dest == "" {
		dest = filepath.Join(opts.Source, "public")
	}
	const what, hint = "write the report to", "save it outside the site folder, for example ../committee/q2-report.pdf"
	if err := publish.CheckOutputFile(opts.Source, dest, file, what, hint); err != nil {
		return err
	}
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 5)
	if n, _ := io.ReadFull(f, head); n < 5 || string(head) != "%PDF-" {
		return &publish.PathError{What: what, Path: file, Reason: "it exists, and is not a PDF: perfsite replaces only a PDF, such as a report it wrote before", Hint: "give a new file name"}
	}
	return nil
}

// findQuarter is the quarter named as the data files name it
// (model.ParsePeriod: "2023-24-q2", "Q2 2023/24", in any case), or the
// latest for "".
func findQuarter(site *derive.Site, name string) (model.Period, error) {
	if name == "" {
		if q := site.LatestQuarter(); q != nil {
			return q.Period, nil
		}
		return model.Period{}, errors.New("the data has no quarter with figures yet, so there is no report")
	}
	p, err := model.ParsePeriod(name)
	var known []string
	for _, q := range site.Quarters {
		if err == nil && q.Period == p {
			return p, nil
		}
		known = append(known, site.Cal.Slug(q.Period))
	}
	return model.Period{}, fmt.Errorf("there is no quarter %q in the data: give one of %s, or none for the latest", name, strings.Join(known, ", "))
}
