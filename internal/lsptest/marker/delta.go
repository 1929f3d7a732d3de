package marker

import (
	"fmt"
	"slices"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "deltaTokens", pattern: true, run: runDeltaTokens})
}

// tokenAnswer is a /full or /full/delta answer, undecoded.
type tokenAnswer struct {
	ResultID string   `json:"resultId"`
	Data     []int    `json:"data"`
	Edits    []tokEdt `json:"edits"`
}

type tokEdt struct {
	Start       int   `json:"start"`
	DeleteCount int   `json:"deleteCount"`
	Data        []int `json:"data"`
}

// applyTokenEdits applies a delta's edits to the previous data, as a
// client does: each edit addresses the data the earlier ones left.
func applyTokenEdits(data []int, edits []tokEdt) ([]int, error) {
	out := slices.Clone(data)
	for _, ed := range edits {
		if ed.Start < 0 || ed.DeleteCount < 0 || ed.Start+ed.DeleteCount > len(out) {
			return nil, fmt.Errorf("edit %+v outside the %d integers", ed, len(out))
		}
		out = slices.Concat(out[:ed.Start], ed.Data, out[ed.Start+ed.DeleteCount:])
	}
	return out, nil
}

// runDeltaTokens: deltaTokens("pat", "replacement"[, golden]): replaces the
// pattern by the replacement with didChange and asks /full/delta against
// the /full answer before; the delta applied to that answer must equal a
// fresh /full of the edited document (and the golden, if given, lists the
// edited line's tokens). Then the edit is undone the same way, and the
// delta back must give the original answer again, so later notes see the
// document as written.
func runDeltaTokens(e *Env, n *Note) {
	if len(n.Args) < 2 || n.Golden(1) != "" {
		e.Errorf(n, "needs a pattern and a quoted replacement")
		return
	}
	var before tokenAnswer
	e.Client.MustCall("textDocument/semanticTokens/full", map[string]any{"textDocument": e.TextDocument()}, &before)
	if before.ResultID == "" {
		e.Errorf(n, "/full gave no resultId")
		return
	}
	orig := e.Text
	edited := orig[:n.Start] + n.Args[1] + orig[n.End:]
	back := lsptest.RangeOf(edited, n.Start, n.Start+len(n.Args[1]), e.Enc)
	after, ok := deltaStep(e, n, before, e.Range(n.Start, n.End), n.Args[1])
	if !ok {
		change(e, back, n.Pattern) // later notes need the document as written
		return
	}
	if golden := n.Golden(2); golden != "" {
		e.Text = edited // decode against the edited text
		ts, ok := fullTokens(e, n)
		e.Text = orig
		if ok {
			var onLine []semToken
			for _, t := range ts {
				if t.rng.Start.Line == n.Line {
					onLine = append(onLine, t)
				}
			}
			e.Golden(n, golden, renderTokens(onLine))
		}
	}
	restored, ok := deltaStep(e, n, after, back, n.Pattern)
	if ok && !slices.Equal(restored.Data, before.Data) {
		e.Errorf(n, "after undoing the edit, the tokens differ from the first answer")
	}
}

// change sends a didChange replacing rng by text.
func change(e *Env, rng lsptest.Range, text string) {
	version, _ := e.state["version"].(int)
	if version == 0 {
		version = 1 // Open's
	}
	version++
	e.state["version"] = version
	e.Client.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": e.URI, "version": version},
		"contentChanges": []any{map[string]any{"range": rng, "text": text}},
	})
}

// deltaStep replaces rng by text and checks /full/delta against prev; it
// returns the fresh /full answer.
func deltaStep(e *Env, n *Note, prev tokenAnswer, rng lsptest.Range, text string) (tokenAnswer, bool) {
	change(e, rng, text)
	var delta tokenAnswer
	e.Client.MustCall("textDocument/semanticTokens/full/delta", map[string]any{"textDocument": e.TextDocument(), "previousResultId": prev.ResultID}, &delta)
	if delta.Edits == nil {
		e.Errorf(n, "/full/delta against the previous answer %q gave no edits", prev.ResultID)
		return tokenAnswer{}, false
	}
	got, err := applyTokenEdits(prev.Data, delta.Edits)
	if err != nil {
		e.Errorf(n, "/full/delta: %v", err)
		return tokenAnswer{}, false
	}
	var full tokenAnswer
	e.Client.MustCall("textDocument/semanticTokens/full", map[string]any{"textDocument": e.TextDocument()}, &full)
	if !slices.Equal(got, full.Data) {
		e.Errorf(n, "replacing with %q: the delta applied to the previous answer differs from /full:\n got %v\nwant %v", text, got, full.Data)
		return tokenAnswer{}, false
	}
	if delta.ResultID == "" || delta.ResultID != full.ResultID {
		e.Errorf(n, "/full/delta resultId %q, /full of the same version %q", delta.ResultID, full.ResultID)
	}
	return full, true
}
