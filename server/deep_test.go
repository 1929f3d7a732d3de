package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// References nested 200,000 levels deep (${a0:-${a1:-…}}): every feature
// answers, in both diagnostics modes. BuildKit's lexer once made this take
// hours (quadratic in the depth).
func TestDeeplyNestedVariables(t *testing.T) {
	var b strings.Builder
	b.WriteString("FROM alpine\nRUN echo ")
	const depth = 200000
	for i := range depth {
		fmt.Fprintf(&b, "${a%d:-", i)
	}
	inner := b.Len() - len("FROM alpine\n")
	b.WriteString("x" + strings.Repeat("}", depth) + "\n")
	text := b.String()
	for _, pull := range []bool{true, false} {
		t.Run(fmt.Sprintf("pull=%v", pull), func(t *testing.T) {
			c := startServer(t)
			caps := map[string]any{}
			if pull {
				caps["diagnostic"] = map[string]any{}
			}
			c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": caps}})
			const uri = "file:///w/Dockerfile"
			c.Open(uri, text)
			doc := map[string]any{"uri": uri}
			for _, ch := range []int{inner, inner - 3, 10} {
				var h *struct{ Contents struct{ Value string } }
				c.MustCall("textDocument/hover", map[string]any{"textDocument": doc, "position": map[string]any{"line": 1, "character": ch}}, &h)
				if ch == inner-3 && (h == nil || !strings.Contains(h.Contents.Value, "a199999")) {
					t.Errorf("hover on the innermost variable: %+v", h)
				}
			}
			var diags []lsptest.Diagnostic
			if pull {
				var rep struct{ Items []lsptest.Diagnostic }
				c.MustCall("textDocument/diagnostic", map[string]any{"textDocument": doc}, &rep)
				diags = rep.Items
			} else {
				diags = c.WaitDiagnostics(0, uri, 1).Diagnostics
			}
			found := false
			for _, d := range diags {
				found = found || d.Code == "ChecksSkipped" && strings.Contains(d.Message, "200000 levels")
			}
			if !found {
				t.Errorf("diagnostics: %+v", diags)
			}
			for _, m := range []string{"textDocument/semanticTokens/full", "textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/formatting", "textDocument/inlayHint"} {
				c.MustCall(m, map[string]any{"textDocument": doc, "options": map[string]any{"tabSize": 4, "insertSpaces": true},
					"range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 2, "character": 0}}}, nil)
			}
			pos := map[string]any{"textDocument": doc, "position": map[string]any{"line": 1, "character": inner - 3}}
			for _, m := range []string{"textDocument/completion", "textDocument/definition", "textDocument/references", "textDocument/documentHighlight", "textDocument/signatureHelp", "textDocument/prepareRename"} {
				c.MustCall(m, pos, nil)
			}
		})
	}
}
