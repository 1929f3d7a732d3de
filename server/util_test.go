package server

import "go.lsp.dev/uri"

func mustURI(s string) uri.URI { return uri.MustParse(s) }
