package analysis

import "slices"

// Fix all: every preferred quick fix at once, for the editor's
// source.fixAll and `dockerfile-ls check --fix`. Only preferred fixes are
// applied: they are the ones that fix without guessing (a typo one edit
// away, a missing flag), never "disable the rule".

// fixAllRounds bounds the re-checks: a fix can reveal a finding another
// fix then settles (a flag renamed, then its value checked), but a fix that
// keeps its finding must not loop.
const fixAllRounds = 8

// AppliedFix is one fix that FixAll applied.
type AppliedFix struct {
	Rule  string
	Title string
	// Line is the zero-based line of the finding, in the text as it was
	// in the round that fixed it (the original text for the first round).
	Line int
}

// FixAll applies the preferred fix of every finding the rule settings show
// (a rule turned off is not fixed), re-checking after each round until none
// is left, and returns the fixed text and what it applied. Fixes whose
// edits overlap one already taken wait for the next round.
func FixAll(text string, env Env, images ImageSource, rules RuleSettings) (string, []AppliedFix) {
	return Parse(text).fixAll(env, images, rules)
}

// fixAll is FixAll starting from d, whose findings are often computed
// already (the editor's document).
func (d *Document) fixAll(env Env, images ImageSource, rules RuleSettings) (string, []AppliedFix) {
	text := d.Text
	var applied []AppliedFix
	for round := range fixAllRounds {
		if round > 0 {
			d = Parse(text)
		}
		var edits []TextEdit
		var fixes []AppliedFix
		for _, diag := range rules.Apply(d.Diagnostics(env, images)) {
			for _, a := range d.fixesFor(&diag) {
				if !a.Preferred || overlapsAny(a.Edits, edits) {
					continue
				}
				edits = append(edits, a.Edits...)
				fixes = append(fixes, AppliedFix{Rule: diag.Rule, Title: a.Title, Line: d.Lines.LineOf(diag.Span.Start)})
				break // one fix per finding
			}
		}
		if len(edits) == 0 {
			break
		}
		sortEdits(edits)
		fixed := ApplyEdits(text, edits)
		if fixed == text {
			break
		}
		text, applied = fixed, append(applied, fixes...)
	}
	return text, applied
}

// FixAllAction is FixAll as one code action on the document, with the
// smallest edits that turn its text into the fixed one.
func (d *Document) FixAllAction(env Env, images ImageSource, rules RuleSettings) (CodeAction, bool) {
	fixed, applied := d.fixAll(env, images, rules)
	if len(applied) == 0 {
		return CodeAction{}, false
	}
	return CodeAction{Title: "Fix all auto-fixable problems", Kind: "source.fixAll", Edits: diffEdits(0, d.Text, fixed)}, true
}

// overlapsAny reports whether one of edits touches one of taken. Two
// insertions at the same offset count as overlapping: their order would be
// a guess.
func overlapsAny(edits, taken []TextEdit) bool {
	return slices.ContainsFunc(edits, func(e TextEdit) bool {
		return slices.ContainsFunc(taken, func(t TextEdit) bool {
			return e.Span.Start < t.Span.End && t.Span.Start < e.Span.End || e.Span.Start == t.Span.Start
		})
	})
}
