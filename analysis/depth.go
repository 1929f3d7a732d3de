package analysis

// BuildKit's shell lexer takes time quadratic in how deep variable
// references nest (${a:-${b:-…}}), and it and mvdan.cc/sh recurse once per
// level, so 5,000 levels took seconds and a few million would overflow the
// goroutine stack, which no recover survives. Our own lexer is linear at
// any depth. Past maxVarDepth we keep BuildKit and the shell parser away
// from the instruction and say so.

// maxVarDepth is the deepest nesting of variable references handed to
// BuildKit or the shell parser. Real Dockerfiles nest two or three levels.
const maxVarDepth = 100

// tooDeep reports whether ins nests variable references deeper than
// maxVarDepth, and how deep.
func (ins *Instruction) tooDeep() (int, bool) {
	if len(ins.Vars) <= maxVarDepth {
		return 0, false // each level is a reference
	}
	depth := refDepth(ins.Vars)
	return depth, depth > maxVarDepth
}

// skipDeep blanks in buf (the text BuildKit is given) every instruction
// nested too deep, and returns the new buf and a ChecksSkipped finding for
// each.
func (d *Document) skipDeep(buf []byte) ([]byte, []Diagnostic) {
	var out []Diagnostic
	var deep []lineRange
	for _, ins := range d.Instructions() {
		if depth, ok := ins.tooDeep(); ok {
			deep = append(deep, lineRange{ins.Line + 1, ins.EndLine + 1})
			out = append(out, ruleChecksSkipped.report(ins.Keyword, false, Data{}, "deepVars", depth, maxVarDepth))
		}
	}
	if len(deep) == 0 {
		return buf, nil
	}
	return d.blankAll(buf, deep), out
}
