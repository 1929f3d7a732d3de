package analysis

import (
	"cmp"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// Severity of a diagnostic. The values match the LSP's so the server can
// convert without a table, but nothing here depends on the protocol.
type Severity int

// Severities, from most to least severe.
const (
	SeverityError   Severity = 1
	SeverityWarning Severity = 2
	SeverityInfo    Severity = 3
	SeverityHint    Severity = 4
)

// String returns the severity as the CLI prints it.
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	case SeverityInfo:
		return "info"
	case SeverityHint:
		return "hint"
	}
	return "unknown"
}

// Sources of diagnostics.
const (
	SourceBuildKit = "buildkit"
	SourceOurs     = "dockerfile-ls"
)

// Diagnostic is a problem found in a document. Error severity is reserved
// for what fails a build.
type Diagnostic struct {
	Span     Span
	Severity Severity
	Rule     string // the rule name, e.g. "StageNameCasing"
	Message  string // in English (BuildKit's findings: as BuildKit writes them)
	URL      string // the rule's documentation
	Source   string
	Tags     []Tag // how an editor may render it (the rule's tags)
	Data     Data  // what it is about, for fixes

	rule *Rule    // the rule that reported it
	text *message // the message, for other languages; nil: Message in every language
}

// Localized returns the message in lang: our rules' messages follow the
// user's language; BuildKit's stay as BuildKit writes them unless their rule
// has a translation. A language without a template gets Message.
func (d Diagnostic) Localized(lang string) string {
	if d.text == nil || d.text.text[lang] == "" {
		return d.Message
	}
	return d.text.render(lang)
}

// Env supplies what diagnostics need from outside the document (the build
// context). A nil Env means none is available.
type Env interface {
	// DockerIgnore returns the patterns of the build context's .dockerignore
	// (or <Dockerfile>.dockerignore), or nil when there is none.
	DockerIgnore() []string
}

// Diagnostics returns every problem in the document: BuildKit's parse errors
// and build checks (computed once per document) and our own rules, sorted by
// position, without duplicates.
func (d *Document) Diagnostics(env Env) []Diagnostic {
	d.buildkitOnce.Do(func() {
		d.buildkit = d.runBuildKit()
		d.buildkitReady.Store(true)
	})
	if strings.TrimSpace(d.Text) == "" || len(d.Instructions()) == 0 {
		return nil // an empty or comment-only file is a file being started
	}
	return dedupe(d.withContextRules(slices.Clone(d.buildkit), env, d.Instructions()))
}

// withContextRules appends the findings of the rules that need the build
// context, for the given instructions, as "# check=" configures them (the
// file's directive and the comments above each instruction).
func (d *Document) withContextRules(out []Diagnostic, env Env, instructions []*Instruction) []Diagnostic {
	if env == nil {
		return out // no build context, no such rule can run
	}
	cfg := d.checkConfig()
	for _, diag := range d.contextDiagnostics(env, instructions) {
		if !cfg.skips(diag.Rule) && !d.skippedHere(diag) {
			out = append(out, cfg.apply(diag))
		}
	}
	return out
}

// diagnosticsAt returns the diagnostics touching off, but only when
// BuildKit's checks already ran for this document: hover must answer in a
// blink, so it neither waits for them nor redoes the whole file's
// context-dependent checks (only those of the instruction at off).
func (d *Document) diagnosticsAt(off int, env Env) []Diagnostic {
	if !d.buildkitReady.Load() {
		return nil
	}
	var here []*Instruction
	if ins := d.InstructionAt(off); ins != nil {
		here = []*Instruction{ins}
	}
	var out []Diagnostic
	for _, list := range [][]Diagnostic{d.buildkit, d.withContextRules(nil, env, here)} {
		for _, diag := range list {
			if diag.Span.Contains(off) {
				out = append(out, diag)
			}
		}
	}
	return out
}

func dedupe(diags []Diagnostic) []Diagnostic {
	slices.SortStableFunc(diags, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Span.Start, b.Span.Start), cmp.Compare(a.Span.End, b.Span.End),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(diags, func(a, b Diagnostic) bool {
		return a.Span == b.Span && a.Rule == b.Rule && a.Message == b.Message
	})
}

// checkConfig is the "# check=" directive: which rules to skip and whether
// findings fail the build.
type checkConfig struct {
	*linter.Config
}

func (d *Document) checkConfig() checkConfig {
	v := ""
	if dir := d.Directive("check"); dir != nil {
		v = dir.Value
	}
	cfg, err := linter.ParseLintOptions(v)
	if err != nil || cfg == nil {
		cfg = &linter.Config{}
	}
	return checkConfig{cfg}
}

func (c checkConfig) skips(rule string) bool {
	if c.SkipAll {
		return true
	}
	return slices.Contains(c.SkipRules, rule)
}

// apply raises a warning to an error under "error=true", as the build then fails.
func (c checkConfig) apply(d Diagnostic) Diagnostic {
	if c.ReturnAsError && d.Severity == SeverityWarning {
		d.Severity = SeverityError
	}
	return d
}
