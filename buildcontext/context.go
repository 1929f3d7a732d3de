// Package buildcontext is a Docker build context on the local disk: the
// .dockerignore that applies to a Dockerfile, directory listings for path
// completion, and the files COPY and ADD sources name. Analysis sees it
// through analysis.Env and analysis.ContextFS and never touches the disk.
package buildcontext

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/moby/patternmatcher/ignorefile"
)

// Context is the build context of one Dockerfile. It reads files only when
// asked; parsed .dockerignore files come from its Cache while unchanged.
type Context struct {
	dir        string
	dockerfile string // the Dockerfile's base name, for <name>.dockerignore
	cache      *Cache // nil: read every time
}

// New returns the build context rooted at dir for the Dockerfile named
// dockerfile (may be empty), caching .dockerignore files in cache (may be nil).
func New(dir, dockerfile string, cache *Cache) *Context {
	return &Context{dir: dir, dockerfile: dockerfile, cache: cache}
}

// Dir returns the build context directory of the Dockerfile at path: the
// setting when it is absolute, the setting under the workspace root when it
// is relative, else the Dockerfile's directory.
func Dir(path, setting, root string) string {
	switch {
	case setting != "" && filepath.IsAbs(setting):
		return setting
	case setting != "" && root != "":
		return filepath.Join(root, setting)
	}
	return filepath.Dir(path)
}

var (
	_ analysis.Env       = (*Context)(nil)
	_ analysis.ContextFS = (*Context)(nil)
)

// DockerIgnore reads <Dockerfile>.dockerignore, else .dockerignore, as
// BuildKit does.
func (c *Context) DockerIgnore() []string {
	var names []string
	if c.dockerfile != "" {
		names = append(names, c.dockerfile+".dockerignore")
	}
	names = append(names, ".dockerignore")
	for _, n := range names {
		p := filepath.Join(c.dir, n)
		fi, err := os.Stat(p)
		if err != nil || fi.IsDir() {
			continue
		}
		if patterns, ok := c.cache.get(p, fi); ok {
			return patterns
		}
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		patterns, err := ignorefile.ReadAll(f)
		f.Close()
		if err == nil {
			c.cache.put(p, fi, patterns)
			return patterns
		}
	}
	return nil
}

// ListDir lists a directory of the build context (rel is slash-separated and
// relative); entries that cannot be read are left out.
func (c *Context) ListDir(rel string) []analysis.DirEntry {
	clean, ok := inside(rel)
	if !ok {
		return nil
	}
	entries, err := os.ReadDir(filepath.Join(c.dir, clean))
	if err != nil {
		return nil
	}
	out := make([]analysis.DirEntry, 0, len(entries))
	for _, e := range entries {
		if e.Name() == ".git" {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(c.dir, clean, e.Name())); err == nil {
				isDir = fi.IsDir()
			}
		}
		out = append(out, analysis.DirEntry{Name: e.Name(), IsDir: isDir})
	}
	return out
}

// File resolves a path of the build context (as a COPY source names it;
// a leading "/" is the context's root) to an existing file or directory.
func (c *Context) File(rel string) (string, bool) {
	clean, ok := inside(strings.TrimPrefix(rel, "/"))
	if !ok || clean == "." {
		return "", false
	}
	p := filepath.Join(c.dir, clean)
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	return p, true
}

// inside cleans a slash-separated relative path and reports whether it
// stays inside the build context.
func inside(rel string) (string, bool) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", false
	}
	return clean, true
}
