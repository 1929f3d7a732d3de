package analysis

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
