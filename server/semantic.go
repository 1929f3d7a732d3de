package server

import (
	"context"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// encodeTokens turns tokens into the LSP's relative encoding, splitting
// tokens that span lines (clients draw one line at a time).
func encodeTokens(m mapper, toks []analysis.SemanticToken, within analysis.Span) []uint32 {
	data := []uint32{}
	var prevLine, prevChar uint32
	emit := func(s analysis.Span, t analysis.SemanticToken) {
		if s.Len() == 0 {
			return
		}
		start, end := m.position(s.Start), m.position(s.End)
		if end.Line != start.Line {
			return
		}
		dl := start.Line - prevLine
		dc := start.Character
		if dl == 0 {
			dc -= prevChar
		}
		data = append(data, dl, dc, end.Character-start.Character, uint32(t.Type), uint32(t.Modifiers))
		prevLine, prevChar = start.Line, start.Character
	}
	for _, t := range toks {
		if t.Span.End < within.Start || t.Span.Start > within.End {
			continue
		}
		for s := range m.segments(t.Span) {
			emit(s, t)
		}
	}
	return data
}

var semanticTokensFull = documentHandler(func(p *protocol.SemanticTokensParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.SemanticTokensParams, r docRequest) (any, error) {
		all := analysis.Span{Start: 0, End: len(r.doc.snap.Text())}
		return &protocol.SemanticTokens{Data: encodeTokens(r.m, r.document().SemanticTokens(), all)}, nil
	})

var semanticTokensRange = documentHandler(func(p *protocol.SemanticTokensRangeParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.SemanticTokensRangeParams, r docRequest) (any, error) {
		return &protocol.SemanticTokens{Data: encodeTokens(r.m, r.document().SemanticTokens(), r.m.span(p.Range))}, nil
	})

var inlayHint = documentHandler(func(p *protocol.InlayHintParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.InlayHintParams, r docRequest) (any, error) {
		out := []protocol.InlayHint{}
		for _, h := range r.document().InlayHints(r.m.span(p.Range)) {
			out = append(out, protocol.InlayHint{
				Position:    r.m.position(h.Offset),
				Label:       protocol.String(h.Label),
				Tooltip:     protocol.String(h.Tooltip),
				PaddingLeft: ptr(true),
			})
		}
		return out, nil
	})

var documentLink = documentHandler(func(p *protocol.DocumentLinkParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentLinkParams, r docRequest) (any, error) {
		out := []protocol.DocumentLink{}
		for _, l := range r.document().DocumentLinks() {
			if l.ContextPath != "" {
				// A COPY/ADD source that exists in the build context opens the file.
				if r.bctx == nil {
					continue
				}
				p, ok := r.bctx.File(l.ContextPath)
				if !ok {
					continue
				}
				l.Target = uri.File(p).String()
			}
			target, err := uri.Parse(l.Target)
			if err != nil {
				continue
			}
			out = append(out, protocol.DocumentLink{Range: r.m.rng(l.Span), Target: &target})
		}
		return out, nil
	})
