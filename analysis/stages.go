package analysis

import (
	"strconv"
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
