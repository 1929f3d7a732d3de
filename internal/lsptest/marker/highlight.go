package marker

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "highlight", pattern: true, run: runHighlight})
}

// highlightKinds names DocumentHighlightKind values; absent means text.
var highlightKinds = map[int]string{0: "text", 1: "text", 2: "read", 3: "write"}

// runHighlight: highlight("pat|", "text@L [kind]", …): the document
// highlights at the cursor are exactly these, each the first "text" on
// 1-based line L (which may hold spaces); a spec that ends in a kind (text,
// read, write) also checks the highlight's kind.
func runHighlight(e *Env, n *Note) {
	var hs []struct {
		Range lsptest.Range `json:"range"`
		Kind  int           `json:"kind"`
	}
	e.Client.MustCall("textDocument/documentHighlight", map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor)}, &hs)
	var got []lsptest.Range
	kinds := map[lsptest.Range]string{}
	for _, h := range hs {
		got = append(got, h.Range)
		kinds[h.Range] = highlightKinds[h.Kind]
	}
	var specs []string
	for _, a := range n.Args[1:] {
		// The kind is a last word without '@' (a text may hold spaces).
		spec, kind := a, ""
		if i := strings.LastIndex(a, " "); i >= 0 && !strings.Contains(a[i+1:], "@") {
			spec, kind = a[:i], a[i+1:]
		}
		specs = append(specs, spec)
		if kind == "" {
			continue
		}
		if !slices.Contains([]string{"text", "read", "write"}, kind) {
			e.Errorf(n, "unknown highlight kind %q (text, read, write)", kind)
			continue
		}
		if r, err := e.SpecRange(spec); err == nil && kinds[r] != kind {
			if _, ok := kinds[r]; !ok {
				continue // checkRanges reports it missing
			}
			e.Errorf(n, "%s is a %s highlight, want %s", spec, kinds[r], kind)
		}
	}
	checkRanges(e, n, got, specs)
}
