package server

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"github.com/dockerfile-ls/dockerfile-ls/registry"
)

// liveRegistry holds the registry client while the registry.enabled setting
// is on; with it off there is no client, so nothing can open a connection.
type liveRegistry struct {
	mu       sync.Mutex
	client   *registry.Client
	insecure []string // what client was made with

	// refresh is pending: answers that arrive together refresh once.
	refresh *time.Timer
}

// registryDebounce gathers the answers of lookups that finish together
// into one refresh of the diagnostics.
const registryDebounce = 50 * time.Millisecond

// configureRegistry makes, keeps or drops the client for the settings; it
// runs on the read loop after settings change.
func (s *Server) configureRegistry(set config.Registry) {
	r := &s.registry
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil && (!set.Enabled || !slices.Equal(r.insecure, set.Insecure)) {
		r.client.Close()
		r.client = nil
	}
	if set.Enabled && r.client == nil {
		r.insecure = slices.Clone(set.Insecure)
		r.client = registry.New(registry.Options{Insecure: set.Insecure, Timeout: s.opts.RegistryTimeout, OnUpdate: s.registryAnswered})
	}
}

// live is the registry for analysis: nil when the setting is off.
func (s *Server) live() analysis.Live {
	r := &s.registry
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client == nil {
		return nil // a nil interface, not a nil *Client
	}
	return r.client
}

// imageSource is what analysis learns base images contain: the registry's
// configs over the offline table while the registry is on, else
// Options.Images (nil: the offline table).
func (s *Server) imageSource() analysis.ImageSource {
	r := &s.registry
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client == nil {
		return s.opts.Images
	}
	return r.client.Facts
}

// registryAnswered runs when a lookup finished: diagnostics of open
// documents may change (InvalidBaseImagePlatform, the image's ENV), so they
// are published again, or pulling clients are asked to pull again.
func (s *Server) registryAnswered() {
	r := &s.registry
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.refresh != nil {
		return
	}
	r.refresh = time.AfterFunc(registryDebounce, func() {
		r.mu.Lock()
		r.refresh = nil
		r.mu.Unlock()
		sess := s.getSession()
		if sess.pullDiags {
			if sess.refreshDiags {
				if _, err := s.conn.Call(context.Background(), "workspace/diagnostic/refresh", nil, nil); err != nil {
					s.log.Debug("asking the client to pull diagnostics again", "error", err)
				}
			}
			return
		}
		for _, d := range s.docs.all() {
			s.diags.schedule(d, reasonRefresh)
		}
	})
}

// stopRegistry cancels lookups in flight when the connection ends.
func (s *Server) stopRegistry() {
	r := &s.registry
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.client != nil {
		r.client.Close()
		r.client = nil
	}
	if r.refresh != nil {
		r.refresh.Stop()
	}
}
