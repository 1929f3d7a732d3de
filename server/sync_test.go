package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// serverText returns the server's current text for uri, after a request
// round trip so that every earlier notification has been applied.
func (c *testClient) serverText(uri string) string {
	c.t.Helper()
	// Any request is a barrier: it is read after every earlier notification
	// was applied. Ask about a document that is not open, to stay cheap.
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///barrier"}, "position": map[string]any{"line": 0, "character": 0}}, nil)
	snap := c.server.docs.get(mustURI(uri))
	if snap == nil {
		c.t.Fatalf("%s is not open on the server", uri)
	}
	return snap.snap.Text()
}

func TestRapidFullChangesStayInOrder(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\n")
	want := ""
	for v := 2; v <= 501; v++ {
		want = fmt.Sprintf("FROM alpine\nRUN echo %d\n", v)
		c.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"text": want}},
		})
	}
	if got := c.serverText(uri); got != want {
		t.Fatalf("after 500 changes the server has %q, want %q", got, want)
	}
	if v := c.server.docs.get(mustURI(uri)).version; v != 501 {
		t.Fatalf("version = %d, want 501", v)
	}
}

func TestPositionsPastTheEndClamp(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\n")
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{
			"range": map[string]any{"start": map[string]any{"line": 0, "character": 400}, "end": map[string]any{"line": 99, "character": 0}},
			"text":  " AS base",
		}},
	})
	if got, want := c.serverText(uri), "FROM alpine AS base"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// rawConn drives the server with hand-written frames.
type rawConn struct {
	t *testing.T
	w io.Writer
	r *bufio.Reader
}

func startRaw(t *testing.T) *rawConn {
	a, b := net.Pipe()
	srv := New(Options{Version: "test"})
	go srv.Serve(t.Context(), a)
	t.Cleanup(func() { b.Close() })
	return &rawConn{t: t, w: b, r: bufio.NewReader(b)}
}

func (r *rawConn) send(body string) {
	if err := lsptest.WriteFrame(r.w, body); err != nil {
		r.t.Error(err)
	}
}

func (r *rawConn) recv() map[string]any {
	r.t.Helper()
	buf, err := lsptest.ReadFrame(r.r)
	if err != nil {
		r.t.Fatalf("reading a frame: %v", err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf, &m); err != nil {
		r.t.Fatalf("bad JSON from server: %s", buf)
	}
	return m
}

func TestMalformedMessagesGetAnErrorAndTheServerLivesOn(t *testing.T) {
	r := startRaw(t)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, tc := range []struct {
			body string
			code float64
		}{
			{`{"jsonrpc":"2.0","id":1,"method":"initialize",`, -32700},
			{`not json at all`, -32700},
			{`{"jsonrpc":"2.0","id":2}`, -32600},
			{`{"foo":"bar"}`, -32600},
		} {
			r.send(tc.body)
			m := r.recv()
			e, _ := m["error"].(map[string]any)
			if e == nil || e["code"] != tc.code || m["id"] != nil {
				t.Errorf("%s: got %v, want error %v with id null", tc.body, m, tc.code)
			}
		}
		r.send(`{"jsonrpc":"2.0","id":3,"method":"initialize","params":{"capabilities":{}}}`)
		if m := r.recv(); m["result"] == nil {
			t.Errorf("initialize after bad input: %v", m)
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("timed out")
	}
}
