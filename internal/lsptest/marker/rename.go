package marker

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "rename", pattern: true, run: runRename})
	register(marker{name: "prepareRename", pattern: true, run: runPrepareRename})
}

// runPrepareRename: prepareRename("pat|", "text@L", "placeholder"): the
// range and placeholder offered; prepareRename("pat|", "!none"): null;
// prepareRename("pat|", "!error", "fragment", …): an error whose message
// has each fragment.
func runPrepareRename(e *Env, n *Note) {
	if len(n.Args) < 2 {
		e.Errorf(n, "needs a pattern and an expectation")
		return
	}
	var got *struct {
		Range       lsptest.Range `json:"range"`
		Placeholder string        `json:"placeholder"`
	}
	err := e.Client.Call("textDocument/prepareRename", map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor)}, &got)
	switch {
	case n.Args[1] == "!error":
		if err == nil {
			e.Errorf(n, "should fail, got %+v", got)
			return
		}
		for _, frag := range n.Args[2:] {
			if !strings.Contains(err.Error(), frag) {
				e.Errorf(n, "error %q lacks %q", err, frag)
			}
		}
	case err != nil:
		e.Errorf(n, "%v", err)
	case n.Args[1] == "!none":
		if got != nil {
			e.Errorf(n, "got %+v, want null", *got)
		}
	case got == nil:
		e.Errorf(n, "got null")
	default:
		want, err := e.SpecRange(n.Args[1])
		if err != nil {
			e.Errorf(n, "%v", err)
			return
		}
		if got.Range != want {
			e.Errorf(n, "range %v, want %v", got.Range, want)
		}
		if len(n.Args) > 2 && got.Placeholder != n.Args[2] {
			e.Errorf(n, "placeholder %q, want %q", got.Placeholder, n.Args[2])
		}
	}
}

// runRename: rename("pat|", "newName", "expected text", …): after applying
// the edits, each expected text appears in the document;
// rename("pat|", "newName", "!error", "fragment", …): the request fails,
// with each fragment in its message.
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
			return
		}
		for _, frag := range n.Args[3:] {
			if !strings.Contains(err.Error(), frag) {
				e.Errorf(n, "error %q lacks %q", err, frag)
			}
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
