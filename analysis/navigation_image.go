package analysis

// A variable the base image's config sets and no ARG or ENV of the file
// declares is still one variable to BuildKit: every $NAME in the stages
// built on that image expands to the image's value (and RUN's shell gets
// it in its environment). The entity index (entities_vars.go) knows only the
// file and is memoized without an image source, so the highlight and
// reference set of such a name comes from here, with the caller's source.
// It has no declaration in the file and its name is the image's: definition
// and rename give nothing for it.

// ImageVarUses returns the name spans of every use of the base-image
// variable referenced at off, in document order: the uses of that name, in
// the stages built on the same image, that no ARG or ENV of the file
// declares there. Nil when off is on no such reference.
func (d *Document) ImageVarUses(off int, images ImageSource) []Span {
	ins := d.InstructionAt(off)
	if ins == nil {
		return nil
	}
	var name string
	for _, v := range ins.Vars {
		if v.Span.Start <= off && off <= v.Span.End {
			name = v.Name
			break
		}
	}
	if name == "" {
		return nil
	}
	roots := imageVarRoots{d: d, name: name, images: images, stages: map[int]imageVarStage{}}
	root := roots.at(ins)
	if root < 0 {
		return nil
	}
	var out []Span
	for _, other := range d.Instructions() {
		for _, v := range other.Vars {
			if v.Name == name && roots.at(other) == root {
				out = append(out, v.NameSpan)
			}
		}
	}
	return out
}

// ImageVarRenameError is why the base-image variable referenced at off
// cannot be renamed, nil when off is on no such reference.
func (d *Document) ImageVarRenameError(off int, images ImageSource) error {
	uses := d.ImageVarUses(off, images)
	if len(uses) == 0 {
		return nil
	}
	b, _ := d.BaseImage(d.StageOf(d.InstructionAt(off)), images)
	return &RenameError{key: "rename.imagevar", args: []any{d.Text[uses[0].Start:uses[0].End], b.Ref}}
}

// imageVarRoots answers, for one name, which image gives it its value at
// an instruction, reading each stage's declarations and base image once (a
// generated file may use the name thousands of times).
type imageVarRoots struct {
	d      *Document
	name   string
	images ImageSource
	stages map[int]imageVarStage // by stage index (a Stage value may be a partial parse's copy)
}

// imageVarStage is what one stage says of the name.
type imageVarStage struct {
	root          int  // the index of the stage whose FROM names the image that sets it; -1: none
	fromOS        bool // the OS gives it to processes (Windows), not the config
	declaredAfter int  // the file declares it for instructions after this line (-1: from the start)
}

// at is the index of the stage whose FROM names the image that gives the
// name its value at ins, -1 when the file declares the name there, the image does not
// set it, or ins is a FROM line or an ONBUILD trigger (another build's).
// Variables the OS gives processes count only in RUN, whose shell sees them.
func (r *imageVarRoots) at(ins *Instruction) int {
	if ins.Cmd == "FROM" || ins.Cmd == "ONBUILD" {
		return -1
	}
	st := r.d.StageOf(ins)
	if st == nil {
		return -1
	}
	s, ok := r.stages[st.Index]
	if !ok {
		s = r.stage(st)
		r.stages[st.Index] = s
	}
	if s.root < 0 || ins.Line > s.declaredAfter || (s.fromOS && ins.Cmd != "RUN") {
		return -1
	}
	return s.root
}

func (r *imageVarRoots) stage(st *Stage) imageVarStage {
	s := imageVarStage{root: -1, declaredAfter: int(^uint(0) >> 1)}
	for _, def := range r.d.stageDefs(st) {
		switch {
		case def.Name != r.name:
		case def.Kind == VarInheritedEnv || def.Kind == VarInheritedArg:
			s.declaredAfter = -1 // VarsAt: an inherited declaration is visible from the start
		case def.line < s.declaredAfter:
			s.declaredAfter = def.line
		}
	}
	if b, ok := r.d.BaseImage(st, r.images); ok && b.Image != nil {
		if e, ok := b.Image.LookupEnv(r.name); ok {
			s.root, s.fromOS = b.Stage.Index, e.FromOS
		}
	}
	return s
}
