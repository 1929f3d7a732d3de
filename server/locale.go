package server

import (
	"path/filepath"

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
