package analysis

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dockerfile-ls/dockerfile-ls/position"
)

// Snapshot is one version of an open document: its text, the positions of
// that text as editors count them, and the Document analysing it, made the
// first time something asks and then shared. Each version reuses what the
// nearest earlier version that was analysed had lexed before the edit;
// versions nobody looked at are skipped. A Snapshot never changes what it
// answers, so a request that captured one sees one version, whatever
// arrives after. Release drops its Document (the lexed views, stages and
// scopes: most of its memory) and keeps the findings; the next Document
// call lexes the text again.
type Snapshot struct {
	m *position.Mapper // the text and its editor positions

	mu   sync.Mutex               // held while making or releasing doc
	prev atomic.Pointer[Snapshot] // the nearest earlier version that was analysed; dropped once this one is
	doc  atomic.Pointer[Document]

	// findings are BuildKit's and our rules' findings, kept by Release
	// for the Document made after it (nil until the checks ran).
	findings []Diagnostic
	facts    atomic.Pointer[workspaceFacts]
}

// workspaceFacts are what features over every open document read.
type workspaceFacts struct {
	images  []string
	symbols []Symbol // top-level stages and global ARGs, without children
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
		next.prev.Store(s.prev.Load()) // skip versions nobody looked at (or released)
	}
	return next
}

// Text returns the document's text.
func (s *Snapshot) Text() string { return s.m.Text() }

// Mapper converts this version's byte offsets to and from editor positions.
func (s *Snapshot) Mapper() *position.Mapper { return s.m }

// Document returns the analysis of this version, made on first use (and
// again after Release, with the findings already computed).
func (s *Snapshot) Document() *Document {
	if d := s.doc.Load(); d != nil {
		return d
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d := s.doc.Load(); d != nil {
		return d
	}
	var d *Document
	if prev := s.prev.Load(); prev != nil {
		d = reparse(prev.doc.Load(), s.Text(), s.m)
	} else {
		d = parse(s.Text(), s.m)
	}
	if s.findings != nil {
		d.buildkit = s.findings
		d.buildkitReady.Store(true)
	}
	s.doc.Store(d)
	s.prev.Store(nil)
	return d
}

// Release drops the Document of this version, keeping its findings (once
// computed) and the facts features over every open document read: an open
// document nobody works on then costs its text and its findings. Requests
// that hold the Document keep using it; the next Document call lexes again.
func (s *Snapshot) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.doc.Load()
	if d == nil {
		return
	}
	s.workspaceFacts(d)
	if d.buildkitReady.Load() {
		s.findings = d.buildkit
	}
	s.doc.Store(nil)
}

// Released reports whether this version was analysed and then released,
// for tests and benchmarks of memory.
func (s *Snapshot) Released() bool { return s.doc.Load() == nil && s.facts.Load() != nil }

// workspaceFacts returns the facts of this version, made from d (its
// Document) the first time; nil d: only facts already made.
func (s *Snapshot) workspaceFacts(d *Document) *workspaceFacts {
	if f := s.facts.Load(); f != nil || d == nil {
		return f
	}
	f := &workspaceFacts{}
	for _, st := range d.Stages() {
		if st.Image != "" && st.Parent == nil && !strings.EqualFold(st.Image, "scratch") && !strings.Contains(st.Image, "$") {
			f.images = append(f.images, st.Image)
		}
	}
	for _, sym := range d.Symbols() {
		if sym.Kind != SymbolInstruction {
			sym.Children = nil
			f.symbols = append(f.symbols, sym)
		}
	}
	f.symbols = slices.Clone(f.symbols) // exact size: kept as long as the document is open
	s.facts.CompareAndSwap(nil, f)
	return s.facts.Load()
}

// BaseImages lists the images this version's stages start from (not
// scratch, another stage or an image named by a variable); nil when the
// version has not been analysed: features over every open document must
// not parse them all.
func (s *Snapshot) BaseImages() []string {
	if f := s.workspaceFacts(s.doc.Load()); f != nil {
		return f.images
	}
	return nil
}

// WorkspaceSymbols returns the stages and global ARGs whose names contain
// query (ignoring case), for a search across open documents; nil when the
// version has not been analysed.
func (s *Snapshot) WorkspaceSymbols(query string) []Symbol {
	f := s.workspaceFacts(s.doc.Load())
	if f == nil {
		return nil
	}
	query = strings.ToLower(query)
	var out []Symbol
	for _, sym := range f.symbols {
		if strings.Contains(strings.ToLower(sym.Name), query) {
			out = append(out, sym)
		}
	}
	return out
}
