package analysis

import (
	"cmp"
	"context"
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
	Message  string // in English; BuildKit's findings exactly as BuildKit writes them (what CI tools and the corpus oracle match)
	URL      string // the rule's documentation
	Source   string
	Tags     []Tag // how an editor may render it (the rule's tags)
	Data     Data  // what it is about, for fixes

	rule *Rule    // the rule that reported it
	text *message // the message users read, per language; nil: Message in every language
}

// Localized returns the message a user reads in lang: our rules' messages
// in lang; BuildKit's findings translated from the values BuildKit put in
// them where their rule or error class has a template, and, where
// BuildKit's English is cryptic, explained (then even "en" differs from
// Message, which keeps BuildKit's text). A language without a template
// gets Message.
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
// position, without duplicates. env is the build context (nil: none);
// images says what base images contain (nil: the offline table). What
// depends on them is worked out on each call, so a source that learns
// more (a registry answer) gives fresher findings the next time.
func (d *Document) Diagnostics(env Env, images ImageSource) []Diagnostic {
	diags, _ := d.DiagnosticsContext(context.Background(), env, images)
	return diags
}

// DiagnosticsContext is Diagnostics, stopped between BuildKit's runs when
// ctx is done (then it returns ctx's error and memoizes nothing, so the next
// call runs again). Concurrent calls wait for one run.
func (d *Document) DiagnosticsContext(ctx context.Context, env Env, images ImageSource) ([]Diagnostic, error) {
	if err := d.Check(ctx); err != nil {
		return nil, err
	}
	return d.final(slices.Clone(d.buildkit), env, images), nil
}

// Check runs what Diagnostics memoizes (BuildKit's checks and our rules)
// if it has not run yet, without the rules that need the build context:
// for a scheduler that runs the expensive part once for every caller. A
// cancelled ctx stops it with ctx's error, memoizing nothing.
func (d *Document) Check(ctx context.Context) error {
	if !d.buildkitReady.Load() {
		d.buildkitMu.Lock()
		if !d.buildkitReady.Load() {
			out, err := d.runBuildKit(ctx)
			if err != nil {
				d.buildkitMu.Unlock()
				return err
			}
			d.buildkit = out
			d.buildkitReady.Store(true)
			if ph := d.parser.Load(); ph != nil {
				ph.buf = nil // only runBuildKit reads it, under buildkitMu
			}
		}
		d.buildkitMu.Unlock()
	}
	return nil
}

// QuickDiagnostics returns what is known without BuildKit's build checks:
// our rules (never errors: which instructions BuildKit rejects is not known
// yet), the rules that need the build context and, with parserErrors,
// BuildKit's parse and instruction errors (our findings on the instructions
// they reject are then errors). It does not wait for a run of the checks.
// Every finding it returns is also in Diagnostics, at the same severity or
// a higher one, so an editor may show it first and then replace it by
// Diagnostics. Once the checks ran it returns Diagnostics.
func (d *Document) QuickDiagnostics(env Env, images ImageSource, parserErrors bool) []Diagnostic {
	if d.buildkitReady.Load() {
		return d.Diagnostics(env, images)
	}
	if strings.TrimSpace(d.Text) == "" {
		return nil
	}
	var errs []Diagnostic
	failedLines := map[int]bool{}
	if parserErrors {
		ph := d.parsed()
		errs, failedLines = slices.Clone(ph.errors), ph.failedLines
	}
	return d.final(d.withOurs(errs, failedLines), env, images)
}

// final completes a document's findings with what depends on the base
// images and the rules that need the build context, sorted and without
// duplicates.
func (d *Document) final(diags []Diagnostic, env Env, images ImageSource) []Diagnostic {
	if strings.TrimSpace(d.Text) == "" || len(d.Instructions()) == 0 {
		return nil // an empty or comment-only file is a file being started
	}
	diags = d.withImageRules(d.withImages(diags, images), images)
	return dedupe(d.withContextRules(diags, env, d.Instructions()))
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
func (d *Document) diagnosticsAt(off int, env Env, images ImageSource) []Diagnostic {
	if !d.buildkitReady.Load() {
		return nil
	}
	var here []*Instruction
	ins := d.InstructionAt(off)
	if ins != nil {
		here = []*Instruction{ins}
	}
	// Hover is a hot path: only the findings at the cursor are adjusted for
	// the base image, and the image rules run only where they can report.
	var atCursor []Diagnostic
	for _, diag := range d.buildkit {
		if diag.Span.Contains(off) {
			atCursor = append(atCursor, diag)
		}
	}
	atCursor = d.withImages(atCursor, images)
	if ins != nil && imageRulesReport(trigger(ins).Cmd) {
		atCursor = d.withImageRules(atCursor, images)
	}
	var out []Diagnostic
	for _, list := range [][]Diagnostic{atCursor, d.withContextRules(nil, env, here), d.liveKnown()} {
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
