package position

import (
	"iter"
	"sort"
	"strings"
	"unicode/utf8"
)

// Mapper converts between byte offsets into one text and positions as
// editors count them (LSP 3.17): a line ends at "\n", "\r\n" or a lone
// "\r", and a column counts units of an Encoding. It is immutable and safe
// to share.
type Mapper struct{ lineTable }

// NewMapper indexes text.
func NewMapper(text string) *Mapper {
	starts := make([]int, 1, len(text)/32+1)
	return &Mapper{lineTable{text, appendStarts(starts, text, 0, len(text))}}
}

// appendStarts appends the start of every line whose terminator ends at a
// byte in [from, to): after each '\n', and after each '\r' not followed by
// '\n' (the text past to is looked at to tell the two apart).
func appendStarts(starts []int, text string, from, to int) []int {
	cr, lf := indexFrom(text, '\r', from, to), indexFrom(text, '\n', from, to)
	for {
		var i int
		switch {
		case cr < lf && (cr+1 == len(text) || text[cr+1] != '\n'):
			i = cr + 1 // a lone '\r'
		case lf < to:
			i = lf + 1 // '\n', or the end of "\r\n"
		default:
			return starts
		}
		starts = append(starts, i)
		if cr < i {
			cr = indexFrom(text, '\r', i, to)
		}
		if lf < i {
			lf = indexFrom(text, '\n', i, to)
		}
	}
}

// indexFrom returns the index of the first c in text[from:to], or to.
func indexFrom(text string, c byte, from, to int) int {
	if j := strings.IndexByte(text[from:to], c); j >= 0 {
		return from + j
	}
	return to
}

// Text returns the text the mapper indexes.
func (m *Mapper) Text() string { return m.text }

// LineEnd returns the offset of line's terminator (or of the text's end).
func (m *Mapper) LineEnd(line int) int {
	if line < 0 {
		return 0
	}
	if line+1 >= len(m.starts) {
		return len(m.text)
	}
	end := m.starts[line+1] - 1
	if m.text[end] == '\n' && end > m.starts[line] && m.text[end-1] == '\r' {
		end--
	}
	return end
}

// Segments yields the pieces of [start, end) on each line it touches,
// without line terminators, skipping empty ones: clients draw semantic
// tokens one line at a time.
func (m *Mapper) Segments(start, end int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		start, end = max(0, start), min(end, len(m.text))
		for line := m.LineOf(start); start < end; line++ {
			if e := min(m.LineEnd(line), end); e > start && !yield(start, e) {
				return
			}
			if line+1 >= len(m.starts) {
				return
			}
			start = m.starts[line+1]
		}
	}
}

// Position returns the position of off. Offsets are clamped to the text,
// offsets inside a line terminator to the line's end, and offsets inside a
// UTF-8 sequence to the character's start.
func (m *Mapper) Position(off int, enc Encoding) Pos {
	line := m.LineOf(off)
	start := m.starts[line]
	off = max(start, min(off, m.LineEnd(line)))
	for off > start && off < len(m.text) && !utf8.RuneStart(m.text[off]) {
		off--
	}
	return Pos{Line: line, Col: Units(m.text[start:off], enc)}
}

// Offset returns the byte offset of p. A line past the last one means the
// end of the text; a column past the line's end means the line's end; a
// column inside a character (the middle of a UTF-8 sequence or of a UTF-16
// surrogate pair) means the character's start.
func (m *Mapper) Offset(p Pos, enc Encoding) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(m.starts) {
		return len(m.text)
	}
	start, end := m.starts[p.Line], m.LineEnd(p.Line)
	want := max(p.Col, 0)
	if enc == UTF8 {
		off := min(start+want, end)
		for off > start && off < end && !utf8.RuneStart(m.text[off]) {
			off--
		}
		return off
	}
	units := 0
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(m.text[i:end])
		units += unitsOf(r, enc)
		if units > want {
			return i
		}
		i += size
	}
	return end
}

// Splice returns the mapper of the text with text[start:end] replaced by
// ins (0 ≤ start ≤ end ≤ len). Lines before the edit are kept and lines
// after it shifted; only the inserted text and its borders are scanned.
func (m *Mapper) Splice(start, end int, ins string) *Mapper {
	var b strings.Builder
	b.Grow(len(m.text) - (end - start) + len(ins))
	b.WriteString(m.text[:start])
	b.WriteString(ins)
	b.WriteString(m.text[end:])
	text := b.String()

	// A line start p depends only on text[p-1] and text[p]: those before
	// start are unchanged, those from end+1 on have moved by delta.
	keep := max(1, sort.SearchInts(m.starts, start))
	after := sort.SearchInts(m.starts, end+1)
	starts := make([]int, keep, len(m.starts)+strings.Count(ins, "\n")+2)
	copy(starts, m.starts[:keep])
	starts = appendStarts(starts, text, max(start-1, 0), start+len(ins))
	delta := len(ins) - (end - start)
	for _, q := range m.starts[after:] {
		starts = append(starts, q+delta)
	}
	return &Mapper{lineTable{text, starts}}
}

// Change is one edit of a text: the text between Start and End replaced
// by Text, or, when Whole is set, the whole text replaced.
type Change struct {
	Whole      bool
	Start, End Pos
	Text       string
}

// Apply returns the mapper of the text after changes, applied in order;
// each change's positions address the text the previous ones left. Reversed
// ranges are read in order, out-of-range positions are clamped (see Offset).
func (m *Mapper) Apply(changes []Change, enc Encoding) *Mapper {
	for _, c := range changes {
		if c.Whole {
			m = NewMapper(c.Text)
			continue
		}
		start, end := m.Offset(c.Start, enc), m.Offset(c.End, enc)
		if end < start {
			start, end = end, start
		}
		m = m.Splice(start, end, c.Text)
	}
	return m
}
