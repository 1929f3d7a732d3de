package server

import (
	"context"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

var hover = documentHandler(func(p *protocol.HoverParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.HoverParams, r docRequest) (any, error) {
		h := r.document().Hover(r.m.offset(p.Position), r.lang, r.env(), r.imgs)
		if h == nil {
			return nil, nil
		}
		kind, text := protocol.MarkupKindMarkdown, h.Markdown
		if !r.sess.markdown {
			kind, text = protocol.MarkupKindPlainText, plainText(h.Markdown)
		}
		rng := r.m.rng(h.Span)
		return &protocol.Hover{
			Contents: &protocol.MarkupContent{Kind: kind, Value: text},
			Range:    &rng,
		}, nil
	})
