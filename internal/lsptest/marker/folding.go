package marker

import (
	"fmt"
	"slices"
	"strings"
)

func init() {
	register(marker{name: "folding", run: runFolding})
}

type fold struct {
	StartLine int    `json:"startLine"`
	EndLine   int    `json:"endLine"`
	Kind      string `json:"kind"`
}

// runFolding: folding(@golden): the folding ranges sorted, one a line:
// 1-based start and end lines, the kind if any, and the start line's text.
func runFolding(e *Env, n *Note) {
	golden := n.Golden(0)
	if golden == "" {
		e.Errorf(n, "needs a golden section name")
		return
	}
	var folds []fold
	e.Client.MustCall("textDocument/foldingRange", map[string]any{"textDocument": e.TextDocument()}, &folds)
	// The order of folding ranges carries no meaning: compare them sorted.
	slices.SortStableFunc(folds, func(a, b fold) int {
		if a.StartLine != b.StartLine {
			return a.StartLine - b.StartLine
		}
		return b.EndLine - a.EndLine
	})
	lines := strings.Split(e.Text, "\n")
	var b strings.Builder
	for _, f := range folds {
		if f.StartLine < 0 || f.EndLine < f.StartLine || f.EndLine >= len(lines) {
			e.Errorf(n, "bad folding range %d-%d in a %d-line document", f.StartLine, f.EndLine, len(lines))
			continue
		}
		kind := ""
		if f.Kind != "" {
			kind = " " + f.Kind
		}
		fmt.Fprintf(&b, "%d-%d%s: %s\n", f.StartLine+1, f.EndLine+1, kind, strings.TrimRight(lines[f.StartLine], "\r"))
	}
	e.Golden(n, golden, b.String())
}
