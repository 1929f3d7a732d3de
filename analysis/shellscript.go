package analysis

import (
	"errors"
	"path"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// This file is the one place RUN's shell is parsed for the rules: each RUN
// that a POSIX-style shell runs becomes a runScript, parsed once per
// document with mvdan.cc/sh and shared by ShellSyntax and the shell-aware
// rules (rules_shell.go). Never regular expressions for shell.

// runScript is the shell program one RUN hands to its shell: the
// shell-form command (continuation lines joined, as BuildKit joins them) or
// the body of a RUN <<EOF heredoc, which BuildKit runs as the script.
type runScript struct {
	ins     *Instruction
	stage   *Stage
	src     string
	body    *Heredoc     // the heredoc whose body is the script; nil for shell form
	shebang string       // the interpreter its "#!" line names, "" when none
	file    *syntax.File // nil when src does not parse
	err     *syntax.ParseError
	cmds    []*shellCall        // every simple command, in source order
	pipes   []*syntax.BinaryCmd // the outermost pipelines, in source order
}

// span maps [start,end) of the script's source to the document.
func (s *runScript) span(start, end int) Span {
	if s.body != nil {
		return Span{s.body.Body.Start + start, s.body.Body.Start + end}
	}
	return s.ins.LogicalSpan(start, end)
}

// nodeSpan is the document span of a node of the script.
func (s *runScript) nodeSpan(n syntax.Node) Span {
	return s.span(int(n.Pos().Offset()), int(n.End().Offset()))
}

// at is the document offset of a position in the script.
func (s *runScript) at(p syntax.Pos) int { return s.span(int(p.Offset()), int(p.Offset())).Start }

// runScripts returns the scripts of every RUN a POSIX-style shell runs.
// Exec form, RUNs under a SHELL naming another program, Windows-style
// files and heredocs for other interpreters have none. ONBUILD triggers
// are not included: they run in another build. The scripts are parsed once
// for the rules of one ourDiagnostics run and dropped after it
// (dropScripts): syntax trees of every RUN would more than quadruple what a
// large document holds. A fix reparses its one RUN (scriptOf).
func (d *Document) runScripts() []*runScript {
	d.shellMu.Lock()
	defer d.shellMu.Unlock()
	if d.scripts == nil {
		d.scripts = d.parseRunScripts()
	}
	return d.scripts
}

// dropScripts lets the syntax trees go once the rules have run.
func (d *Document) dropScripts() {
	d.shellMu.Lock()
	d.scripts = nil
	d.shellMu.Unlock()
}

// scriptOf parses the script of one RUN (nil when it has none), for a fix.
func (d *Document) scriptOf(ins *Instruction) *runScript {
	st := d.StageOf(ins)
	if st == nil {
		return nil
	}
	var found *runScript
	d.posixShellForms(st, func(in, top *Instruction) {
		if in == ins && in == top {
			found = d.newRunScript(ins, st)
		}
	})
	return found
}

// parseRunScripts parses every RUN that a POSIX-style shell runs (which
// ones: posixShellForms in shell.go).
func (d *Document) parseRunScripts() []*runScript {
	out := []*runScript{} // not nil: parsed, even when there is none
	for _, st := range d.Stages() {
		d.posixShellForms(st, func(ins, top *Instruction) {
			if ins == top {
				if s := d.newRunScript(ins, st); s != nil {
					out = append(out, s)
				}
			}
		})
	}
	return out
}

// newRunScript parses the script of ins, a RUN of st that a POSIX-style
// shell runs; nil when it has none.
func (d *Document) newRunScript(ins *Instruction, st *Stage) *runScript {
	if _, deep := ins.tooDeep(); ins.Cmd != "RUN" || ins.IsExecForm() || ins.JSON != nil || deep {
		return nil // too deep: ChecksSkipped says so, and the parser would be slow
	}
	s := &runScript{ins: ins, stage: st, src: ins.ArgsText}
	if len(ins.Heredocs) > 0 {
		// With heredocs the command line names the inputs; a body is a shell
		// script only when the command is nothing but the heredoc (RUN <<EOF)
		// and no "#!" line names another interpreter.
		h := &ins.Heredocs[0]
		body := d.text(h.Body)
		form := heredocFormOf(ins, *h, body)
		if !form.script || (form.shebang != "" && !isShell(form.shebang)) {
			return nil
		}
		s.body, s.src, s.shebang = h, body, form.shebang
	}
	s.parse()
	return s
}

// shellParsers: syntax.Parser keeps state and is not safe to share, but it
// resets on each Parse, so a pool gives each goroutine its own (a new one
// per RUN was a third of what a 10 MB file allocated).
var shellParsers = sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }}

func (s *runScript) parse() {
	p := shellParsers.Get().(*syntax.Parser)
	defer shellParsers.Put(p)
	f, err := p.Parse(strings.NewReader(s.src), "")
	var pe syntax.ParseError
	switch {
	case err == nil:
		s.file = f
		s.cmds, s.pipes = collect(f)
	case errors.As(err, &pe):
		s.err = &pe
	}
}

// interpreter is the program a heredoc script's "#!" line names ("" when
// it has none), e.g. "bash" for "#!/usr/bin/env bash".
func (s *runScript) interpreter() string { return s.shebang }

// shellCall is one simple command of a script, with the wrappers that run
// it (sudo, env, xargs…) taken off: name is the program and args its
// arguments.
type shellCall struct {
	call     *syntax.CallExpr
	name     string         // the program's base name, "" when not a literal
	args     []*syntax.Word // after the program name
	wrappers []string       // e.g. ["sudo"] for "sudo apt-get …"
	nameWord *syntax.Word
}

// lit returns the literal value of args[i] (quotes removed), ok=false when
// it has expansions.
func (c *shellCall) lit(i int) (string, bool) { return wordLit(c.args[i]) }

// lits returns the literal values of the arguments; an argument with
// expansions is "".
func (c *shellCall) lits() []string {
	out := make([]string, len(c.args))
	for i := range c.args {
		out[i], _ = c.lit(i)
	}
	return out
}

// wordLit is the value of a word made of literals and quoted literals.
func wordLit(w *syntax.Word) (string, bool) {
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok {
			return l.Value, true // the common case, without copying
		}
	}
	var b strings.Builder
	for _, p := range w.Parts {
		switch p := p.(type) {
		case *syntax.Lit:
			b.WriteString(p.Value)
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, q := range p.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok {
					return "", false
				}
				b.WriteString(l.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// calls returns every simple command of the script in source order,
// including those in subshells, conditionals, loops and functions (none
// when it does not parse).
func (s *runScript) calls() []*shellCall { return s.cmds }

// collect finds the simple commands and the outermost pipelines of f in
// one walk.
func collect(f *syntax.File) (calls []*shellCall, pipes []*syntax.BinaryCmd) {
	var isPipe []bool // per node being walked: is it a pipeline
	depth := 0        // pipelines being walked
	syntax.Walk(f, func(n syntax.Node) bool {
		if n == nil { // leaving a node
			if isPipe[len(isPipe)-1] {
				depth--
			}
			isPipe = isPipe[:len(isPipe)-1]
			return true
		}
		pipe := false
		switch n := n.(type) {
		case *syntax.CallExpr:
			if len(n.Args) > 0 {
				calls = append(calls, unwrapCall(n))
			}
		case *syntax.BinaryCmd:
			if pipe = n.Op == syntax.Pipe || n.Op == syntax.PipeAll; pipe {
				if depth == 0 {
					pipes = append(pipes, n)
				}
				depth++
			}
		}
		isPipe = append(isPipe, pipe)
		return true
	})
	return calls, pipes
}

// wrapperArgs are the options of wrapper programs that take a value, so
// the wrapped program is found after them.
var wrapperArgs = map[string]map[string]bool{
	"sudo":    {"-u": true, "-g": true, "-C": true, "-D": true, "-h": true, "-p": true, "-r": true, "-t": true, "-U": true, "-T": true},
	"doas":    {"-u": true, "-C": true},
	"env":     {"-u": true, "-C": true, "-S": true},
	"nice":    {"-n": true},
	"xargs":   {"-a": true, "-d": true, "-E": true, "-I": true, "-L": true, "-n": true, "-P": true, "-s": true},
	"timeout": {"-s": true, "-k": true},
	"command": {}, "exec": {}, "nohup": {}, "eatmydata": {}, "time": {}, "stdbuf": {},
}

func unwrapCall(ce *syntax.CallExpr) *shellCall {
	c := &shellCall{call: ce}
	words := ce.Args
	for len(words) > 0 {
		name, _ := wordLit(words[0])
		name = path.Base(name)
		opts, isWrapper := wrapperArgs[name]
		if !isWrapper || len(words) == 1 {
			c.name, c.nameWord, c.args = name, words[0], words[1:]
			return c
		}
		c.wrappers = append(c.wrappers, name)
		i := 1
		for i < len(words) {
			v, _ := wordLit(words[i])
			if v == "--" {
				i++
				break
			}
			if name == "env" && strings.Contains(v, "=") && !strings.HasPrefix(v, "-") {
				i++
				continue
			}
			if !strings.HasPrefix(v, "-") || v == "-" {
				break
			}
			if opts[v] {
				i++
			}
			i++
		}
		if name == "timeout" && i < len(words) {
			i++ // the duration
		}
		words = words[i:]
	}
	c.name = ""
	return c
}

// subcommand finds the first operand of a command (its subcommand, as
// in "apt-get -q install") and its index, skipping options; those listed
// in valued take the next word as their value. at is -1 when unknown.
func subcommand(args []string, valued map[string]bool) (sub string, at int) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "" {
			return "", -1 // an expansion: cannot tell
		}
		if !strings.HasPrefix(a, "-") {
			return a, i
		}
		if valued[a] {
			i++
		}
	}
	return "", -1
}
