package load

import (
	"bytes"
	"unicode/utf8"

	"github.com/perfsite/perfsite/internal/model"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkText reports a file that is empty or not UTF-8, the two ways a
// spreadsheet export most often goes wrong before any content is read.
func checkText(file string, src []byte, probs *model.Problems) bool {
	if len(bytes.TrimSpace(bytes.TrimPrefix(src, utf8BOM))) == 0 {
		probs.Errorf(model.Pos{File: file}, "add content to the file, or delete it", "the file is empty")
		return false
	}
	if utf8.Valid(src) {
		return true
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			probs.Errorf(model.Pos{File: file, Line: line, Col: col},
				"save the file as UTF-8 (in Excel: Save As, then \"CSV UTF-8 (Comma delimited)\")",
				"the file is not UTF-8 text: byte 0x%02X cannot be read", src[i])
			return false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return false
}

// stripBOM removes a UTF-8 byte order mark, which Excel writes.
func stripBOM(src []byte) []byte { return bytes.TrimPrefix(src, utf8BOM) }

// errorsSince reports whether any of the problems after the first before
// is an error: a file whose header has an error is not read further, one
// with warnings is.
func errorsSince(probs model.Problems, before int) bool {
	return probs[before:].HasErrors()
}
