package server

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func didOpen(s *Server, _ context.Context, params jsonrpc2.RawMessage) error {
	p, err := decode[protocol.DidOpenTextDocumentParams](params)
	if err != nil {
		return err
	}
	doc := s.docs.open(p.TextDocument)
	s.sched.touch(doc.uri, false, false)
	s.diags.schedule(doc, reasonOpen)
	return nil
}

func didChange(s *Server, _ context.Context, params jsonrpc2.RawMessage) error {
	p, err := decode[protocol.DidChangeTextDocumentParams](params)
	if err != nil {
		return err
	}
	doc, err := s.docs.change(p, s.getSession().enc)
	if err != nil {
		return err
	}
	s.sched.touch(doc.uri, true, false)
	s.diags.schedule(doc, reasonEdit)
	return nil
}

func didClose(s *Server, ctx context.Context, params jsonrpc2.RawMessage) error {
	p, err := decode[protocol.DidCloseTextDocumentParams](params)
	if err != nil {
		return err
	}
	s.docs.close(p.TextDocument.URI)
	s.tokens.forget(p.TextDocument.URI)
	s.sched.forget(p.TextDocument.URI)
	s.diags.clear(ctx, p.TextDocument.URI)
	return nil
}

func didSave(s *Server, _ context.Context, params jsonrpc2.RawMessage) error {
	p, err := decode[protocol.DidSaveTextDocumentParams](params)
	if err != nil {
		return err
	}
	if doc := s.docs.get(p.TextDocument.URI); doc != nil {
		s.diags.schedule(doc, reasonRefresh) // .dockerignore may have changed on disk
	}
	return nil
}
