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
	t := vt.t
	var out []VarRef
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
			refs, next := scanDollar(vt, i, end, escape, inFlag)
			out = append(out, refs...)
			if next > i {
				i = next - 1
			}
		}
	}
	return out
}

func isNameStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isNameChar(c byte) bool { return isNameStart(c) || (c >= '0' && c <= '9') }

// scanDollar reads one reference starting at the '$' at i and returns it
// (with any nested references in its operand) and the offset after it.
func scanDollar(vt varText, i, end int, escape byte, inFlag bool) ([]VarRef, int) {
	t := vt.t
	if i+1 >= end {
		return nil, i + 1
	}
	if t[i+1] != '{' {
		j := i + 1
		if !isNameStart(t[j]) {
			return nil, i + 1
		}
		for j < end && isNameChar(t[j]) {
			j++
		}
		return []VarRef{{
			Span:     vt.span(i, j),
			Name:     t[i+1 : j],
			NameSpan: vt.span(i+1, j),
			Operand:  noSpan,
			InFlag:   inFlag,
		}}, j
	}
	j := i + 2
	ns := j
	for j < end && isNameChar(t[j]) {
		j++
	}
	ref := VarRef{Braced: true, Name: t[ns:j], NameSpan: vt.span(ns, j), Operand: noSpan, InFlag: inFlag}
	var nested []VarRef
	if j < end && t[j] != '}' {
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
		ref.Modifier = t[ms:j]
		os := j
		depth := 1
		for j < end {
			if t[j] == escape {
				j += 2
				continue
			}
			if t[j] == '$' {
				refs, next := scanDollar(vt, j, end, escape, inFlag)
				nested = append(nested, refs...)
				j = max(next, j+1)
				continue
			}
			if t[j] == '{' {
				depth++
			} else if t[j] == '}' {
				depth--
				if depth == 0 {
					break
				}
			}
			j++
		}
		ref.Operand = vt.span(os, min(j, end))
	}
	if j < end && t[j] == '}' {
		j++
	}
	ref.Span = vt.span(i, j)
	return append([]VarRef{ref}, nested...), j
}
