package buildcontext

import (
	"container/list"
	"os"
	"sync"
	"time"
)

// Cache keeps parsed .dockerignore files by path, valid while the file's
// modification time and size are unchanged (hover asks for diagnostics,
// which ask for the patterns, on every request). It is bounded: beyond
// maxEntries files or maxBytes of patterns, the least recently used go.
// A nil *Cache caches nothing. It is safe for concurrent use.
type Cache struct {
	maxEntries, maxBytes int

	// mu guards the fields below.
	mu     sync.Mutex
	bytes  int
	order  *list.List // of *entry, most recently used first
	byPath map[string]*list.Element
}

type entry struct {
	path     string
	mod      time.Time
	size     int64
	patterns []string
	cost     int
}

// NewCache returns a cache of at most maxEntries files and maxBytes of patterns.
func NewCache(maxEntries, maxBytes int) *Cache {
	return &Cache{maxEntries: maxEntries, maxBytes: maxBytes, order: list.New(), byPath: map[string]*list.Element{}}
}

// get returns the patterns cached for path if the file is still as fi describes.
func (c *Cache) get(path string, fi os.FileInfo) ([]string, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el := c.byPath[path]
	if el == nil {
		return nil, false
	}
	e := el.Value.(*entry)
	if !e.mod.Equal(fi.ModTime()) || e.size != fi.Size() {
		c.remove(el)
		return nil, false
	}
	c.order.MoveToFront(el)
	return e.patterns, true
}

// put caches the patterns read from path, which fi describes.
func (c *Cache) put(path string, fi os.FileInfo, patterns []string) {
	if c == nil {
		return
	}
	e := &entry{path: path, mod: fi.ModTime(), size: fi.Size(), patterns: patterns, cost: costOf(path, patterns)}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.byPath[path]; el != nil {
		c.remove(el)
	}
	if e.cost > c.maxBytes {
		return // would evict everything else and still not fit
	}
	c.byPath[path] = c.order.PushFront(e)
	c.bytes += e.cost
	for c.order.Len() > c.maxEntries || c.bytes > c.maxBytes {
		c.remove(c.order.Back())
	}
}

func (c *Cache) remove(el *list.Element) {
	e := c.order.Remove(el).(*entry)
	delete(c.byPath, e.path)
	c.bytes -= e.cost
}

// costOf estimates the memory an entry holds.
func costOf(path string, patterns []string) int {
	n := 64 + len(path)
	for _, p := range patterns {
		n += 16 + len(p)
	}
	return n
}
