package server

import (
	"context"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/jsonrpc2"
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
		s := t.Span
		for s.Start < s.End {
			line := m.lines.LineOf(s.Start)
			lineEnd := m.lines.LineEnd(line)
			if lineEnd > s.End {
				lineEnd = s.End
			}
			if lineEnd > s.Start {
				emit(analysis.Span{Start: s.Start, End: lineEnd}, t)
			}
			next := m.lines.LineStart(line + 1)
			if next <= s.Start {
				break
			}
			s.Start = next
		}
	}
	return data
}

func semanticTokensFull(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.SemanticTokensParams](params)
	if err != nil {
		return nil, err
	}
	return semanticTokens(s, p.TextDocument.URI, nil)
}

func semanticTokensRange(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.SemanticTokensRangeParams](params)
	if err != nil {
		return nil, err
	}
	return semanticTokens(s, p.TextDocument.URI, &p.Range)
}

func semanticTokens(s *Server, u uri.URI, r *protocol.Range) (func(context.Context) (any, error), error) {
	snap := s.docs.get(u)
	enc := s.getSession().enc
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		m := snap.mapper(enc)
		within := analysis.Span{Start: 0, End: len(snap.text)}
		if r != nil {
			within = m.span(*r)
		}
		return &protocol.SemanticTokens{Data: encodeTokens(m, snap.doc().SemanticTokens(), within)}, nil
	}, nil
}

func inlayHint(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.InlayHintParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	enc := s.getSession().enc
	return func(context.Context) (any, error) {
		out := []protocol.InlayHint{}
		if snap == nil {
			return out, nil
		}
		m := snap.mapper(enc)
		for _, h := range snap.doc().InlayHints(m.span(p.Range)) {
			out = append(out, protocol.InlayHint{
				Position:    m.position(h.Offset),
				Label:       protocol.String(h.Label),
				Tooltip:     protocol.String(h.Tooltip),
				PaddingLeft: ptr(true),
			})
		}
		return out, nil
	}, nil
}

func documentLink(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.DocumentLinkParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	enc := s.getSession().enc
	return func(context.Context) (any, error) {
		out := []protocol.DocumentLink{}
		if snap == nil {
			return out, nil
		}
		m := snap.mapper(enc)
		for _, l := range snap.doc().DocumentLinks() {
			target, err := uri.Parse(l.Target)
			if err != nil {
				continue
			}
			out = append(out, protocol.DocumentLink{Range: m.rng(l.Span), Target: &target})
		}
		return out, nil
	}, nil
}
