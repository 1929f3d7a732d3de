package server

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func hover(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.HoverParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	sess, lang := s.getSession(), s.lang()
	return func(ctx context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		m := snap.mapper(sess.enc)
		h := snap.doc().Hover(m.offset(p.Position), lang, s.envFor(snap))
		if h == nil {
			return nil, nil
		}
		kind := protocol.MarkupKindMarkdown
		if !sess.markdown {
			kind = protocol.MarkupKindPlainText
		}
		r := m.rng(h.Span)
		return &protocol.Hover{
			Contents: &protocol.MarkupContent{Kind: kind, Value: h.Markdown},
			Range:    &r,
		}, nil
	}, nil
}
