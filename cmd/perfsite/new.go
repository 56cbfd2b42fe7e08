package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/perfsite/perfsite/internal/scaffold"
	"github.com/perfsite/perfsite/internal/version"
)

const newUsage = `Usage:
  perfsite new site DIR
        write a clean starting site into DIR (a new or empty folder): the
        settings, one measure, one quarter, one minutes summary, an about
        page, and the files to publish it on Netlify, ready to edit.
  perfsite new quarter 2023-24-q3 [--xlsx] [--source DIR]
        write data/quarters/2023-24-q3.csv: every measure reported that
        quarter, values empty, and the targets the quarter before set.
  perfsite new measure ID [--title T] [--service S] [--source DIR]
        add a commented [[measure]] table to data/measures.toml (or a new
        file in data/measures/ if the site keeps its measures there).
  perfsite new minutes [--committee ID] [--date YYYY-MM-DD] [--period Q] [--source DIR]
        write content/minutes/DATE-COMMITTEE.md, a commented summary to fill in.

perfsite new never overwrites a file.
`

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	var (
		w   *scaffold.Written
		err error
	)
	switch kind, rest := args[0], args[1:]; kind {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, newUsage)
		return 0
	case "site":
		return runNewSite(rest, stdout, stderr)
	case "quarter":
		fs := newFlags("new quarter QUARTER", "Writes the data file of a quarter, like 2023-24-q3, with every measure listed.", stderr)
		source := fs.String("source", ".", "the site folder")
		xlsx := fs.Bool("xlsx", false, "write an Excel workbook (.xlsx) instead of a CSV file")
		period, code, ok := oneArg(fs, rest, "a quarter, like 2023-24-q3", stderr)
		if !ok {
			return code
		}
		w, err = scaffold.NewQuarter(*source, period, scaffold.QuarterOptions{XLSX: *xlsx})
	case "measure":
		fs := newFlags("new measure ID", "Adds a commented [[measure]] table for a new measure.", stderr)
		source := fs.String("source", ".", "the site folder")
		title := fs.String("title", "", "the measure's title (default: empty, to fill in)")
		service := fs.String("service", "", "the service it belongs to (default: the first in data/site.toml)")
		id, code, ok := oneArg(fs, rest, "the new measure's id, like school-places-offered", stderr)
		if !ok {
			return code
		}
		w, err = scaffold.NewMeasure(*source, id, scaffold.MeasureOptions{Title: *title, Service: *service})
	case "minutes":
		fs := newFlags("new minutes", "Writes a commented minutes summary to fill in.", stderr)
		source := fs.String("source", ".", "the site folder")
		committee := fs.String("committee", "", "the committee's id (default: the first in data/site.toml)")
		date := fs.String("date", "", "the date of the meeting, YYYY-MM-DD (default: today)")
		period := fs.String("period", "", "the quarter discussed, like 2023-24-q2 (default: the latest in the data)")
		if err := fs.Parse(rest); err != nil {
			return flagExit(err)
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(stderr, "perfsite: new minutes takes no arguments, only options\n")
			return 2
		}
		opts := scaffold.MinutesOptions{Committee: *committee, Period: *period}
		if *date != "" {
			d, perr := time.Parse(time.DateOnly, *date)
			if perr != nil {
				fmt.Fprintf(stderr, "perfsite: --date %q is not a date like 2024-02-13\n", *date)
				return 2
			}
			opts.Date = d
		}
		w, err = scaffold.NewMinutes(*source, opts)
	default:
		fmt.Fprintf(stderr, "perfsite: new makes a site, a quarter, a measure or minutes, not %q\n\n%s", kind, newUsage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "perfsite: %v\n", err)
		return 1
	}
	verb := "wrote"
	if w.Appended {
		verb = "added a new measure to the end of"
	}
	fmt.Fprintf(stdout, "perfsite: %s %s\n", verb, w.File)
	for _, n := range w.Notes {
		fmt.Fprintf(stdout, "  %s\n", n)
	}
	fmt.Fprintln(stdout, "  When it is filled in, run: perfsite check")
	return 0
}

// runNewSite writes a starting site and says what to do next.
func runNewSite(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new site DIR", "Writes a clean starting site into DIR, a new or empty folder.", stderr)
	dir, code, ok := oneArg(fs, args, "the folder for the new site, like our-site", stderr)
	if !ok {
		return code
	}
	files, err := scaffold.NewSite(dir, scaffold.SiteOptions{Version: version.Read().Release()})
	if err != nil {
		fmt.Fprintf(stderr, "perfsite: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "perfsite: wrote a new site in %s: %s\n", dir, strings.Join(files, ", "))
	fmt.Fprintf(stdout, "  Every file holds made-up examples to replace with your own; README.md in it says what is where.\n")
	fmt.Fprintf(stdout, "  Next: cd %s, then perfsite check, perfsite serve (a preview), perfsite build.\n", dir)
	fmt.Fprintf(stdout, "  For interactive charts, run npm ci there once.\n")
	return 0
}

// oneArg parses flags around exactly one argument (flags may come before
// or after it, as people type them). When it is not ok, code is the exit
// code.
func oneArg(fs *flag.FlagSet, args []string, what string, stderr io.Writer) (arg string, code int, ok bool) {
	var positional []string
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return "", flagExit(err), false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	if len(positional) != 1 {
		fmt.Fprintf(stderr, "perfsite: give %s\n", what)
		fs.Usage()
		return "", 2, false
	}
	return positional[0], 0, true
}
