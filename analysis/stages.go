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

func (d *Document) buildStages() {
	var cur *Stage
	for _, ins := range d.Instructions {
		if ins.Cmd != "FROM" {
			if cur == nil {
				if ins.Cmd == "ARG" {
					d.GlobalArgs = append(d.GlobalArgs, ins)
				}
				continue
			}
			cur.Instructions = append(cur.Instructions, ins)
			continue
		}
		cur = &Stage{Index: len(d.Stages), From: ins, ImageSpan: noSpan, NameSpan: noSpan, AsSpan: noSpan}
		if len(ins.Args) > 0 {
			cur.Image, cur.ImageSpan = ins.Args[0].Raw, ins.Args[0].Span
		}
		if len(ins.Args) >= 2 && strings.EqualFold(ins.Args[1].Raw, "as") {
			cur.AsSpan = ins.Args[1].Span
			if len(ins.Args) >= 3 {
				cur.Name, cur.NameSpan = ins.Args[2].Raw, ins.Args[2].Span
			}
		}
		if p := d.Stage(cur.Image); p != nil {
			cur.Parent = p
		}
		d.Stages = append(d.Stages, cur)
	}
}
