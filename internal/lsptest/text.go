package lsptest

import (
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Encodings a client can negotiate: how Position.Character counts.
const (
	UTF8  = "utf-8"
	UTF16 = "utf-16" // the LSP default
	UTF32 = "utf-32"
)

// units is the length of s in enc's code units.
func units(s, enc string) int {
	switch enc {
	case UTF8:
		return len(s)
	case UTF32:
		return utf8.RuneCountInString(s)
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// PositionAt is the position of byte offset off in text, counted in enc.
// Lines end at \n (a \r before it belongs to the line).
func PositionAt(text string, off int, enc string) Position {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	return Position{Line: strings.Count(text[:off], "\n"), Character: units(text[start:off], enc)}
}

// RangeOf is the range of bytes [start, end) of text, counted in enc.
func RangeOf(text string, start, end int, enc string) Range {
	return Range{PositionAt(text, start, enc), PositionAt(text, end, enc)}
}

// OffsetAt is the byte offset of p in text, counted in enc. Positions past
// the end of a line clamp to its end and lines past the end of the text to
// the end of the text, as the protocol asks of servers.
func OffsetAt(text string, p Position, enc string) int {
	off := 0
	for range p.Line {
		i := strings.IndexByte(text[off:], '\n')
		if i < 0 {
			return len(text)
		}
		off += i + 1
	}
	line := text[off:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSuffix(line, "\r")
	u := 0
	for i, r := range line {
		if u >= p.Character {
			return off + i
		}
		u += units(string(r), enc)
	}
	return off + len(line)
}

// ApplyEdits applies non-overlapping edits to text, as an editor would.
func ApplyEdits(text string, edits []TextEdit, enc string) string {
	type span struct {
		start, end, index int
		newText           string
	}
	spans := make([]span, 0, len(edits))
	for i, e := range edits {
		spans = append(spans, span{OffsetAt(text, e.Range.Start, enc), OffsetAt(text, e.Range.End, enc), i, e.NewText})
	}
	// From the end, so that earlier offsets stay valid; inserts at one
	// position keep their order in the array.
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return b.start - a.start
		}
		return b.index - a.index
	})
	for _, s := range spans {
		text = text[:s.start] + s.newText + text[s.end:]
	}
	return text
}
