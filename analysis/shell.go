package analysis

import "strings"

// This file checks the shell in RUN with mvdan.cc/sh (the parse is
// shell_script.go's, shared with the semantic tokens): a RUN whose command
// is not valid shell builds fine and fails only when the step runs, so the
// finding is a warning (ShellSyntax). Only RUNs that a POSIX-style shell
// runs are checked: not exec form, not under a SHELL that names another
// program, not in Windows-style files, not heredoc bodies for another
// interpreter.

// checkShellSyntax checks every RUN of the document (ShellSyntax).
func checkShellSyntax(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, st := range d.Stages() {
		d.posixShellForms(st, func(ins, top *Instruction) {
			if ins == top && ins.Cmd == "RUN" && ins.JSON == nil {
				out = append(out, d.checkRunShell(r, ins)...)
			}
		})
	}
	return out
}

// posixShellForms calls fn for each instruction of st, ONBUILD triggers
// included (top is the instruction that holds it), whose shell form a
// /bin/sh-like shell runs: the SHELL in force at it (in st, else inherited
// from the stages st builds on) names one, or there is none and the image
// is not Windows-like and the file does not use Windows' escape token.
func (d *Document) posixShellForms(st *Stage, fn func(ins, top *Instruction)) {
	posix := d.inheritedPOSIXShell(st)
	for _, ins := range st.Instructions {
		if v, ok := posixShellInstruction(ins); ok {
			posix = v
			continue
		}
		if !posix || !runsShell(ins.Cmd) || hasDrivePath(ins.ArgsText) {
			continue
		}
		fn(ins, ins)
		if ins.Sub != nil {
			fn(ins.Sub, ins)
		}
	}
}

// inheritedPOSIXShell reports whether RUN at the start of st runs a
// /bin/sh-like shell: the last SHELL of the stages it builds on decides,
// else its base image and the escape token.
func (d *Document) inheritedPOSIXShell(st *Stage) bool {
	root := st
	for s := st.Parent; s != nil; s = s.Parent {
		for i := len(s.Instructions) - 1; i >= 0; i-- {
			if v, ok := posixShellInstruction(s.Instructions[i]); ok {
				return v
			}
		}
		root = s
	}
	return !d.looksWindows(root.Image) // Windows Dockerfiles run cmd or PowerShell
}

// posixShell reports whether every shell form of st runs in a
// /bin/sh-like shell: what it inherits is one and no SHELL in st names
// another program (the formatter's question, asked per stage).
func (d *Document) posixShell(st *Stage) bool {
	if !d.inheritedPOSIXShell(st) {
		return false
	}
	for _, ins := range st.Instructions {
		if v, ok := posixShellInstruction(ins); ok && !v {
			return false
		}
	}
	return true
}

// posixShellInstruction reports, for a SHELL instruction (ok), whether the
// program it names is a /bin/sh-like shell.
func posixShellInstruction(ins *Instruction) (posix, ok bool) {
	if ins.Cmd != "SHELL" || !ins.IsExecForm() || len(ins.JSON.Elems) == 0 {
		return false, false
	}
	name := ins.JSON.Elems[0].Value
	return isShell(name[strings.LastIndexAny(name, `/\`)+1:]), true
}

// runsShell reports whether an instruction's shell form goes to the shell
// (ONBUILD's trigger is looked at on its own).
func runsShell(cmd string) bool {
	switch cmd {
	case "RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK", "ONBUILD":
		return true
	}
	return false
}

// hasDrivePath spots cmd/PowerShell steps in images we cannot identify
// (FROM $BASE): POSIX shells do not see drive letters (a letter after a
// word boundary, then ":\").
func hasDrivePath(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == ':' && s[i+1] == '\\' && isASCIILetter(s[i-1]) && (i == 1 || !isWordByte(s[i-2])) {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isWordByte(c byte) bool { return isASCIILetter(c) || c >= '0' && c <= '9' || c == '_' }

// checkRunShell reports the first syntax error of ins's script (the parse
// shared with the semantic tokens). With heredocs, only a body that is the
// script itself (RUN <<EOF) is checked.
func (d *Document) checkRunShell(r *Rule, ins *Instruction) []Diagnostic {
	sc := d.shellScript(ins)
	if sc == nil || sc.complex || !sc.parsed.hasErr {
		return nil
	}
	off, msg := sc.parsed.errOff, sc.parsed.errMsg
	if h := sc.body; h != nil {
		at := min(h.Body.Start+off, max(h.Body.End-1, h.Body.Start))
		return []Diagnostic{r.report(d.wordSpanAt(at, h.Body), false, Data{}, "", shellProblem(msg))}
	}
	text := ins.ArgsText
	start := min(off, max(len(text)-1, 0))
	span := ins.LogicalSpan(start, min(start+1, len(text)))
	return []Diagnostic{r.report(d.wordSpanAt(span.Start, ins.ArgsSpan), false, Data{}, "", shellProblem(msg))}
}

// wordSpanAt widens off to the word around it, within limits.
func (d *Document) wordSpanAt(off int, within Span) Span {
	if off >= within.End {
		off = max(within.End-1, within.Start)
	}
	s, e := off, off
	for s > within.Start && !isSpaceByte(d.Text[s-1]) {
		s--
	}
	for e < within.End && !isSpaceByte(d.Text[e]) {
		e++
	}
	if s == e && e < within.End {
		e++
	}
	return Span{s, e}
}
