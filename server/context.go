package server

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

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
// BuildKit does. Files are parsed again only when they change (hover asks
// for diagnostics, which ask for this, on every request).
func (c diskContext) DockerIgnore() []string {
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
		if e, ok := ignoreCache.Load(p); ok {
			if e := e.(ignoreEntry); e.mod.Equal(fi.ModTime()) && e.size == fi.Size() {
				return e.patterns
			}
		}
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		patterns, err := ignorefile.ReadAll(f)
		f.Close()
		if err == nil {
			ignoreCache.Store(p, ignoreEntry{fi.ModTime(), fi.Size(), patterns})
			return patterns
		}
	}
	return nil
}

// ignoreCache holds parsed .dockerignore files by path.
var ignoreCache sync.Map

type ignoreEntry struct {
	mod      time.Time
	size     int64
	patterns []string
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

// contextFile resolves a path of the snapshot's build context to an
// existing file or directory on disk.
func (s *Server) contextFile(snap *snapshot, rel string) (string, bool) {
	ctx, ok := s.envFor(snap).(diskContext)
	if !ok {
		return "", false
	}
	clean := filepath.Clean(filepath.FromSlash(strings.TrimPrefix(rel, "/")))
	if clean == "." || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", false
	}
	p := filepath.Join(ctx.dir, clean)
	if _, err := os.Stat(p); err != nil {
		return "", false
	}
	return p, true
}

// envFor returns the build context of a snapshot: the context setting, else
// the Dockerfile's directory. Documents that are not files have none.
func (s *Server) envFor(snap *snapshot) analysis.Env {
	if snap.uri.Scheme() != "file" {
		return nil
	}
	path := snap.uri.FsPath()
	dir := filepath.Dir(path)
	if c := s.getSettings().Context; c != "" {
		if filepath.IsAbs(c) {
			dir = c
		} else if root := s.getSession().rootPath; root != "" {
			dir = filepath.Join(root, c)
		}
	}
	return NewDiskContext(dir, filepath.Base(path))
}
