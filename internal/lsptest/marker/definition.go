package marker

import (
	"fmt"
	"slices"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "definition", pattern: true, run: runLocations})
	register(marker{name: "references", pattern: true, run: runLocations})
	register(marker{name: "uses", pattern: true, run: runLocations})
}

// runLocations: definition("pat|", "text@L", …), references("pat|",
// "text@L", …) (declaration included) and uses("pat|", "text@L", …)
// (references without the declaration): the exact set of locations in the
// Dockerfile, each the first "text" on 1-based line L.
func runLocations(e *Env, n *Note) {
	params := map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor)}
	method := n.Name
	switch n.Name {
	case "references":
		params["context"] = map[string]any{"includeDeclaration": true}
	case "uses":
		method = "references"
		params["context"] = map[string]any{"includeDeclaration": false}
	}
	var locs []lsptest.Location
	e.Client.MustCall("textDocument/"+method, params, &locs)
	got := []lsptest.Range{}
	for _, l := range locs {
		if l.URI != e.URI {
			e.Errorf(n, "location in %s, want %s", l.URI, e.URI)
		}
		got = append(got, l.Range)
	}
	checkRanges(e, n, got, n.Args[1:])
}

// checkRanges fails n unless got (in any order) is exactly the ranges of
// the "text@L" specs (in document order).
func checkRanges(e *Env, n *Note, got []lsptest.Range, specs []string) {
	var want []lsptest.Range
	for _, spec := range specs {
		r, err := e.SpecRange(spec)
		if err != nil {
			e.Errorf(n, "%v", err)
			return
		}
		want = append(want, r)
	}
	sortRanges(got)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		e.Errorf(n, "got %v, want %v", got, want)
	}
}

// sortRanges sorts rs by start.
func sortRanges(rs []lsptest.Range) {
	slices.SortFunc(rs, func(a, b lsptest.Range) int {
		if a.Start.Line != b.Start.Line {
			return a.Start.Line - b.Start.Line
		}
		return a.Start.Character - b.Start.Character
	})
}
