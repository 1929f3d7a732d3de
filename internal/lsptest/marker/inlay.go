package marker

import (
	"encoding/json"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "inlay", pattern: true, run: func(e *Env, n *Note) {
		if len(n.Args) != 2 {
			e.Errorf(n, "needs a pattern and a label")
			return
		}
		st := stash[[]*Note](e, "inlay")
		*st = append(*st, n)
	}})
	registerCheck(check{name: "inlay hints", run: checkInlays})
}

// hintLabel is an inlay hint's label: a string or label parts, joined.
func hintLabel(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var parts []struct {
		Value string `json:"value"`
	}
	_ = json.Unmarshal(raw, &parts)
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Value)
	}
	return b.String()
}

// checkInlays: in a case with inlay("pat|", "label") notes, the inlay
// hints of the whole document are exactly those: each at its cursor ('|',
// else the pattern's start) with its label.
func checkInlays(e *Env) {
	wants := *stash[[]*Note](e, "inlay")
	if len(wants) == 0 {
		return
	}
	var hints []struct {
		Position lsptest.Position `json:"position"`
		Label    json.RawMessage  `json:"label"`
	}
	e.Client.MustCall("textDocument/inlayHint", map[string]any{"textDocument": e.TextDocument(), "range": e.Range(0, len(e.Text))}, &hints)
	used := make([]bool, len(hints))
	for _, n := range wants {
		at := e.Pos(n.Cursor)
		found := false
		for i, h := range hints {
			if !used[i] && h.Position == at && hintLabel(h.Label) == n.Args[1] {
				used[i], found = true, true
				break
			}
		}
		if !found {
			var there []string
			for _, h := range hints {
				if h.Position == at {
					there = append(there, hintLabel(h.Label))
				}
			}
			e.Errorf(n, "no hint %q at %v (there: %q)", n.Args[1], at, there)
		}
	}
	for i, h := range hints {
		if !used[i] {
			e.T.Errorf("unexpected inlay hint %q at %v", hintLabel(h.Label), h.Position)
		}
	}
}
