package server

import (
	"context"
	"os"
	"sync"

	"github.com/dockerfile-ls/dockerfile-ls/config"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// configReporter shows the problems of project files (.dockerfile-ls.yaml)
// as diagnostics on those files, and takes them back once a file is
// fixed or gone. It pushes whatever the client's diagnostics model: the
// client does not pull for files we were never sent.
type configReporter struct {
	s *Server

	mu    sync.Mutex
	shown map[uri.URI]string // a project file → the problems shown on it
}

// report shows f's problems, or clears those shown before; nil f is no file.
func (c *configReporter) report(f *config.File) {
	if f == nil {
		return
	}
	u := uri.File(f.Path)
	text := f.Err()
	key := ""
	if text != nil {
		key = text.Error()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.shown[u] == key {
		return
	}
	if key == "" {
		delete(c.shown, u)
	} else {
		c.shown[u] = key
		c.s.log.Warn("project settings", "problems", key)
	}
	items := []protocol.Diagnostic{}
	for _, e := range f.Errors {
		items = append(items, configDiagnostic(e))
	}
	c.s.notifyClient(context.Background(), "textDocument/publishDiagnostics", &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: items})
}

// recheck re-reads every project file with problems shown (one changed or
// went away).
func (c *configReporter) recheck() {
	c.mu.Lock()
	uris := make([]uri.URI, 0, len(c.shown))
	for u := range c.shown {
		uris = append(uris, u)
	}
	c.mu.Unlock()
	for _, u := range uris {
		path := u.FsPath()
		if _, err := os.Stat(path); err != nil {
			c.report(&config.File{Path: path}) // gone: nothing wrong with it any more
			continue
		}
		c.report(c.s.configs.Load(path))
	}
}

// configDiagnostic covers the rest of the line from where the problem is
// (lines and columns as the YAML parser counts them, from 1).
func configDiagnostic(e *config.Error) protocol.Diagnostic {
	ignored := " (this setting is ignored)"
	if e.Whole {
		ignored = " (the whole file is ignored)"
	}
	var rng protocol.Range
	if e.Line > 0 {
		start := protocol.Position{Line: uint32(e.Line - 1), Character: uint32(max(e.Column-1, 0))}
		rng = protocol.Range{Start: start, End: protocol.Position{Line: uint32(e.Line)}}
	}
	return protocol.Diagnostic{
		Range:    rng,
		Severity: protocol.DiagnosticSeverityError,
		Code:     protocol.String("ProjectSettings"),
		Source:   protocol.NewOptional("dockerfile-ls"),
		Message:  protocol.String(e.Msg + ignored),
	}
}
