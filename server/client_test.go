package server

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// testClient is an LSP client talking to an in-process server over a pipe,
// with real JSON-RPC framing on both sides.
type testClient struct {
	t      *testing.T
	conn   jsonrpc2.Conn
	server *Server
	done   chan error

	// mu guards notes and exitCode.
	mu       sync.Mutex
	notes    []note
	noteCh   chan struct{}
	exitCode int
}

type note struct {
	method string
	params json.RawMessage
}

// startServer starts a server and a client over net.Pipe. The server is
// not initialized; see initialize.
func startServer(t *testing.T, opts ...func(*Server)) *testClient {
	t.Helper()
	a, b := net.Pipe()
	c := &testClient{t: t, done: make(chan error, 1), noteCh: make(chan struct{}, 1), exitCode: -1}
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
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(b))
	c.conn.Go(context.Background(), func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.IsCall() && req.Method() != "client/registerCapability" {
			return nil, jsonrpc2.ErrMethodNotFound
		}
		c.mu.Lock()
		c.notes = append(c.notes, note{strings.Clone(req.Method()), json.RawMessage(append([]byte(nil), req.Params()...))}) // Method borrows the read buffer
		c.mu.Unlock()
		select {
		case c.noteCh <- struct{}{}:
		default:
		}
		return nil, nil
	})
	t.Cleanup(func() { c.conn.Close() })
	return c
}

// call sends a request and decodes the result into result (may be nil).
func (c *testClient) call(method string, params, result any) error {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var raw json.RawMessage
	_, err := c.conn.Call(ctx, method, params, &raw)
	if err != nil {
		return err
	}
	if result != nil && len(raw) > 0 {
		if err := json.Unmarshal(raw, result); err != nil {
			c.t.Fatalf("%s: decoding %s: %v", method, raw, err)
		}
	}
	return nil
}

// mustCall is call that fails the test on error.
func (c *testClient) mustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
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
	c.mustCall("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return res
}

// rpcCode returns the JSON-RPC error code of err, or 0.
func rpcCode(err error) jsonrpc2.Code {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// waitNote waits for a notification matching pred.
func (c *testClient) waitNote(method string, pred func(json.RawMessage) bool) json.RawMessage {
	c.t.Helper()
	deadline := time.After(20 * time.Second)
	seen := 0
	for {
		c.mu.Lock()
		for ; seen < len(c.notes); seen++ {
			n := c.notes[seen]
			if n.method == method && (pred == nil || pred(n.params)) {
				c.mu.Unlock()
				return n.params
			}
		}
		c.mu.Unlock()
		select {
		case <-c.noteCh:
		case <-time.After(10 * time.Millisecond):
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s", method)
		}
	}
}

// lspDiagnostic is the wire shape of a diagnostic, for assertions.
type lspDiagnostic struct {
	Range           lspRange `json:"range"`
	Severity        int      `json:"severity"`
	Code            string   `json:"code"`
	Source          string   `json:"source"`
	Message         string   `json:"message"`
	CodeDescription struct {
		Href string `json:"href"`
	} `json:"codeDescription"`
}

type lspPos struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

type lspRange struct {
	Start lspPos `json:"start"`
	End   lspPos `json:"end"`
}

type publishParams struct {
	URI         string          `json:"uri"`
	Version     *int            `json:"version"`
	Diagnostics []lspDiagnostic `json:"diagnostics"`
}

// waitDiagnostics waits for diagnostics of uri at version (or any version if < 0).
func (c *testClient) waitDiagnostics(uri string, version int) publishParams {
	c.t.Helper()
	var out publishParams
	c.waitNote("textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p publishParams
		_ = json.Unmarshal(raw, &p)
		if p.URI != uri || (version >= 0 && (p.Version == nil || *p.Version != version)) {
			return false
		}
		out = p
		return true
	})
	return out
}

func (c *testClient) open(uri, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": text,
	}})
}

// cursor splits a document containing one "|" into text and offset.
func cursor(src string) (string, int) {
	i := strings.Index(src, "|")
	return src[:i] + src[i+1:], i
}

// waitCleared waits for the versionless publish that clears uri (sent on
// close, or when diagnostics are turned off).
func (c *testClient) waitCleared(uri string) publishParams {
	c.t.Helper()
	var out publishParams
	c.waitNote("textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p publishParams
		_ = json.Unmarshal(raw, &p)
		out = p
		return p.URI == uri && p.Version == nil
	})
	return out
}
