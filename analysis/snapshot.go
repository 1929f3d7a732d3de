package analysis

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dockerfile-ls/dockerfile-ls/position"
)

// Snapshot is one version of an open document: its text, the positions of
// that text as editors count them, and the Document analysing it, made the
// first time something asks and then shared. Each version reuses what the
// nearest earlier version that was analysed had lexed before the edit;
// versions nobody looked at are skipped. A Snapshot never changes, so a
// request that captured one sees one version, whatever arrives after.
type Snapshot struct {
	m *position.Mapper // the text and its editor positions

	once sync.Once
	prev atomic.Pointer[Snapshot] // the nearest earlier version that was analysed; dropped once this one is
	doc  atomic.Pointer[Document]

	imagesOnce sync.Once
	images     []string
}

// NewSnapshot makes the first version of a document.
func NewSnapshot(text string) *Snapshot {
	return &Snapshot{m: position.NewMapper(text)}
}

// Apply returns the next version: the changes applied in order, each
// addressed in positions of the text the previous ones left, columns in enc.
func (s *Snapshot) Apply(changes []position.Change, enc position.Encoding) *Snapshot {
	next := &Snapshot{m: s.m.Apply(changes, enc)}
	if s.doc.Load() != nil {
		next.prev.Store(s)
	} else {
		next.prev.Store(s.prev.Load()) // skip versions nobody looked at
	}
	return next
}

// Text returns the document's text.
func (s *Snapshot) Text() string { return s.m.Text() }

// Mapper converts this version's byte offsets to and from editor positions.
func (s *Snapshot) Mapper() *position.Mapper { return s.m }

// Document returns the analysis of this version, made on first use.
func (s *Snapshot) Document() *Document {
	s.once.Do(func() {
		var d *Document
		if prev := s.prev.Load(); prev != nil {
			d = reparse(prev.doc.Load(), s.Text(), s.m)
		} else {
			d = parse(s.Text(), s.m)
		}
		s.doc.Store(d)
		s.prev.Store(nil)
	})
	return s.doc.Load()
}

// analysed returns the Document if something already asked for it, else
// nil: features over every open document must not parse them all.
func (s *Snapshot) analysed() *Document { return s.doc.Load() }

// BaseImages lists the images this version's stages start from (not
// scratch, another stage or an image named by a variable); nil when the
// version has not been analysed.
func (s *Snapshot) BaseImages() []string {
	d := s.analysed()
	if d == nil {
		return nil
	}
	s.imagesOnce.Do(func() {
		for _, st := range d.Stages() {
			if st.Image != "" && st.Parent == nil && !strings.EqualFold(st.Image, "scratch") && !strings.Contains(st.Image, "$") {
				s.images = append(s.images, st.Image)
			}
		}
	})
	return s.images
}

// WorkspaceSymbols returns the stages and global ARGs whose names contain
// query (ignoring case), for a search across open documents; nil when the
// version has not been analysed.
func (s *Snapshot) WorkspaceSymbols(query string) []Symbol {
	d := s.analysed()
	if d == nil {
		return nil
	}
	query = strings.ToLower(query)
	var out []Symbol
	for _, sym := range d.Symbols() {
		if sym.Kind != SymbolInstruction && strings.Contains(strings.ToLower(sym.Name), query) {
			out = append(out, sym)
		}
	}
	return out
}
