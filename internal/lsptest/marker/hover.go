package marker

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func init() {
	register(marker{name: "hover", pattern: true, run: runHover})
	register(marker{name: "hoverContains", pattern: true, run: runHover})
	register(marker{name: "noHover", pattern: true, run: runHover})
}

func runHover(e *Env, n *Note) {
	var h *struct {
		Contents struct{ Value string } `json:"contents"`
		Range    lsptest.Range          `json:"range"`
	}
	e.Client.MustCall("textDocument/hover", map[string]any{"textDocument": e.TextDocument(), "position": e.Pos(n.Cursor)}, &h)
	if n.Name == "noHover" {
		if h != nil {
			e.Errorf(n, "got %q", h.Contents.Value)
		}
		return
	}
	if h == nil {
		e.Errorf(n, "no hover")
		return
	}
	got := h.Contents.Value
	if golden := n.Golden(1); n.Name == "hover" && golden != "" {
		e.Golden(n, golden, got)
	}
	for _, want := range n.Args[1:] {
		if !strings.HasPrefix(want, "@") && !strings.Contains(got, want) {
			e.Errorf(n, "hover %q lacks %q", got, want)
		}
	}
	if strings.Contains(n.Args[0], "|") {
		return
	}
	// Without a cursor, the hover's range covers the pattern's lines.
	if ws, we := e.Pos(n.Start), e.Pos(n.End); h.Range.Start.Line > ws.Line || h.Range.End.Line < we.Line {
		e.Errorf(n, "range %v does not cover the pattern", h.Range)
	}
}
