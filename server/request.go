package server

import (
	"context"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"
)

// docRequest is what a document feature works with: the snapshot captured
// when the request arrived, its position mapper, and the session then.
type docRequest struct {
	s    *Server
	snap *snapshot
	m    mapper
	sess session
	lang string
}

// documentHandler makes the handler of a request whose params name one
// document: params are decoded and the snapshot captured on the read loop
// (so the request sees exactly the edits sent before it), and run executes
// concurrently. A document that is not open answers null.
func documentHandler[P any](uriOf func(*P) uri.URI, run func(ctx context.Context, p *P, r docRequest) (any, error)) requestHandler {
	return func(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
		p, err := decode[P](params)
		if err != nil {
			return nil, err
		}
		r := docRequest{s: s, snap: s.docs.get(uriOf(p)), sess: s.getSession(), lang: s.lang()}
		return func(ctx context.Context) (any, error) {
			if r.snap == nil {
				return nil, nil
			}
			r.m = r.snap.mapper(r.sess.enc)
			return run(ctx, p, r)
		}, nil
	}
}

// env is the build context of the request's document.
func (r docRequest) env() analysis.Env { return r.s.envFor(r.snap) }
