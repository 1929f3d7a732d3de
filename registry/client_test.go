package registry

import (
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
	"github.com/dockerfile-ls/dockerfile-ls/internal/registrytest"
	"github.com/google/go-containerregistry/pkg/authn"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// updates returns Options whose OnUpdate signals the returned channel.
func updates() (Options, chan struct{}) {
	ch := make(chan struct{}, 64)
	return Options{Keychain: authn.NewMultiKeychain(), OnUpdate: func() { ch <- struct{}{} }}, ch
}

// eventually asks until ask reports true, waiting for an update between
// attempts; the test fails when none comes within a minute.
func eventually(t *testing.T, ch chan struct{}, ask func() bool) {
	t.Helper()
	for !ask() {
		select {
		case <-ch:
		case <-time.After(time.Minute):
			t.Fatal("no answer from the registry within a minute")
		}
	}
}

func TestAgainstRealRegistry(t *testing.T) {
	reg := registrytest.Start(t)
	app := registrytest.Image(t, registrytest.Config{OS: "linux", Architecture: "amd64",
		Env: []string{"PATH=/usr/bin", "APP_HOME=/srv/app"}, User: "app", WorkDir: "/srv/app"})
	reg.Push(t, "app", app, "1.0", "1.2", "1.2-slim", "latest")
	amd := registrytest.Image(t, registrytest.Config{OS: "linux", Architecture: "amd64", Env: []string{"ARCH=amd64"}})
	arm := registrytest.Image(t, registrytest.Config{OS: "linux", Architecture: "arm64", Env: []string{"ARCH=arm64"}})
	idx := reg.PushIndex(t, "multi", "1", amd, arm)

	opts, ch := updates()
	c := New(opts)
	defer c.Close()

	if _, known := c.Tags(reg.Host + "/app"); known {
		t.Fatal("tags known before any lookup")
	}
	var tags []string
	eventually(t, ch, func() bool { var ok bool; tags, ok = c.Tags(reg.Host + "/app"); return ok })
	if want := []string{"1.0", "1.2", "1.2-slim", "latest"}; !slices.Equal(tags, want) {
		t.Errorf("tags = %v, want %v", tags, want)
	}

	var im *Image
	eventually(t, ch, func() bool { var ok bool; im, ok = c.Image(reg.Host + "/app:1.2"); return ok })
	if im.Index || len(im.Platforms) != 1 || im.Digest != registrytest.Digest(t, app) {
		t.Fatalf("app:1.2 = %+v, want one platform, digest %s", im, registrytest.Digest(t, app))
	}
	if cfg := im.Platforms[0].File.Config; cfg.User != "app" || cfg.WorkingDir != "/srv/app" || !slices.Contains(cfg.Env, "APP_HOME=/srv/app") {
		t.Errorf("app:1.2 config = %+v", cfg)
	}

	eventually(t, ch, func() bool { var ok bool; im, ok = c.Image(reg.Host + "/multi:1"); return ok })
	if !im.Index || im.Digest != registrytest.Digest(t, idx) || len(im.Platforms) != 2 {
		t.Fatalf("multi:1 = %+v, want an index of two, digest %s", im, registrytest.Digest(t, idx))
	}
	if p, ok := im.ForPlatform("linux", "arm64", ""); !ok || !slices.Contains(p.File.Config.Env, "ARCH=arm64") {
		t.Errorf("multi:1 linux/arm64 = %+v, %v", p, ok)
	}

	facts, ok := c.Facts(reg.Host + "/app:1.2")
	if !ok || !facts.ConfigOnly || facts.User != "app" || facts.Repository != reg.Host+"/app" {
		t.Fatalf("Facts = %+v, %v", facts, ok)
	}
	if e, ok := facts.LookupEnv("APP_HOME"); !ok || e.Value != "/srv/app" {
		t.Errorf("APP_HOME = %+v, %v", e, ok)
	}
	// The facts of an index are those of linux/amd64.
	if facts, _ := c.Facts(reg.Host + "/multi:1"); facts == nil || facts.Env[0].Value != "amd64" {
		t.Errorf("multi:1 facts = %+v", facts)
	}
	if err := c.Err(reg.Host + "/missing:1"); err != nil {
		t.Errorf("Err before a lookup = %v", err)
	}
	c.Image(reg.Host + "/missing:1")
	eventually(t, ch, func() bool { return c.Err(reg.Host+"/missing:1") != nil })
}

// TestLayerOverTable: the registry's config wins over the table's, what is
// installed stays the table's.
func TestLayerOverTable(t *testing.T) {
	offline, found := imagedb.Lookup("python:3.12-slim")
	if !found || offline.ConfigOnly {
		t.Fatal("the table should know python:3.12-slim")
	}
	im := &Image{Ref: "index.docker.io/library/python:3.12-slim", Digest: "sha256:abc", Platforms: []Platform{{OS: "linux", Architecture: "amd64"}}}
	im.Platforms[0].File = configFile("PYTHON_VERSION=3.12.99", "NEW_VAR=1")
	got, ok := layer(offline, found, im, "index.docker.io/library/python")
	if !ok || got.ConfigOnly || got.Distro != offline.Distro || !slices.Equal(got.Shells, offline.Shells) {
		t.Fatalf("layer = %+v", got)
	}
	if e, _ := got.LookupEnv("PYTHON_VERSION"); e.Value != "3.12.99" || e.Varies {
		t.Errorf("PYTHON_VERSION = %+v, want the registry's value", e)
	}
	if _, ok := got.LookupEnv("NEW_VAR"); !ok {
		t.Error("NEW_VAR from the registry missing")
	}
	if len(offline.Env) > 0 && offline.Env[0].Value == "3.12.99" {
		t.Error("the table's record was modified")
	}
}

// TestRegistryNotAnswering: a registry that accepts connections and never
// answers costs the caller nothing, and the lookup ends at the timeout.
func TestRegistryNotAnswering(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var accepted atomic.Int32
	release := make(chan struct{})
	defer close(release)
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			go func() { <-release; conn.Close() }()
		}
	}()
	opts, ch := updates()
	opts.Timeout = 200 * time.Millisecond
	c := New(opts)
	defer c.Close()
	ref := l.Addr().String() + "/app:1"
	if _, ok := c.Image(ref); ok {
		t.Fatal("an answer from a registry that never answers")
	}
	if _, ok := c.Facts(ref); ok {
		t.Fatal("facts for an unknown image before any answer")
	}
	eventually(t, ch, func() bool { return c.Err(ref) != nil })
	if !strings.Contains(c.Err(ref).Error(), "deadline") {
		t.Errorf("Err = %v, want the timeout", c.Err(ref))
	}
	if accepted.Load() == 0 {
		t.Error("the lookup never reached the registry")
	}
}

// recorder counts the requests that reach it.
type recorder struct{ n atomic.Int32 }

func (r *recorder) RoundTrip(*http.Request) (*http.Response, error) {
	r.n.Add(1)
	return &http.Response{StatusCode: 418, Body: http.NoBody}, nil
}

func TestPlainHTTPPolicy(t *testing.T) {
	for _, tc := range []struct {
		url     string
		allowed bool
	}{
		{"http://127.0.0.1:5000/v2/", true},
		{"http://localhost:5000/v2/", true},
		{"http://[::1]:5000/v2/", true},
		{"http://registry.internal:5000/v2/", true}, // listed
		{"http://10.1.2.3/v2/", false},              // private, not loopback
		{"http://registry.local/v2/", false},
		{"http://registry.internal:6000/v2/", false}, // another port of a listed host:port
		{"https://10.1.2.3/v2/", true},
	} {
		rec := &recorder{}
		p := plainHTTPPolicy{next: rec, insecure: []string{"registry.internal:5000"}}
		req, _ := http.NewRequest("GET", tc.url, nil)
		_, err := p.RoundTrip(req)
		if got := err == nil && rec.n.Load() == 1; got != tc.allowed {
			t.Errorf("%s: allowed = %v (err %v), want %v", tc.url, got, err, tc.allowed)
		}
	}
}

func configFile(env ...string) *v1.ConfigFile {
	return &v1.ConfigFile{OS: "linux", Architecture: "amd64", Config: v1.Config{Env: env}}
}
