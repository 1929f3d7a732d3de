package analysis

import (
	"regexp"
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
		img := strings.ToLower(s.Image)
		if strings.Contains(img, "windows") || strings.Contains(img, "nanoserver") || strings.Contains(img, "servercore") {
			return false
		}
		for _, ins := range s.Instructions {
			if ins.Cmd == "SHELL" && ins.IsExecForm() && len(ins.JSON.Elems) > 0 {
				name := ins.JSON.Elems[0].Value
				base := name[strings.LastIndexAny(name, `/\`)+1:]
				switch base {
				case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox":
				default:
					return false
				}
			}
		}
	}
	return true
}

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
