package analysis

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// This file finds, with mvdan.cc/sh, the commands each RUN certainly runs,
// for the rules that compare them with the base image (rules_image.go):
// a package manager, useradd, adduser. "Certainly" because a portable
// script tests before it runs ("command -v apk && apk add …", "if …; then
// apt-get …; fi"): commands under if, case, loops and functions, after
// "||", or in an "&&" chain that probes for a program, are left out.
// (The shell rules on branch shellrules parse every RUN once into
// runScripts; when both land, this walk can read those.)

// runCommand is one simple command a RUN runs, wrappers (sudo, env…) taken off.
type runCommand struct {
	ins      *Instruction
	stage    *Stage
	name     string // the program's base name
	nameSpan Span
	args     []string // literal values; "" for a word with expansions
	argSpans []Span
}

// runCommands returns the commands of every RUN in the document's stages,
// parsed once (ONBUILD triggers run in another build: not included).
func (d *Document) runCommands() []runCommand {
	d.runCmdsOnce.Do(func() {
		if d.Escape == '`' {
			return // Windows Dockerfiles run cmd or PowerShell
		}
		for _, st := range d.Stages() {
			for _, ins := range st.Instructions {
				if _, deep := ins.tooDeep(); ins.Cmd == "RUN" && !deep {
					d.runCmds = append(d.runCmds, d.commandsOf(st, ins)...)
				}
			}
		}
	})
	return d.runCmds
}

// commandsOf parses one RUN: exec form is one command; shell form and a
// RUN <<EOF script are parsed as bash.
func (d *Document) commandsOf(st *Stage, ins *Instruction) []runCommand {
	if ins.IsExecForm() {
		el := ins.JSON.Elems
		if len(el) == 0 {
			return nil
		}
		c := runCommand{ins: ins, stage: st, name: path.Base(el[0].Value), nameSpan: el[0].Span}
		for _, w := range el[1:] {
			c.args, c.argSpans = append(c.args, w.Value), append(c.argSpans, w.Span)
		}
		return []runCommand{c}
	}
	if ins.JSON != nil {
		return nil // malformed JSON: MalformedJSONForm's business
	}
	src, at := ins.ArgsText, func(start, end int) Span { return ins.LogicalSpan(start, end) }
	if len(ins.Heredocs) > 0 {
		h := ins.Heredocs[0]
		if len(ins.Heredocs) != 1 || strings.Join(strings.Fields(ins.ArgsText), " ") != d.text(h.Marker) {
			return nil // the heredoc is a file for a command, not the script
		}
		src = d.text(h.Body)
		if first, _, _ := strings.Cut(src, "\n"); strings.HasPrefix(first, "#!") && !strings.Contains(first, "sh") {
			return nil
		}
		at = func(start, end int) Span { return Span{h.Body.Start + start, h.Body.Start + end} }
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		return nil // ShellSyntax reports it
	}
	var out []runCommand
	certainCalls(f.Stmts, func(ce *syntax.CallExpr) {
		words := unwrapped(ce.Args)
		if len(words) == 0 {
			return
		}
		name, ok := wordLit(words[0])
		if !ok {
			return
		}
		span := func(n syntax.Node) Span { return at(int(n.Pos().Offset()), int(n.End().Offset())) }
		c := runCommand{ins: ins, stage: st, name: path.Base(name), nameSpan: span(words[0])}
		for _, w := range words[1:] {
			v, _ := wordLit(w)
			c.args, c.argSpans = append(c.args, v), append(c.argSpans, span(w))
		}
		out = append(out, c)
	})
	return out
}

// certainCalls visits the simple commands that run whenever the script
// runs to them (see the file comment).
func certainCalls(stmts []*syntax.Stmt, visit func(*syntax.CallExpr)) {
	for _, s := range stmts {
		certainCall(s, visit)
	}
}

func certainCall(s *syntax.Stmt, visit func(*syntax.CallExpr)) {
	switch c := s.Cmd.(type) {
	case *syntax.CallExpr:
		if len(c.Args) > 0 {
			visit(c)
		}
	case *syntax.BinaryCmd:
		switch c.Op {
		case syntax.AndStmt:
			if probes(c.X) {
				return
			}
			certainCall(c.X, visit)
			certainCall(c.Y, visit)
		case syntax.OrStmt:
			certainCall(c.X, visit)
		case syntax.Pipe, syntax.PipeAll:
			certainCall(c.X, visit)
			certainCall(c.Y, visit)
		}
	case *syntax.Block:
		certainCalls(c.Stmts, visit)
	case *syntax.Subshell:
		certainCalls(c.Stmts, visit)
	}
}

// probeCommands test whether something exists rather than use it.
var probeCommands = map[string]bool{"command": true, "which": true, "type": true, "hash": true, "test": true, "[": true}

// probes reports whether s (or the left of its "&&" chain) is a test.
func probes(s *syntax.Stmt) bool {
	switch c := s.Cmd.(type) {
	case *syntax.TestClause:
		return true
	case *syntax.CallExpr:
		if len(c.Args) > 0 {
			name, _ := wordLit(c.Args[0])
			return probeCommands[path.Base(name)]
		}
	case *syntax.BinaryCmd:
		return probes(c.X) || probes(c.Y)
	}
	return false
}

// wrapperPrograms run the command after them (and their options).
var wrapperPrograms = map[string]bool{"sudo": true, "doas": true, "env": true, "nice": true, "nohup": true, "exec": true, "eatmydata": true, "time": true}

// unwrapped drops leading wrappers, their options and env's assignments.
func unwrapped(words []*syntax.Word) []*syntax.Word {
	for len(words) > 1 {
		name, _ := wordLit(words[0])
		if !wrapperPrograms[path.Base(name)] {
			break
		}
		words = words[1:]
		for len(words) > 1 {
			v, _ := wordLit(words[0])
			if v == "--" {
				words = words[1:]
				break
			}
			if !strings.HasPrefix(v, "-") && !(name == "env" && strings.Contains(v, "=")) {
				break
			}
			words = words[1:]
			if v == "-u" || v == "-g" || v == "-n" {
				words = words[1:] // an option with a value
			}
		}
	}
	return words
}
