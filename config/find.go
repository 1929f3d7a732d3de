package config

import (
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Find returns the project file that governs a Dockerfile in dir: the
// nearest FileName in dir or a parent, looking no higher than stop (the
// workspace root) or a directory holding .git (the repository root),
// whichever comes first. "" when there is none.
func Find(dir, stop string) string {
	dir = filepath.Clean(dir)
	if stop != "" {
		stop = filepath.Clean(stop)
	}
	for {
		p := filepath.Join(dir, FileName)
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
			return p
		}
		if dir == stop || exists(filepath.Join(dir, ".git")) {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Cache keeps parsed project files by path while their modification time
// and size hold, so a server re-reads one only when it changed. It is safe
// for concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
}

type cached struct {
	mtime time.Time
	size  int64
	file  *File
}

// maxCached bounds the cache; past it the cache starts over (a workspace
// has a handful of project files).
const maxCached = 256

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

// Lookup returns the project file for a Dockerfile in dir (see Find), or
// nil when there is none.
func (c *Cache) Lookup(dir, stop string) *File {
	p := Find(dir, stop)
	if p == "" {
		return nil
	}
	return c.Load(p)
}

// Load returns the parsed file at path, reading it only when it changed.
func (c *Cache) Load(path string) *File {
	fi, err := os.Stat(path)
	if err != nil {
		return Load(path)
	}
	c.mu.Lock()
	e, ok := c.files[path]
	c.mu.Unlock()
	if ok && e.mtime.Equal(fi.ModTime()) && e.size == fi.Size() {
		return e.file
	}
	f := Load(path)
	c.mu.Lock()
	if len(c.files) >= maxCached {
		c.files = map[string]cached{}
	}
	c.files[path] = cached{mtime: fi.ModTime(), size: fi.Size(), file: f}
	c.mu.Unlock()
	return f
}
