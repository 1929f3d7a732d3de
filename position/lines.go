package position

import (
	"sort"
	"strings"
)

// Lines indexes a text's lines as BuildKit's parser splits them: at '\n'
// only, a preceding '\r' belonging to the terminator. A lone '\r' does not
// end a line here (BuildKit reads it as whitespace), which is why positions
// for editors come from a Mapper instead.
type Lines struct{ lineTable }

// lineTable is a text and the offsets its lines start at; Lines and Mapper
// differ only in where lines end.
type lineTable struct {
	text   string
	starts []int // byte offset at which each line starts; starts[0] == 0
}

// Count returns the number of lines (a final terminator starts an empty last line).
func (t *lineTable) Count() int { return len(t.starts) }

// LineStart returns the offset of the first byte of line, clamped to the text.
func (t *lineTable) LineStart(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(t.starts) {
		return len(t.text)
	}
	return t.starts[line]
}

// LineOf returns the zero-based line containing off (clamped to the text);
// an offset inside a terminator belongs to the line it ends.
func (t *lineTable) LineOf(off int) int {
	off = max(0, min(off, len(t.text)))
	return sort.SearchInts(t.starts, off+1) - 1
}

// NewLines indexes text.
func NewLines(text string) *Lines {
	starts := make([]int, 1, len(text)/32+1)
	return &Lines{lineTable{text, appendLFStarts(starts, text, 0)}}
}

// appendLFStarts appends the start of every line that begins after a '\n'
// at or after from.
func appendLFStarts(starts []int, text string, from int) []int {
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

// Reindex returns the index of text, which equals l's text before offset
// same: lines that start at or before same are kept, the rest rescanned.
func (l *Lines) Reindex(text string, same int) *Lines {
	keep := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > same })
	starts := make([]int, keep, len(l.starts)+8)
	copy(starts, l.starts[:keep])
	from := starts[keep-1]
	return &Lines{lineTable{text, appendLFStarts(starts, text, from)}}
}

// LineEnd returns the offset just before the line terminator of line.
func (l *Lines) LineEnd(line int) int {
	if line < 0 {
		return 0
	}
	if line >= len(l.starts) {
		return len(l.text)
	}
	end := len(l.text)
	if line+1 < len(l.starts) {
		end = l.starts[line+1] - 1 // the '\n'
	}
	if end > l.starts[line] && l.text[end-1] == '\r' {
		end--
	}
	return end
}

// Line returns the text of line without its terminator.
func (l *Lines) Line(line int) string {
	return l.text[l.LineStart(line):l.LineEnd(line)]
}

// Position returns the zero-based line and byte column of off (clamped).
func (l *Lines) Position(off int) (line, col int) {
	off = max(0, min(off, len(l.text)))
	line = l.LineOf(off)
	return line, off - l.starts[line]
}
