// Package registry looks images up in container registries when the user
// turned it on (setting registry.enabled): the tags of a repository, what a
// tag resolves to (its digest) and the config of each platform it has.
//
// Nothing here blocks a caller on the network. Tags and Image answer at once
// from the cache and, when they know nothing yet or what they know is older
// than the TTL, start a lookup in the background, bounded by a timeout; when
// it finishes, Options.OnUpdate is called so the caller can refresh. A Client
// is made only when the setting is on, so with it off no connection is ever
// opened.
package registry

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
)

// Options configure a Client. The zero value is usable.
type Options struct {
	// Insecure lists the registry hosts ("host" or "host:port") that may be
	// reached over plain HTTP; loopback registries always may.
	Insecure []string
	// Timeout bounds one lookup (all its requests); 10 s when zero.
	Timeout time.Duration
	// TTL is how long an answer is used before it is looked up again;
	// 10 minutes when zero. A failed lookup is retried after a tenth of it.
	TTL time.Duration
	// Keychain supplies credentials; authn.DefaultKeychain (Docker's
	// ~/.docker/config.json and its credential helpers) when nil.
	Keychain authn.Keychain
	// Transport sends the requests; when nil, one that honours
	// HTTP(S)_PROXY and NO_PROXY. Either way plain HTTP goes only to
	// loopback hosts and those in Insecure.
	Transport http.RoundTripper
	// OnUpdate is called, on a goroutine of its own, after a background
	// lookup finished (with an answer or an error).
	OnUpdate func()
}

// maxEntries bounds the cache; the oldest answers go first.
const maxEntries = 1024

// maxLookups bounds the lookups in flight at once.
const maxLookups = 4

// Client is a cache of registry answers, filled in the background. It is
// safe for concurrent use.
type Client struct {
	opts Options
	ctx  context.Context // cancelled by Close
	stop context.CancelFunc
	sem  chan struct{}

	mu      sync.Mutex
	entries map[string]*entry
}

// entry is one cached answer; value is nil until a lookup succeeded.
type entry struct {
	value    any
	err      error
	fetched  time.Time // when the last lookup finished; zero before
	inFlight bool
}

// New returns a Client; it opens no connection until asked about an image.
func New(opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.TTL <= 0 {
		opts.TTL = 10 * time.Minute
	}
	if opts.Keychain == nil {
		opts.Keychain = authn.DefaultKeychain
	}
	insecure := make([]string, 0, len(opts.Insecure))
	for _, h := range opts.Insecure {
		insecure = append(insecure, strings.ToLower(strings.TrimSpace(h)))
	}
	opts.Insecure = insecure
	if opts.Transport == nil {
		opts.Transport = defaultTransport(opts.Insecure)
	} else {
		opts.Transport = plainHTTPPolicy{next: opts.Transport, insecure: opts.Insecure}
	}
	ctx, stop := context.WithCancel(context.Background())
	return &Client{opts: opts, ctx: ctx, stop: stop, sem: make(chan struct{}, maxLookups), entries: map[string]*entry{}}
}

// Close cancels the lookups in flight; later questions get no new lookups.
func (c *Client) Close() { c.stop() }

// Tags returns the tags of repository repo ("python", "ghcr.io/o/r") as far
// as they are known now; known is false when no lookup has answered yet.
func (c *Client) Tags(repo string) (tags []string, known bool) {
	r, err := c.repository(repo)
	if err != nil {
		return nil, false
	}
	v, _ := c.cached("tags "+r.Name(), func(ctx context.Context) (any, error) { return c.fetchTags(ctx, r) })
	tags, known = v.([]string)
	return tags, known
}

// Image returns what is known now of the image ref ("python:3.12",
// "ghcr.io/o/r@sha256:…"): its digest and per-platform configs.
func (c *Client) Image(ref string) (*Image, bool) {
	r, err := c.reference(ref)
	if err != nil {
		return nil, false
	}
	v, _ := c.cached("image "+r.Name(), func(ctx context.Context) (any, error) { return c.fetchImage(ctx, r) })
	im, ok := v.(*Image)
	return im, ok
}

// Err returns the error of the last lookup of ref's image, nil when it
// succeeded or has not finished.
func (c *Client) Err(ref string) error {
	r, err := c.reference(ref)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries["image "+r.Name()]; e != nil {
		return e.err
	}
	return nil
}

// Wait blocks until the lookups of refs' images have finished (started if
// needed) or ctx is done: for the CLI, which has no later moment to refresh.
func (c *Client) Wait(ctx context.Context, refs []string) {
	for _, ref := range refs {
		c.Image(ref)
	}
	for {
		pending := false
		c.mu.Lock()
		for _, ref := range refs {
			if r, err := c.reference(ref); err == nil {
				if e := c.entries["image "+r.Name()]; e != nil && e.inFlight {
					pending = true
				}
			}
		}
		c.mu.Unlock()
		if !pending {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// cached returns the cached value for key and starts a lookup when there
// is none yet or it is stale (and none is in flight). It never waits.
func (c *Client) cached(key string, lookup func(context.Context) (any, error)) (any, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e == nil {
		c.evict()
		e = &entry{}
		c.entries[key] = e
	}
	ttl := c.opts.TTL
	if e.err != nil {
		ttl /= 10
	}
	if !e.inFlight && (e.fetched.IsZero() || time.Since(e.fetched) > ttl) && c.ctx.Err() == nil {
		e.inFlight = true
		go c.run(e, lookup)
	}
	return e.value, e.err
}

// run performs one lookup within the timeout and stores its answer.
func (c *Client) run(e *entry, lookup func(context.Context) (any, error)) {
	select {
	case c.sem <- struct{}{}:
	case <-c.ctx.Done():
		c.finish(e, nil, c.ctx.Err())
		return
	}
	ctx, cancel := context.WithTimeout(c.ctx, c.opts.Timeout)
	v, err := lookup(ctx)
	cancel()
	<-c.sem
	c.finish(e, v, err)
}

func (c *Client) finish(e *entry, v any, err error) {
	c.mu.Lock()
	if err == nil {
		e.value = v
	}
	// A failure keeps the last good answer: a registry that went away
	// does not make what it said untrue.
	e.err, e.fetched, e.inFlight = err, time.Now(), false
	c.mu.Unlock()
	if c.opts.OnUpdate != nil && c.ctx.Err() == nil {
		go c.opts.OnUpdate()
	}
}

// evict drops the oldest finished entry when the cache is full.
func (c *Client) evict() {
	if len(c.entries) < maxEntries {
		return
	}
	var oldest string
	for k, e := range c.entries {
		if !e.inFlight && (oldest == "" || e.fetched.Before(c.entries[oldest].fetched)) {
			oldest = k
		}
	}
	delete(c.entries, oldest)
}

// nameOptions makes hosts listed as insecure reachable over plain HTTP.
func (c *Client) nameOptions(s string) []name.Option {
	host, _, _ := strings.Cut(s, "/")
	if strings.ContainsAny(host, ".:") && listed(c.opts.Insecure, host) {
		return []name.Option{name.Insecure}
	}
	return nil
}

func (c *Client) reference(ref string) (name.Reference, error) {
	return name.ParseReference(ref, c.nameOptions(ref)...)
}

func (c *Client) repository(repo string) (name.Repository, error) {
	return name.NewRepository(repo, c.nameOptions(repo)...)
}
