// Package registrytest runs a real container registry for tests: Debian's
// docker-registry (the CNCF distribution registry) on a free loopback port
// with a temporary storage directory, stopped when the test ends, and
// pushes images to it with go-containerregistry.
package registrytest

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// Binary is where Debian's docker-registry package installs the registry.
const Binary = "/usr/bin/docker-registry"

// Registry is a running registry.
type Registry struct {
	// Host is its "127.0.0.1:port".
	Host string
}

// Start runs a registry for the test, or skips the test when the
// docker-registry package is not installed (fails it instead when
// DOCKERFILE_LS_REQUIRE_REGISTRY is set, as .ci/run does).
func Start(t testing.TB) *Registry {
	t.Helper()
	bin, err := exec.LookPath(Binary)
	if err != nil && os.Getenv("DOCKERFILE_LS_REQUIRE_REGISTRY") != "" {
		t.Fatalf("DOCKERFILE_LS_REQUIRE_REGISTRY is set and %s is not installed (apt-get install docker-registry)", Binary)
	}
	if err != nil {
		t.Skipf("registry tests need a real registry: %s not found (apt-get install docker-registry)", Binary)
	}
	host := freeLoopbackAddr(t)
	dir := t.TempDir()
	config := fmt.Sprintf("version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: %s\n",
		filepath.Join(dir, "storage"), host)
	cfgPath := filepath.Join(dir, "config.yml")
	if err := os.WriteFile(cfgPath, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", cfgPath)
	// Its log (every 404 of a push's existence checks is an "error") is
	// shown only when the test fails.
	var log syncBuffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("docker-registry's log:\n%s", log.String())
		}
	})
	// Ready when /v2/ answers; the registry needs a moment to bind.
	for i := 0; ; i++ {
		resp, err := http.Get("http://" + host + "/v2/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if i == 300 {
			t.Fatalf("registry at %s did not come up: %v", host, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return &Registry{Host: host}
}

// syncBuffer is a buffer the registry's output goroutines may share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// freeLoopbackAddr returns a loopback address no one listens on now.
func freeLoopbackAddr(t testing.TB) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// Config is what a pushed image's config says.
type Config struct {
	OS, Architecture string
	Env              []string
	User, WorkDir    string
	Cmd              []string
}

// Image makes a one-layer image with the given config.
func Image(t testing.TB, c Config) v1.Image {
	t.Helper()
	img, err := random.Image(64, 1)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = c.OS, c.Architecture
	cf.Config.Env, cf.Config.User, cf.Config.WorkingDir, cf.Config.Cmd = c.Env, c.User, c.WorkDir, c.Cmd
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// Push pushes img under each of the tags of repo ("app" → 127.0.0.1:port/app).
func (r *Registry) Push(t testing.TB, repo string, img v1.Image, tags ...string) {
	t.Helper()
	for _, tag := range tags {
		ref, err := name.ParseReference(r.Host + "/" + repo + ":" + tag)
		if err != nil {
			t.Fatal(err)
		}
		if err := remote.Write(ref, img); err != nil {
			t.Fatalf("pushing %s: %v", ref, err)
		}
	}
}

// PushIndex pushes a multi-platform image made of imgs (each tagged with its
// config's platform) under tag.
func (r *Registry) PushIndex(t testing.TB, repo, tag string, imgs ...v1.Image) v1.ImageIndex {
	t.Helper()
	var idx v1.ImageIndex = empty.Index
	for _, img := range imgs {
		cf, err := img.ConfigFile()
		if err != nil {
			t.Fatal(err)
		}
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{Add: img,
			Descriptor: v1.Descriptor{Platform: &v1.Platform{OS: cf.OS, Architecture: cf.Architecture}}})
	}
	ref, err := name.ParseReference(r.Host + "/" + repo + ":" + tag)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(ref, idx); err != nil {
		t.Fatalf("pushing %s: %v", ref, err)
	}
	return idx
}

// Digest returns the digest of img or an index, as the registry names it.
func Digest(t testing.TB, x interface{ Digest() (v1.Hash, error) }) string {
	t.Helper()
	h, err := x.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}
