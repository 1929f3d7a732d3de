package marker

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "complete", pattern: true, run: runComplete})
	register(marker{name: "completeEdit", pattern: true, run: runCompleteEdit})
	register(marker{name: "completeList", pattern: true, run: runCompleteList})
}

// completionItem is the part of a CompletionItem the markers look at.
type completionItem struct {
	Label      string `json:"label"`
	Detail     string `json:"detail"`
	SortText   string `json:"sortText"`
	FilterText string `json:"filterText"`
	TextEdit   struct {
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

// runCompleteList: completeList("pat|", golden): every item at the cursor in
// the order a client shows them before anything is typed (by sortText,
// else label), one a line: the label, then " — " and the detail when there
// is one.
func runCompleteList(e *Env, n *Note) {
	golden := n.Golden(1)
	if golden == "" {
		e.Errorf(n, "needs a pattern and a golden section name")
		return
	}
	items := completions(e, n)
	key := func(it completionItem) string { return cmp.Or(it.SortText, it.Label) }
	slices.SortStableFunc(items, func(a, b completionItem) int { return cmp.Compare(key(a), key(b)) })
	var b strings.Builder
	for _, it := range items {
		b.WriteString(it.Label)
		if it.Detail != "" {
			fmt.Fprintf(&b, " — %s", it.Detail)
		}
		b.WriteByte('\n')
	}
	e.Golden(n, golden, b.String())
}
