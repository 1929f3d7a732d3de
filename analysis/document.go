package analysis

import (
	"sync"
	"sync/atomic"

	"github.com/dockerfile-ls/dockerfile-ls/position"
)

// Document is the analysis of one version of a Dockerfile: our token index
// plus the stage model. Its answers never change once made; what happens
// inside is only memoization: instructions are lexed lazily into views that
// only grow (see view), and BuildKit's findings and the variable scopes are
// computed once. It is safe to share across goroutines. The server gets its
// Documents from a Snapshot; Parse is for one-off use (the CLI, tests).
type Document struct {
	Text       string
	Lines      *position.Lines // BuildKit's lines ('\n' only)
	Escape     byte            // '\\' or '`'
	Directives []Directive

	lx lexer

	// viewMu guards cur, the largest view lexed so far; lexMu is held
	// while extending it (lx is not safe for concurrent use).
	viewMu sync.Mutex
	cur    *view
	lexMu  sync.Mutex

	// buildkitMu is held while BuildKit runs; buildkit is its findings with
	// ours, set once (a cancelled run sets nothing), or seeded by the
	// Snapshot from an earlier Document of the same text.
	buildkitMu    sync.Mutex
	buildkit      []Diagnostic
	buildkitReady atomic.Bool // buildkit is set (hover uses it only then)

	parserOnce sync.Once
	parser     atomic.Pointer[parserPhase] // BuildKit's parser phase (parsed)
	oursOnce   sync.Once
	oursClean  []Diagnostic // our rules' findings when BuildKit rejects nothing

	live atomic.Pointer[liveLint] // the last run of the checks over a registry's configs

	tokensOnce sync.Once
	tokens     []SemanticToken // SemanticTokens, made once

	// shells has the shell parses of this and earlier versions, by script
	// text (shell_script.go); shellGen is this version's generation there.
	shells   *shellParses
	shellGen int

	shellMu  sync.Mutex
	scripts  []*runScript // the shell of each RUN while the rules run (shellscript.go)
	shipOnce sync.Once
	ships    []bool // by stage index: whether its layers ship (shell_stage.go)

	globalOnce  sync.Once
	globalScope []VarDef
	stageScopes sync.Map // *Stage → []VarDef

	navOnce sync.Once
	navIdx  *navIndex // the names and their occurrences (entities.go)

	runCmdsOnce sync.Once
	runCmds     []runCommand // the commands RUNs certainly run (image_commands.go)

	// editor numbers lines as the user's editor does, for sentences that
	// name a line; the Snapshot's, else made on first use.
	editorOnce sync.Once
	editor     *position.Mapper
}

// Parse analyses text. It never fails: a broken Dockerfile gives a Document
// whose Diagnostics describe what is wrong.
func Parse(text string) *Document { return parse(text, nil) }

// parse is Parse with the editor positions of text, when known.
func parse(text string, editor *position.Mapper) *Document {
	d := &Document{Text: text, Lines: position.NewLines(text), editor: editor, shells: &shellParses{}}
	d.shellGen = d.shells.newVersion()
	d.lx = lexer{text: text, lines: d.Lines, escape: '\\'}
	var first int
	d.Directives, first = d.lx.lexDirectives()
	d.Escape = d.lx.escape
	d.cur = &view{next: first, lastCopied: true}
	return d
}

// reparse analyses text, a later version of old's text, reusing what old
// lexed before the first changed line. Completion while typing then costs
// the lines around the cursor, not the whole file.
func reparse(old *Document, text string, editor *position.Mapper) *Document {
	if old == nil {
		return parse(text, editor)
	}
	p := commonPrefix(old.Text, text)
	if p == len(old.Text) && p == len(text) {
		return old
	}
	editLine := old.Lines.LineOf(p)
	old.viewMu.Lock()
	ov := old.cur
	old.viewMu.Unlock()
	firstIns := len(old.Directives)
	if n := len(old.Directives); n > 0 {
		firstIns = old.Lines.LineOf(old.Directives[n-1].Span.Start) + 1
	}
	if editLine <= firstIns {
		d := parse(text, editor) // the edit may change the directives
		d.shells, d.shellGen = old.shells, old.shells.newVersion()
		return d
	}
	d := &Document{Text: text, Lines: old.Lines.Reindex(text, p), Directives: old.Directives, Escape: old.Escape, editor: editor,
		shells: old.shells, shellGen: old.shells.newVersion()}
	d.lx = lexer{text: text, lines: d.Lines, escape: old.Escape}
	restart := firstIns
	for _, ins := range ov.instructions {
		if ins.EndLine >= editLine {
			break
		}
		restart = ins.EndLine + 1
	}
	d.cur = ov.truncate(restart)
	return d
}

// shownLine returns the 1-based line of off as editors number it, for
// sentences that name a line: after a lone '\r', BuildKit's numbering
// (Lines) is behind the editor's.
func (d *Document) shownLine(off int) int {
	d.editorOnce.Do(func() {
		if d.editor == nil {
			d.editor = position.NewMapper(d.Text)
		}
	})
	return d.editor.LineOf(off) + 1
}

// commonPrefix returns the length of the longest common prefix of a and b,
// comparing in blocks (string equality is vectorized) before bytes.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	p := 0
	for p+256 <= n && a[p:p+256] == b[p:p+256] {
		p += 256
	}
	for p < n && a[p] == b[p] {
		p++
	}
	return p
}

// through returns a view that covers line (and the instruction on it).
// Lexing publishes its progress in growing steps, so a request near the top
// of a large file does not wait while another lexes all of it.
func (d *Document) through(line int) *view {
	n := d.Lines.Count()
	for {
		v := d.current()
		if v.next > line || v.next >= n {
			return v
		}
		d.lexMu.Lock()
		if v = d.current(); v.next <= line && v.next < n {
			nv := v.clone()
			// Steps double, so copying the last stage's instruction list
			// on each one (see view.add) stays linear in all.
			stop := nv.next + max(lexStep, nv.next)
			for nv.next <= line && nv.next < stop && nv.next < n {
				nv.next = d.lx.lexItem(nv, nv.next)
			}
			d.viewMu.Lock()
			d.cur = nv
			d.viewMu.Unlock()
		}
		d.lexMu.Unlock()
	}
}

// lexStep is the fewest lines lexed before publishing progress.
const lexStep = 2048

func (d *Document) current() *view {
	d.viewMu.Lock()
	defer d.viewMu.Unlock()
	return d.cur
}

// full returns the view of the whole document.
func (d *Document) full() *view { return d.through(d.Lines.Count()) }

// Instructions returns every instruction in order.
func (d *Document) Instructions() []*Instruction { return d.full().instructions }

// Stages returns the build stages in order.
func (d *Document) Stages() []*Stage { return d.full().stages }

// GlobalArgs returns the ARG instructions before the first FROM.
func (d *Document) GlobalArgs() []*Instruction { return d.full().globalArgs }

// Comments returns the comment lines (outside heredoc bodies).
func (d *Document) Comments() []Comment { return d.full().comments }

// Directive returns the first parser directive named name, or nil.
func (d *Document) Directive(name string) *Directive {
	for i := range d.Directives {
		if d.Directives[i].Name == name && !d.Directives[i].Duplicate {
			return &d.Directives[i]
		}
	}
	return nil
}

// InstructionAt returns the instruction whose span contains off (ONBUILD's
// trigger is returned as the outer instruction), or nil.
func (d *Document) InstructionAt(off int) *Instruction {
	ins := d.InstructionAtLine(d.Lines.LineOf(off))
	if ins != nil && ins.Span.Contains(off) {
		return ins
	}
	return nil
}

// InstructionAtLine returns the instruction occupying the zero-based line, or nil.
func (d *Document) InstructionAtLine(line int) *Instruction {
	return d.through(line).instructionAtLine(line)
}

func (v *view) instructionAtLine(line int) *Instruction {
	lo, hi := 0, len(v.instructions)
	for lo < hi {
		m := (lo + hi) / 2
		ins := v.instructions[m]
		switch {
		case line < ins.Line:
			hi = m
		case line > ins.EndLine:
			lo = m + 1
		default:
			return ins
		}
	}
	return nil
}

// StageOf returns the stage containing ins, or nil for global instructions.
func (d *Document) StageOf(ins *Instruction) *Stage {
	var found *Stage
	for _, s := range d.through(ins.EndLine).stages {
		if s.From.Line > ins.Line {
			break
		}
		found = s
	}
	return found
}

// allInstructions yields every instruction, ONBUILD triggers included.
func (d *Document) allInstructions() []*Instruction {
	out := make([]*Instruction, 0, len(d.Instructions()))
	for _, ins := range d.Instructions() {
		out = append(out, ins)
		if ins.Sub != nil {
			out = append(out, ins.Sub)
		}
	}
	return out
}
