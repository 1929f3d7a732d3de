package analysis

import (
	"slices"
	"strings"
)

// CodeAction is a fix or refactoring for a span.
type CodeAction struct {
	Title      string
	Kind       string // "quickfix" or "source"
	Diagnostic *Diagnostic
	Edits      []TextEdit
	Preferred  bool
}

// CodeActions returns the fixes for the diagnostics that touch span, and a
// way to silence each build check in this file.
func (d *Document) CodeActions(span Span, env Env, lang string, images ImageSource) []CodeAction {
	var out []CodeAction
	for _, diag := range d.Diagnostics(env, images) {
		if diag.Span.End < span.Start || diag.Span.Start > span.End {
			continue
		}
		diag := diag
		for _, a := range d.fixesFor(&diag) {
			a.Diagnostic, a.Kind = &diag, "quickfix"
			out = append(out, a)
		}
		if diag.Severity != SeverityError && diag.rule != nil && !diag.rule.NotACheck {
			if a, ok := d.skipRuleAction(diag.Rule); ok {
				a.Diagnostic, a.Kind = &diag, "quickfix"
				out = append(out, a)
			}
		}
	}
	return out
}

func (d *Document) text(s Span) string { return d.Text[s.Start:s.End] }

// fixesFor returns the edits that fix one diagnostic: its rule's fix.
func (d *Document) fixesFor(diag *Diagnostic) []CodeAction {
	ins := d.InstructionAt(diag.Span.Start)
	if ins == nil || diag.rule == nil || diag.rule.fix == nil {
		return nil
	}
	target := ins
	if ins.Sub != nil && diag.Span.Start >= ins.Sub.Keyword.Start {
		target = ins.Sub
	}
	return diag.rule.fix(d, diag, target)
}

// oneFix is a preferred fix replacing one span.
func oneFix(title string, span Span, text string) []CodeAction {
	return []CodeAction{{Title: title, Edits: []TextEdit{{span, text}}, Preferred: true}}
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
