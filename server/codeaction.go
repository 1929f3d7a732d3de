package server

import (
	"context"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

var codeAction = documentHandler(func(p *protocol.CodeActionParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.CodeActionParams, r docRequest) (any, error) {
		out := []protocol.CommandOrCodeAction{}
		rules := r.set.RuleSettings()
		for _, a := range r.document().CodeActions(r.m.span(p.Range), r.env(), r.lang) {
			var shown []analysis.Diagnostic
			if a.Diagnostic != nil {
				if shown = rules.Apply([]analysis.Diagnostic{*a.Diagnostic}); len(shown) == 0 {
					continue // its rule is turned off: the editor shows no finding to fix
				}
			}
			ca := &protocol.CodeAction{
				Title: a.Title,
				Kind:  ptr(protocol.CodeActionKind(a.Kind)),
				Edit:  &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{r.doc.uri: textEdits(r.m, a.Edits)}},
			}
			if a.Preferred {
				ca.IsPreferred = ptr(true)
			}
			if a.Diagnostic != nil {
				ca.Diagnostics = toLSPDiagnostics(r.m, r.lang, shown)
			}
			out = append(out, ca)
		}
		return out, nil
	})
