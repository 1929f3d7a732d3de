package analysis

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	digest "github.com/opencontainers/go-digest"
)

// This file uses what a registry says about base images (only when the
// user turned the registry on): BuildKit's checks over the real configs
// (InvalidBaseImagePlatform, which needs them), and pinning a FROM to the
// digest its tag resolves to. Tag completion is in complete_tags.go.

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

// liveLint is one run of BuildKit's checks over real configs, with the
// answers it was given, so the next call reuses it while they hold.
type liveLint struct {
	answers map[[2]string]string // (ref, platform) → config
	diags   []Diagnostic
}

// LiveDiagnostics returns Diagnostics(env, images) and, when live is not
// nil, the findings of BuildKit's checks that only real image configs allow
// (InvalidBaseImagePlatform).
func (d *Document) LiveDiagnostics(env Env, images ImageSource, live Live) []Diagnostic {
	out := d.Diagnostics(env, images)
	if live == nil || len(out) == 0 && len(d.Instructions()) == 0 {
		return out
	}
	return dedupe(append(out, d.liveLint(live)...))
}

func (d *Document) liveLint(live Live) []Diagnostic {
	// A Document never changes, the registry's answers may: the last run
	// holds while every config it was given is still the one known.
	if prev := d.live.Load(); prev != nil {
		same := true
		for k, cfg := range prev.answers {
			if now, _ := live.Config(k[0], k[1]); string(now) != cfg {
				same = false
				break
			}
		}
		if same {
			return prev.diags
		}
	}
	res := &liveLint{answers: map[[2]string]string{}}
	r := &liveResolver{live: live, answers: res.answers}
	res.diags = d.lintLive(r)
	d.live.Store(res)
	return res.diags
}

// liveKnown is what the last run over a registry's configs found, for
// hover, which never runs it (nil when none ran).
func (d *Document) liveKnown() []Diagnostic {
	if l := d.live.Load(); l != nil {
		return l.diags
	}
	return nil
}

// lintLive runs DockerfileLint once with the registry's configs and keeps
// the findings only they make possible; the offline run has the rest.
func (d *Document) lintLive(r *liveResolver) (out []Diagnostic) {
	defer func() {
		if recover() != nil {
			out = nil // BuildKit's offline run reports its panics
		}
	}()
	if len(d.Instructions()) > maxLintInstructions {
		return nil
	}
	buf := []byte(d.Text)
	sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", buf)
	sm.Definition = &llb.Definition{}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), buf, dockerfile2llb.ConvertOpt{
		SourceMap: sm, MetaResolver: r, LLBCaps: &allCaps,
	})
	if err != nil || res == nil {
		return nil
	}
	cfg := d.checkConfig()
	for _, w := range res.Warnings {
		if w.RuleName != linter.RuleInvalidBaseImagePlatform.Name || cfg.skips(w.RuleName) {
			continue
		}
		line := 0
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			line = int(w.Location.Ranges[0].Start.Line)
		}
		out = append(out, cfg.apply(buildkitRule(w.RuleName).fromBuildKit(d, d.stableMessage(w.Detail), w.URL, line)))
	}
	return out
}

// liveResolver answers BuildKit's image lookups from the registry's cache:
// the real config when known, else the empty one the offline run uses.
type liveResolver struct {
	live    Live
	mu      sync.Mutex // BuildKit resolves stages concurrently
	answers map[[2]string]string
}

// ResolveImageConfig returns ref's config for the requested platform.
func (r *liveResolver) ResolveImageConfig(_ context.Context, ref string, opt sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	platform := ""
	if opt.ImageOpt != nil && opt.ImageOpt.Platform != nil {
		p := opt.ImageOpt.Platform
		platform = p.OS + "/" + p.Architecture
		if p.Variant != "" {
			platform += "/" + p.Variant
		}
	}
	cfg, ok := r.live.Config(ref, platform)
	r.mu.Lock()
	r.answers[[2]string{ref, platform}] = string(cfg)
	r.mu.Unlock()
	if !ok {
		return ref, "", []byte("{}"), nil
	}
	return ref, "", cfg, nil
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
