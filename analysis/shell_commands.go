package analysis

import (
	"path"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// The checks of how RUN's commands are put together: CdInsteadOfWorkdir,
// PipeToShell, PipefailMissing and SudoInRun.

// leadingCd returns the cd that starts s (the first statement, or the
// first command of a leading && chain; never one inside a subshell or a
// group), the command chained after it (nil when none) and whether it is
// the whole script.
func leadingCd(s *runScript) (cd *shellCall, next *syntax.Stmt, alone bool) {
	if s.file == nil || len(s.file.Stmts) == 0 {
		return nil, nil, false
	}
	stmt := s.file.Stmts[0]
	for {
		b, ok := stmt.Cmd.(*syntax.BinaryCmd)
		if !ok || b.Op != syntax.AndStmt {
			break
		}
		stmt, next = b.X, b.Y
	}
	ce, ok := stmt.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) != 2 || len(ce.Assigns) > 0 || len(stmt.Redirs) > 0 || stmt.Negated || stmt.Background {
		return nil, nil, false
	}
	c := unwrapCall(ce)
	if c.name != "cd" || len(c.wrappers) > 0 {
		return nil, nil, false
	}
	if dir, ok := c.lit(0); !ok || dir == "-" || strings.HasPrefix(dir, "~") {
		return nil, nil, false
	}
	return c, next, next == nil && len(s.file.Stmts) == 1
}

func checkCdInsteadOfWorkdir(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		cd, _, alone := leadingCd(s)
		if cd == nil {
			continue
		}
		dir, _ := cd.lit(0)
		if d.mountsAt(s.ins, nil, path.Clean(d.ExpandAt(s.ins, dir))) {
			continue // the directory is there only while the RUN runs: WORKDIR cannot stand in
		}
		id := ""
		if alone {
			id = "alone"
		}
		out = append(out, r.report(s.nodeSpan(cd.call), false, Data{Token: dir}, id, dir))
	}
	return out
}

// fixCdInsteadOfWorkdir turns "RUN cd dir && rest" into "WORKDIR dir" and
// "RUN rest". Not preferred: WORKDIR also moves every later instruction of
// the stage, which the cd did not.
func fixCdInsteadOfWorkdir(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	s := d.scriptOf(target)
	if s == nil || s.body != nil || target.Sub != nil {
		return nil
	}
	cd, next, _ := leadingCd(s)
	if cd == nil || next == nil {
		return nil
	}
	lineStart := d.Lines.LineStart(target.Line)
	indent := d.Text[lineStart:target.Keyword.Start]
	del := Span{s.at(cd.call.Pos()), s.at(next.Pos())}
	return []CodeAction{{
		Title: "Use WORKDIR " + diag.Data.Token,
		Edits: []TextEdit{{Span{lineStart, lineStart}, indent + "WORKDIR " + diag.Data.Token + "\n"}, {del, ""}},
	}}
}

// shells are the programs that run a script read from their input.
var shells = map[string]bool{"sh": true, "bash": true, "dash": true, "zsh": true, "ash": true, "ksh": true, "mksh": true}

// pipeline returns the commands of a pipeline (a | b | c) in order.
func pipeline(b *syntax.BinaryCmd) []*syntax.Stmt {
	var out []*syntax.Stmt
	for _, st := range []*syntax.Stmt{b.X, b.Y} {
		if inner, ok := st.Cmd.(*syntax.BinaryCmd); ok && (inner.Op == syntax.Pipe || inner.Op == syntax.PipeAll) {
			out = append(out, pipeline(inner)...)
		} else {
			out = append(out, st)
		}
	}
	return out
}

// pipelines returns the outermost pipelines of s in source order.
func pipelines(s *runScript) []*syntax.BinaryCmd { return s.pipes }

// stmtCall is the simple command of a pipeline element, unwrapped, or nil.
func stmtCall(st *syntax.Stmt) *shellCall {
	if ce, ok := st.Cmd.(*syntax.CallExpr); ok && len(ce.Args) > 0 {
		return unwrapCall(ce)
	}
	return nil
}

func checkPipeToShell(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		for _, b := range pipelines(s) {
			elems := pipeline(b)
			last := stmtCall(elems[len(elems)-1])
			if last == nil || !shells[last.name] || hasArg(last.lits(), "-c") {
				continue
			}
			for _, e := range elems[:len(elems)-1] {
				if c := stmtCall(e); c != nil && fetchers[c.name] {
					span := Span{s.pipeInto(elems[len(elems)-1]), s.at(last.nameWord.End())}
					out = append(out, r.report(span, false, Data{Token: last.name}, "", c.name, last.name))
					break
				}
			}
		}
	}
	return out
}

// pipeInto returns the document offset of the "|" that feeds el.
func (s *runScript) pipeInto(el *syntax.Stmt) int {
	found := s.at(el.Pos())
	syntax.Walk(s.file, func(n syntax.Node) bool {
		if b, ok := n.(*syntax.BinaryCmd); ok && b.Y == el {
			found = s.at(b.OpPos)
			return false
		}
		return true
	})
	return found
}

// fetchers are the download commands whose failure a pipeline hides:
// the next command reads an empty or cut-off stream and may well succeed.
// Other producers are not reported: on the official images' Dockerfiles
// (written for dash and BusyBox ash, where experts do without pipefail)
// nearly every pipeline ends in a consumer that fails on bad input itself
// (sha256sum -c, tar, awk 'exit 1'), and a rule about all of them was
// mostly noise (see the note of issue 13).
var fetchers = map[string]bool{"curl": true, "wget": true}

func checkPipefailMissing(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		for _, b := range pipelines(s) {
			elems := pipeline(b)
			fetch := ""
			for _, e := range elems[:len(elems)-1] {
				if c := stmtCall(e); c != nil && fetchers[c.name] {
					fetch = c.name
					break
				}
			}
			if fetch == "" || pipefailSetBefore(s, int(b.Pos().Offset())) {
				continue
			}
			if d.pipefail(s) != pipefailOff {
				break
			}
			last := "the last command"
			if c := stmtCall(elems[len(elems)-1]); c != nil && c.name != "" {
				last = c.name
			}
			at := s.firstPipe(b)
			out = append(out, r.report(Span{at, at + 1}, false, Data{Token: fetch}, "", fetch, last))
			break // one per RUN: one "set -o pipefail" covers them all
		}
	}
	return out
}

// firstPipe returns the document offset of the first "|" of a pipeline.
func (s *runScript) firstPipe(b *syntax.BinaryCmd) int {
	for {
		inner, ok := b.X.Cmd.(*syntax.BinaryCmd)
		if !ok || (inner.Op != syntax.Pipe && inner.Op != syntax.PipeAll) {
			return s.at(b.OpPos)
		}
		b = inner
	}
}

// pipefailSetBefore reports a "set -o pipefail" before off in s.
func pipefailSetBefore(s *runScript, off int) bool {
	for _, c := range s.calls() {
		if c.name == "set" && int(c.call.Pos().Offset()) < off && setsPipefail(c.lits()) {
			return true
		}
	}
	return false
}

// fixPipefailMissing starts the RUN with "set -o pipefail". Not preferred:
// a step that passed may now fail, which is the point but not a fix to
// apply unseen.
func fixPipefailMissing(d *Document, _ *Diagnostic, target *Instruction) []CodeAction {
	s := d.scriptOf(target)
	if s == nil {
		return nil
	}
	if s.body != nil {
		at := s.body.Body.Start
		if strings.HasPrefix(s.src, "#!") {
			nl := strings.IndexByte(s.src, '\n')
			if nl < 0 {
				return nil
			}
			at += nl + 1
		}
		return []CodeAction{{Title: "Add set -o pipefail", Edits: []TextEdit{{Span{at, at}, "set -o pipefail\n"}}}}
	}
	at := target.ArgsSpan.Start
	return []CodeAction{{Title: "Add set -o pipefail", Edits: []TextEdit{{Span{at, at}, "set -o pipefail && "}}}}
}

func checkSudoInRun(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, s := range d.runScripts() {
		for _, c := range s.calls() {
			first, _ := wordLit(c.call.Args[0])
			if first != "sudo" || sudoOtherUser(c.call.Args[1:]) {
				continue
			}
			user := d.userAt(s.ins, s.stage)
			span := s.nodeSpan(c.call.Args[0])
			if user != "" {
				out = append(out, r.report(span, false, Data{Token: "sudo"}, "asUser", user))
			} else {
				out = append(out, r.report(span, false, Data{Token: "sudo"}, ""))
			}
		}
	}
	return out
}

// sudoOtherUser reports "sudo -u user" (or -g) for a user other than
// root: dropping privileges, which RUN cannot do by itself mid-command.
func sudoOtherUser(args []*syntax.Word) bool {
	for i, w := range args {
		v, _ := wordLit(w)
		if !strings.HasPrefix(v, "-") {
			return false
		}
		if (v == "-u" || v == "-g") && i+1 < len(args) {
			u, _ := wordLit(args[i+1])
			return u != "root" && u != "#0" && u != "0"
		}
		if strings.HasPrefix(v, "--user=") || strings.HasPrefix(v, "--group=") {
			_, u, _ := strings.Cut(v, "=")
			return u != "root"
		}
	}
	return false
}

// fixSudoInRun drops "sudo" (and its options) where the step runs as root.
func fixSudoInRun(d *Document, diag *Diagnostic, target *Instruction) []CodeAction {
	s := d.scriptOf(target)
	if s == nil || d.userAt(target, s.stage) != "" {
		return nil
	}
	for _, c := range s.calls() {
		if s.at(c.call.Args[0].Pos()) != diag.Span.Start || c.nameWord == nil || c.nameWord == c.call.Args[0] {
			continue
		}
		if len(c.wrappers) != 1 {
			return nil // sudo env X=1 cmd: keep it as written
		}
		del := Span{diag.Span.Start, s.at(c.nameWord.Pos())}
		return []CodeAction{{Title: "Remove sudo", Edits: []TextEdit{{del, ""}}}}
	}
	return nil
}

// userAt is the user a RUN at ins runs as when it is not root: the last
// USER before it in its stage or the stages it builds on ("" for root).
func (d *Document) userAt(ins *Instruction, st *Stage) string {
	for _, s := range stageChain(st) {
		user := ""
		for _, in := range s.Instructions {
			if s == st && in.Line >= ins.Line {
				break
			}
			if in.Cmd == "USER" && len(in.Args) > 0 {
				user = in.Args[0].Value
			}
		}
		if user != "" {
			name, _, _ := strings.Cut(user, ":")
			if name == "root" || name == "0" {
				return ""
			}
			return name
		}
	}
	return ""
}
