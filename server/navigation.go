package server

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

var definition = documentHandler(func(p *protocol.DefinitionParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DefinitionParams, r docRequest) (any, error) {
		spans := r.document().Definition(r.m.offset(p.Position))
		if len(spans) == 0 {
			return nil, nil
		}
		return locations(r.doc.uri, r.m, spans), nil
	})

func locations(u uri.URI, m mapper, spans []analysis.Span) protocol.LocationSlice {
	out := protocol.LocationSlice{}
	for _, sp := range spans {
		out = append(out, protocol.Location{URI: u, Range: m.rng(sp)})
	}
	return out
}

var references = documentHandler(func(p *protocol.ReferenceParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.ReferenceParams, r docRequest) (any, error) {
		off := r.m.offset(p.Position)
		spans := r.document().References(off, p.Context.IncludeDeclaration)
		if len(spans) == 0 {
			spans = r.document().ImageVarUses(off, r.imgs) // declared by the base image
		}
		return []protocol.Location(locations(r.doc.uri, r.m, spans)), nil
	})

var documentHighlight = documentHandler(func(p *protocol.DocumentHighlightParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentHighlightParams, r docRequest) (any, error) {
		out := []protocol.DocumentHighlight{}
		off := r.m.offset(p.Position)
		occs := r.document().Highlights(off)
		if len(occs) == 0 {
			for _, sp := range r.document().ImageVarUses(off, r.imgs) { // declared by the base image
				occs = append(occs, analysis.Occurrence{Span: sp})
			}
		}
		for _, o := range occs {
			kind := protocol.DocumentHighlightKindRead
			if o.Def {
				kind = protocol.DocumentHighlightKindWrite
			}
			out = append(out, protocol.DocumentHighlight{Range: r.m.rng(o.Span), Kind: kind})
		}
		return out, nil
	})

var prepareRename = documentHandler(func(p *protocol.PrepareRenameParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.PrepareRenameParams, r docRequest) (any, error) {
		off := r.m.offset(p.Position)
		span, name, err := r.document().PrepareRename(off)
		if errors.Is(err, analysis.ErrNothingToRename) {
			if err = r.document().ImageVarRenameError(off, r.imgs); err == nil {
				return nil, nil // no name here
			}
		}
		if err != nil {
			return nil, renameError(err, r.lang)
		}
		return &protocol.PrepareRenamePlaceholder{Range: r.m.rng(span), Placeholder: name}, nil
	})

var rename = documentHandler(func(p *protocol.RenameParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.RenameParams, r docRequest) (any, error) {
		off := r.m.offset(p.Position)
		edits, err := r.document().Rename(off, p.NewName)
		if errors.Is(err, analysis.ErrNothingToRename) {
			if e := r.document().ImageVarRenameError(off, r.imgs); e != nil {
				err = e
			}
		}
		if err != nil {
			return nil, renameError(err, r.lang)
		}
		return &protocol.WorkspaceEdit{Changes: map[uri.URI][]protocol.TextEdit{r.doc.uri: textEdits(r.m, edits)}}, nil
	})

// renameError is the error reply of a refused rename, in the client's
// language (clients show the message).
func renameError(err error, lang string) error {
	msg := err.Error()
	var re *analysis.RenameError
	if errors.As(err, &re) {
		msg = re.Message(lang)
	}
	return jsonrpc2.NewError(jsonrpc2.InvalidParams, msg)
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
	analysis.SymbolDirective:   protocol.SymbolKindProperty,
}

var documentSymbol = documentHandler(func(p *protocol.DocumentSymbolParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentSymbolParams, r docRequest) (any, error) {
		var conv func([]analysis.Symbol) []protocol.DocumentSymbol
		conv = func(syms []analysis.Symbol) []protocol.DocumentSymbol {
			out := []protocol.DocumentSymbol{}
			for _, sym := range syms {
				ds := protocol.DocumentSymbol{Name: sym.Name, Kind: symbolKinds[sym.Kind], Range: r.m.rng(sym.Span), SelectionRange: r.m.rng(sym.NameSpan)}
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
		return protocol.DocumentSymbolSlice(conv(r.document().Symbols())), nil
	})

var foldingRange = documentHandler(func(p *protocol.FoldingRangeParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.FoldingRangeParams, r docRequest) (any, error) {
		out := []protocol.FoldingRange{}
		for _, fr := range r.document().FoldingRanges() {
			item := protocol.FoldingRange{StartLine: r.m.line(fr.Span.Start), EndLine: r.m.line(fr.Span.End)}
			if fr.Comment {
				item.Kind = protocol.FoldingRangeKindComment
			}
			out = append(out, item)
		}
		return out, nil
	})

var selectionRange = documentHandler(func(p *protocol.SelectionRangeParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.SelectionRangeParams, r docRequest) (any, error) {
		out := []protocol.SelectionRange{}
		for _, pos := range p.Positions {
			spans := r.document().SelectionRanges(r.m.offset(pos))
			var parent *protocol.SelectionRange
			for i := len(spans) - 1; i >= 0; i-- {
				parent = &protocol.SelectionRange{Range: r.m.rng(spans[i]), Parent: parent}
			}
			if parent == nil {
				parent = &protocol.SelectionRange{Range: r.m.rng(analysis.Span{Start: r.m.offset(pos), End: r.m.offset(pos)})}
			}
			out = append(out, *parent)
		}
		return out, nil
	})

// workspaceSymbol finds stages and global ARGs by name in every open
// document (see Snapshot.WorkspaceSymbols).
func workspaceSymbol(s *Server, params jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
	p, err := decode[protocol.WorkspaceSymbolParams](params)
	if err != nil {
		return nil, err
	}
	enc := s.getSession().enc
	docs := s.docs.all()
	return func(ctx context.Context) (any, error) {
		out := protocol.SymbolInformationSlice{}
		for _, d := range docs {
			m := d.mapper(enc)
			for _, sym := range d.snap.WorkspaceSymbols(p.Query) {
				out = append(out, protocol.SymbolInformation{
					BaseSymbolInformation: protocol.BaseSymbolInformation{Name: sym.Name, Kind: symbolKinds[sym.Kind], ContainerName: ptr(filepath.Base(d.uri.FsPath()))},
					Location:              protocol.Location{URI: d.uri, Range: m.rng(sym.NameSpan)},
				})
			}
		}
		return out, nil
	}, nil
}
