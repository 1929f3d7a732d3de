package server

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// snapshot is one version of one open document. It is immutable; the parse
// happens at most once, the first time a feature asks for it, and reuses
// what the nearest parsed earlier version lexed before the edit.
type snapshot struct {
	uri     uri.URI
	version int32
	text    string

	once   sync.Once
	prev   atomic.Pointer[snapshot] // the nearest earlier version that was parsed; dropped after parsing
	parsed atomic.Pointer[analysis.Document]

	imagesOnce sync.Once
	images     []string
}

func newSnapshot(u uri.URI, version int32, text string, prev *snapshot) *snapshot {
	s := &snapshot{uri: u, version: version, text: text}
	if prev != nil {
		if prev.parsed.Load() != nil {
			s.prev.Store(prev)
		} else {
			s.prev.Store(prev.prev.Load()) // skip versions nobody looked at
		}
	}
	return s
}

// doc returns the analysis of this version, parsing it on first use.
func (s *snapshot) doc() *analysis.Document {
	s.once.Do(func() {
		var d *analysis.Document
		if prev := s.prev.Load(); prev != nil {
			if old := prev.parsed.Load(); old != nil {
				d = analysis.Reparse(old, s.text)
			}
		}
		if d == nil {
			d = analysis.Parse(s.text)
		}
		s.parsed.Store(d)
		s.prev.Store(nil)
	})
	return s.parsed.Load()
}

func (s *snapshot) lines() *analysis.LineIndex { return s.doc().Lines }

// baseImages lists the images this version's stages start from, once.
func (s *snapshot) baseImages() []string {
	s.imagesOnce.Do(func() {
		for _, st := range s.doc().Stages() {
			if st.Image != "" && st.Parent == nil && !strings.EqualFold(st.Image, "scratch") && !strings.Contains(st.Image, "$") {
				s.images = append(s.images, st.Image)
			}
		}
	})
	return s.images
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
	s := newSnapshot(item.URI, item.Version, item.Text, nil)
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
	// In URI order: answers drawn from every document must not follow map order.
	slices.SortFunc(out, func(a, b *snapshot) int { return strings.Compare(string(a.uri), string(b.uri)) })
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
	var lines *analysis.LineIndex
	if d := old.parsed.Load(); d != nil {
		lines = d.Lines // already built for this text
	}
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			text, lines = c.Text, nil
		case *protocol.TextDocumentContentChangePartial:
			if lines == nil {
				lines = analysis.NewLineIndex(text)
			}
			m := mapper{text: text, lines: lines, enc: enc}
			sp := m.span(c.Range)
			var b strings.Builder
			b.Grow(len(text) - sp.Len() + len(c.Text))
			b.WriteString(text[:sp.Start])
			b.WriteString(c.Text)
			b.WriteString(text[sp.End:])
			text, lines = b.String(), nil
		default:
			return nil, fmt.Errorf("unsupported content change %T", c)
		}
	}
	s := newSnapshot(old.uri, p.TextDocument.Version, text, old)
	st.docsMu.Lock()
	st.docs[old.uri] = s
	st.docsMu.Unlock()
	return s, nil
}
