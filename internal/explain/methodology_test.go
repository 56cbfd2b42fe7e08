package explain

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/perfsite/perfsite/internal/check"
	"github.com/perfsite/perfsite/internal/derive"
	"github.com/perfsite/perfsite/internal/load"
	"github.com/perfsite/perfsite/internal/model"
)

// txtarInput loads a test site of internal/build.
func txtarInput(t *testing.T, name string) *model.Input {
	t.Helper()
	ar, err := txtar.ParseFile("../build/testdata/sites/" + name + ".txtar")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	in, probs, err := load.LoadFS(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	if probs = append(probs, check.Check(in)...); probs.HasErrors() {
		t.Fatalf("%s has errors: %v", name, probs)
	}
	return in
}

// The methodology page of the hand-worked site (its worked example is the
// trend, a signal, whose figures the site's comment works out), and with
// a tolerance and a change threshold for every measure, as shares.
func TestMethodologyGolden(t *testing.T) {
	in := txtarInput(t, "spc")
	var b strings.Builder
	b.WriteString("== the hand-worked site\n")
	b.WriteString(Methodology(derive.Derive(in)))
	tol, threshold := 0.05, 0.1
	in.Site.ToleranceShare, in.Site.ChangeThresholdShare = &tol, &threshold
	b.WriteString("\n== with tolerance = \"5%\" and change_threshold = \"10%\" in site.toml\n")
	b.WriteString(Methodology(derive.Derive(in)))
	golden(t, "methodology", b.String())
}

// The page reads as easily as the rest of the site (Flesch reading ease
// 70 or more) and every sentence is short, on the hand-worked site and on
// random ones.
func TestMethodologySentences(t *testing.T) {
	texts := []string{Methodology(derive.Derive(txtarInput(t, "spc")))}
	for i := 0; i < 20; i++ {
		texts = append(texts, Methodology(randomSite(rand.New(rand.NewSource(int64(i))), 40)))
	}
	for i, text := range texts {
		var prose []string
		for _, line := range strings.Split(text, "\n") {
			switch {
			case strings.HasPrefix(line, "|"): // a table of figures
			case strings.HasPrefix(line, "#"): // a heading: a sentence of its own
				prose = append(prose, line+".")
			default:
				prose = append(prose, strings.TrimPrefix(line, "- "))
			}
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			readability(t, []string{strings.NewReplacer("**", "", "#", "").Replace(strings.Join(prose, "\n"))}, nil)
		})
	}
}
