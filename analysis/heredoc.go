package analysis

import (
	"path"
	"strings"
)

// heredocExpansion says who, if anyone, expands $VAR in a heredoc body.
type heredocExpansion int

const (
	expandNone     heredocExpansion = iota // the body is used as written
	expandBuildKit                         // COPY/ADD: BuildKit expands ARG and ENV values
	expandShell                            // RUN: the shell expands at run time
)

// heredocForm is how BuildKit uses one heredoc (dockerfile2llb dispatchRun,
// instructions.parseSourcesAndDest, v0.34):
//   - COPY/ADD: the body becomes a file; an unquoted delimiter lets BuildKit
//     expand variables in it (quotes in the body are plain characters there).
//   - RUN whose whole command is the marker: the body is the script, run by
//     the stage's shell (quoting the delimiter changes nothing), or, when it
//     starts with "#!", saved as a file and run by that interpreter.
//   - RUN with other words: the whole text goes to the shell, whose own
//     heredoc rules apply (a quoted delimiter keeps the body literal).
type heredocForm struct {
	expansion heredocExpansion
	script    bool   // RUN's whole command: the body is the script
	shebang   string // the interpreter a "#!" line names ("" when none)
}

// heredocFormOf classifies heredoc h of ins (ONBUILD's trigger is looked
// through) whose body is body.
func heredocFormOf(ins *Instruction, h Heredoc, body string) heredocForm {
	cmd := trigger(ins)
	if cmd.Cmd != "RUN" {
		if h.Expand {
			return heredocForm{expansion: expandBuildKit}
		}
		return heredocForm{}
	}
	if len(cmd.Heredocs) != 1 || cmd.ArgsSpan != h.Marker {
		if h.Expand {
			return heredocForm{expansion: expandShell}
		}
		return heredocForm{}
	}
	f := heredocForm{expansion: expandShell, script: true}
	if h.Chomp {
		body = strings.TrimLeft(body, "\t")
	}
	if rest, ok := strings.CutPrefix(body, "#!"); ok {
		line, _, _ := strings.Cut(rest, "\n")
		f.shebang = interpreter(line)
		if !isShell(f.shebang) {
			f.expansion = expandNone
		}
	}
	return f
}

// interpreter names the program a shebang line runs ("/usr/bin/env
// python3 -u" runs python3).
func interpreter(line string) string {
	f := strings.Fields(strings.TrimRight(line, "\r"))
	if len(f) == 0 {
		return ""
	}
	prog := path.Base(f[0])
	if prog == "env" {
		for _, a := range f[1:] {
			if !strings.HasPrefix(a, "-") {
				return path.Base(a)
			}
		}
	}
	return prog
}

// isShell reports whether a program is a POSIX-like shell, which expands
// $VAR in the script it runs.
func isShell(prog string) bool {
	switch prog {
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox":
		return true
	}
	return false
}

// heredocBodyVars finds the variables a heredoc body expands: none, those
// of a shell script (single quotes keep text literal) or those BuildKit
// expands in a COPY/ADD body, where it treats quotes as plain characters
// (SkipProcessQuotes). Both use '\' as the escape, whatever the
// Dockerfile's escape directive says.
func heredocBodyVars(form heredocForm, body string, base int) []VarRef {
	if form.expansion == expandNone {
		return nil
	}
	text := body
	if form.expansion == expandBuildKit {
		text = strings.NewReplacer(`"`, " ", `'`, " ").Replace(body) // same length: offsets hold
	}
	vt := varText{text, func(a, b int) Span { return Span{base + a, base + b} }}
	return scanVarText(vt, 0, len(text), '\\', false)
}

// heredocNameSpan returns the span of the delimiter word inside the marker
// (without "<<", "-" or the quotes) and whether it can be rewritten there.
func heredocNameSpan(text string, h Heredoc) (Span, bool) {
	raw := text[h.Marker.Start:h.Marker.End]
	m := heredocRe.FindStringSubmatchIndex(raw)
	if m == nil {
		return h.Marker, false
	}
	s, e := h.Marker.Start+m[6], h.Marker.Start+m[7]
	word := text[s:e]
	switch {
	case word == h.Name:
		return Span{s, e}, true
	case len(word) >= 2 && (word[0] == '"' || word[0] == '\'') && word[len(word)-1] == word[0] && word[1:len(word)-1] == h.Name:
		return Span{s + 1, e - 1}, true
	}
	return Span{s, e}, false
}

// heredocBodyLines returns the lines of a body as the terminator search
// compares them (without line ends, leading tabs stripped under "<<-").
func heredocBodyLines(text string, h Heredoc) []string {
	body := text[h.Body.Start:h.Body.End]
	if body == "" {
		return nil
	}
	lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, "\r")
		if h.Chomp {
			l = strings.TrimLeft(l, "\t")
		}
		lines[i] = l
	}
	return lines
}
