package server

import (
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// testClient is an LSP client (internal/lsptest) talking to an in-process
// server over net.Pipe, with real JSON-RPC framing on both sides.
type testClient struct {
	*lsptest.Client
	t      *testing.T
	server *Server
	done   chan error // the result of Serve

	mu       sync.Mutex // guards exitCode
	exitCode int
}

// startServer starts a server and a client over net.Pipe. The server is
// not initialized; see initialize.
func startServer(t *testing.T, opts ...func(*Server)) *testClient {
	t.Helper()
	return startServerWith(t, lsptest.Options{}, opts...)
}

// startServerWith is startServer with client options (handlers for the
// server's requests, timeouts).
func startServerWith(t *testing.T, copts lsptest.Options, opts ...func(*Server)) *testClient {
	t.Helper()
	a, b := net.Pipe()
	c := &testClient{t: t, done: make(chan error, 1), exitCode: -1}
	srv := New(Options{Version: "test", Debounce: 5 * time.Millisecond, Exit: func(code int) {
		c.mu.Lock()
		c.exitCode = code
		c.mu.Unlock()
	}})
	for _, o := range opts {
		o(srv)
	}
	c.server = srv
	go func() { c.done <- srv.Serve(context.Background(), a) }()
	c.Client = lsptest.Start(t, b, copts)
	return c
}

// initialize runs the handshake with the given client capabilities.
func (c *testClient) initialize(params map[string]any) map[string]any {
	c.t.Helper()
	if params == nil {
		params = map[string]any{}
	}
	if _, ok := params["capabilities"]; !ok {
		params["capabilities"] = map[string]any{}
	}
	var res map[string]any
	c.Initialize(params, &res)
	return res
}
