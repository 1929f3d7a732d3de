package analysis

import (
	"sort"
	"strings"
)

// Span is a half-open range [Start, End) of byte offsets into a document.
type Span struct {
	Start, End int
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether the cursor offset off touches the span; a cursor
// just after the last byte still counts, as editors place it there after typing.
func (s Span) Contains(off int) bool { return s.Start <= off && off <= s.End }

// Valid reports whether the span was set (spans of absent tokens are {-1,-1}).
func (s Span) Valid() bool { return s.Start >= 0 && s.End >= s.Start }

var noSpan = Span{-1, -1}

// LineIndex maps byte offsets to zero-based line numbers and byte columns and
// back. Lines end at '\n'; a preceding '\r' belongs to the line terminator.
type LineIndex struct {
	text   string
	starts []int // byte offset at which each line starts
}

// NewLineIndex indexes text.
func NewLineIndex(text string) *LineIndex {
	starts := make([]int, 1, len(text)/32+1)
	return &LineIndex{text: text, starts: appendLineStarts(starts, text, 0)}
}

// appendLineStarts appends the start of every line that begins after a
// '\n' at or after from.
func appendLineStarts(starts []int, text string, from int) []int {
	for i := from; i < len(text); {
		j := strings.IndexByte(text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		starts = append(starts, i)
	}
	return starts
}

// reindex returns the index of text, which equals l's text before offset
// same: lines that start at or before same are kept, the rest rescanned.
func (l *LineIndex) reindex(text string, same int) *LineIndex {
	keep := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > same })
	starts := make([]int, keep, len(l.starts)+8)
	copy(starts, l.starts[:keep])
	from := starts[keep-1]
	return &LineIndex{text: text, starts: appendLineStarts(starts, text, from)}
}

// Count returns the number of lines (a trailing newline starts an empty last line).
func (l *LineIndex) Count() int { return len(l.starts) }

// LineStart returns the offset of the first byte of line, clamped to the document.
func (l *LineIndex) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.starts) {
		return len(l.text)
	}
	return l.starts[line]
}

// LineEnd returns the offset just before the line terminator of line.
func (l *LineIndex) LineEnd(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.starts) {
		return len(l.text)
	}
	end := len(l.text)
	if line+1 < len(l.starts) {
		end = l.starts[line+1] - 1 // the '\n'
		if end > l.starts[line] && l.text[end-1] == '\r' {
			end--
		}
	} else if end > l.starts[line] && l.text[end-1] == '\r' {
		end--
	}
	return end
}

// Line returns the text of line without its terminator.
func (l *LineIndex) Line(line int) string {
	return l.text[l.LineStart(line):l.LineEnd(line)]
}

// Position returns the zero-based line and byte column of off (clamped).
func (l *LineIndex) Position(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(l.text) {
		off = len(l.text)
	}
	line = sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	return line, off - l.starts[line]
}

// LineOf returns the zero-based line containing off.
func (l *LineIndex) LineOf(off int) int {
	line, _ := l.Position(off)
	return line
}
