package main

import (
	"context"
	"strings"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/registry"
)

// checkRegistryTimeout bounds the wait for one file's base images: check
// has no later moment to refresh, so it waits, but not for ever.
const checkRegistryTimeout = 30 * time.Second

// newCheckRegistry is the registry for `check --registry` (nil without the
// flag: then nothing touches the network). insecure is a comma-separated
// list of hosts that may be reached over plain HTTP.
func newCheckRegistry(enabled bool, insecure string) *registry.Client {
	if !enabled {
		return nil
	}
	var hosts []string
	for _, h := range strings.Split(insecure, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	return registry.New(registry.Options{Insecure: hosts})
}

// checkDiagnostics is one file's findings; with a registry, its base
// images are looked up first, so their configs count as in the editor. A
// file with no instruction fails here as it fails a build (the editor
// leaves a file being started alone).
func checkDiagnostics(text string, env analysis.Env, reg *registry.Client) []analysis.Diagnostic {
	d := analysis.Parse(text)
	if diag, ok := d.NoInstructions(); ok {
		return []analysis.Diagnostic{diag}
	}
	if reg == nil {
		return d.Diagnostics(env, nil) // nil: the offline image table
	}
	var refs []string
	for _, st := range d.Stages() {
		if b, ok := d.BaseImage(st, nil); ok && !strings.EqualFold(b.Ref, "scratch") {
			refs = append(refs, b.Ref)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), checkRegistryTimeout)
	defer cancel()
	reg.Wait(ctx, refs)
	return d.LiveDiagnostics(env, reg.Facts, reg)
}
