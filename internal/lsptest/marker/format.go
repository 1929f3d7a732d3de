package marker

import (
	"strconv"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "format", run: runFormat})
}

// formattingOptions parses "name=value" arguments into FormattingOptions
// (tabSize 4 and insertSpaces true unless given).
func formattingOptions(e *Env, n *Note, args []string) (map[string]any, bool) {
	opts := map[string]any{"tabSize": 4, "insertSpaces": true}
	for _, a := range args {
		k, v, ok := strings.Cut(a, "=")
		if !ok || strings.HasPrefix(a, "@") {
			e.Errorf(n, "bad formatting option %q (want name=value)", a)
			return nil, false
		}
		if i, err := strconv.Atoi(v); err == nil {
			opts[k] = i
		} else if b, err := strconv.ParseBool(v); err == nil {
			opts[k] = b
		} else {
			opts[k] = v
		}
	}
	return opts, true
}

// runFormat: format(@golden, "tabSize=8", …): the document after applying
// textDocument/formatting's edits is the golden.
func runFormat(e *Env, n *Note) {
	golden := n.Golden(0)
	if golden == "" {
		e.Errorf(n, "needs a golden section name")
		return
	}
	opts, ok := formattingOptions(e, n, n.Args[1:])
	if !ok {
		return
	}
	var edits []lsptest.TextEdit
	e.Client.MustCall("textDocument/formatting", map[string]any{"textDocument": e.TextDocument(), "options": opts}, &edits)
	e.GoldenText(n, golden, lsptest.ApplyEdits(e.Text, edits, e.Enc))
}
