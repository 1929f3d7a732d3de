package marker

import "github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"

func init() {
	register(marker{name: "selection", pattern: true, run: runSelection})
}

type selectionRange struct {
	Range  lsptest.Range   `json:"range"`
	Parent *selectionRange `json:"parent"`
}

// runSelection: selection("pat|", "inner", …, "outer"): expanding the
// selection from the cursor selects exactly these texts, innermost first;
// each range contains the one before.
func runSelection(e *Env, n *Note) {
	var res []selectionRange
	e.Client.MustCall("textDocument/selectionRange", map[string]any{"textDocument": e.TextDocument(), "positions": []lsptest.Position{e.Pos(n.Cursor)}}, &res)
	if len(res) != 1 {
		e.Errorf(n, "%d results for one position", len(res))
		return
	}
	var got []string
	for s, prev := &res[0], (*selectionRange)(nil); s != nil; prev, s = s, s.Parent {
		if prev != nil && !e.contains(s.Range, prev.Range) {
			e.Errorf(n, "parent %v does not contain %v", s.Range, prev.Range)
		}
		got = append(got, e.Slice(s.Range))
	}
	want := n.Args[1:]
	if len(got) != len(want) {
		e.Errorf(n, "selects %q, want %q", got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			e.Errorf(n, "level %d selects %q, want %q (all: %q)", i+1, got[i], want[i], got)
		}
	}
}
