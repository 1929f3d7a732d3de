package server

import (
	"context"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// formatOptions: continuation lines get a tab when the editor indents with
// tabs, else four spaces (the editor's tab width is about display, and 8
// would be far from what Dockerfiles use).
func formatOptions(o protocol.FormattingOptions) analysis.FormatOptions {
	if !o.InsertSpaces {
		return analysis.FormatOptions{Indent: "\t"}
	}
	return analysis.FormatOptions{Indent: strings.Repeat(" ", 4)}
}

var formatting = documentHandler(func(p *protocol.DocumentFormattingParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentFormattingParams, r docRequest) (any, error) {
		return textEdits(r.m, r.document().Format(formatOptions(p.Options))), nil
	})

var rangeFormatting = documentHandler(func(p *protocol.DocumentRangeFormattingParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentRangeFormattingParams, r docRequest) (any, error) {
		within := r.m.span(p.Range)
		var edits []analysis.TextEdit
		for _, e := range r.document().Format(formatOptions(p.Options)) {
			if e.Span.Start >= within.Start && e.Span.End <= within.End {
				edits = append(edits, e)
			}
		}
		return textEdits(r.m, edits), nil
	})

var codeAction = documentHandler(func(p *protocol.CodeActionParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.CodeActionParams, r docRequest) (any, error) {
		out := []protocol.CommandOrCodeAction{}
		for _, a := range r.document().CodeActions(r.m.span(p.Range), r.env(), r.lang) {
			ca := &protocol.CodeAction{
				Title: a.Title,
				Kind:  ptr(protocol.CodeActionKind(a.Kind)),
				Edit:  &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{r.doc.uri: textEdits(r.m, a.Edits)}},
			}
			if a.Preferred {
				ca.IsPreferred = ptr(true)
			}
			if a.Diagnostic != nil {
				ca.Diagnostics = toLSPDiagnostics(r.m, r.lang, []analysis.Diagnostic{*a.Diagnostic})
			}
			out = append(out, ca)
		}
		return out, nil
	})
