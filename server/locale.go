package server

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// lang is the language of hover, completion docs and our own messages: the
// dockerfile-ls.locale setting when it names a language we have, else the
// client's locale from initialize, else English.
func (s *Server) lang() string {
	set := s.getSettings().Locale
	if set != "" && set != "auto" {
		if l := docs.LangFor(set); l != "en" || set == "en" {
			return l
		}
	}
	return docs.LangFor(s.getSession().locale)
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
