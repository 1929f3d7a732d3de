package server

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// snapshot is one version of one open document. It is immutable; the parse
// happens at most once, the first time a feature asks for it.
type snapshot struct {
	uri        uri.URI
	version    int32
	text       string
	languageID string
	doc        func() *analysis.Document
	lines      func() *analysis.LineIndex
}

func newSnapshot(u uri.URI, version int32, text, languageID string) *snapshot {
	s := &snapshot{uri: u, version: version, text: text, languageID: languageID}
	s.doc = sync.OnceValue(func() *analysis.Document { return analysis.Parse(text) })
	s.lines = sync.OnceValue(func() *analysis.LineIndex { return s.doc().Lines })
	return s
}

func (s *snapshot) mapper(enc encoding) mapper {
	return mapper{text: s.text, lines: s.lines(), enc: enc}
}

// store holds the latest snapshot of each open document.
type store struct {
	docsMu sync.RWMutex
	docs   map[uri.URI]*snapshot
}

func newStore() *store { return &store{docs: map[uri.URI]*snapshot{}} }

func (st *store) get(u uri.URI) *snapshot {
	st.docsMu.RLock()
	defer st.docsMu.RUnlock()
	return st.docs[u]
}

func (st *store) open(item protocol.TextDocumentItem) *snapshot {
	s := newSnapshot(item.URI, item.Version, item.Text, string(item.LanguageID))
	st.docsMu.Lock()
	st.docs[item.URI] = s
	st.docsMu.Unlock()
	return s
}

func (st *store) close(u uri.URI) {
	st.docsMu.Lock()
	delete(st.docs, u)
	st.docsMu.Unlock()
}

func (st *store) all() []*snapshot {
	st.docsMu.RLock()
	defer st.docsMu.RUnlock()
	out := make([]*snapshot, 0, len(st.docs))
	for _, s := range st.docs {
		out = append(out, s)
	}
	return out
}

// change applies content changes in order and stores the new version. Only
// the read loop calls it, so changes to one document never interleave.
func (st *store) change(p *protocol.DidChangeTextDocumentParams, enc encoding) (*snapshot, error) {
	old := st.get(p.TextDocument.URI)
	if old == nil {
		return nil, fmt.Errorf("didChange for a document that is not open: %s", p.TextDocument.URI)
	}
	text := old.text
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text = c.Text
		case *protocol.TextDocumentContentChangePartial:
			m := mapper{text: text, lines: analysis.NewLineIndex(text), enc: enc}
			sp := m.span(c.Range)
			var b strings.Builder
			b.Grow(len(text) - sp.Len() + len(c.Text))
			b.WriteString(text[:sp.Start])
			b.WriteString(c.Text)
			b.WriteString(text[sp.End:])
			text = b.String()
		default:
			return nil, fmt.Errorf("unsupported content change %T", c)
		}
	}
	s := newSnapshot(old.uri, p.TextDocument.Version, text, old.languageID)
	st.docsMu.Lock()
	st.docs[old.uri] = s
	st.docsMu.Unlock()
	return s, nil
}
