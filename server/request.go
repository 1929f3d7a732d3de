package server

import (
	"context"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/buildcontext"
	"github.com/dockerfile-ls/dockerfile-ls/config"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/uri"
)

// docRequest is what a document feature works with, all captured when the
// request arrived: the document's version, its build context, the session
// and language then, and the position mapper for them.
type docRequest struct {
	s    *Server
	doc  *openDoc
	bctx *buildcontext.Context // nil when the document is not a file
	m    mapper
	sess session
	lang string
	set  config.Settings // the editor's settings under the document's project file
}

// documentHandler makes the handler of a request whose params name one
// document: params are decoded and the document and its build context
// captured on the read loop (so the request sees exactly the edits and
// settings sent before it), and run executes concurrently. A document that
// is not open answers null.
func documentHandler[P any](uriOf func(*P) uri.URI, run func(ctx context.Context, p *P, r docRequest) (any, error)) requestHandler {
	return func(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
		p, err := decode[P](params)
		if err != nil {
			return nil, err
		}
		r := docRequest{s: s, doc: s.docs.get(uriOf(p)), sess: s.getSession()}
		if r.doc == nil {
			return func(context.Context) (any, error) { return nil, nil }, nil
		}
		r.set, _ = s.settingsFor(r.doc.uri)
		r.lang = s.lang(r.set)
		r.bctx = s.contextFor(r.doc.uri, r.set)
		r.m = r.doc.mapper(r.sess.enc)
		return func(ctx context.Context) (any, error) { return run(ctx, p, r) }, nil
	}
}

// document returns the analysis of the request's version.
func (r docRequest) document() *analysis.Document { return r.doc.snap.Document() }

// env is the build context of the request's document, for analysis.
func (r docRequest) env() analysis.Env { return env(r.bctx) }
