package publish

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// MarkerName is the file perfsite writes into every folder it makes: each
// built site, each staging folder and each folder an old site is moved
// aside into. perfsite replaces or deletes a folder only when it finds this
// file in it (or, for a site built by a perfsite older than the marker,
// the downloads only perfsite writes: see builtByOlderPerfsite). It is
// published with the site, harmless: a short text file that says what the
// folder is.
const MarkerName = ".perfsite-built"

// markerText is the marker's content: the same bytes in every build.
const markerText = "This folder is a website built by perfsite.\n" +
	"The next \"perfsite build\" replaces it whole: keep no files of your own here.\n"

// writeMarker marks dir as made by perfsite.
func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, MarkerName), []byte(markerText), 0o644)
}

// hasMarker reports whether dir holds perfsite's marker as a regular file
// (a link named like it does not count: it could point anywhere).
func hasMarker(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, MarkerName))
	return err == nil && fi.Mode().IsRegular()
}

// downloadsHeader is how the first line of the download data/measures.csv
// starts in every site perfsite has built: its columns are only ever added
// at the end (README.md, Downloads).
const downloadsHeader = "measure,title,service,unit,period,period_label,start,end,value,target,national,status"

// builtByOlderPerfsite recognises a site built before perfsite wrote its
// marker, so that nobody is locked out of their own public/ by an
// upgrade: it has index.html and data/measures.json, and data/measures.csv
// starts with perfsite's own header. Each is a regular file, not a link.
// Nothing else writes that header; a person keeping files of their own in
// such a folder was already told (README.md) that perfsite replaces it.
func builtByOlderPerfsite(dir string) bool {
	for _, name := range []string{"index.html", "data/measures.json", "data/measures.csv"} {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	f, err := os.Open(filepath.Join(dir, "data", "measures.csv"))
	if err != nil {
		return false
	}
	defer f.Close()
	line, err := bufio.NewReaderSize(f, 4096).ReadSlice('\n')
	if err != nil && len(line) == 0 {
		return false
	}
	return strings.HasPrefix(string(line), downloadsHeader)
}
