package analysis

// A view is the part of a document lexed so far: every instruction,
// comment and stage that starts before line next. Views only grow, and a
// published view is never mutated: extending one copies the stage that
// receives new instructions, so readers of an older view never race with
// the lexer. Requests that need only the text up to the cursor (completion,
// hover, signature help) ask for a view through that line; whole-document
// features (diagnostics, symbols, formatting) ask for the full one.
type view struct {
	instructions []*Instruction
	comments     []Comment
	stages       []*Stage
	globalArgs   []*Instruction
	next         int // the next line to lex
	lastCopied   bool
}

// add appends a lexed instruction and updates the stages.
func (v *view) add(ins *Instruction) {
	v.instructions = append(v.instructions, ins)
	if ins.Cmd == "FROM" {
		st := &Stage{Index: len(v.stages), From: ins, ImageSpan: noSpan, NameSpan: noSpan, AsSpan: noSpan}
		if len(ins.Args) > 0 {
			st.Image, st.ImageSpan = ins.Args[0].Raw, ins.Args[0].Span
		}
		if len(ins.Args) >= 2 && equalFold(ins.Args[1].Raw, "as") {
			st.AsSpan = ins.Args[1].Span
			if len(ins.Args) >= 3 {
				st.Name, st.NameSpan = ins.Args[2].Raw, ins.Args[2].Span
			}
		}
		st.Parent = v.stageNamed(st.Image)
		v.stages = append(v.stages, st)
		v.lastCopied = true // a new stage belongs to this view alone
		return
	}
	if len(v.stages) == 0 {
		if ins.Cmd == "ARG" {
			v.globalArgs = append(v.globalArgs, ins)
		}
		return
	}
	last := len(v.stages) - 1
	if !v.lastCopied {
		// Copy before changing: an older view may share this stage.
		cp := *v.stages[last]
		cp.Instructions = append([]*Instruction(nil), cp.Instructions...)
		v.stages = append(v.stages[:last:last], &cp)
		v.lastCopied = true
	}
	v.stages[last].Instructions = append(v.stages[last].Instructions, ins)
}

// stageNamed finds the stage a FROM base names among those in the view: as
// BuildKit does (see stageRefKind), the base must be the stage's name in
// lower case, and the last stage of that name wins.
func (v *view) stageNamed(name string) *Stage {
	var found *Stage
	for _, s := range v.stages {
		if s.isBase(name) {
			found = s
		}
	}
	return found
}

// isBase reports whether "FROM base" names s: its name in lower case.
func (s *Stage) isBase(base string) bool {
	return s.Name != "" && equalFold(s.Name, base) && !hasUpper(base)
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// clone returns a view that can be extended without touching v.
func (v *view) clone() *view {
	nv := *v
	n := len(v.instructions)
	nv.instructions = v.instructions[:n:n]
	nv.comments = v.comments[:len(v.comments):len(v.comments)]
	nv.stages = v.stages[:len(v.stages):len(v.stages)]
	nv.globalArgs = v.globalArgs[:len(v.globalArgs):len(v.globalArgs)]
	nv.lastCopied = false
	return &nv
}

// truncate keeps what starts before line (for reuse after an edit there).
func (v *view) truncate(line int) *view {
	nv := &view{next: line}
	for _, ins := range v.instructions {
		if ins.EndLine >= line {
			break
		}
		nv.add(ins)
	}
	for _, c := range v.comments {
		if c.Span.Start >= 0 && c.line < line {
			nv.comments = append(nv.comments, c)
		}
	}
	nv.lastCopied = false
	return nv
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
