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
	root := d.imageVarRoot(ins, name, images)
	if root == nil {
		return nil
	}
	var out []Span
	for _, other := range d.Instructions() {
		for _, v := range other.Vars {
			if v.Name == name && d.imageVarRoot(other, name, images) == root {
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
	ins := d.InstructionAt(off)
	b, _ := d.BaseImage(d.StageOf(ins), images)
	return &RenameError{key: "rename.imagevar", args: []any{d.Text[uses[0].Start:uses[0].End], b.Ref}}
}

// imageVarRoot is the stage whose FROM names the image that gives name its
// value at ins, nil when the file declares name there, the image does not
// set it, or ins is a FROM line or an ONBUILD trigger (another build's).
// Variables the OS gives processes count only in RUN, whose shell sees them.
func (d *Document) imageVarRoot(ins *Instruction, name string, images ImageSource) *Stage {
	if name == "" || ins.Cmd == "FROM" || ins.Cmd == "ONBUILD" {
		return nil
	}
	for _, def := range d.VarsAt(ins) {
		if def.Name == name {
			return nil
		}
	}
	st := d.StageOf(ins)
	if st == nil {
		return nil
	}
	b, ok := d.BaseImage(st, images)
	if !ok || b.Image == nil {
		return nil
	}
	if e, ok := b.Image.LookupEnv(name); !ok || (e.FromOS && ins.Cmd != "RUN") {
		return nil
	}
	return b.Stage
}
