package server

import (
	"fmt"
	"iter"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/position"
	"go.lsp.dev/protocol"
)

// This file only changes types between the protocol's positions and package
// position's, which alone counts lines (LSP's "\n", "\r\n" and lone "\r")
// and columns in the negotiated encoding.

// encodingKind names an encoding on the wire.
func encodingKind(e position.Encoding) protocol.PositionEncodingKind {
	switch e {
	case position.UTF8:
		return protocol.PositionEncodingKindUTF8
	case position.UTF32:
		return protocol.PositionEncodingKindUTF32
	}
	return protocol.PositionEncodingKindUTF16
}

// negotiateEncoding picks utf-8 when the client offers it, else utf-16 (which
// every client supports), else utf-32 if that is all it lists.
func negotiateEncoding(offered []protocol.PositionEncodingKind) position.Encoding {
	has := map[protocol.PositionEncodingKind]bool{}
	for _, k := range offered {
		has[k] = true
	}
	switch {
	case has[protocol.PositionEncodingKindUTF8]:
		return position.UTF8
	case len(offered) == 0 || has[protocol.PositionEncodingKindUTF16]:
		return position.UTF16
	case has[protocol.PositionEncodingKindUTF32]:
		return position.UTF32
	}
	return position.UTF16
}

// mapper converts the positions of one snapshot in the session's encoding.
type mapper struct {
	m   *position.Mapper
	enc position.Encoding
}

func toPos(p protocol.Position) position.Pos {
	return position.Pos{Line: int(p.Line), Col: int(p.Character)}
}

// offset converts a position to a byte offset (clamped: see position.Mapper.Offset).
func (m mapper) offset(p protocol.Position) int { return m.m.Offset(toPos(p), m.enc) }

// position converts a byte offset to a position.
func (m mapper) position(off int) protocol.Position {
	p := m.m.Position(off, m.enc)
	return protocol.Position{Line: uint32(p.Line), Character: uint32(p.Col)}
}

func (m mapper) rng(s analysis.Span) protocol.Range {
	return protocol.Range{Start: m.position(s.Start), End: m.position(s.End)}
}

func (m mapper) span(r protocol.Range) analysis.Span {
	s, e := m.offset(r.Start), m.offset(r.End)
	if e < s {
		s, e = e, s
	}
	return analysis.Span{Start: s, End: e}
}

// line returns the line of a byte offset.
func (m mapper) line(off int) uint32 { return uint32(m.m.LineOf(off)) }

// segments yields the pieces of s on each line it touches (see
// position.Mapper.Segments).
func (m mapper) segments(s analysis.Span) iter.Seq[analysis.Span] {
	return func(yield func(analysis.Span) bool) {
		for start, end := range m.m.Segments(s.Start, s.End) {
			if !yield(analysis.Span{Start: start, End: end}) {
				return
			}
		}
	}
}

// units is the length of a label's prefix in the session's encoding.
func (m mapper) units(s string) uint32 { return uint32(position.Units(s, m.enc)) }

// contentChanges converts didChange's changes.
func contentChanges(in []protocol.TextDocumentContentChangeEvent) ([]position.Change, error) {
	out := make([]position.Change, 0, len(in))
	for _, c := range in {
		switch c := c.(type) {
		case *protocol.TextDocumentContentChangeWholeDocument:
			out = append(out, position.Change{Whole: true, Text: c.Text})
		case *protocol.TextDocumentContentChangePartial:
			out = append(out, position.Change{Start: toPos(c.Range.Start), End: toPos(c.Range.End), Text: c.Text})
		default:
			return nil, fmt.Errorf("unsupported content change %T", c)
		}
	}
	return out, nil
}
