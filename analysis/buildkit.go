package analysis

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
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

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	return ref, "", []byte("{}"), nil
}

// allCaps enables every LLB capability; without caps some instructions
// (RUN --mount=type=bind,rw …) panic inside the converter.
var allCaps = pb.Caps.CapSet(pb.Caps.All())

const maxBuildKitErrors = 50

// runBuildKit returns BuildKit's parse errors, instruction errors and build
// check warnings, each narrowed to its token.
func (d *Document) runBuildKit() (out []Diagnostic) {
	if strings.TrimSpace(d.Text) == "" {
		return nil
	}
	defer func() {
		// BuildKit is not ours; a panic in it must not take the document down.
		if r := recover(); r != nil {
			out = append(out, Diagnostic{Span: Span{0, 0}, Severity: SeverityWarning, Rule: "InternalError",
				Message: "BuildKit's checks failed on this file and were skipped", Source: SourceOurs})
		}
	}()
	buf := []byte(d.Text)
	var res *parser.Result
	for range maxBuildKitErrors {
		var err error
		res, err = parser.Parse(bytes.NewReader(buf))
		if err == nil {
			break
		}
		first, last, ok := errorLines(err)
		if !ok || strings.Contains(err.Error(), "file with no instructions") {
			res = nil
			break
		}
		out = append(out, d.errorDiagnostic(err, first, last))
		d.blank(buf, first, last)
	}
	if res != nil {
		for _, node := range res.AST.Children {
			if _, err := instructions.ParseInstruction(node); err != nil {
				out = append(out, d.errorDiagnostic(err, node.StartLine, node.EndLine))
				d.blank(buf, node.StartLine, node.EndLine)
			}
		}
	}
	return append(out, d.lint(buf)...)
}

// lint runs all build checks; a build error (which stops BuildKit) is
// reported and its instruction blanked before running again.
func (d *Document) lint(buf []byte) []Diagnostic {
	seen := map[string]bool{}
	var out []Diagnostic
	cfg := d.checkConfig()
	for range 5 {
		sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", buf)
		sm.Definition = &llb.Definition{} // DockerfileLint dereferences it
		res, err := dockerfile2llb.DockerfileLint(context.Background(), buf, dockerfile2llb.ConvertOpt{
			SourceMap:    sm,
			MetaResolver: offlineResolver{},
			LLBCaps:      &allCaps,
		})
		if err != nil || res == nil {
			return out
		}
		for _, w := range res.Warnings {
			line := 0
			if w.Location != nil && len(w.Location.Ranges) > 0 {
				line = int(w.Location.Ranges[0].Start.Line)
			}
			key := w.RuleName + "\x00" + w.Detail + "\x00" + string(rune(line))
			if seen[key] {
				continue
			}
			seen[key] = true
			diag := Diagnostic{
				Span:     d.narrow(w.RuleName, w.Detail, line),
				Severity: SeverityWarning,
				Rule:     w.RuleName,
				Message:  w.Detail,
				URL:      w.URL,
				Source:   SourceBuildKit,
			}
			out = append(out, cfg.apply(diag))
		}
		if res.Error == nil {
			return out
		}
		msg := res.Error.Message
		if msg == "the Dockerfile cannot be empty" || strings.Contains(msg, "file with no instructions") {
			return out
		}
		rs := res.Error.Location.Ranges
		if len(rs) == 0 {
			out = append(out, Diagnostic{Span: Span{0, 0}, Severity: SeverityError, Rule: "ParseError", Message: msg, Source: SourceBuildKit})
			return out
		}
		first, last := int(rs[0].Start.Line), int(rs[len(rs)-1].End.Line)
		out = append(out, d.errorDiagnostic(errors.New(msg), first, last))
		d.blank(buf, first, last)
	}
	return out
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

// blank replaces the 1-based lines first..last of buf by spaces, keeping
// every line break so that later line numbers do not move. A FROM becomes
// "FROM scratch" so the stages around it stay as they were.
func (d *Document) blank(buf []byte, first, last int) {
	if first < 1 {
		first = 1
	}
	ins := d.InstructionAtLine(first - 1)
	for line := first - 1; line <= last-1 && line < d.Lines.Count(); line++ {
		for i := d.Lines.LineStart(line); i < d.Lines.LineEnd(line); i++ {
			buf[i] = ' '
		}
	}
	if ins != nil && ins.Cmd == "FROM" && ins.Line == first-1 {
		s := d.Lines.LineStart(ins.Line)
		if d.Lines.LineEnd(ins.Line)-s >= len("FROM scratch") {
			copy(buf[s:], "FROM scratch")
		}
	}
}

// errorDiagnostic makes an error-severity diagnostic for a BuildKit error on
// the 1-based lines first..last, narrowed to the token it names.
func (d *Document) errorDiagnostic(err error, first, last int) Diagnostic {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "dockerfile parse error on line ")
	if i := strings.Index(msg, ": "); i >= 0 && i < 8 && strings.Trim(msg[:i], "0123456789") == "" {
		msg = msg[i+2:]
	}
	rule := "ParseError"
	var ui *instructions.UnknownInstructionError
	if errors.As(err, &ui) {
		rule = "UnknownInstruction"
	}
	span := d.narrowError(msg, first-1, last-1)
	switch {
	case strings.HasPrefix(msg, "unknown flag"):
		rule = "UnknownFlag"
	case strings.Contains(msg, "requires") && strings.Contains(msg, "argument"), strings.Contains(msg, "must have two arguments"):
		rule = "InvalidArgumentCount"
	}
	return Diagnostic{Span: span, Severity: SeverityError, Rule: rule, Message: msg, URL: ruleURL(rule), Source: SourceBuildKit}
}
