package server

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/buildcontext"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"github.com/dockerfile-ls/dockerfile-ls/position"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// openDoc is one version of an open document: its URI and version, and
// analysis' snapshot of its text. It is never changed; an edit stores a new one.
type openDoc struct {
	uri     uri.URI
	version int32
	snap    *analysis.Snapshot
}

// mapper converts this version's positions in enc.
func (d *openDoc) mapper(enc position.Encoding) mapper {
	return mapper{m: d.snap.Mapper(), enc: enc}
}

// store holds the latest version of each open document.
type store struct {
	docsMu sync.RWMutex
	docs   map[uri.URI]*openDoc
}

func newStore() *store { return &store{docs: map[uri.URI]*openDoc{}} }

func (st *store) get(u uri.URI) *openDoc {
	st.docsMu.RLock()
	defer st.docsMu.RUnlock()
	return st.docs[u]
}

func (st *store) put(d *openDoc) {
	st.docsMu.Lock()
	st.docs[d.uri] = d
	st.docsMu.Unlock()
}

func (st *store) open(item protocol.TextDocumentItem) *openDoc {
	d := &openDoc{uri: item.URI, version: item.Version, snap: analysis.NewSnapshot(item.Text)}
	st.put(d)
	return d
}

func (st *store) close(u uri.URI) {
	st.docsMu.Lock()
	delete(st.docs, u)
	st.docsMu.Unlock()
}

func (st *store) all() []*openDoc {
	st.docsMu.RLock()
	defer st.docsMu.RUnlock()
	out := make([]*openDoc, 0, len(st.docs))
	for _, d := range st.docs {
		out = append(out, d)
	}
	// In URI order: answers drawn from every document must not follow map order.
	slices.SortFunc(out, func(a, b *openDoc) int { return strings.Compare(string(a.uri), string(b.uri)) })
	return out
}

// change applies content changes in order and stores the new version. Only
// the read loop calls it, so changes to one document never interleave.
func (st *store) change(p *protocol.DidChangeTextDocumentParams, enc position.Encoding) (*openDoc, error) {
	old := st.get(p.TextDocument.URI)
	if old == nil {
		return nil, fmt.Errorf("didChange for a document that is not open: %s", p.TextDocument.URI)
	}
	changes, err := contentChanges(p.ContentChanges)
	if err != nil {
		return nil, err
	}
	d := &openDoc{uri: old.uri, version: p.TextDocument.Version, snap: old.snap.Apply(changes, enc)}
	st.put(d)
	return d, nil
}

// contextFor returns the build context of a document under the document's
// settings: the context setting, else the Dockerfile's directory. Documents
// that are not files have none.
func (s *Server) contextFor(u uri.URI, set config.Settings) *buildcontext.Context {
	if u.Scheme() != "file" {
		return nil
	}
	path := u.FsPath()
	return buildcontext.New(buildcontext.Dir(path, set.Context, s.getSession().rootPath), filepath.Base(path), s.ignores)
}

// env is a build context as analysis takes it (nil stays a nil interface).
func env(c *buildcontext.Context) analysis.Env {
	if c == nil {
		return nil
	}
	return c
}
