package marker

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "complete", pattern: true, run: runComplete})
	register(marker{name: "completeEdit", pattern: true, run: runCompleteEdit})
}

// completionItem is the part of a CompletionItem the markers look at.
type completionItem struct {
	Label    string `json:"label"`
	Detail   string `json:"detail"`
	TextEdit struct {
		Range   lsptest.Range `json:"range"`
		NewText string        `json:"newText"`
	} `json:"textEdit"`
}

// completions asks for completions at n's cursor; the answer may be a list
// or an array of items.
func completions(e *Env, n *Note) []completionItem {
	var res json.RawMessage
	e.Client.MustCall("textDocument/completion", map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor)}, &res)
	var list struct {
		Items []completionItem `json:"items"`
	}
	if err := json.Unmarshal(res, &list); err == nil && list.Items != nil {
		return list.Items
	}
	var items []completionItem
	_ = json.Unmarshal(res, &items)
	return items
}

func runComplete(e *Env, n *Note) {
	var labels []string
	for _, it := range completions(e, n) {
		labels = append(labels, it.Label)
	}
	for _, want := range n.Args[1:] {
		if neg, ok := strings.CutPrefix(want, "!"); ok {
			if slices.Contains(labels, neg) {
				e.Errorf(n, "unexpected %q in %v", neg, labels)
			}
		} else if !slices.Contains(labels, want) {
			e.Errorf(n, "missing %q in %v", want, labels)
		}
	}
}

// runCompleteEdit: completeEdit("pat|", "label", "replaced", "newText"): the
// item's textEdit replaces exactly "replaced" (ending at the cursor).
func runCompleteEdit(e *Env, n *Note) {
	if len(n.Args) < 4 {
		e.Errorf(n, "needs pattern, label, replaced text and new text")
		return
	}
	label, replaced, newText := n.Args[1], n.Args[2], n.Args[3]
	found := false
	for _, it := range completions(e, n) {
		if it.Label != label {
			continue
		}
		found = true
		if want := e.Range(n.Cursor-len(replaced), n.Cursor); it.TextEdit.Range != want {
			e.Errorf(n, "range %v, want %v (replacing %q before the cursor)", it.TextEdit.Range, want, replaced)
		}
		if it.TextEdit.NewText != newText {
			e.Errorf(n, "newText %q, want %q", it.TextEdit.NewText, newText)
		}
	}
	if !found {
		e.Errorf(n, "no item %q", label)
	}
}
