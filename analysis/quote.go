package analysis

// quoteScanner is the one quote state machine of the lexer: it reads text
// the way BuildKit's word splitting reads quotes, one step at a time. A ' or
// " opens a quoted run that the same character closes, and the escape token
// makes the byte after it literal (inside double quotes too; inside single
// quotes only when escapeInSingle is set, as BuildKit's flag parsing does).
// With no escape token (escape 0) only quotes count, as in the fields of a
// --mount value.
//
// Callers decide what separates words (spaces, commas) by looking at the
// next byte while not quoted, and build values from the steps: a stepByte
// or stepEscaped step contributes its byte, quote steps contribute nothing.
type quoteScanner struct {
	text           string // scanning stops at its end
	pos            int    // the next byte to read
	escape         byte   // the escape token, or 0
	escapeInSingle bool   // the escape token also works inside single quotes
	quote          byte   // the open quote, or 0
}

// stepKind says what one step of a quoteScanner read.
type stepKind int

const (
	stepByte    stepKind = iota // a literal byte, quoted or not
	stepEscaped                 // the escape token and the byte it protects
	stepOpen                    // a quote that opens a quoted run
	stepClose                   // the quote that closes it
)

// step is one unit read by a quoteScanner: text[start:end], and the byte it
// stands for (the protected byte of an escape, the quote of a quote step).
type step struct {
	start, end int
	kind       stepKind
	c          byte
}

// quoted reports whether the scanner is inside quotes.
func (s *quoteScanner) quoted() bool { return s.quote != 0 }

// atSpace reports whether the next byte is unquoted whitespace, which ends a
// word.
func (s *quoteScanner) atSpace() bool {
	return s.quote == 0 && s.pos < len(s.text) && isSpaceByte(s.text[s.pos])
}

// next reads one step; ok is false at the end of the text.
func (s *quoteScanner) next() (st step, ok bool) {
	if s.pos >= len(s.text) {
		return step{}, false
	}
	start, c := s.pos, s.text[s.pos]
	kind := stepByte
	switch {
	case s.quote != 0 && c == s.quote:
		s.quote, kind = 0, stepClose
	case s.quote == 0 && (c == '"' || c == '\''):
		s.quote, kind = c, stepOpen
	case s.escape != 0 && c == s.escape && s.pos+1 < len(s.text) && (s.quote != '\'' || s.escapeInSingle):
		s.pos++
		c, kind = s.text[s.pos], stepEscaped
	}
	s.pos++
	return step{start: start, end: s.pos, kind: kind, c: c}, true
}

// literal reports whether the step contributes its byte to a value.
func (st step) literal() bool { return st.kind == stepByte || st.kind == stepEscaped }
