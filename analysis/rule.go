package analysis

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// This file is the rule registry. Every diagnostic comes from one Rule
// value: BuildKit's build checks (rules_buildkit.go), the classes of
// BuildKit's errors (buildkit_errors.go) and our own rules (rules_ours.go).
// A rule's metadata is its entry in docs/reference.yaml and its pages are
// docs/<lang>/rules/<Name>.md; everything else about it is in its value.

// Rule is one diagnostic rule: its messages in each language, the check that
// finds its problems, where a finding points, its quick fixes and its tags.
type Rule struct {
	// Name is the rule's code, as diagnostics and "# check=skip=" name it.
	Name string
	// Tags are the editor tags of the rule's findings (deprecated code,
	// unnecessary code).
	Tags []Tag
	// Messages are the templates of the rule's own messages, by message id
	// ("" for the main one). For BuildKit's checks a template translates
	// BuildKit's message (its arguments are Data.Args) and English stays as
	// BuildKit writes it; without one, every language gets BuildKit's text.
	Messages map[string]Text
	// NotACheck marks findings that "# check=skip" cannot turn off: they
	// say a file could not be parsed or checked at all.
	NotACheck bool
	// NeverFires says why the rule cannot fire in this server, when it
	// cannot (a BuildKit check that needs what only a registry knows).
	NeverFires string
	// Shell marks the rules that read the shell inside RUN (mvdan.cc/sh);
	// the shellRules setting turns them all off at once.
	Shell bool

	// check finds the rule's problems in a document; failed tells which
	// instructions BuildKit rejects (findings there are errors).
	check func(r *Rule, d *Document, failed func(*Instruction) bool) []Diagnostic
	// checkContext finds the rule's problems that need the build context,
	// in the given instructions.
	checkContext func(r *Rule, d *Document, env Env, instructions []*Instruction) []Diagnostic
	// format is BuildKit's message of one of its checks as a pattern. Its
	// groups are what BuildKit formatted into it (Data.Args); the groups
	// named token and suggestion also give Data.Token and Data.Suggestion.
	format *regexp.Regexp
	// narrow points one of BuildKit's findings, which carry only a line,
	// at the token at fault in ins; ok=false leaves the instruction's
	// first line.
	narrow func(d *Document, ins *Instruction, data Data) (span Span, ok bool)
	// fix returns the edits that fix a finding; target is the instruction
	// it is on (the ONBUILD trigger, when it is on one).
	fix func(d *Document, diag *Diagnostic, target *Instruction) []CodeAction
}

// Tag is how an editor may render a finding. The values match the LSP's,
// so the server converts without a table.
type Tag int

// Tags.
const (
	TagUnnecessary Tag = 1 // unused or redundant code, shown faded
	TagDeprecated  Tag = 2 // obsolete code, shown struck through
)

// Data is what a finding is about, as values: fixes and translations read
// it, never the message text.
type Data struct {
	// Token is the offending token as the finding names it: a flag, an
	// option, a variable, a stage name, a keyword… ("" when none).
	Token string
	// Suggestion is what was likely meant ("did you mean"), without the
	// decoration ("--", "$") the message adds, or "".
	Suggestion string
	// Args are the values BuildKit formatted into its message, in the order
	// they appear there (BuildKit's findings only).
	Args []string
}

// Text is one message in the languages it is written in: a fmt template
// per language code. English is required; it is the fallback.
type Text map[string]string

// message is a Text with its arguments, rendered in the reader's language.
// Arguments that are messages themselves render in the same language.
type message struct {
	text Text
	args []any
}

func (m *message) render(lang string) string {
	t, ok := m.text[lang]
	if !ok {
		t = m.text["en"]
	}
	args := make([]any, len(m.args))
	for i, a := range m.args {
		if sub, ok := a.(*message); ok {
			args[i] = sub.render(lang)
		} else {
			args[i] = a
		}
	}
	if len(args) == 0 {
		return t
	}
	return fmt.Sprintf(t, args...)
}

// registry holds every rule by name. A rule registers as a package
// variable: "var _ = register(&Rule{…})", named only when code refers to
// that rule itself.
var registry = map[string]*Rule{}

func register(r *Rule) *Rule {
	if registry[r.Name] != nil {
		panic("analysis: rule " + r.Name + " registered twice")
	}
	registry[r.Name] = r
	return r
}

// Rules returns every rule, sorted by name.
func Rules() []*Rule { return slices.Clone(sortedRules()) }

// sortedRules is the registry in name order, made once (every rule has
// registered by the time anything runs).
var sortedRules = sync.OnceValue(func() []*Rule {
	out := make([]*Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.Name, b.Name) })
	return out
})

// RuleNamed returns the rule with the given name, or nil.
func RuleNamed(name string) *Rule { return registry[name] }

// Meta returns the rule's entry in docs/reference.yaml, or nil.
func (r *Rule) Meta() *docs.Rule { return docs.Ref().Rule(r.Name) }

// URL returns the rule's documentation.
func (r *Rule) URL() string {
	if m := r.Meta(); m != nil && m.URL != "" {
		return m.URL
	}
	return "https://github.com/dockerfile-ls/dockerfile-ls/blob/main/docs/en/rules/" + r.Name + ".md"
}

// severity is the severity of a finding of ours: an error where BuildKit
// rejects the instruction, else the rule's default. A rule declared with
// severity "error" is one whose findings fail the build where BuildKit
// rejects the instruction; elsewhere they are warnings.
func (r *Rule) severity(fails bool) Severity {
	if fails {
		return SeverityError
	}
	if m := r.Meta(); m != nil {
		switch m.Severity {
		case "information":
			return SeverityInfo
		case "hint":
			return SeverityHint
		}
	}
	return SeverityWarning
}

// report makes a finding of one of our rules at span; fails tells whether
// BuildKit rejects the instruction; id names the message in r.Messages.
func (r *Rule) report(span Span, fails bool, data Data, id string, args ...any) Diagnostic {
	text, ok := r.Messages[id]
	if !ok {
		text = Text{"en": r.Name} // a missing message is a bug the registry tests catch
	}
	m := &message{text: text, args: args}
	return Diagnostic{Span: span, Severity: r.severity(fails), Rule: r.Name, Message: m.render("en"),
		URL: r.URL(), Source: SourceOurs, Tags: r.Tags, Data: data, rule: r, text: m}
}

// buildkitRule returns the rule of one of BuildKit's findings; a rule that
// this version of the registry does not know still gets reported.
func buildkitRule(name string) *Rule {
	if r := registry[name]; r != nil {
		return r
	}
	return &Rule{Name: name}
}

// fromBuildKit makes the finding for one of BuildKit's build-check warnings
// on the 1-based line, pointed at its token.
func (r *Rule) fromBuildKit(d *Document, detail, url string, line int) Diagnostic {
	var data Data
	if r.format != nil {
		if m := r.format.FindStringSubmatch(detail); m != nil {
			data.Args = m[1:]
			if i := r.format.SubexpIndex("token"); i > 0 {
				data.Token = m[i]
			}
			if i := r.format.SubexpIndex("suggestion"); i > 0 {
				data.Suggestion = m[i]
			}
		}
	}
	span := Span{0, 0}
	if ins := d.InstructionAtLine(line - 1); ins != nil {
		span = d.firstLineSpan(ins)
		if r.narrow != nil {
			if s, ok := r.narrow(d, ins, data); ok {
				span = s
			}
		}
	} else if line >= 1 {
		span = d.lineSpan(line - 1)
	}
	diag := Diagnostic{Span: span, Severity: SeverityWarning, Rule: r.Name, Message: detail, URL: url,
		Source: SourceBuildKit, Tags: r.Tags, Data: data, rule: r}
	if t, ok := r.Messages[""]; ok && data.Args != nil {
		// A translation of BuildKit's message, filled with what BuildKit put
		// in it; English stays BuildKit's own text.
		args := make([]any, len(data.Args))
		for i, a := range data.Args {
			args[i] = a
		}
		diag.text = &message{text: t, args: args}
	}
	return diag
}
