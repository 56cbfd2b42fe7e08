package load

import (
	"errors"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/perfsite/perfsite/internal/model"
)

// decodeTOML parses a TOML file into plain maps. A syntax error becomes a
// problem at its line and column, and the result is nil.
func decodeTOML(file string, src []byte, probs *model.Problems) (map[string]any, []tomlTable) {
	if !checkText(file, src, probs) {
		return nil, nil
	}
	data := map[string]any{}
	if _, err := toml.Decode(string(src), &data); err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			hint := "check the quotes, brackets and = signs on this line"
			if perr.Usage != "" {
				hint = strings.TrimSpace(strings.SplitN(strings.TrimSpace(perr.Usage), "\n", 2)[0])
			}
			probs.Errorf(model.Pos{File: file, Line: perr.Position.Line, Col: perr.Position.Col}, hint,
				"this is not valid TOML: %s", perr.Message)
		} else {
			probs.Errorf(model.Pos{File: file}, "", "this is not valid TOML: %v", err)
		}
		return nil, nil
	}
	return data, scanTOMLKeys(file, src)
}
