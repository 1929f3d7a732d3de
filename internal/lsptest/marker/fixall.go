package marker

import (
	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "fixAll", run: runFixAll})
}

// codeActionResult is what the fix markers read of a code action.
type codeActionResult struct {
	Title string
	Kind  string
	Edit  struct {
		Changes map[string][]lsptest.TextEdit `json:"changes"`
	}
}

// sourceFixAll asks for the document's source.fixAll actions only.
func sourceFixAll(e *Env, text string) []codeActionResult {
	var actions []codeActionResult
	e.Client.MustCall("textDocument/codeAction", map[string]any{"textDocument": e.TextDocument(),
		"range":   lsptest.Range{Start: lsptest.PositionAt(text, 0, e.Enc), End: lsptest.PositionAt(text, len(text), e.Enc)},
		"context": map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}}}, &actions)
	return actions
}

// runFixAll: fixAll(golden): a codeAction request with only
// ["source.fixAll"] returns one action, of that kind and nothing else;
// the document after its edits is exactly the golden; and the fixed
// document, checked again, offers no source.fixAll action.
func runFixAll(e *Env, n *Note) {
	golden := n.Golden(0)
	if golden == "" {
		e.Errorf(n, "needs a golden section name")
		return
	}
	withText(e, false, func(text string) {
		actions := sourceFixAll(e, text)
		if len(actions) != 1 || actions[0].Kind != "source.fixAll" {
			e.Errorf(n, "want one source.fixAll action, got %+v", actions)
			return
		}
		got := lsptest.ApplyEdits(text, actions[0].Edit.Changes[e.URI], e.Enc)
		e.GoldenText(n, golden, got)
		setText(e, got)
		if again := sourceFixAll(e, got); len(again) != 0 {
			e.Errorf(n, "the fixed document still offers %+v", again)
		}
	})
}
