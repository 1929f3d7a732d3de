package server

import (
	"context"
	"strconv"
	"sync"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// encodeTokens turns tokens into the LSP's relative encoding. A token that
// spans lines becomes one token per line (clients draw one line at a time;
// splitting is valid whether or not they declare multilineTokenSupport),
// and only the pieces that overlap within are kept, so a range answer is
// exactly the full answer's tokens there.
func encodeTokens(m mapper, toks []analysis.SemanticToken, within analysis.Span) []uint32 {
	data := []uint32{}
	var prevLine, prevChar uint32
	for _, t := range toks {
		if t.Span.End <= within.Start || t.Span.Start >= within.End {
			continue
		}
		for s := range m.segments(t.Span) {
			if s.Len() == 0 || s.End <= within.Start || s.Start >= within.End {
				continue
			}
			start, end := m.position(s.Start), m.position(s.End)
			if end.Line != start.Line {
				continue
			}
			dl := start.Line - prevLine
			dc := start.Character
			if dl == 0 {
				dc -= prevChar
			}
			data = append(data, dl, dc, end.Character-start.Character, uint32(t.Type), uint32(t.Modifiers))
			prevLine, prevChar = start.Line, start.Character
		}
	}
	return data
}

// tokenResults keeps, per document, the last few /full answers (the
// version they encode, their resultId and data): a repeated request for a
// version is answered from here, and a delta request is answered with the
// edits from the answer it names. The zero value is ready to use.
type tokenResults struct {
	mu   sync.Mutex
	next uint64
	docs map[uri.URI][]tokenResult
}

type tokenResult struct {
	doc  *openDoc
	id   string
	data []uint32
}

// keptResults is how many answers a document keeps: the newest, and the one
// before it, which a delta request that crossed a newer answer still names.
const keptResults = 2

// full returns the answer for doc, computing it with encode when no kept
// answer is of this version.
func (tr *tokenResults) full(doc *openDoc, encode func() []uint32) tokenResult {
	tr.mu.Lock()
	for _, r := range tr.docs[doc.uri] {
		if r.doc == doc {
			tr.mu.Unlock()
			return r
		}
	}
	tr.mu.Unlock()
	data := encode()
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if tr.docs == nil {
		tr.docs = map[uri.URI][]tokenResult{}
	}
	for _, r := range tr.docs[doc.uri] {
		if r.doc == doc {
			return r // a concurrent request for this version got there first
		}
	}
	tr.next++
	r := tokenResult{doc: doc, id: strconv.FormatUint(tr.next, 10), data: data}
	kept := append(tr.docs[doc.uri], r)
	if len(kept) > keptResults {
		kept = kept[len(kept)-keptResults:]
	}
	tr.docs[doc.uri] = kept
	return r
}

// previous returns the kept answer of u with this resultId.
func (tr *tokenResults) previous(u uri.URI, id string) ([]uint32, bool) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	for _, r := range tr.docs[u] {
		if r.id == id {
			return r.data, true
		}
	}
	return nil, false
}

// forget drops the answers of a closed document.
func (tr *tokenResults) forget(u uri.URI) {
	tr.mu.Lock()
	delete(tr.docs, u)
	tr.mu.Unlock()
}

// tokenEdits is the edit turning old into data: one replacement between
// their common prefix and suffix (none when they are equal).
func tokenEdits(old, data []uint32) []protocol.SemanticTokensEdit {
	p := 0
	for p < len(old) && p < len(data) && old[p] == data[p] {
		p++
	}
	s := 0
	for s < len(old)-p && s < len(data)-p && old[len(old)-1-s] == data[len(data)-1-s] {
		s++
	}
	if p == len(old) && p == len(data) {
		return []protocol.SemanticTokensEdit{}
	}
	return []protocol.SemanticTokensEdit{{
		Start:       uint32(p),
		DeleteCount: uint32(len(old) - p - s),
		Data:        append([]uint32{}, data[p:len(data)-s]...),
	}}
}

// fullTokens is the /full answer of the request's version.
func (r docRequest) fullTokens() tokenResult {
	return r.s.tokens.full(r.doc, func() []uint32 {
		all := analysis.Span{Start: 0, End: len(r.doc.snap.Text())}
		return encodeTokens(r.m, r.document().SemanticTokens(), all)
	})
}

var semanticTokensFull = documentHandler(func(p *protocol.SemanticTokensParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.SemanticTokensParams, r docRequest) (any, error) {
		res := r.fullTokens()
		return &protocol.SemanticTokens{ResultID: &res.id, Data: res.data}, nil
	})

var semanticTokensDelta = documentHandler(func(p *protocol.SemanticTokensDeltaParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.SemanticTokensDeltaParams, r docRequest) (any, error) {
		old, ok := r.s.tokens.previous(r.doc.uri, p.PreviousResultID)
		res := r.fullTokens()
		if !ok {
			// An answer we no longer keep (or never gave): the full tokens.
			return &protocol.SemanticTokens{ResultID: &res.id, Data: res.data}, nil
		}
		return &protocol.SemanticTokensDelta{ResultID: &res.id, Edits: tokenEdits(old, res.data)}, nil
	})

var semanticTokensRange = documentHandler(func(p *protocol.SemanticTokensRangeParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.SemanticTokensRangeParams, r docRequest) (any, error) {
		return &protocol.SemanticTokens{Data: encodeTokens(r.m, r.document().SemanticTokens(), r.m.span(p.Range))}, nil
	})
var inlayHint = documentHandler(func(p *protocol.InlayHintParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.InlayHintParams, r docRequest) (any, error) {
		out := []protocol.InlayHint{}
		for _, h := range r.document().InlayHints(r.m.span(p.Range)) {
			out = append(out, protocol.InlayHint{
				Position:    r.m.position(h.Offset),
				Label:       protocol.String(h.Label),
				Tooltip:     protocol.String(h.Tooltip),
				PaddingLeft: ptr(true),
			})
		}
		return out, nil
	})

var documentLink = documentHandler(func(p *protocol.DocumentLinkParams) uri.URI { return p.TextDocument.URI },
	func(ctx context.Context, p *protocol.DocumentLinkParams, r docRequest) (any, error) {
		out := []protocol.DocumentLink{}
		for _, l := range r.document().DocumentLinks() {
			if l.ContextPath != "" {
				// A COPY/ADD source that exists in the build context opens the file.
				if r.bctx == nil {
					continue
				}
				p, ok := r.bctx.File(l.ContextPath)
				if !ok {
					continue
				}
				l.Target = uri.File(p).String()
			}
			target, err := uri.Parse(l.Target)
			if err != nil {
				continue
			}
			out = append(out, protocol.DocumentLink{Range: r.m.rng(l.Span), Target: &target})
		}
		return out, nil
	})
