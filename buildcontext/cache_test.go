package buildcontext

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

type fakeInfo struct {
	os.FileInfo
	mod  time.Time
	size int64
}

func (f fakeInfo) ModTime() time.Time { return f.mod }
func (f fakeInfo) Size() int64        { return f.size }

var t0 = time.Unix(1e9, 0)

func (c *Cache) paths() []string {
	var out []string
	for el := c.order.Front(); el != nil; el = el.Next() {
		out = append(out, el.Value.(*entry).path)
	}
	return out
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := NewCache(2, 1<<20)
	fi := fakeInfo{mod: t0, size: 1}
	c.put("a", fi, []string{"x"})
	c.put("b", fi, []string{"y"})
	if _, ok := c.get("a", fi); !ok {
		t.Fatal("a is cached")
	}
	c.put("c", fi, []string{"z"}) // b is the least recently used
	if got := c.paths(); !slices.Equal(got, []string{"c", "a"}) {
		t.Fatalf("cached %v, want [c a]", got)
	}
	if _, ok := c.get("b", fi); ok {
		t.Fatal("b was evicted")
	}
}

func TestCacheBoundsBytes(t *testing.T) {
	c := NewCache(100, 1000)
	fi := fakeInfo{mod: t0, size: 1}
	big := []string{strings.Repeat("p", 400)}
	c.put("a", fi, big)
	c.put("b", fi, big)
	c.put("c", fi, big) // three would be over 1000 bytes
	if got := c.paths(); !slices.Equal(got, []string{"c", "b"}) || c.bytes > 1000 {
		t.Fatalf("cached %v (%d bytes), want [c b] within 1000", got, c.bytes)
	}
	c.put("huge", fi, []string{strings.Repeat("p", 2000)})
	if _, ok := c.get("huge", fi); ok || len(c.paths()) != 2 {
		t.Fatalf("an entry over the whole budget is not cached and evicts nothing: %v", c.paths())
	}
}

func TestCacheDropsChangedFiles(t *testing.T) {
	c := NewCache(10, 1<<20)
	c.put("a", fakeInfo{mod: t0, size: 1}, []string{"x"})
	if _, ok := c.get("a", fakeInfo{mod: t0.Add(time.Second), size: 1}); ok {
		t.Fatal("a newer file is read again")
	}
	if len(c.paths()) != 0 || c.bytes != 0 {
		t.Fatalf("the stale entry stays: %v, %d bytes", c.paths(), c.bytes)
	}
	var nilCache *Cache
	nilCache.put("a", fakeInfo{mod: t0}, nil)
	if _, ok := nilCache.get("a", fakeInfo{mod: t0}); ok {
		t.Fatal("a nil cache caches nothing")
	}
}

func TestDockerIgnoreFollowsTheFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".dockerignore")
	write := func(s string, mod time.Time) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, mod, mod)
	}
	write("node_modules\n", t0)
	cache := NewCache(10, 1<<20)
	ctx := New(dir, "Dockerfile", cache)
	if got := ctx.DockerIgnore(); !slices.Equal(got, []string{"node_modules"}) {
		t.Fatalf("patterns %v", got)
	}
	if len(cache.paths()) != 1 {
		t.Fatalf("cached %v", cache.paths())
	}
	write("dist\nbuild\n", t0.Add(time.Minute))
	if got := ctx.DockerIgnore(); !slices.Equal(got, []string{"dist", "build"}) {
		t.Fatalf("after the change: %v", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile.dockerignore"), []byte("only\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := ctx.DockerIgnore(); !slices.Equal(got, []string{"only"}) {
		t.Fatalf("<Dockerfile>.dockerignore comes first: %v", got)
	}
}

func TestPathsStayInsideTheContext(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), nil, 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	ctx := New(dir, "", nil)
	if p, ok := ctx.File("/a.txt"); !ok || p != filepath.Join(dir, "a.txt") {
		t.Fatalf("File(/a.txt) = %q, %v", p, ok)
	}
	for _, rel := range []string{"..", "../x", ".", "missing"} {
		if _, ok := ctx.File(rel); ok {
			t.Errorf("File(%q) resolved", rel)
		}
	}
	if got := ctx.ListDir("."); len(got) != 2 {
		t.Fatalf("ListDir(.) = %v", got)
	}
	if got := ctx.ListDir("../"); got != nil {
		t.Fatalf("ListDir(../) = %v", got)
	}
	if got := Dir("/w/svc/Dockerfile", "", "/w"); got != "/w/svc" {
		t.Fatalf("Dir without a setting: %q", got)
	}
	if got := Dir("/w/svc/Dockerfile", "ctx", "/w"); got != "/w/ctx" {
		t.Fatalf("Dir with a relative setting: %q", got)
	}
}
