package analysis

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// This file checks the shell in RUN with mvdan.cc/sh: a RUN whose command
// is not valid shell builds fine and fails only when the step runs, so the
// finding is a warning (ShellSyntax). Only RUNs that a POSIX-style shell
// runs are checked: not exec form, not under a SHELL that names another
// program, not in Windows-style files, not heredoc bodies for another
// interpreter.

// checkShellSyntax checks every RUN of the document (ShellSyntax).
func checkShellSyntax(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	if d.Escape == '`' {
		return nil // Windows Dockerfiles run cmd or PowerShell
	}
	var out []Diagnostic
	for _, st := range d.Stages() {
		if !d.posixShell(st) {
			continue
		}
		for _, ins := range st.Instructions {
			if _, deep := ins.tooDeep(); ins.Cmd != "RUN" || ins.IsExecForm() || ins.JSON != nil || deep {
				continue
			}
			out = append(out, d.checkRunShell(r, ins)...)
		}
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

func (d *Document) checkRunShell(r *Rule, ins *Instruction) []Diagnostic {
	text := ins.ArgsText
	if strings.Contains(text, `:\`) && windowsPath.MatchString(text) { // the regexp is slow; most RUNs have no ":\"
		return nil
	}
	if len(ins.Heredocs) > 0 {
		// With heredocs the command line names the inputs; a body is a script
		// only when the command is nothing but the heredoc (RUN <<EOF).
		if strings.TrimSpace(strings.Join(strings.Fields(text), " ")) != d.Text[ins.Heredocs[0].Marker.Start:ins.Heredocs[0].Marker.End] || len(ins.Heredocs) != 1 {
			return nil
		}
		h := ins.Heredocs[0]
		body := d.Text[h.Body.Start:h.Body.End]
		if strings.HasPrefix(body, "#!") && !strings.Contains(strings.SplitN(body, "\n", 2)[0], "sh") {
			return nil
		}
		if off, msg, ok := shellError(body); ok {
			at := min(h.Body.Start+off, max(h.Body.End-1, h.Body.Start))
			return []Diagnostic{r.report(d.wordSpanAt(at, h.Body), false, Data{}, "", shellProblem(msg))}
		}
		return nil
	}
	if off, msg, ok := shellError(text); ok {
		start := min(off, max(len(text)-1, 0))
		span := ins.LogicalSpan(start, min(start+1, len(text)))
		return []Diagnostic{r.report(d.wordSpanAt(span.Start, ins.ArgsSpan), false, Data{}, "", shellProblem(msg))}
	}
	return nil
}

var shellParsers = sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }}

// shellError parses script and returns where the first syntax error is.
func shellError(script string) (off int, msg string, ok bool) {
	// syntax.Parser keeps state and is not safe to share, but it resets
	// on each Parse: a pool gives each goroutine its own (a new one per
	// RUN was a third of what a 10 MB file allocated).
	p := shellParsers.Get().(*syntax.Parser)
	defer shellParsers.Put(p)
	_, err := p.Parse(strings.NewReader(script), "")
	var pe syntax.ParseError
	if err == nil || !errors.As(err, &pe) {
		return 0, "", false
	}
	return int(pe.Pos.Offset()), pe.Text, true
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
