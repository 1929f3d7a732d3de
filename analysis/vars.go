package analysis

// varText is text to scan for variables and how its offsets map to the
// document: an instruction's logical line, or a heredoc body as it stands.
type varText struct {
	t    string
	span func(start, end int) Span
}

// scanVars finds variable references in the logical text [pos,end) of ins.
func scanVars(ins *Instruction, pos, end int, escape byte, inFlag bool) []VarRef {
	return scanVarText(varText{ins.logical.text, ins.logical.span}, pos, end, escape, inFlag)
}

// scanVarText finds $NAME, ${NAME} and ${NAME<modifier>word} in [pos,end).
// Single-quoted text and references preceded by the escape token are
// skipped, as BuildKit's shell lexer does.
func scanVarText(vt varText, pos, end int, escape byte, inFlag bool) []VarRef {
	sc := varScanner{vt: vt, end: end, escape: escape, inFlag: inFlag}
	sc.scan(pos)
	return sc.out
}

// varDepth returns how deep references nest in word: 0 without any, 1
// for $a or ${a:-x}, 2 for ${a:-${b}}.
func varDepth(word string, escape byte) int {
	return refDepth(scanVarText(varText{word, func(s, e int) Span { return Span{s, e} }}, 0, len(word), escape, false))
}

// refDepth returns how deep refs (in scan order: each before those nested
// in it) nest.
func refDepth(refs []VarRef) int {
	var ends []int // the spans enclosing the current reference
	depth := 0
	for _, r := range refs {
		for len(ends) > 0 && ends[len(ends)-1] <= r.Span.Start {
			ends = ends[:len(ends)-1]
		}
		ends = append(ends, r.Span.End)
		depth = max(depth, len(ends))
	}
	return depth
}

// scan reads the references in [pos,sc.end).
func (sc *varScanner) scan(pos int) {
	t, end, escape := sc.vt.t, sc.end, sc.escape
	inSingle, inDouble := false, false
	for i := pos; i < end; i++ {
		c := t[i]
		switch {
		case c == escape && !inSingle:
			i++ // the next character is literal
		case c == '\'' && !inDouble:
			inSingle = !inSingle
		case c == '"' && !inSingle:
			inDouble = !inDouble
		case c == '$' && !inSingle:
			if next := sc.dollar(i); next > i {
				i = next - 1
			}
		}
	}
}

func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c byte) bool { return isNameStart(c) || (c >= '0' && c <= '9') }

// varScanner reads references into out. Nested references (${a:-${b}})
// follow the one they are nested in. It keeps its own stack of open
// braces instead of recursing, so any depth costs linear time and no
// goroutine stack.
type varScanner struct {
	vt     varText
	end    int
	escape byte
	inFlag bool
	out    []VarRef
}

// openRef is a ${ whose operand is being read.
type openRef struct {
	ref   int // index in out
	start int // the '$'
	os    int // where the operand starts
	depth int // '{' inside the operand not closed yet
}

// dollar reads the reference starting at the '$' at i (with every
// reference nested in it) and returns the offset after it.
func (sc *varScanner) dollar(i int) int {
	t, end := sc.vt.t, sc.end
	var stack []openRef
	j := sc.head(i, &stack)
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		switch {
		case j >= end:
			sc.close(&stack, j, end)
			j = end
		case t[j] == sc.escape:
			j += 2
		case t[j] == '$':
			next := sc.head(j, &stack)
			j = max(next, j+1)
		case t[j] == '{':
			top.depth++
			j++
		case t[j] == '}' && top.depth > 0:
			top.depth--
			j++
		case t[j] == '}':
			sc.close(&stack, j, j+1)
			j++
		default:
			j++
		}
	}
	return j
}

// head reads "$NAME", "${NAME}" or "${NAME<modifier>" at i. A reference
// with an operand is pushed on stack and finished by close; head returns
// the offset after what it read.
func (sc *varScanner) head(i int, stack *[]openRef) int {
	t, end, vt := sc.vt.t, sc.end, sc.vt
	if i+1 >= end {
		return i + 1
	}
	if t[i+1] != '{' {
		j := i + 1
		if !isNameStart(t[j]) {
			return i + 1
		}
		for j < end && isNameChar(t[j]) {
			j++
		}
		sc.out = append(sc.out, VarRef{Span: vt.span(i, j), Name: t[i+1 : j], NameSpan: vt.span(i+1, j), Operand: noSpan, InFlag: sc.inFlag})
		return j
	}
	j := i + 2
	ns := j
	for j < end && isNameChar(t[j]) {
		j++
	}
	sc.out = append(sc.out, VarRef{Braced: true, Name: t[ns:j], NameSpan: vt.span(ns, j), Operand: noSpan, InFlag: sc.inFlag})
	ref := len(sc.out) - 1
	if j >= end || t[j] == '}' {
		if j < end {
			j++
		}
		sc.out[ref].Span = vt.span(i, j)
		return j
	}
	ms := j
	switch {
	case t[j] == ':' && j+1 < end && (t[j+1] == '-' || t[j+1] == '+' || t[j+1] == '?'):
		j += 2
	case t[j] == '#' || t[j] == '%' || t[j] == '/':
		j++
		if j < end && t[j] == t[j-1] {
			j++
		}
	case t[j] == '-' || t[j] == '+' || t[j] == '?':
		j++
	case t[j] == ':':
		j++ // an unsupported modifier; BuildKit reports it when expanding
	}
	sc.out[ref].Modifier = t[ms:j]
	*stack = append(*stack, openRef{ref: ref, start: i, os: j, depth: 0})
	return j
}

// close finishes the innermost open reference: its operand ends at
// operandEnd and the reference at end.
func (sc *varScanner) close(stack *[]openRef, operandEnd, end int) {
	top := (*stack)[len(*stack)-1]
	*stack = (*stack)[:len(*stack)-1]
	r := &sc.out[top.ref]
	r.Operand = sc.vt.span(top.os, min(operandEnd, sc.end))
	r.Span = sc.vt.span(top.start, end)
}
