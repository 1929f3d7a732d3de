package server

import (
	"context"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

func signatureHelp(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.SignatureHelpParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	sess, lang := s.getSession(), s.lang()
	return func(ctx context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		h := snap.doc().SignatureHelp(snap.mapper(sess.enc).offset(p.Position), lang)
		if h == nil {
			return nil, nil
		}
		out := &protocol.SignatureHelp{ActiveSignature: ptr(uint32(h.Active)), ActiveParameter: protocol.NewNullable(uint32(h.ActiveParam))}
		for _, sig := range h.Signatures {
			info := protocol.SignatureInformation{Label: sig.Label}
			if sig.Doc != "" {
				info.Documentation = &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: sig.Doc}
			}
			for _, prm := range sig.Params {
				info.Parameters = append(info.Parameters, protocol.ParameterInformation{
					Label: protocol.ParameterInformationLabelTuple{uint32(prm.Start), uint32(prm.End)},
				})
			}
			out.Signatures = append(out.Signatures, info)
		}
		return out, nil
	}, nil
}
