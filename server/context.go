package server

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/moby/patternmatcher/ignorefile"
)

// diskContext is a build context on the local disk: the directory that
// holds the Dockerfile unless a setting names another.
type diskContext struct {
	dir        string
	dockerfile string // the Dockerfile's base name, for <name>.dockerignore
}

// NewDiskContext returns the build context rooted at dir for the Dockerfile
// named dockerfile (may be empty). It reads files only when asked.
func NewDiskContext(dir, dockerfile string) analysis.Env {
	return diskContext{dir: dir, dockerfile: dockerfile}
}

// DockerIgnore reads <Dockerfile>.dockerignore, else .dockerignore, as
// BuildKit does.
func (c diskContext) DockerIgnore() []string {
	var names []string
	if c.dockerfile != "" {
		names = append(names, c.dockerfile+".dockerignore")
	}
	names = append(names, ".dockerignore")
	for _, n := range names {
		f, err := os.Open(filepath.Join(c.dir, n))
		if err != nil {
			continue
		}
		patterns, err := ignorefile.ReadAll(f)
		f.Close()
		if err == nil {
			return patterns
		}
	}
	return nil
}

// ListDir lists a directory of the build context (rel is slash-separated and
// relative); entries that cannot be read are left out.
func (c diskContext) ListDir(rel string) []analysis.DirEntry {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return nil // stay inside the build context
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
