package analysis

import (
	"regexp"
	"slices"
	"strings"
)

// This file checks the shell in RUN with mvdan.cc/sh: a RUN whose command
// is not valid shell builds fine and fails only when the step runs, so the
// finding is a warning (ShellSyntax). Only RUNs that a POSIX-style shell
// runs are checked: not exec form, not under a SHELL that names another
// program, not in Windows-style files, not heredoc bodies for another
// interpreter.

// checkShellSyntax reports the RUN scripts that do not parse (ShellSyntax).
func checkShellSyntax(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		if s.err == nil {
			continue
		}
		off, msg := int(s.err.Pos.Offset()), s.err.Text
		if h := s.body; h != nil {
			at := min(h.Body.Start+off, max(h.Body.End-1, h.Body.Start))
			out = append(out, r.report(d.wordSpanAt(at, h.Body), false, Data{}, "", msg))
			continue
		}
		start := min(off, max(len(s.src)-1, 0))
		span := s.ins.LogicalSpan(start, min(start+1, len(s.src)))
		out = append(out, r.report(d.wordSpanAt(span.Start, s.ins.ArgsSpan), false, Data{}, "", msg))
	}
	return out
}

// posixShell reports whether RUN in st (or the stages it builds on) runs
// /bin/sh-like shells.
func (d *Document) posixShell(st *Stage) bool {
	for s := st; s != nil; s = s.Parent {
		if windowsImage(s.Image) {
			return false
		}
		for _, ins := range s.Instructions {
			if isShellSetting(ins) && !posixProgram(ins.JSON.Elems[0].Value) {
				return false
			}
		}
	}
	return true
}

// posixAtStart reports whether the first RUN of st runs a /bin/sh-like
// shell: no Windows base, and the last SHELL of the nearest stage it builds
// on that has one (if any) names such a shell. parseRunScripts follows the
// SHELLs of st itself, so that a RUN before SHELL ["pwsh", …] is still
// checked.
func (d *Document) posixAtStart(st *Stage) bool {
	if onWindows(st) {
		return false
	}
	for _, s := range stageChain(st)[1:] {
		if sh := lastShell(s); sh != nil {
			return posixProgram(sh.JSON.Elems[0].Value)
		}
	}
	return true
}

// lastShell is the last SHELL (exec form) of a stage, or nil.
func lastShell(st *Stage) *Instruction {
	for i := len(st.Instructions) - 1; i >= 0; i-- {
		if ins := st.Instructions[i]; isShellSetting(ins) {
			return ins
		}
	}
	return nil
}

func isShellSetting(ins *Instruction) bool {
	return ins.Cmd == "SHELL" && ins.IsExecForm() && ins.JSON != nil && len(ins.JSON.Elems) > 0
}

// onWindows reports whether st or a stage it builds on is from a Windows
// image.
func onWindows(st *Stage) bool {
	return slices.ContainsFunc(stageChain(st), func(s *Stage) bool { return windowsImage(s.Image) })
}

func windowsImage(image string) bool {
	img := strings.ToLower(image)
	return strings.Contains(img, "windows") || strings.Contains(img, "nanoserver") || strings.Contains(img, "servercore")
}

// posixProgram reports whether a SHELL program (a path or a name) is a
// /bin/sh-like shell.
func posixProgram(name string) bool { return isShell(name[strings.LastIndexAny(name, `/\`)+1:]) }

// windowsPath spots cmd/PowerShell steps in images we cannot identify
// (FROM $BASE): POSIX shells do not see drive letters.
var windowsPath = regexp.MustCompile(`(?i)\b[a-z]:\\`)

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
