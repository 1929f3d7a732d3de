package analysis

import (
	"strings"
	"sync"
	"sync/atomic"
)

// Document is the immutable analysis of one version of a Dockerfile: our
// token index plus the stage model. It is built once by Parse and shared by
// every feature and goroutine; nothing mutates it afterwards.
type Document struct {
	Text         string
	Lines        *LineIndex
	Escape       byte // '\\' or '`'
	Directives   []Directive
	Comments     []Comment
	Instructions []*Instruction
	Stages       []*Stage
	GlobalArgs   []*Instruction // ARG instructions before the first FROM

	buildkitOnce  sync.Once
	buildkit      []Diagnostic // BuildKit's parser errors and build checks, computed once
	buildkitReady atomic.Bool  // buildkit is computed (hover uses it only then)
	scopesOnce    sync.Once
	scopeData     *scopes
}

// Parse analyses text. It never fails: a broken Dockerfile gives a Document
// whose Diagnostics describe what is wrong.
func Parse(text string) *Document {
	d := &Document{Text: text, Lines: NewLineIndex(text), Escape: '\\'}
	lx := &lexer{text: text, lines: d.Lines, escape: '\\', doc: d}
	lx.run()
	d.Escape = lx.escape
	d.buildStages()
	return d
}

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
	lo, hi := 0, len(d.Instructions)
	for lo < hi {
		m := (lo + hi) / 2
		ins := d.Instructions[m]
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
	for _, s := range d.Stages {
		if s.From.Line <= ins.Line {
			found = s
		}
	}
	return found
}

// Stage returns the stage named name (case-insensitive, as BuildKit compares
// stage names), or nil.
func (d *Document) Stage(name string) *Stage {
	for _, s := range d.Stages {
		if s.Name != "" && strings.EqualFold(s.Name, name) {
			return s
		}
	}
	return nil
}
