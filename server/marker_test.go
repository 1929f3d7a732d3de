package server

import (
	"context"
	"flag"
	"io"
	"net"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest/marker"
)

// Marker tests: each testdata/<feature>/<scenario>.txtar is a Dockerfile
// (and optional build-context files and settings) with notes that say what
// the server must answer, run over a real JSON-RPC pipe. The notation and
// every marker are documented in internal/lsptest/marker/doc.go.

var update = flag.Bool("update", false, "rewrite the -- @golden -- sections of marker tests")

func TestMarkers(t *testing.T) {
	marker.Run(t, "testdata", marker.Options{Update: *update, Connect: func(t *testing.T) io.ReadWriteCloser {
		a, b := net.Pipe()
		srv := New(Options{Version: "test", Debounce: 5 * time.Millisecond})
		done := make(chan error, 1)
		go func() { done <- srv.Serve(context.Background(), a) }()
		t.Cleanup(func() {
			b.Close()
			<-done
		})
		return b
	}})
}
