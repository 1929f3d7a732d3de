package analysis

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/containerd/platforms"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// This file uses what a registry says about base images (only when the
// user turned the registry on): BuildKit's InvalidBaseImagePlatform, which
// needs the real configs, and pinning a FROM to the digest its tag
// resolves to. Tag completion is in complete_tags.go.

// Live is what a registry says about images, as it knows it now: every
// method answers at once (false when nothing is known yet) and never does
// I/O on the caller's behalf beyond starting a background lookup.
type Live interface {
	// Tags returns the tags of a repository ("python", "ghcr.io/o/r").
	Tags(repo string) ([]string, bool)
	// Digest returns what ref resolves to ("sha256:…"; an index's digest
	// for a multi-platform image).
	Digest(ref string) (string, bool)
	// Config returns the image config of ref for platform ("os/arch" or
	// "os/arch/variant") as BuildKit pulls it: the platform's own for an
	// index that has it, the image's for a single-platform one.
	Config(ref, platform string) ([]byte, bool)
}

// liveLint is what the checks over a registry's configs found last, with
// the answers they were given, so hover can show it without asking.
type liveLint struct {
	diags []Diagnostic
}

// LiveDiagnostics returns Diagnostics(env, images) and, when live is not
// nil, the findings that only real image configs allow
// (InvalidBaseImagePlatform).
func (d *Document) LiveDiagnostics(env Env, images ImageSource, live Live) []Diagnostic {
	return d.WithLive(d.Diagnostics(env, images), live)
}

// WithLive adds to out (the document's Diagnostics) the findings that only
// real image configs allow, when live is not nil.
func (d *Document) WithLive(out []Diagnostic, live Live) []Diagnostic {
	if live == nil || len(d.Instructions()) == 0 {
		return out
	}
	found := d.platformFindings(live)
	d.live.Store(&liveLint{diags: found})
	return dedupe(append(out, found...))
}

// liveKnown is what the last check over a registry's configs found, for
// hover, which never asks the registry (nil when none ran).
func (d *Document) liveKnown() []Diagnostic {
	if l := d.live.Load(); l != nil {
		return l.diags
	}
	return nil
}

// platformFindings is BuildKit's InvalidBaseImagePlatform over the
// registry's configs: the comparison of validateBaseImagePlatform (OS and
// architecture of the pulled config against the stage's platform) and
// BuildKit's own message. We do not run DockerfileLint with a resolver
// answering real configs: it resolves stages concurrently and its linter
// appends their warnings without a lock (a data race when two stages warn).
// The default platform is the one analysis uses for TARGETPLATFORM
// (linux/amd64), so the answer does not depend on the machine.
func (d *Document) platformFindings(live Live) []Diagnostic {
	cfg := d.checkConfig()
	rule := linter.RuleInvalidBaseImagePlatform
	if cfg.skips(rule.Name) {
		return nil
	}
	global := envList(d.globalDefs())
	var out []Diagnostic
	for _, st := range d.Stages() {
		if st.Parent != nil {
			continue
		}
		ref, ok := d.fromRef(st)
		if !ok || strings.EqualFold(ref, "scratch") || d.stageBeforeNamed(st, ref) != nil {
			continue
		}
		want := predefinedDefaults["TARGETPLATFORM"]
		if f := st.From.Flag("platform"); f != nil && f.HasValue {
			want = d.expand(f.Value, global)
		}
		expected, err := platforms.Parse(want)
		if err != nil || strings.Contains(want, "$") {
			continue
		}
		raw, ok := live.Config(ref, platforms.Format(expected))
		if !ok {
			continue
		}
		var actual ocispecs.Platform
		if json.Unmarshal(raw, &actual) != nil || actual.OS == "" {
			continue
		}
		if expected.OS == actual.OS && expected.Architecture == actual.Architecture {
			continue
		}
		msg := rule.Format(ref, platforms.FormatAll(platforms.Normalize(expected)), platforms.FormatAll(platforms.Normalize(actual)))
		out = append(out, cfg.apply(buildkitRule(rule.Name).fromBuildKit(d, msg, rule.URL, st.From.Line+1)))
	}
	return out
}

// PinActions offers, for each FROM touching span whose image the registry
// resolved, to pin it to that digest: `FROM img:tag@sha256:…`, so the build
// keeps using exactly the image it uses today.
func (d *Document) PinActions(span Span, live Live) []CodeAction {
	if live == nil {
		return nil
	}
	var out []CodeAction
	for _, st := range d.Stages() {
		ins := st.From
		if st.Parent != nil || st.Image == "" || ins.Span.End < span.Start || ins.Span.Start > span.End ||
			strings.ContainsAny(st.Image, "$@") || strings.EqualFold(st.Image, "scratch") {
			continue
		}
		dgst, ok := live.Digest(st.Image)
		if !ok {
			continue
		}
		at := Span{st.ImageSpan.End, st.ImageSpan.End}
		out = append(out, CodeAction{Title: "Pin " + st.Image + " to its digest " + shortDigest(dgst),
			Kind: "quickfix", Edits: []TextEdit{{at, "@" + dgst}}})
	}
	return slices.Clip(out)
}

// shortDigest is "sha256:" and the first 12 hex digits, for a title.
func shortDigest(d string) string {
	if i := strings.IndexByte(d, ':'); i >= 0 && len(d) > i+13 {
		return d[:i+13] + "…"
	}
	return d
}
