package analysis

// FormatOnType returns the edits after the user typed ch with the cursor now
// at off (LSP on-type formatting). Only a newline is handled: the new line
// gets the continuation indentation when the line above continues an
// instruction, column 0 otherwise. Heredoc bodies, directives and lines
// left alone by an ignore marker get no edits.
func (d *Document) FormatOnType(off int, ch string, opts FormatOptions) []TextEdit {
	if ch != "\n" {
		return nil
	}
	line := d.Lines.LineOf(off)
	if k := len(d.Directives); k > 0 && line <= d.Lines.LineOf(d.Directives[k-1].Span.Start) {
		return nil
	}
	f := newFormatter(d, opts)
	if f.ignored[line] {
		return nil
	}
	want := ""
	if ins := d.InstructionAtLine(line); ins != nil && line > ins.Line {
		ind, ok := f.continuationIndent(ins, line)
		if !ok {
			return nil
		}
		want = ind
	}
	ls, le := d.Lines.LineStart(line), d.Lines.LineEnd(line)
	ws := ls + indentWidth(d.Text[ls:le])
	if d.Text[ls:ws] == want {
		return nil
	}
	return []TextEdit{{Span{ls, ws}, want}}
}

// continuationIndent is the indentation of line, a line after the first of
// ins: what the formatter gives it, or for a new empty line what it gives
// the line above. It fails in heredoc bodies and where the formatter leaves
// the indentation alone (a line starting inside quotes).
func (f *formatter) continuationIndent(ins *Instruction, line int) (string, bool) {
	L := f.layout(ins)
	if len(L.lines) == 0 || line > L.lines[len(L.lines)-1].line {
		return "", false // a heredoc body
	}
	_, targets := f.instructionEdits(ins)
	if t, ok := targets[line]; ok {
		return t, true
	}
	empty := false
	for _, ln := range L.lines {
		empty = empty || (ln.line == line && ln.empty)
	}
	if !empty {
		return "", false // a content line the formatter leaves alone
	}
	for i := len(L.lines) - 1; i >= 0; i-- {
		ln := L.lines[i]
		switch t, ok := targets[ln.line]; {
		case ln.line >= line || ln.empty:
		case ln.line == ins.Line:
			return f.unit(), true
		case ok:
			return t, true
		default:
			return f.d.Lines.Line(ln.line)[:indentWidth(f.d.Lines.Line(ln.line))], true
		}
	}
	return f.unit(), true
}
