package server

import (
	"context"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
)

// A request that fails after the read loop has moved on still names its
// own method: the method string must not alias the read buffer, which the
// next frame overwrites.
func TestPanicAfterReleaseNamesItsMethod(t *testing.T) {
	release := make(chan struct{})
	c := startServer(t, func(s *Server) {
		s.extraRequests = map[string]requestHandler{
			"test/panicsLater": func(*Server, jsonrpc2.RawMessage) (func(context.Context) (any, error), error) {
				return func(context.Context) (any, error) {
					<-release
					panic("boom")
				}, nil
			},
		}
	})
	c.initialize(nil)
	errc := make(chan error, 1)
	go func() { errc <- c.Call("test/panicsLater", nil, nil) }()
	// Requests after it overwrite the frame it was read from.
	for range 3 {
		c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}, "position": map[string]any{"line": 0, "character": 0}}, nil)
	}
	close(release)
	err := <-errc
	if err == nil || !strings.Contains(err.Error(), "internal error in test/panicsLater") {
		t.Fatalf("got %v, want an internal error naming test/panicsLater", err)
	}
}
