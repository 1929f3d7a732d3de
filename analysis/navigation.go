package analysis

import (
	"fmt"
	"regexp"
	"strings"
)

// This file resolves the names a Dockerfile defines and uses: build stages
// (FROM … AS name; FROM name, COPY --from=name, RUN --mount=from=name) and
// variables (ARG/ENV; $NAME, ${NAME}). Definition, references, highlights
// and rename all start from entityAt.

// entity is a stage or a variable definition.
type entity struct {
	stage *Stage
	v     *VarDef // canonical definition (a stage's bare "ARG X" re-declaring a global resolves to the global)
}

func (e entity) valid() bool { return e.stage != nil || e.v != nil }

func (e entity) same(o entity) bool {
	if e.stage != nil || o.stage != nil {
		return e.stage == o.stage
	}
	return e.v != nil && o.v != nil && e.v.Name == o.v.Name && e.v.Ins == o.v.Ins && e.v.NameSpan == o.v.NameSpan
}

// Occurrence is a place where an entity is defined or used.
type Occurrence struct {
	Span Span
	Def  bool // the definition (a write), not a use
}

// canonical maps a definition to the one it re-declares: "ARG X" without a
// value inside a stage takes the global ARG X.
func (d *Document) canonical(def VarDef) *VarDef {
	if def.Kind == VarArg && def.Ins != nil {
		for _, kv := range def.Ins.KeyValues() {
			if kv.Key == def.Name && !kv.HasValue {
				for _, g := range d.globalDefs() {
					if g.Name == def.Name && g.Kind == VarGlobalArg {
						gg := g
						return &gg
					}
				}
			}
		}
	}
	return &def
}

// entityAt identifies the stage or variable at off, with the span of the name.
func (d *Document) entityAt(off int) (entity, Span) {
	ins := d.InstructionAt(off)
	if ins == nil {
		return entity{}, Span{}
	}
	target := ins
	if ins.Sub != nil && off >= ins.Sub.Keyword.Start {
		target = ins.Sub
	}
	for _, v := range target.Vars {
		if v.Span.Contains(off) {
			if def, ok := d.Var(target, v.Name); ok && def.Kind != VarPredefined {
				return entity{v: d.canonical(def)}, v.NameSpan
			}
			return entity{}, Span{}
		}
	}
	if target.Cmd == "ARG" || target.Cmd == "ENV" {
		for _, kv := range target.KeyValues() {
			if kv.KeySpan.Contains(off) {
				for _, def := range d.defsOf(target) {
					if def.NameSpan == kv.KeySpan {
						return entity{v: d.canonical(def)}, kv.KeySpan
					}
				}
			}
		}
	}
	if st, span, ok := d.stageRefAt(target, off); ok {
		return entity{stage: st}, span
	}
	return entity{}, Span{}
}

// defsOf returns the definitions made by an ARG or ENV instruction.
func (d *Document) defsOf(ins *Instruction) []VarDef {
	var out []VarDef
	for _, def := range d.globalDefs() {
		if def.Ins == ins {
			out = append(out, def)
		}
	}
	if st := d.StageOf(ins); st != nil {
		for _, def := range d.stageDefs(st) {
			if def.Ins == ins && def.Kind != VarInheritedEnv && def.Kind != VarInheritedArg {
				out = append(out, def)
			}
		}
	}
	return out
}

// stageRefAt finds a stage named at off: its definition after AS, a FROM
// base, a --from value or a mount's from= option.
func (d *Document) stageRefAt(ins *Instruction, off int) (*Stage, Span, bool) {
	for _, r := range d.stageRefs(ins) {
		if r.span.Contains(off) {
			return r.stage, r.span, true
		}
	}
	return nil, Span{}, false
}

type stageRef struct {
	stage *Stage
	span  Span
	def   bool
}

// stageRefs lists the stage names ins defines or uses.
func (d *Document) stageRefs(ins *Instruction) []stageRef {
	var out []stageRef
	if ins.Cmd == "FROM" {
		if st := d.stageByFrom(ins); st != nil {
			if st.NameSpan.Valid() {
				out = append(out, stageRef{st, st.NameSpan, true})
			}
			if st.ImageSpan.Valid() {
				if p := d.stageBefore(ins, st.Image); p != nil {
					out = append(out, stageRef{p, st.ImageSpan, false})
				}
			}
		}
	}
	for _, f := range ins.Flags {
		switch {
		case f.Name == "from" && (ins.Cmd == "COPY" || ins.Cmd == "ADD"):
			if p := d.stageBefore(ins, f.Value); p != nil && f.ValueSpan.Valid() {
				out = append(out, stageRef{p, f.ValueSpan, false})
			}
		case f.Name == "mount" && ins.Cmd == "RUN":
			for _, fd := range ins.FlagFields(f) {
				if strings.EqualFold(fd.Key, "from") && fd.HasValue {
					if p := d.stageBefore(ins, fd.Value); p != nil {
						out = append(out, stageRef{p, fd.ValueSpan, false})
					}
				}
			}
		}
	}
	return out
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

// occurrences lists every place the entity appears, in document order.
func (d *Document) occurrences(e entity) []Occurrence {
	var out []Occurrence
	if e.stage != nil {
		for _, ins := range d.Instructions() {
			for _, r := range d.stageRefs(ins) {
				if r.stage == e.stage {
					out = append(out, Occurrence{r.span, r.def})
				}
			}
		}
		return out
	}
	for _, ins := range d.allInstructions() {
		if ins.Cmd == "ARG" || ins.Cmd == "ENV" {
			for _, def := range d.defsOf(ins) {
				if (entity{v: d.canonical(def)}).same(e) {
					out = append(out, Occurrence{def.NameSpan, true})
				}
			}
		}
		for _, v := range ins.Vars {
			if def, ok := d.Var(ins, v.Name); ok && (entity{v: d.canonical(def)}).same(e) {
				out = append(out, Occurrence{v.NameSpan, false})
			}
		}
	}
	return out
}

// Definition returns where the stage or variable at off is defined.
func (d *Document) Definition(off int) []Span {
	e, _ := d.entityAt(off)
	if !e.valid() {
		return nil
	}
	if e.stage != nil {
		if e.stage.NameSpan.Valid() {
			return []Span{e.stage.NameSpan}
		}
		return []Span{e.stage.From.Keyword}
	}
	return []Span{e.v.NameSpan}
}

// References returns every use of the stage or variable at off, with its
// definitions when includeDecl is set.
func (d *Document) References(off int, includeDecl bool) []Span {
	e, _ := d.entityAt(off)
	if !e.valid() {
		return nil
	}
	var out []Span
	for _, o := range d.occurrences(e) {
		if includeDecl || !o.Def {
			out = append(out, o.Span)
		}
	}
	return out
}

// Highlights returns the occurrences of the entity at off in this document.
func (d *Document) Highlights(off int) []Occurrence {
	e, _ := d.entityAt(off)
	if !e.valid() {
		return nil
	}
	return d.occurrences(e)
}

// TextEdit replaces Span by NewText.
type TextEdit struct {
	Span    Span
	NewText string
}

var (
	stageNameRe = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_.-]*$`)
	varNameRe   = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

// PrepareRename returns the span of the renamable name at off and its text.
func (d *Document) PrepareRename(off int) (Span, string, bool) {
	e, span := d.entityAt(off)
	if !e.valid() {
		return Span{}, "", false
	}
	return span, d.Text[span.Start:span.End], true
}

// Rename renames the stage or variable at off everywhere in the document.
func (d *Document) Rename(off int, newName string) ([]TextEdit, error) {
	e, _ := d.entityAt(off)
	if !e.valid() {
		return nil, fmt.Errorf("nothing to rename here: place the cursor on a stage name or a variable")
	}
	if e.stage != nil && !stageNameRe.MatchString(newName) {
		return nil, fmt.Errorf("%q is not a valid stage name: start with a letter, then letters, digits, '-', '_' or '.'", newName)
	}
	if e.v != nil && !varNameRe.MatchString(newName) {
		return nil, fmt.Errorf("%q is not a valid variable name", newName)
	}
	var edits []TextEdit
	for _, o := range d.occurrences(e) {
		edits = append(edits, TextEdit{o.Span, newName})
	}
	return edits, nil
}
