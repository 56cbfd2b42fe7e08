// Command perfsite turns quarterly performance data and committee minutes
// into a static website. Run "perfsite --help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/build"
	"github.com/perfsite/perfsite/internal/chromium"
	"github.com/perfsite/perfsite/internal/report"
	"github.com/perfsite/perfsite/internal/version"
)

const usage = `perfsite turns quarterly performance data and committee minutes into a website.

Usage:
  perfsite build [--source DIR] [--dest DIR] [--base-url URL]
        check the data, then build the site into DIR/public (or --dest).
        The old site is replaced only if the whole build succeeds.
  perfsite check [--source DIR] [--format report|lines]
        check the data and list every problem, with the line and a hint.
  perfsite serve [--source DIR] [--port N]
        preview the site at http://localhost:1313/ ; it rebuilds when you
        save a data, minutes or layout file, and shows any errors instead.
  perfsite report [QUARTER] --pdf FILE [--source DIR]
        write the quarter's report for the committee (the latest, or
        2023-24-q2) as a PDF to print, using Chromium or Chrome.
  perfsite new site DIR
        write a clean starting site into DIR, ready to edit and publish.
  perfsite new quarter 2023-24-q3 [--xlsx]
        write the quarter's data file, every measure listed, ready to fill in.
  perfsite new measure ID [--title T] [--service S]
        add a commented [[measure]] table for a new measure.
  perfsite new minutes [--committee ID] [--date YYYY-MM-DD] [--period Q]
        write a commented minutes summary to fill in.
  perfsite generate --dest DIR [--measures N] [--services S] [--quarters Q] [--seed X]: write a made-up site
  perfsite version (or --version)
        print which perfsite this is.

Run "perfsite COMMAND --help" for the options of a command.
The site folder holds data/site.toml, data/measures.toml, data/quarters/*.csv (or .xlsx)
and content/minutes/*.md; README.md explains each file.
`

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "--version", "-version", "version":
		fmt.Fprintf(stdout, "perfsite %s\n", version.Read())
		return 0
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "generate":
		return runGenerate(args[1:], stdout, stderr)
	case "bench": // hidden: for developers, see BENCHMARKS.md
		return runBench(args[1:], stdout, stderr)
	case "new":
		return runNew(args[1:], stdout, stderr)
	case "report":
		return runReport(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "perfsite: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func newFlags(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: perfsite %s [options]\n\n%s\n\nOptions:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "Checks the data, then builds the website. The existing site folder is\nreplaced only when the whole build succeeds; after an error it is untouched.\nAt the end it says what is new in the latest quarter, to paste into an email\n(--whats-new FILE also saves it to a file).", stderr)
	source := fs.String("source", ".", "the site folder, holding data/ and content/")
	dest := fs.String("dest", "", "where to write the website (default: SOURCE/public)")
	baseURL := fs.String("base-url", "", "the address the site will be published at, overriding base_url in data/site.toml")
	timings := fs.Bool("timings", false, "also print how long each stage took")
	whatsNew := fs.String("whats-new", "", "also save the \"What's new\" summary to this file, for example ../whats-new.txt\n(keep it out of the site folder's public/, which is published)")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	start := time.Now()
	progress := report.NewProgress(stderr, report.IsTerminal(stderr))
	res, err := build.Build(build.Options{Source: *source, Dest: *dest, BaseURL: *baseURL, Log: progress, Progress: progress,
		WhatsNewFile: *whatsNew})
	progress.Done()
	printer := report.ForTerminal(stderr)
	if res != nil {
		printer.Problems(stderr, res.Problems)
	}
	if err != nil {
		if !errors.Is(err, build.ErrProblems) {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
		}
		fmt.Fprintln(stderr, "perfsite: the build failed; the existing site was not changed.")
		return 1
	}
	if res.WhatsNew != "" {
		fmt.Fprintf(stdout, "\n%s\n", res.WhatsNew)
	}
	fmt.Fprint(stdout, res.Summary(time.Since(start)))
	if *timings {
		t := res.Timings
		fmt.Fprintf(stdout, "perfsite: load %s, check %s, derive %s, assets %s, write %s, publish %s\n",
			t.Load.Round(1e6), t.Check.Round(1e6), t.Derive.Round(1e6), t.Assets.Round(1e6), t.Write.Round(1e6), t.Publish.Round(1e6))
	}
	return 0
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "Checks the data and lists every problem, grouped by file, each with its line,\na mark under the place and a hint. The exit status is 1 if there are errors.", stderr)
	source := fs.String("source", ".", "the site folder, holding data/ and content/")
	format := fs.String("format", "report", "report: grouped by file, with lines and hints; lines: one problem a line,\nas file:line:col: message, for editors and CI annotations")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *format != "report" && *format != "lines" {
		fmt.Fprintf(stderr, "perfsite: --format is report or lines, not %q\n", *format)
		return 2
	}
	res, _, err := build.Check(build.Options{Source: *source})
	if res != nil {
		printer := report.ForTerminal(stdout)
		if *format == "lines" {
			printer.LinesOnly(stdout, res.Problems)
		} else {
			printer.Problems(stdout, res.Problems)
		}
	}
	if res != nil && *format == "report" {
		for _, note := range res.Notes {
			fmt.Fprintln(stdout, note)
		}
	}
	if err != nil {
		if !errors.Is(err, build.ErrProblems) {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
		}
		return 1
	}
	if len(res.Problems) == 0 {
		fmt.Fprintln(stdout, "No problems found: the site is ready to build.")
	} else {
		fmt.Fprintln(stdout, "No errors: the site can be built.")
	}
	return 0
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "Previews the site on this computer, rebuilding when a file changes.", stderr)
	source := fs.String("source", ".", "the site folder, holding data/ and content/")
	port := fs.Int("port", 1313, "the port to serve on")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	progress := report.NewProgress(stderr, report.IsTerminal(stderr))
	opts := build.Options{Source: *source, Log: progress, Progress: progress, Color: report.WantsColor(stderr)}
	if err := build.Serve(opts, *port); err != nil {
		fmt.Fprintf(stderr, "perfsite: %v\n", err)
		return 1
	}
	return 0
}

func runReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report [QUARTER]", "Writes a quarter's report for the committee as a PDF, to print as committee\npapers: the same figures and sentences as the website. QUARTER is 2023-24-q2\nor \"Q2 2023/24\"; without it, the latest quarter. It needs Chromium or Chrome\n(PERFSITE_CHROMIUM names it, if it is not found); the site does not.", stderr)
	source := fs.String("source", ".", "the site folder, holding data/ and content/")
	pdf := fs.String("pdf", "", "the PDF file to write, for example ../committee/q2-report.pdf")
	baseURL := fs.String("base-url", "", "the address the site is published at, overriding base_url in data/site.toml")
	var quarter string
	for len(args) > 0 { // flags may come before or after the quarter
		if err := fs.Parse(args); err != nil {
			return flagExit(err)
		}
		if args = fs.Args(); len(args) > 0 {
			if quarter != "" {
				fmt.Fprintf(stderr, "perfsite: give one quarter, not %q and %q\n", quarter, args[0])
				return 2
			}
			quarter, args = args[0], args[1:]
		}
	}
	if *pdf == "" {
		fmt.Fprintln(stderr, "perfsite: give the PDF file to write, with --pdf FILE")
		fs.Usage()
		return 2
	}
	exe, err := chromium.Find()
	if err != nil {
		page := "quarters/LATEST/report/"
		if quarter != "" {
			page = "quarters/" + strings.ToLower(quarter) + "/report/"
		}
		fmt.Fprintf(stderr, `perfsite: %v, so perfsite cannot make the PDF here.
If Chromium or Chrome is installed somewhere else, set PERFSITE_CHROMIUM to its path.
Or make the PDF from your own browser: run "perfsite serve", open
http://localhost:1313/%s (the quarter's page links to it as "The report
for the committee"), choose Print, and save as PDF.
`, err, page)
		return 1
	}
	progress := report.NewProgress(stderr, report.IsTerminal(stderr))
	res, label, err := build.ReportPDF(context.Background(), build.Options{Source: *source, BaseURL: *baseURL, Log: progress, Progress: progress}, quarter, *pdf, exe)
	progress.Done()
	if res != nil {
		report.ForTerminal(stderr).Problems(stderr, res.Problems)
	}
	if err != nil {
		if !errors.Is(err, build.ErrProblems) {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
		}
		fmt.Fprintln(stderr, "perfsite: no PDF was written.")
		return 1
	}
	fmt.Fprintf(stdout, "The report for %s is in %s\n", label, *pdf)
	return 0
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}
