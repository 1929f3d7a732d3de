package server

import (
	"context"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// positionRequest decodes a text-document position request and captures
// its snapshot: the common shape of definition, references, highlights.
func positionRequest[P any](s *Server, params jsonrpc2.RawMessage, get func(*P) (uri.URI, protocol.Position)) (*P, *snapshot, mapper, error) {
	p, err := decode[P](params)
	if err != nil {
		return nil, nil, mapper{}, err
	}
	u, _ := get(p)
	snap := s.docs.get(u)
	if snap == nil {
		return p, nil, mapper{}, nil
	}
	return p, snap, snap.mapper(s.getSession().enc), nil
}

func definition(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, snap, m, err := positionRequest(s, params, func(p *protocol.DefinitionParams) (uri.URI, protocol.Position) {
		return p.TextDocument.URI, p.Position
	})
	if err != nil {
		return nil, err
	}
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		spans := snap.doc().Definition(m.offset(p.Position))
		if len(spans) == 0 {
			return nil, nil
		}
		return locations(snap, m, spans), nil
	}, nil
}

func locations(snap *snapshot, m mapper, spans []analysis.Span) protocol.LocationSlice {
	out := protocol.LocationSlice{}
	for _, sp := range spans {
		out = append(out, protocol.Location{URI: snap.uri, Range: m.rng(sp)})
	}
	return out
}

func references(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, snap, m, err := positionRequest(s, params, func(p *protocol.ReferenceParams) (uri.URI, protocol.Position) {
		return p.TextDocument.URI, p.Position
	})
	if err != nil {
		return nil, err
	}
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		return []protocol.Location(locations(snap, m, snap.doc().References(m.offset(p.Position), p.Context.IncludeDeclaration))), nil
	}, nil
}

func documentHighlight(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, snap, m, err := positionRequest(s, params, func(p *protocol.DocumentHighlightParams) (uri.URI, protocol.Position) {
		return p.TextDocument.URI, p.Position
	})
	if err != nil {
		return nil, err
	}
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		out := []protocol.DocumentHighlight{}
		for _, o := range snap.doc().Highlights(m.offset(p.Position)) {
			kind := protocol.DocumentHighlightKindRead
			if o.Def {
				kind = protocol.DocumentHighlightKindWrite
			}
			out = append(out, protocol.DocumentHighlight{Range: m.rng(o.Span), Kind: kind})
		}
		return out, nil
	}, nil
}

func prepareRename(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, snap, m, err := positionRequest(s, params, func(p *protocol.PrepareRenameParams) (uri.URI, protocol.Position) {
		return p.TextDocument.URI, p.Position
	})
	if err != nil {
		return nil, err
	}
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		span, name, ok := snap.doc().PrepareRename(m.offset(p.Position))
		if !ok {
			return nil, nil
		}
		return &protocol.PrepareRenamePlaceholder{Range: m.rng(span), Placeholder: name}, nil
	}, nil
}

func rename(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, snap, m, err := positionRequest(s, params, func(p *protocol.RenameParams) (uri.URI, protocol.Position) {
		return p.TextDocument.URI, p.Position
	})
	if err != nil {
		return nil, err
	}
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "the document is not open")
		}
		edits, err := snap.doc().Rename(m.offset(p.Position), p.NewName)
		if err != nil {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, err.Error())
		}
		return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{snap.uri: textEdits(m, edits)}}, nil
	}, nil
}

func textEdits(m mapper, edits []analysis.TextEdit) []protocol.TextEdit {
	out := make([]protocol.TextEdit, 0, len(edits))
	for _, e := range edits {
		out = append(out, protocol.TextEdit{Range: m.rng(e.Span), NewText: e.NewText})
	}
	return out
}

var symbolKinds = map[analysis.SymbolKind]protocol.SymbolKind{
	analysis.SymbolStage:       protocol.SymbolKindClass,
	analysis.SymbolVariable:    protocol.SymbolKindVariable,
	analysis.SymbolInstruction: protocol.SymbolKindFunction,
}

func documentSymbol(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.DocumentSymbolParams](params)
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
		var conv func([]analysis.Symbol) []protocol.DocumentSymbol
		conv = func(syms []analysis.Symbol) []protocol.DocumentSymbol {
			out := []protocol.DocumentSymbol{}
			for _, sym := range syms {
				ds := protocol.DocumentSymbol{Name: sym.Name, Kind: symbolKinds[sym.Kind], Range: m.rng(sym.Span), SelectionRange: m.rng(sym.NameSpan)}
				if sym.Detail != "" {
					ds.Detail = ptr(sym.Detail)
				}
				if len(sym.Children) > 0 {
					ds.Children = conv(sym.Children)
				}
				out = append(out, ds)
			}
			return out
		}
		return protocol.DocumentSymbolSlice(conv(snap.doc().Symbols())), nil
	}, nil
}

func foldingRange(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.FoldingRangeParams](params)
	if err != nil {
		return nil, err
	}
	snap := s.docs.get(p.TextDocument.URI)
	return func(context.Context) (any, error) {
		if snap == nil {
			return nil, nil
		}
		out := []protocol.FoldingRange{}
		for _, r := range snap.doc().FoldingRanges() {
			fr := protocol.FoldingRange{StartLine: uint32(r.StartLine), EndLine: uint32(r.EndLine)}
			if r.Comment {
				fr.Kind = protocol.FoldingRangeKindComment
			}
			out = append(out, fr)
		}
		return out, nil
	}, nil
}
