package marker

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "rename", pattern: true, run: runRename})
}

// runRename: rename("pat|", "newName", "expected text", …): after applying
// the edits, each expected text appears in the document;
// rename("pat|", "newName", "!error"): the request fails.
func runRename(e *Env, n *Note) {
	if len(n.Args) < 2 {
		e.Errorf(n, "needs a pattern and a new name")
		return
	}
	var edit struct {
		Changes map[string][]lsptest.TextEdit `json:"changes"`
	}
	err := e.Client.Call("textDocument/rename", map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor), "newName": n.Args[1]}, &edit)
	if len(n.Args) > 2 && n.Args[2] == "!error" {
		if err == nil {
			e.Errorf(n, "should fail")
		}
		return
	}
	if err != nil {
		e.Errorf(n, "%v", err)
		return
	}
	out := lsptest.ApplyEdits(e.Text, edit.Changes[e.URI], e.Enc)
	for _, want := range n.Args[2:] {
		if !strings.Contains(out, want) {
			e.Errorf(n, "result lacks %q:\n%s", want, out)
		}
	}
}
