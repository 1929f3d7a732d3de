package analysis

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/solver/pb"
	digest "github.com/opencontainers/go-digest"
)

// This file runs BuildKit itself over the document: its parser, its typed
// instruction parsing and every build check (dockerfile2llb.DockerfileLint),
// offline. BuildKit stops at the first error; we blank out each failing
// instruction and run again, so one broken line does not hide the rest.

// offlineResolver answers image lookups without a registry: an empty config.
// Without it DockerfileLint dials the registry for every FROM.
type offlineResolver struct{}

// ResolveImageConfig returns an empty image config for any reference.
func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

// allCaps enables every LLB capability; without caps some instructions
// (RUN --mount=type=bind,rw …) panic inside the converter.
var allCaps = pb.Caps.CapSet(pb.Caps.All())

const maxBuildKitErrors = 50

// maxLintInstructions bounds the files BuildKit's converter checks: its
// cost grows with the square of a stage's length (each step walks the chain
// of states before it), so a generated file of 100,000 instructions would
// take minutes. Larger files get the parser's checks and ours.
const maxLintInstructions = 20000

// runBuildKit returns BuildKit's parse errors, instruction errors and build
// check warnings, each narrowed to its token, merged with our reference
// rules (which BuildKit's verdict per instruction makes errors or warnings).
// A cancelled ctx stops it between BuildKit's runs, with ctx's error.
func (d *Document) runBuildKit(ctx context.Context) ([]Diagnostic, error) {
	if strings.TrimSpace(d.Text) == "" {
		return nil, nil
	}
	out, failedLines, err := d.buildkitFindings(ctx)
	if err != nil {
		return nil, err
	}
	return d.withOurs(out, failedLines), nil
}

// NoInstructions is BuildKit's error for a file it cannot build because
// it holds no instruction (empty, or only comments and directives), on the
// file's first text; ok=false when the file has an instruction. Diagnostics
// leave it out: in an editor such a file is one being started. Callers that
// stand for a build (the check command) add it.
func (d *Document) NoInstructions() (Diagnostic, bool) {
	if len(d.Instructions()) > 0 {
		return Diagnostic{}, false
	}
	return d.errorDiagnostic("file with no instructions", 0, 0), true
}

// buildkitFindings runs BuildKit: the checks once when the file builds;
// otherwise the parser phase (parsed) and then the checks over the text
// with the instructions BuildKit rejects blanked. failedLines holds the
// 0-based first lines of those instructions.
func (d *Document) buildkitFindings(ctx context.Context) (out []Diagnostic, failedLines map[int]bool, err error) {
	defer func() {
		// BuildKit is not ours; a panic in it must not take the document down.
		if r := recover(); r != nil {
			out, failedLines, err = append(out, ruleChecksSkipped.report(Span{0, 0}, false, Data{}, "panic", r)), map[int]bool{}, nil
		}
	}()
	failedLines = map[int]bool{}
	buf, deep := d.skipDeep([]byte(d.Text))
	small := len(d.Instructions()) <= maxLintInstructions
	if small && !d.parserRejects() {
		// Most files build: one run of the checks then says all there is.
		if diags, clean := d.lint(buf, failedLines, true); clean {
			return append(deep, diags...), failedLines, nil
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	ph := d.parsed()
	out = slices.Concat(deep, ph.errors)
	maps.Copy(failedLines, ph.failedLines)
	if !small {
		return append(out, ruleChecksSkipped.report(Span{0, 0}, false, Data{}, "tooLarge", maxLintInstructions)), failedLines, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	diags, _ := d.lint(ph.buf, failedLines, false) // lint blanks into copies
	return append(out, diags...), failedLines, nil
}

// parserPhase is what BuildKit's parser and its typed instruction parsing
// say, without the build checks: cheap enough to show while the checks run,
// and the start of a full run over a file they reject.
type parserPhase struct {
	errors      []Diagnostic
	failedLines map[int]bool // 0-based first lines of the instructions rejected
	buf         []byte       // the text with those instructions blanked; dropped once the checks ran
}

// parsed runs BuildKit's parser phase once per document: each error is
// reported and its instruction blanked before parsing again, so one broken
// line does not hide the rest. Instructions nested too deep are blanked
// first (skipDeep; buildkitFindings reports them).
func (d *Document) parsed() *parserPhase {
	d.parserOnce.Do(func() {
		buf, _ := d.skipDeep([]byte(d.Text))
		ph := &parserPhase{failedLines: map[int]bool{}, buf: buf}
		defer func() {
			if r := recover(); r != nil {
				ph.errors = append(ph.errors, ruleChecksSkipped.report(Span{0, 0}, false, Data{}, "panic", r))
			}
			d.parser.Store(ph)
		}()
		var res *parser.Result
		for range maxBuildKitErrors {
			var err error
			res, err = parser.Parse(bytes.NewReader(ph.buf))
			if err == nil {
				break
			}
			first, last, ok := errorLines(err)
			if !ok || strings.Contains(err.Error(), "file with no instructions") {
				res = nil
				break
			}
			ph.errors = append(ph.errors, d.errorDiagnostic(err.Error(), first, last))
			ph.failedLines[first-1] = true
			ph.buf = d.blank(ph.buf, first, last)
		}
		if res != nil {
			for _, node := range res.AST.Children {
				if err := checkNode(node); err != nil {
					ph.errors = append(ph.errors, d.errorDiagnostic(err.Error(), node.StartLine, node.EndLine))
					ph.failedLines[node.StartLine-1] = true
					ph.buf = d.blank(ph.buf, node.StartLine, node.EndLine)
				}
			}
		}
	})
	return d.parser.Load()
}

// parserRejects reports whether the parser phase already ran and rejected
// an instruction: a probing run of the checks would stop at that error.
func (d *Document) parserRejects() bool {
	ph := d.parser.Load()
	return ph != nil && len(ph.failedLines) > 0
}

// withOurs adds our rules' findings to BuildKit's; failedLines holds the
// instructions BuildKit rejects.
func (d *Document) withOurs(out []Diagnostic, failedLines map[int]bool) []Diagnostic {
	ours := d.ourFindings(failedLines)
	// "# check=skip=" (the file's directive, or a comment above the
	// instruction) turns off our warnings as it does BuildKit's checks; an
	// error stays, as the build fails all the same.
	cfg := d.checkConfig()
	ours = slices.DeleteFunc(ours, func(o Diagnostic) bool {
		return o.Severity != SeverityError && (cfg.skips(o.Rule) || d.skippedHere(o))
	})
	// A BuildKit error that one of our findings explains more precisely goes.
	var kept []Diagnostic
	for _, bk := range out {
		explained := false
		if bk.Severity == SeverityError && bk.Source == SourceBuildKit {
			for _, o := range ours {
				overlap := o.Span.Start <= bk.Span.End && bk.Span.Start <= o.Span.End
				if o.Severity == SeverityError && d.InstructionAt(o.Span.Start) == d.InstructionAt(bk.Span.Start) &&
					(overlap || o.Rule == bk.Rule || bk.rule == ruleParseError) {
					explained = true
					break
				}
			}
		}
		if !explained {
			kept = append(kept, bk)
		}
	}
	return append(kept, ours...)
}

// ourFindings runs our rules; failedLines holds the instructions BuildKit
// rejects. Most files have none: that run, which the quick diagnostics
// make too, is made once per document.
func (d *Document) ourFindings(failedLines map[int]bool) []Diagnostic {
	if len(failedLines) == 0 {
		d.oursOnce.Do(func() { d.oursClean = d.ourDiagnostics(func(*Instruction) bool { return false }) })
		return slices.Clone(d.oursClean)
	}
	return d.ourDiagnostics(func(ins *Instruction) bool { return failedLines[ins.Line] })
}

// checkNode parses one instruction as BuildKit does, validating RUN mounts
// (which BuildKit otherwise checks only while converting).
func checkNode(node *parser.Node) error {
	// A non-nil linter: ParseInstruction with nil panics when the comments
	// above the instruction contain "check=".
	cmd, err := instructions.ParseInstructionWithLinter(node, linter.New(&linter.Config{}))
	if err != nil {
		return err
	}
	if run, ok := cmd.(*instructions.RunCommand); ok && !strings.Contains(node.Original, "$") {
		if err := run.Expand(func(word string) (string, error) { return word, nil }); err != nil {
			return parser.WithLocation(err, node.Location())
		}
	}
	return nil
}

// lint runs all build checks; a build error (which stops BuildKit) is
// reported and its instruction blanked before running again. With probe,
// it stops at a build error instead and reports clean=false.
func (d *Document) lint(buf []byte, failedLines map[int]bool, probe bool) (diags []Diagnostic, clean bool) {
	seen := map[string]bool{}
	var out []Diagnostic
	cfg := d.checkConfig()
	for runs, unordered := 0, 0; runs < 5; runs++ {
		sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", buf)
		sm.Definition = &llb.Definition{} // DockerfileLint dereferences it
		res, err := dockerfile2llb.DockerfileLint(context.Background(), buf, dockerfile2llb.ConvertOpt{
			SourceMap:    sm,
			MetaResolver: offlineResolver{},
			LLBCaps:      &allCaps,
		})
		if err != nil || res == nil {
			return out, !probe
		}
		if probe && res.Error != nil && !strings.HasPrefix(res.Error.Message, "lint violation found for rules") {
			return nil, false
		}
		for _, w := range res.Warnings {
			line := 0
			if w.Location != nil && len(w.Location.Ranges) > 0 {
				line = int(w.Location.Ranges[0].Start.Line)
			}
			msg := d.stableMessage(w.Detail)
			key := w.RuleName + "\x00" + msg + "\x00" + string(rune(line))
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, cfg.apply(buildkitRule(w.RuleName).fromBuildKit(d, msg, w.URL, line)))
		}
		if res.Error == nil {
			return out, true
		}
		msg := res.Error.Message
		if msg == "the Dockerfile cannot be empty" || strings.Contains(msg, "file with no instructions") ||
			strings.HasPrefix(msg, "lint violation found for rules") { // "error=true": each finding is an error already
			return out, true
		}
		rs := res.Error.Location.Ranges
		if len(rs) == 0 {
			if msg == "dockerfile contains no stages to build" && len(failedLines) > 0 {
				return out, false // we blanked the FROMs BuildKit rejects; BuildKit stops at the first
			}
			out = append(out, d.errorDiagnostic(msg, 0, 0))
			return out, false
		}
		first, last := int(rs[0].Start.Line), int(rs[len(rs)-1].End.Line)
		out = append(out, d.errorDiagnostic(msg, first, last))
		failedLines[first-1] = true
		if strings.Contains(msg, "no build stage in current context") {
			return out, false // every later instruction would say the same
		}
		if unorderedError(msg) && unordered < maxBuildKitErrors {
			runs-- // report every one, or which we report would depend on scheduling
			unordered++
		}
		buf = d.blank(buf, first, last)
	}
	return out, false
}

// errorLines returns the 1-based line range BuildKit attached to err.
func errorLines(err error) (first, last int, ok bool) {
	var le *parser.LocationError
	if !errors.As(err, &le) || len(le.Locations) == 0 || len(le.Locations[0]) == 0 {
		return 0, 0, false
	}
	loc := le.Locations[0]
	return loc[0].Start.Line, loc[len(loc)-1].End.Line, true
}

// blank returns buf with its 1-based lines first..last emptied, keeping
// every line break so that later line numbers do not move (BuildKit reports
// lines only, so line lengths may change). A FROM becomes "FROM scratch",
// keeping its stage name, so the stages around it stay as they were: which
// of several failing instructions BuildKit reports first then changes
// nothing, and COPY --from=<its name> is not reported as an image.
func (d *Document) blank(buf []byte, first, last int) []byte {
	return d.blankAll(buf, []lineRange{{first, last}})
}

// lineRange is 1-based lines first..last.
type lineRange struct{ first, last int }

// blankAll blanks each of ranges (in order, not overlapping) in one pass.
func (d *Document) blankAll(buf []byte, ranges []lineRange) []byte {
	out := make([]byte, 0, len(buf))
	for line := 1; len(buf) > 0; line++ {
		n := bytes.IndexByte(buf, '\n') + 1
		if n == 0 {
			n = len(buf)
		}
		l := buf[:n]
		buf = buf[n:]
		for len(ranges) > 0 && line > ranges[0].last {
			ranges = ranges[1:]
		}
		switch {
		case len(ranges) == 0 || line < max(ranges[0].first, 1):
			out = append(out, l...)
			continue
		case line == max(ranges[0].first, 1):
			out = append(out, d.blankFrom(line)...)
		}
		if l[len(l)-1] == '\n' {
			out = append(out, '\n')
		}
	}
	return out
}

// blankFrom is what a blanked instruction starting on the 1-based line
// leaves: "FROM scratch [AS name]" for a FROM, nothing for the others.
func (d *Document) blankFrom(line int) string {
	ins := d.InstructionAtLine(line - 1)
	if ins == nil || ins.Cmd != "FROM" || ins.Line != line-1 {
		return ""
	}
	if st := d.StageOf(ins); st != nil && stageNameRe.MatchString(st.Name) {
		return "FROM scratch AS " + st.Name
	}
	return "FROM scratch"
}
