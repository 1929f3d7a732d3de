package analysis

import (
	"strconv"
	"strings"
)

// Stage is a build stage: a FROM instruction and the instructions after it.
type Stage struct {
	Index        int
	From         *Instruction
	Image        string // the base as written (may contain variables)
	ImageSpan    Span
	Name         string // the name after AS, as written ("" when unnamed)
	NameSpan     Span
	AsSpan       Span
	Instructions []*Instruction // the instructions after FROM in this stage
	Parent       *Stage         // an earlier stage named as this stage's base
}

// Ref returns how other instructions can refer to the stage: its name, or
// its index when it has none.
func (s *Stage) Ref() string {
	if s.Name != "" {
		return s.Name
	}
	return strconv.Itoa(s.Index)
}

// stageRefKind is where an instruction names a stage. BuildKit resolves
// each place its own way (dockerfile2llb, v0.34): it keeps stage names in
// lower case, looks a FROM base up as written among the stages declared so
// far, and looks COPY --from and mount from= up in lower case among all the
// stages, later ones included; only COPY --from also takes an index.
type stageRefKind int

const (
	refBase  stageRefKind = iota // FROM <stage>
	refCopy                      // COPY --from=<stage or index>
	refMount                     // RUN --mount=…,from=<stage>
)

// stageRef returns the stage that name, written at ins in place kind,
// refers to, or nil when BuildKit would take it for an image (or, for an
// index, fail). Where several stages share a name the last one counts, as
// BuildKit's map of names keeps it.
func (d *Document) stageRef(ins *Instruction, name string, kind stageRefKind) *Stage {
	if name == "" || strings.Contains(name, "$") {
		return nil // variables are expanded first (FROM) or rejected (--from, from=)
	}
	if kind == refBase {
		var found *Stage
		for _, st := range d.through(ins.Line).stages {
			if st.From.Line >= ins.Line {
				break
			}
			if st.isBase(name) {
				found = st
			}
		}
		return found
	}
	stages := d.Stages()
	if kind == refCopy {
		if i, err := strconv.Atoi(name); err == nil {
			if i >= 0 && i < len(stages) {
				return stages[i]
			}
			return nil
		}
	}
	var found *Stage
	for _, st := range stages {
		if st.Name != "" && strings.EqualFold(st.Name, name) {
			found = st
		}
	}
	return found
}

// stageByFrom returns the stage that the FROM instruction from starts.
func (d *Document) stageByFrom(from *Instruction) *Stage {
	for _, st := range d.through(from.Line).stages {
		if st.From == from {
			return st
		}
	}
	return nil
}

// reservedStageNames are the names BuildKit's ReservedStageName check
// rejects for a stage.
var reservedStageNames = []string{"context", "scratch"}

// stageRefUse is a stage named in an instruction.
type stageRefUse struct {
	stage *Stage
	span  Span
	def   bool // the name after AS
}

// stageRefs lists the stage names ins declares (FROM … AS name) or uses
// (FROM name, COPY --from, mount from=), as BuildKit resolves them.
func (d *Document) stageRefs(ins *Instruction) []stageRefUse {
	var out []stageRefUse
	if ins.Cmd == "FROM" {
		if st := d.stageByFrom(ins); st != nil && st.NameSpan.Valid() {
			out = append(out, stageRefUse{st, st.NameSpan, true})
		}
	}
	for _, w := range stageWords(ins) {
		if st := d.stageRef(ins, w.text, w.kind); st != nil {
			out = append(out, stageRefUse{st, w.span, false})
		}
	}
	return out
}
