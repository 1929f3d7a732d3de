package server

import (
	"github.com/dockerfile-ls/dockerfile-ls/config"
	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// lang is the language of hover, completion docs and our own messages under
// settings set: its locale when it names a language we have, else the
// client's locale from initialize, else English.
func (s *Server) lang(settings config.Settings) string {
	set := settings.Locale
	if set != "" && set != "auto" {
		if l := docs.LangFor(set); l != "en" || set == "en" {
			return l
		}
	}
	return docs.LangFor(s.getSession().locale)
}
