package server

import (
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"go.lsp.dev/protocol"
)

// This file alone converts between LSP positions (line + character in the
// negotiated encoding) and the byte offsets analysis works with.

// encoding is the negotiated position encoding.
type encoding int

const (
	utf16Enc encoding = iota // the LSP default
	utf8Enc
	utf32Enc
)

func (e encoding) kind() protocol.PositionEncodingKind {
	switch e {
	case utf8Enc:
		return protocol.PositionEncodingKindUTF8
	case utf32Enc:
		return protocol.PositionEncodingKindUTF32
	}
	return protocol.PositionEncodingKindUTF16
}

// negotiateEncoding picks utf-8 when the client offers it, else utf-16 (which
// every client supports), else utf-32 if that is all it lists.
func negotiateEncoding(offered []protocol.PositionEncodingKind) encoding {
	has := map[protocol.PositionEncodingKind]bool{}
	for _, k := range offered {
		has[k] = true
	}
	switch {
	case has[protocol.PositionEncodingKindUTF8]:
		return utf8Enc
	case len(offered) == 0 || has[protocol.PositionEncodingKindUTF16]:
		return utf16Enc
	case has[protocol.PositionEncodingKindUTF32]:
		return utf32Enc
	}
	return utf16Enc
}

// mapper converts positions for one text.
type mapper struct {
	text  string
	lines *analysis.LineIndex
	enc   encoding
}

// offset converts a position to a byte offset. Positions past the end of a
// line clamp to the line's end; lines past the end clamp to the document's.
func (m mapper) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= m.lines.Count() {
		return len(m.text)
	}
	start, end := m.lines.LineStart(line), m.lines.LineEnd(line)
	want := int(p.Character)
	if m.enc == utf8Enc {
		off := start + want
		if off > end {
			return end
		}
		for off > start && off < end && !utf8.RuneStart(m.text[off]) {
			off-- // never split a character
		}
		return off
	}
	units := 0
	for i := start; i < end; {
		if units >= want {
			return i
		}
		r, size := utf8.DecodeRuneInString(m.text[i:end])
		units += unitsOf(r, m.enc)
		i += size
	}
	return end
}

// position converts a byte offset to a position.
func (m mapper) position(off int) protocol.Position {
	if off > len(m.text) {
		off = len(m.text)
	}
	line, col := m.lines.Position(off)
	start := m.lines.LineStart(line)
	if m.enc == utf8Enc {
		return protocol.Position{Line: uint32(line), Character: uint32(col)}
	}
	units := 0
	for i := start; i < off; {
		r, size := utf8.DecodeRuneInString(m.text[i:off])
		units += unitsOf(r, m.enc)
		i += size
	}
	return protocol.Position{Line: uint32(line), Character: uint32(units)}
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

func unitsOf(r rune, enc encoding) int {
	if enc == utf32Enc {
		return 1
	}
	if r >= 0x10000 && r != utf8.RuneError {
		return len(utf16.Encode([]rune{r}))
	}
	return 1
}
