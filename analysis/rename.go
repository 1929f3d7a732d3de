package analysis

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// RenameError says why a rename is refused; Message gives it in a language.
type RenameError struct {
	key  string
	args []any
}

// Error is the English message.
func (e *RenameError) Error() string { return e.Message("en") }

// Message is the message in lang.
func (e *RenameError) Message(lang string) string { return msg(lang, e.key, e.args...) }

// ErrNothingToRename is returned where the cursor is on no name.
var ErrNothingToRename = &RenameError{key: "rename.nothing"}

var (
	// stageNameRe is BuildKit's validStageName, in either case (it
	// lower-cases the name first; StageNameCasing warns about upper case).
	stageNameRe   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_.-]*$`)
	varNameRe     = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
	heredocNameRe = regexp.MustCompile(`^[a-zA-Z0-9_.+-]+$`)
)

// renamable reports why e cannot be renamed at all, or nil.
func (d *Document) renamable(e *entity) error {
	if e.kind == entityStage && e.stage.Name == "" {
		return &RenameError{key: "rename.unnamed", args: []any{e.stage.Index}}
	}
	if e.kind == entityVar && docs.Ref().Arg(e.name) != nil {
		return &RenameError{key: "rename.predefinedname", args: []any{e.name}}
	}
	for _, o := range d.occurrencesOf(e) {
		if o.edit == editBlocked {
			return &RenameError{key: "rename.blocked", args: []any{d.Text[o.hit.Start:o.hit.End], d.shownLine(o.hit.Start)}}
		}
	}
	return nil
}

// checkNewName refuses a name e cannot take, or one that would capture or
// merge with another name.
func (d *Document) checkNewName(e *entity, name string) error {
	switch e.kind {
	case entityStage:
		return d.checkStageName(e, name)
	case entityVar:
		return d.checkVarName(e, name)
	}
	return d.checkHeredocName(e, name)
}

func (d *Document) checkStageName(e *entity, name string) error {
	if !stageNameRe.MatchString(name) {
		return &RenameError{key: "rename.stagename", args: []any{name}}
	}
	if slices.Contains(reservedStageNames, lowerASCII(name)) {
		return &RenameError{key: "rename.reserved", args: []any{name}}
	}
	for _, st := range d.Stages() {
		if st.From != e.stage.From && st.Name != "" && strings.EqualFold(st.Name, name) {
			return &RenameError{key: "rename.stagetaken", args: []any{name, d.shownLine(st.From.Span.Start)}}
		}
	}
	// A word that names no stage now must not start naming this one.
	x := d.nav()
	mine := map[Span]bool{}
	for _, o := range d.occurrencesOf(e) {
		mine[o.hit] = true
	}
	for _, w := range x.stageWords {
		if mine[w.span] {
			continue
		}
		captured := strings.EqualFold(w.text, name)
		if w.kind == refBase {
			captured = w.text == lowerASCII(name) && w.ins.Line > e.stage.From.Line
		}
		if captured {
			return &RenameError{key: "rename.captures", args: []any{d.text(w.span), d.shownLine(w.span.Start)}}
		}
	}
	return nil
}

func (d *Document) checkVarName(e *entity, name string) error {
	if !varNameRe.MatchString(name) {
		return &RenameError{key: "rename.varname", args: []any{name}}
	}
	if name == e.name {
		return nil
	}
	if docs.Ref().Arg(name) != nil {
		return &RenameError{key: "rename.predefined", args: []any{name}}
	}
	x := d.nav()
	for scope, after := range d.varScopes(e) {
		for _, s := range x.varNames[scope][name] {
			// Another declaration would merge with this variable; a use
			// the variable reaches would start naming it.
			if s.decl || s.line > after {
				return &RenameError{key: "rename.vartaken", args: []any{name}}
			}
		}
	}
	return nil
}

// varScopes maps each scope a variable entity reaches to the line after
// which it is visible there: the end of its first declaration in that
// scope, or -1 where it is visible from the start (its uses alone, or a
// stage that inherits it).
func (d *Document) varScopes(e *entity) map[int]int {
	scopes := map[int]int{}
	for _, o := range d.occurrencesOf(e) {
		after, seen := scopes[o.scope]
		switch {
		case !o.def:
			if !seen {
				scopes[o.scope] = -1
			}
		case !seen || (after >= 0 && o.line < after):
			scopes[o.scope] = o.line
		}
	}
	for _, st := range d.Stages() {
		for p := st.Parent; p != nil; p = p.Parent {
			if _, ok := scopes[p.Index]; ok {
				scopes[st.Index] = -1
			}
		}
	}
	return scopes
}

func (d *Document) checkHeredocName(e *entity, name string) error {
	if !heredocNameRe.MatchString(name) {
		return &RenameError{key: "rename.heredocname", args: []any{name}}
	}
	h := e.ins.Heredocs[e.heredoc]
	if name != h.Name && slices.Contains(heredocBodyLines(d.Text, h), name) {
		return &RenameError{key: "rename.terminates", args: []any{name}}
	}
	return nil
}
