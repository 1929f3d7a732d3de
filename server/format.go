package server

import (
	"context"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/jsonrpc2"
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

func formatting(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.DocumentFormattingParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	enc := s.getSession().enc
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		return textEdits(snap.mapper(enc), snap.doc().Format(formatOptions(p.Options))), nil
	}, nil
}

func rangeFormatting(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.DocumentRangeFormattingParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	enc := s.getSession().enc
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		m := snap.mapper(enc)
		r := m.span(p.Range)
		var edits []analysis.TextEdit
		for _, e := range snap.doc().Format(formatOptions(p.Options)) {
			if e.Span.Start >= r.Start && e.Span.End <= r.End {
				edits = append(edits, e)
			}
		}
		return textEdits(m, edits), nil
	}, nil
}

func codeAction(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.CodeActionParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	enc, lang := s.getSession().enc, s.lang()
	return func(context.Context) (any, error) {
		out := []protocol.CommandOrCodeAction{}
		if snap == nil {
			return out, nil
		}
		m := snap.mapper(enc)
		for _, a := range snap.doc().CodeActions(m.span(p.Range), s.envFor(snap), lang) {
			ca := &protocol.CodeAction{
				Title: a.Title,
				Kind:  ptr(protocol.CodeActionKind(a.Kind)),
				Edit:  &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{snap.uri: textEdits(m, a.Edits)}},
			}
			if a.Preferred {
				ca.IsPreferred = ptr(true)
			}
			if a.Diagnostic != nil {
				ca.Diagnostics = toLSPDiagnostics(snap, enc, lang, []analysis.Diagnostic{*a.Diagnostic})
			}
			out = append(out, ca)
		}
		return out, nil
	}, nil
}
