package analysis

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"mvdan.cc/sh/v3/syntax"
)

// The formatter's proof: BuildKit parses the instruction before and after
// formatting into the same node. Command strings of shell forms (RUN, CMD,
// ENTRYPOINT, HEALTHCHECK CMD) differ in whitespace by design; they are
// compared as shell (equal mvdan.cc/sh syntax trees, positions aside) where
// a POSIX shell runs them, else as the words BuildKit's shell lexer splits.

// SameProgram reports why BuildKit does not parse the Dockerfile after into
// the same program as before (nil when it does): the same directives and
// instructions, each the same node (see sameNode). It is the formatter's
// proof over whole files; Format checks each instruction it changes.
func SameProgram(before, after string) error {
	ra, err := parser.Parse(strings.NewReader(before))
	if err != nil {
		return fmt.Errorf("before: %w", err)
	}
	rb, err := parser.Parse(strings.NewReader(after))
	if err != nil {
		return fmt.Errorf("after: %w", err)
	}
	if ra.EscapeToken != rb.EscapeToken {
		return fmt.Errorf("escape token %q became %q", ra.EscapeToken, rb.EscapeToken)
	}
	da, db := Parse(before), Parse(after)
	if fmt.Sprint(directiveValues(da)) != fmt.Sprint(directiveValues(db)) {
		return fmt.Errorf("directives %v became %v", directiveValues(da), directiveValues(db))
	}
	na, nb := ra.AST.Children, rb.AST.Children
	if len(na) != len(nb) {
		return fmt.Errorf("%d instructions became %d", len(na), len(nb))
	}
	f := &formatter{d: da}
	for i := range na {
		posix := true
		if ins := da.InstructionAtLine(na[i].StartLine - 1); ins != nil {
			posix = f.posix(ins)
		}
		if !sameNode(na[i], nb[i], byte(ra.EscapeToken), posix) {
			return fmt.Errorf("line %d: %q became %q (line %d)", na[i].StartLine, na[i].Original, nb[i].Original, nb[i].StartLine)
		}
	}
	return nil
}

func directiveValues(d *Document) []string {
	var out []string
	for _, dir := range d.Directives {
		out = append(out, dir.Name+"="+dir.Value)
	}
	return out
}

// sameProgram reports whether before and after, each one instruction with
// its heredoc bodies, parse to the same program. An instruction BuildKit
// cannot parse is the same only as itself.
func sameProgram(before, after string, escape byte, posix bool) bool {
	if before == after {
		return true
	}
	a, err := parseOne(before, escape)
	if err != nil {
		return false
	}
	b, err := parseOne(after, escape)
	if err != nil {
		return false
	}
	return sameNode(a, b, escape, posix)
}

func parseOne(text string, escape byte) (*parser.Node, error) {
	if escape != '\\' {
		text = "# escape=" + string(escape) + "\n" + text
	}
	res, err := parser.Parse(strings.NewReader(text))
	if err != nil {
		return nil, err
	}
	if len(res.AST.Children) != 1 {
		return nil, errors.New("not one instruction")
	}
	return res.AST.Children[0], nil
}

var shellForms = map[string]bool{"run": true, "cmd": true, "entrypoint": true, "shell": true}

func sameNode(a, b *parser.Node, escape byte, posix bool) bool {
	cmd := strings.ToLower(a.Value)
	if cmd != strings.ToLower(b.Value) || !slices.Equal(a.Flags, b.Flags) || !maps.Equal(a.Attributes, b.Attributes) ||
		len(a.Heredocs) != len(b.Heredocs) || len(a.Children) != len(b.Children) {
		return false
	}
	for i := range a.Children {
		if !sameNode(a.Children[i], b.Children[i], escape, posix) {
			return false
		}
	}
	script := posix && cmd == "run" && len(a.Heredocs) == 1 && a.Next != nil && a.Next.Next == nil &&
		parser.MustParseHeredoc(strings.TrimSpace(a.Next.Value)) != nil
	for i, ha := range a.Heredocs {
		hb := b.Heredocs[i]
		if ha.Name != hb.Name || ha.Expand != hb.Expand || ha.Chomp != hb.Chomp || ha.FileDescriptor != hb.FileDescriptor {
			return false
		}
		if ha.Content != hb.Content && !(script && sameShell(ha.Content, hb.Content)) {
			return false
		}
	}
	json := a.Attributes["json"]
	na, nb := a.Next, b.Next
	for i := 0; na != nil || nb != nil; i++ {
		if na == nil || nb == nil || len(na.Children) != len(nb.Children) {
			return false
		}
		for k := range na.Children {
			if !sameNode(na.Children[k], nb.Children[k], escape, posix) {
				return false
			}
		}
		command := !json && (shellForms[cmd] && i == 0 || cmd == "healthcheck" && i == 1)
		if na.Value != nb.Value && !(command && sameCommand(na.Value, nb.Value, escape, posix)) {
			return false
		}
		na, nb = na.Next, nb.Next
	}
	return true
}

// sameCommand compares two shell-form command strings.
func sameCommand(a, b string, escape byte, posix bool) bool {
	if posix {
		fa, errA := parseShell(a)
		fb, errB := parseShell(b)
		if errA == nil && errB == nil {
			return equalIgnoringPos(reflect.ValueOf(fa), reflect.ValueOf(fb))
		}
		if (errA == nil) != (errB == nil) {
			return false
		}
	}
	wa, errA := shellWords(a, escape)
	wb, errB := shellWords(b, escape)
	return errA == nil && errB == nil && slices.Equal(wa, wb)
}

// sameShell compares two shell scripts by their syntax trees.
func sameShell(a, b string) bool {
	fa, errA := parseShell(a)
	fb, errB := parseShell(b)
	return errA == nil && errB == nil && equalIgnoringPos(reflect.ValueOf(fa), reflect.ValueOf(fb))
}

// parseShell parses a script without comments (they are not meaning). A
// parser per call: syntax.Parser keeps state and is not safe to share.
func parseShell(src string) (*syntax.File, error) {
	return syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
}

// shellWords splits a command the way BuildKit's shell lexer does, quotes
// and escapes kept, variables unexpanded.
func shellWords(s string, escape byte) ([]string, error) {
	lex := shell.NewLex(rune(escape))
	lex.RawQuotes, lex.RawEscapes, lex.SkipUnsetEnv = true, true, true
	return lex.ProcessWords(s, noEnv{})
}

type noEnv struct{}

func (noEnv) Get(string) (string, bool) { return "", false }
func (noEnv) Keys() []string            { return nil }

var posType = reflect.TypeFor[syntax.Pos]()

// equalIgnoringPos compares two syntax trees field by field, skipping
// positions.
func equalIgnoringPos(a, b reflect.Value) bool {
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalIgnoringPos(a.Elem(), b.Elem())
	case reflect.Struct:
		if a.Type() == posType {
			return true
		}
		for i := range a.NumField() {
			if !equalIgnoringPos(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !equalIgnoringPos(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	default:
		return false // maps, funcs, channels: not in syntax trees
	}
}
