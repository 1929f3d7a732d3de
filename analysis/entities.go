package analysis

import (
	"strconv"
	"strings"
)

// This file indexes the names a Dockerfile declares and uses: build stages
// (FROM … AS name; FROM name, COPY --from=name, RUN --mount=from=name),
// variables (ARG/ENV keys; $NAME, ${NAME}) and heredoc delimiters (<<EOF and
// its terminator line). Each occurrence belongs to exactly one entity, so
// definition, references, highlights and rename give the same answer from
// every occurrence of an entity. The index is built once per Document, over
// its full view.

// entityKind is what an entity is.
type entityKind int

const (
	entityStage entityKind = iota
	entityVar
	entityHeredoc
)

// editMode is what rename does to an occurrence.
type editMode int

const (
	editName    editMode = iota // replace the name
	editKeep                    // leave it: a stage index still names the stage
	editBlocked                 // cannot be rewritten safely (oddly quoted, split by a continuation)
)

// entity is one stage, variable or heredoc and its occurrences.
type entity struct {
	kind    entityKind
	name    string       // as first declared or used
	stage   *Stage       // entityStage
	ins     *Instruction // entityHeredoc: the instruction that owns it
	heredoc int          // entityHeredoc: its index in ins.Heredocs
	occs    []int        // indices into navIndex.occs, in document order
}

// occurrence is one place an entity appears.
type occurrence struct {
	span   Span // the name: what highlights show and rename replaces
	hit    Span // where a cursor selects it (a whole ${…}, a whole <<-"EOF")
	entity int
	def    bool     // a declaration (a write), not a use
	target Span     // where "go to definition" goes from here
	edit   editMode // what rename does here
	lower  bool     // a FROM base: BuildKit matches it in lower case only
	scope  int      // variables: the stage whose scope it is in (-1: global)
	line   int      // variables: a use's line; the last line of a declaration
}

// nameSite is where a variable name appears in a scope: a declaration
// (seen by instructions after line) or a use (on line).
type nameSite struct {
	line int
	decl bool
}

// navIndex is every occurrence of every entity of a document.
type navIndex struct {
	entities []entity
	occs     []occurrence
	// varNames lists, per scope (stage index, -1 for the global scope),
	// where each variable name is declared or referenced: rename must not
	// merge two variables or capture a reference.
	varNames map[int]map[string][]nameSite
	// stageWords are the words BuildKit may resolve to a stage (FROM bases,
	// --from and from= values), resolved or not: rename must not capture one.
	stageWords []stageWord
}

// stageWord is a word in a place where a stage can be named.
type stageWord struct {
	span Span
	text string
	kind stageRefKind
	ins  *Instruction
}

// nav returns the document's index, built on first use.
func (d *Document) nav() *navIndex {
	d.navOnce.Do(func() {
		x := &navIndex{varNames: map[int]map[string][]nameSite{}}
		d.indexStages(x)
		d.indexVars(x)
		d.indexHeredocs(x)
		d.navIdx = x
	})
	return d.navIdx
}

// add records an occurrence of entity e.
func (x *navIndex) add(e int, o occurrence) {
	o.entity = e
	x.entities[e].occs = append(x.entities[e].occs, len(x.occs))
	x.occs = append(x.occs, o)
}

// newEntity starts an entity and returns its id.
func (x *navIndex) newEntity(e entity) int {
	x.entities = append(x.entities, e)
	return len(x.entities) - 1
}

// at returns the occurrence under the cursor: the innermost one whose hit
// span touches off, preferring one that starts at or before off over one
// that merely ends there.
func (x *navIndex) at(off int) (*occurrence, bool) {
	best := -1
	for i := range x.occs {
		h := x.occs[i].hit
		if !h.Contains(off) {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := x.occs[best].hit
		inside, bInside := off < h.End, off < b.End
		if (inside && !bInside) || (inside == bInside && h.Len() < b.Len()) {
			best = i
		}
	}
	if best < 0 {
		return nil, false
	}
	return &x.occs[best], true
}

// nameEdit returns the span that holds name inside span (the span itself,
// or its inside when the name is wrapped in one kind of quotes) and whether
// rename can rewrite it there. fold accepts the name in any case.
func nameEdit(text string, span Span, name string, fold bool) (Span, editMode) {
	if !span.Valid() || span.End > len(text) {
		return span, editBlocked
	}
	w := text[span.Start:span.End]
	same := func(a string) bool { return a == name || (fold && strings.EqualFold(a, name)) }
	switch {
	case same(w):
		return span, editName
	case len(w) >= 2 && (w[0] == '"' || w[0] == '\'') && w[len(w)-1] == w[0] && same(w[1:len(w)-1]):
		return Span{span.Start + 1, span.End - 1}, editName
	}
	return span, editBlocked
}

// indexStages records every stage: its name after AS and the FROM bases,
// COPY --from values and mount from= values that resolve to it.
func (d *Document) indexStages(x *navIndex) {
	stages := d.Stages()
	ids := make([]int, len(stages))
	for i, st := range stages {
		target := st.NameSpan
		if !target.Valid() {
			target = st.From.Keyword
		}
		ids[i] = x.newEntity(entity{kind: entityStage, name: st.Ref(), stage: st})
		if st.NameSpan.Valid() {
			span, mode := nameEdit(d.Text, st.NameSpan, st.Name, false)
			x.add(ids[i], occurrence{span: span, hit: st.NameSpan, def: true, target: target, edit: mode, scope: -1})
		}
	}
	for _, ins := range d.Instructions() {
		for _, w := range stageWords(ins) {
			x.stageWords = append(x.stageWords, w)
			st := d.stageRef(ins, w.text, w.kind)
			if st == nil {
				continue
			}
			target := st.NameSpan
			if !target.Valid() {
				target = st.From.Keyword
			}
			o := occurrence{hit: w.span, target: target, lower: w.kind == refBase, scope: -1}
			if _, err := strconv.Atoi(w.text); err == nil && w.kind == refCopy {
				o.span, o.edit = w.span, editKeep
			} else {
				o.span, o.edit = nameEdit(d.Text, w.span, st.Name, true)
			}
			x.add(ids[st.Index], o)
		}
	}
}

// stageWords lists the words of ins in places where a stage can be named.
func stageWords(ins *Instruction) []stageWord {
	var out []stageWord
	switch ins.Cmd {
	case "FROM":
		if len(ins.Args) > 0 {
			out = append(out, stageWord{ins.Args[0].Span, ins.Args[0].Raw, refBase, ins})
		}
	case "COPY":
		if f := ins.Flag("from"); f != nil && f.HasValue && f.ValueSpan.Valid() {
			out = append(out, stageWord{f.ValueSpan, f.Value, refCopy, ins})
		}
	case "RUN":
		for _, f := range ins.Flags {
			if !strings.EqualFold(f.Name, "mount") {
				continue
			}
			for _, fd := range ins.FlagFields(f) {
				if strings.EqualFold(fd.Key, "from") && fd.HasValue {
					out = append(out, stageWord{fd.ValueSpan, fd.Value, refMount, ins})
				}
			}
		}
	}
	return out
}

// indexHeredocs records each heredoc: the delimiter in its marker (the
// declaration) and its terminator line.
func (d *Document) indexHeredocs(x *navIndex) {
	for _, ins := range d.Instructions() {
		for k, h := range ins.Heredocs {
			span, ok := heredocNameSpan(d.Text, h)
			mode := editName
			if !ok {
				mode = editBlocked
			}
			e := x.newEntity(entity{kind: entityHeredoc, name: h.Name, ins: ins, heredoc: k})
			x.add(e, occurrence{span: span, hit: h.Marker, def: true, target: span, edit: mode, scope: -1})
			if h.Terminated {
				x.add(e, occurrence{span: h.Terminator, hit: h.Terminator, target: span, edit: editName, scope: -1})
			}
		}
	}
}
