package analysis

import (
	"slices"
	"sort"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// Per-instruction "# check=skip=Rule1,Rule2", as BuildKit v0.34.2 reads it
// (frontend/dockerfile/parser.Parse collects Node.PrevComment; the linter's
// WithMergedConfigFromComments applies it), so our rules follow the same
// comments BuildKit's checks do:
//
//   - the comments are the comment lines since the previous instruction
//     (or the parser directives): blank lines between them and the
//     instruction do not matter, but a comment line that is only "#"
//     starts the list again;
//   - BuildKit drops the first byte of each comment line, not the '#', so
//     an indented "  # check=…" is not read as one;
//   - of those comments, the first one of the form "check=<value>" is
//     used; its value ends at the first space ("# check=skip=A // why");
//     when it does not parse, none is used;
//   - skip=all, or skip=Rule1,Rule2 (no spaces after the commas) skip the
//     rules for that instruction; error= has no effect there.

// stageLevelChecks are BuildKit's checks that a comment above one
// instruction does not turn off: BuildKit runs them over a whole stage or
// file, with the file's directive only, so "Disable … for this
// instruction" is not offered for them (TestSkipHereAction shows BuildKit
// ignoring the comment for each).
var stageLevelChecks = map[string]string{
	"ConsistentInstructionCasing":    "compares the casing of every instruction of the file",
	"DuplicateStageName":             "compares the names of all stages",
	"ReservedStageName":              "is checked over all stages",
	"MultipleInstructionsDisallowed": "counts the instructions of a stage",
	"NoEmptyContinuation":            "is reported by the parser for the file",
	"InvalidDefaultArgInFrom":        "checks the global ARGs a FROM uses, before the comments are read",
}

// skipActions are the ways to silence one finding: for its instruction,
// and in the whole file. Errors (the build fails all the same), findings
// that are not checks and BuildKit's experimental checks (enabled by name,
// which skip= does not undo) get none.
func (d *Document) skipActions(diag *Diagnostic) []CodeAction {
	if diag.Severity == SeverityError || !diag.rule.skippable() {
		return nil
	}
	var out []CodeAction
	if a, ok := d.skipHereAction(diag); ok && stageLevelChecks[diag.Rule] == "" {
		out = append(out, a)
	}
	if a, ok := d.skipRuleAction(diag.Rule); ok {
		out = append(out, a)
	}
	return out
}

// skippable reports whether "# check=skip=" can turn the rule off.
func (r *Rule) skippable() bool {
	if r == nil || r.NotACheck {
		return false
	}
	m := r.Meta()
	return m == nil || !m.Experimental
}

// instructionComment is one comment line above an instruction.
type instructionComment struct {
	line  int    // zero-based
	text  string // as BuildKit keeps it: the line without its first byte, trimmed
	start int    // the document offset of text
}

// commentsAbove returns the comments BuildKit attaches to ins.
func (d *Document) commentsAbove(ins *Instruction) []instructionComment {
	from := 0
	if n := len(d.Directives); n > 0 {
		from = d.Lines.LineOf(d.Directives[n-1].Span.Start) + 1
	}
	all := d.Instructions()
	i := sort.Search(len(all), func(i int) bool { return all[i].Line >= ins.Line })
	if i > 0 {
		from = all[i-1].EndLine + 1
	}
	var out []instructionComment
	for line := from; line < ins.Line; line++ {
		raw := d.Text[d.Lines.LineStart(line):d.Lines.LineEnd(line)]
		if t := strings.TrimLeft(raw, " \t\r\f\v"); t == "" || t[0] != '#' {
			continue
		}
		text := strings.TrimSpace(raw[1:])
		if text == "" {
			out = nil // a bare "#" ends the comments before it
			continue
		}
		lead := len(raw[1:]) - len(strings.TrimLeft(raw[1:], " \t\r\f\v"))
		out = append(out, instructionComment{line: line, text: text, start: d.Lines.LineStart(line) + 1 + lead})
	}
	return out
}

// instructionCheck is the "# check=" comment that applies to one
// instruction: the line it is on, its value (up to the first space) and
// that value's options, nil when it does not parse.
type instructionCheck struct {
	line  int
	value Span // up to the first space
	cfg   *linter.Config
}

// checkAbove returns the check comment BuildKit reads for ins, or nil.
func (d *Document) checkAbove(ins *Instruction) *instructionCheck {
	for _, c := range d.commentsAbove(ins) {
		m := directiveRe.FindStringSubmatchIndex(c.text)
		if m == nil || strings.ToLower(c.text[m[2]:m[3]]) != "check" {
			continue
		}
		v, _, _ := strings.Cut(c.text[m[4]:m[5]], " ")
		cfg, err := linter.ParseLintOptions(v)
		if err != nil {
			cfg = nil
		}
		return &instructionCheck{line: c.line, value: Span{c.start + m[4], c.start + m[4] + len(v)}, cfg: cfg}
	}
	return nil
}

// skippedHere reports whether the comments above the finding's instruction
// skip its rule.
func (d *Document) skippedHere(diag Diagnostic) bool {
	ins := d.InstructionAt(diag.Span.Start)
	if ins == nil {
		return false
	}
	c := d.checkAbove(ins)
	if c == nil || c.cfg == nil {
		return false
	}
	return checkConfig{c.cfg}.skips(diag.Rule)
}

// skipHereAction adds the rule to the check comment above the finding's
// instruction, or writes one, so that BuildKit and we skip the rule there.
// The new comment starts at column 0: BuildKit ignores an indented one.
func (d *Document) skipHereAction(diag *Diagnostic) (CodeAction, bool) {
	ins := d.InstructionAt(diag.Span.Start)
	if ins == nil {
		return CodeAction{}, false
	}
	title := "Disable " + diag.Rule + " for this instruction (# check=skip)"
	insert := func(line int, text string) (CodeAction, bool) {
		at := d.Lines.LineStart(line)
		return CodeAction{Title: title, Edits: []TextEdit{{Span{at, at}, text}}}, true
	}
	c := d.checkAbove(ins)
	switch {
	case c == nil && d.directivesEndAt(ins.Line):
		// Right below the directives (or at the top) a check comment would be
		// read as the file's directive; a blank line ends the directives.
		return insert(ins.Line, "\n# check=skip="+diag.Rule+"\n")
	case c == nil:
		return insert(ins.Line, "# check=skip="+diag.Rule+"\n")
	case c.cfg == nil:
		// BuildKit ignores a check comment that does not parse, and every
		// one after it: a new one goes first.
		return insert(c.line, "# check=skip="+diag.Rule+"\n")
	case c.cfg.SkipAll || checkConfig{c.cfg}.skips(diag.Rule):
		return CodeAction{}, false
	}
	return CodeAction{Title: title, Edits: []TextEdit{{c.value, withSkip(d.text(c.value), diag.Rule)}}}, true
}

// withSkip adds rule to the skip list of a check value ("error=true" →
// "error=true;skip=Rule", "skip=A" → "skip=A,Rule").
func withSkip(value, rule string) string {
	parts := strings.SplitN(value, ";", 3)
	for i, p := range parts {
		if k, _, _ := strings.Cut(p, "="); strings.TrimSpace(k) == "skip" {
			parts[i] = strings.TrimRight(p, " ,") + "," + rule
			return strings.Join(parts, ";")
		}
	}
	return value + ";skip=" + rule
}

// directivesEndAt reports whether line directly follows the parser
// directives, or is the first line, with nothing in between.
func (d *Document) directivesEndAt(line int) bool {
	if n := len(d.Directives); n > 0 {
		return d.Lines.LineOf(d.Directives[n-1].Span.Start)+1 == line
	}
	return line == 0
}

// skipRuleAction adds the rule to "# check=skip=…" (creating the directive
// at the top if needed).
func (d *Document) skipRuleAction(rule string) (CodeAction, bool) {
	title := "Disable " + rule + " in this file (# check=skip)"
	if dir := d.Directive("check"); dir != nil {
		parts := strings.Split(dir.Value, ";")
		for i, p := range parts {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if k == "skip" {
				list := strings.Split(v, ",")
				if slices.Contains(list, rule) || v == "all" {
					return CodeAction{}, false
				}
				parts[i] = strings.TrimSpace(p) + "," + rule
				return CodeAction{Title: title, Edits: []TextEdit{{dir.ValueSpan, strings.Join(parts, ";")}}}, true
			}
		}
		return CodeAction{Title: title, Edits: []TextEdit{{dir.ValueSpan, dir.Value + ";skip=" + rule}}}, true
	}
	// A new directive goes after the existing ones (directives must come first).
	at := 0
	if n := len(d.Directives); n > 0 {
		at = d.Lines.LineStart(d.Lines.LineOf(d.Directives[n-1].Span.Start) + 1)
	}
	return CodeAction{Title: title, Edits: []TextEdit{{Span{at, at}, "# check=skip=" + rule + "\n"}}}, true
}
