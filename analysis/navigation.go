package analysis

import (
	"slices"
)

// Definition, references, highlights and rename of the stage, variable or
// heredoc delimiter at a position. Every answer is read from the document's
// entity index (entities.go), so each occurrence of an entity gives the
// same set.

// Occurrence is a place where an entity is declared or used.
type Occurrence struct {
	Span Span
	Def  bool // the declaration (a write), not a use
}

// TextEdit replaces Span by NewText.
type TextEdit struct {
	Span    Span
	NewText string
}

// entityAt returns the occurrence under the cursor and its entity.
func (d *Document) entityAt(off int) (*occurrence, *entity, bool) {
	x := d.nav()
	o, ok := x.at(off)
	if !ok {
		return nil, nil, false
	}
	return o, &x.entities[o.entity], true
}

// occurrencesOf returns the entity's occurrences in document order.
func (d *Document) occurrencesOf(e *entity) []*occurrence {
	x := d.nav()
	out := make([]*occurrence, 0, len(e.occs))
	for _, i := range e.occs {
		out = append(out, &x.occs[i])
	}
	slices.SortFunc(out, func(a, b *occurrence) int { return a.span.Start - b.span.Start })
	return out
}

// Definition returns where the name at off is declared: a stage's name
// after AS (its FROM keyword when it has none), the ARG or ENV key a
// variable reference resolves to here (the one hover names), a heredoc's
// delimiter. On a declaration, that declaration.
func (d *Document) Definition(off int) []Span {
	o, _, ok := d.entityAt(off)
	if !ok || !o.target.Valid() {
		return nil
	}
	return []Span{o.target}
}

// References returns every occurrence of the entity at off, declarations
// only when includeDecl is set.
func (d *Document) References(off int, includeDecl bool) []Span {
	_, e, ok := d.entityAt(off)
	if !ok {
		return nil
	}
	var out []Span
	for _, o := range d.occurrencesOf(e) {
		if includeDecl || !o.def {
			out = append(out, o.span)
		}
	}
	return out
}

// Highlights returns the occurrences of the entity at off.
func (d *Document) Highlights(off int) []Occurrence {
	_, e, ok := d.entityAt(off)
	if !ok {
		return nil
	}
	var out []Occurrence
	for _, o := range d.occurrencesOf(e) {
		out = append(out, Occurrence{o.span, o.def})
	}
	return out
}

// PrepareRename returns the span of the name at off and the name to offer
// for editing, or an error saying why it cannot be renamed
// (ErrNothingToRename when there is no name there at all).
func (d *Document) PrepareRename(off int) (Span, string, error) {
	o, e, ok := d.entityAt(off)
	if !ok {
		return Span{}, "", ErrNothingToRename
	}
	if err := d.renamable(e); err != nil {
		return Span{}, "", err
	}
	name := d.Text[o.span.Start:o.span.End]
	if o.edit == editKeep {
		name = e.stage.Name // an index: offer the stage's name
	}
	return o.span, name, nil
}

// Rename renames the entity at off to newName everywhere in the document.
// It refuses (with a *RenameError) names the entity cannot take and names
// that would change what another reference means.
func (d *Document) Rename(off int, newName string) ([]TextEdit, error) {
	_, e, ok := d.entityAt(off)
	if !ok {
		return nil, ErrNothingToRename
	}
	if err := d.renamable(e); err != nil {
		return nil, err
	}
	if err := d.checkNewName(e, newName); err != nil {
		return nil, err
	}
	var edits []TextEdit
	for _, o := range d.occurrencesOf(e) {
		if o.edit != editName {
			continue
		}
		text := newName
		if o.lower {
			text = lowerASCII(newName)
		}
		edits = append(edits, TextEdit{o.span, text})
	}
	return edits, nil
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
