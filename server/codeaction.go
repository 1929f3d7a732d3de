package server

import (
	"context"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

var codeAction = documentHandler(func(p *protocol.CodeActionParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.CodeActionParams, r docRequest) (any, error) {
		out := []protocol.CommandOrCodeAction{}
		rules := r.set.RuleSettings()
		only := p.Context.Only
		var actions []analysis.CodeAction
		if wantsKind(only, protocol.CodeActionKindQuickFix) {
			span := r.m.span(p.Range)
			actions = append(r.document().CodeActions(span, r.env(), r.lang, r.imgs), r.document().PinActions(span, r.live)...)
		}
		// Fix all re-checks the document after fixing: not for the requests
		// an editor makes as the cursor moves, only when asked (a menu, on
		// save: only=["source.fixAll"]).
		automatic := len(only) == 0 && p.Context.TriggerKind == protocol.CodeActionTriggerKindAutomatic
		if !automatic && wantsKind(only, protocol.CodeActionKindSourceFixAll) {
			if a, ok := r.document().FixAllAction(r.env(), r.imgs, rules); ok {
				actions = append(actions, a)
			}
		}
		for _, a := range actions {
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

// wantsKind reports whether a request filtered by only (none: every kind)
// asks for actions of kind: a kind covers its sub-kinds ("source" covers
// "source.fixAll").
func wantsKind(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}
