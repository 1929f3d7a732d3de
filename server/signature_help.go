package server

import (
	"context"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

var signatureHelp = documentHandler(func(p *protocol.SignatureHelpParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.SignatureHelpParams, r docRequest) (any, error) {
		h := r.document().SignatureHelp(r.m.offset(p.Position), r.lang)
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
					Label: protocol.ParameterInformationLabelTuple{r.m.units(sig.Label[:prm.Start]), r.m.units(sig.Label[:prm.End])},
				})
			}
			out.Signatures = append(out.Signatures, info)
		}
		return out, nil
	})
