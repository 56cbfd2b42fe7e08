// Command perfsite turns quarterly performance data and committee minutes
// into a static website. Run "perfsite --help" for the commands.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/perfsite/perfsite/internal/build"
	"github.com/perfsite/perfsite/internal/model"
)

const usage = `perfsite turns quarterly performance data and committee minutes into a website.

Usage:
  perfsite build [--source DIR] [--dest DIR] [--base-url URL]
        check the data, then build the site into DIR/public (or --dest).
        The old site is replaced only if the whole build succeeds.
  perfsite check [--source DIR]
        check the data and list every problem as file:line:col: message.
  perfsite serve [--source DIR] [--port N]
        preview the site at http://localhost:1313/ ; it rebuilds when you
        save a data, minutes or layout file.
  perfsite generate --dest DIR [--measures N] [--services S] [--quarters Q] [--seed X]: write a made-up site

Run "perfsite COMMAND --help" for the options of a command.
The site folder holds data/site.toml, data/measures.toml, data/quarters/*.csv
and content/minutes/*.md; README.md explains each file.
`

func main() {
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
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "generate":
		return runGenerate(args[1:], stdout, stderr)
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
	fs := newFlags("build", "Checks the data, then builds the website. The existing site folder is\nreplaced only when the whole build succeeds; after an error it is untouched.", stderr)
	source := fs.String("source", ".", "the site folder, holding data/ and content/")
	dest := fs.String("dest", "", "where to write the website (default: SOURCE/public)")
	baseURL := fs.String("base-url", "", "the address the site will be published at, overriding base_url in data/site.toml")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	res, err := build.Build(build.Options{Source: *source, Dest: *dest, BaseURL: *baseURL, Log: stderr})
	if res != nil {
		printProblems(stderr, res.Problems)
	}
	if err != nil {
		if !errors.Is(err, build.ErrProblems) {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
		}
		fmt.Fprintln(stderr, "perfsite: the build failed; the existing site was not changed.")
		return 1
	}
	where := res.Dest
	if abs, err := filepath.Abs(where); err == nil {
		where = abs
	}
	t := res.Timings
	fmt.Fprintf(stdout, "perfsite: built %d pages for %d measures into %s\n", res.Pages, len(res.Site.Measures), where)
	fmt.Fprintf(stdout, "perfsite: load %s, check %s, derive %s, render %s, hugo %s, publish %s\n",
		t.Load.Round(1e6), t.Check.Round(1e6), t.Derive.Round(1e6), t.Render.Round(1e6), t.Hugo.Round(1e6), t.Publish.Round(1e6))
	return 0
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "Checks the data and lists every problem, each as file:line:col: message.", stderr)
	source := fs.String("source", ".", "the site folder, holding data/ and content/")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	res, _, err := build.Check(build.Options{Source: *source})
	if res != nil {
		printProblems(stdout, res.Problems)
	}
	if err != nil {
		if !errors.Is(err, build.ErrProblems) {
			fmt.Fprintf(stderr, "perfsite: %v\n", err)
		}
		return 1
	}
	_, warnings := res.Problems.Count()
	fmt.Fprintf(stdout, "perfsite: no errors (%d warnings)\n", warnings)
	return 0
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "Previews the site on this computer, rebuilding when a file changes.", stderr)
	source := fs.String("source", ".", "the site folder, holding data/ and content/")
	port := fs.Int("port", 1313, "the port to serve on")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if err := build.Serve(build.Options{Source: *source, Log: stderr}, *port); err != nil {
		fmt.Fprintf(stderr, "perfsite: %v\n", err)
		return 1
	}
	return 0
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

func printProblems(w io.Writer, probs model.Problems) {
	for _, p := range probs {
		fmt.Fprintln(w, p.String())
	}
	if errs, warns := probs.Count(); errs > 0 {
		fmt.Fprintf(w, "%d errors, %d warnings\n", errs, warns)
	}
}
