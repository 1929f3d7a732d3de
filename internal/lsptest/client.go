// Package lsptest is the JSON-RPC 2.0 client that every LSP test drives the
// server with: the in-process tests of server/ (over net.Pipe), the marker
// tests (internal/lsptest/marker) and the end-to-end tests of the built
// binary (over its stdio or TCP).
//
// It does its own framing and decoding instead of reusing the server's
// JSON-RPC library, so that a framing bug cannot hide on both sides of the
// pipe, and it is strict about what the server writes: a frame or message
// that breaks the base protocol or JSON-RPC 2.0 fails the test that owns the
// client (reported when the test ends).
//
// Requests carry ids chosen by the client (Go returns them before the answer,
// for $/cancelRequest); notifications and requests from the server are kept
// in a log in arrival order (WaitNote, WaitDiagnostics); requests from the
// server (client/registerCapability, workspace/configuration…) are answered
// by handlers. Every wait is bounded by a timeout that turns a hang into a
// readable failure; none is a latency assertion.
package lsptest

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"
	"testing"
	"time"
)

// DefaultTimeout bounds every wait of a client whose Options leave Timeout
// zero.
const DefaultTimeout = 30 * time.Second

// A Handler answers a request from the server. Returning an *Error sends
// that error; any other error is sent as an internal error.
type Handler func(params json.RawMessage) (any, error)

// Options configure a Client.
type Options struct {
	// Timeout bounds each wait for an answer or a notification.
	Timeout time.Duration
	// Handlers answer requests from the server by method, on top of the
	// defaults (client/registerCapability and client/unregisterCapability
	// answer null). A request without a handler gets MethodNotFound.
	Handlers map[string]Handler
	// Context, if set, is appended to failure messages (for example the
	// server process's stderr).
	Context func() string
	// Strays, if set, receives the body of every response that answers no
	// request of the client's (see WriteRaw) instead of failing the test.
	Strays chan []byte
}

// Client is a JSON-RPC connection to one server.
type Client struct {
	tb       testing.TB
	rwc      io.Closer
	opts     Options
	handlers map[string]Handler

	wmu    sync.Mutex // serializes frames on w
	w      io.Writer
	nextID int64 // guarded by wmu

	mu         sync.Mutex
	pending    map[int64]chan message
	notes      []Note
	changed    chan struct{} // closed and replaced on every note
	closing    bool
	violations []string

	done    chan struct{} // closed when the reader stops
	readErr error         // why it stopped; set before done is closed
}

// Note is a notification or request the server sent, in arrival order.
type Note struct {
	Index  int    // position in the client's log
	Method string // e.g. textDocument/publishDiagnostics
	Params json.RawMessage
	At     time.Time // when it was read
	Call   bool      // a request (it had an id), not a notification
}

// message is any JSON-RPC 2.0 message on the wire.
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// Start runs a client on rwc (the server's end is the other side) until the
// test ends, when it closes rwc and reports any protocol violation.
func Start(tb testing.TB, rwc io.ReadWriteCloser, opts Options) *Client {
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}
	c := &Client{
		tb: tb, rwc: rwc, w: rwc, opts: opts,
		handlers: map[string]Handler{
			"client/registerCapability":   func(json.RawMessage) (any, error) { return nil, nil },
			"client/unregisterCapability": func(json.RawMessage) (any, error) { return nil, nil },
		},
		pending: map[int64]chan message{},
		changed: make(chan struct{}),
		done:    make(chan struct{}),
	}
	for m, h := range opts.Handlers {
		c.handlers[m] = h
	}
	go c.read(bufio.NewReader(rwc))
	tb.Cleanup(func() {
		c.Close()
		c.mu.Lock()
		defer c.mu.Unlock()
		for _, v := range c.violations {
			tb.Errorf("lsptest: the server broke the protocol: %s", v)
		}
	})
	return c
}

// Close closes the connection. Waiting calls fail; the log stays readable.
func (c *Client) Close() {
	c.mu.Lock()
	c.closing = true
	c.mu.Unlock()
	c.rwc.Close()
}

// Done is closed when the connection has ended (closed by either side).
func (c *Client) Done() <-chan struct{} { return c.done }

// violation records a protocol error, reported when the test ends.
func (c *Client) violation(format string, args ...any) {
	c.mu.Lock()
	c.violations = append(c.violations, fmt.Sprintf(format, args...))
	c.mu.Unlock()
}

func (c *Client) read(r *bufio.Reader) {
	defer close(c.done)
	for {
		body, err := ReadFrame(r)
		if err != nil {
			c.mu.Lock()
			closing := c.closing
			c.mu.Unlock()
			if !closing && err != io.EOF && !errors.Is(err, io.ErrClosedPipe) {
				c.violation("%v", err)
			}
			c.readErr = err
			return
		}
		if c.strayBatch(body) {
			continue
		}
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			c.violation("invalid JSON %q: %v", body, err)
			continue
		}
		if m.JSONRPC != "2.0" {
			c.violation(`message without "jsonrpc":"2.0": %s`, body)
		}
		switch {
		case m.Method != "":
			c.record(m)
		case m.ID != nil:
			c.deliver(m, body)
		default:
			c.violation("neither a request, a notification nor a response: %s", body)
		}
	}
}

// record logs a notification or request from the server and answers the
// latter.
func (c *Client) record(m message) {
	n := Note{Method: m.Method, Params: m.Params, At: time.Now(), Call: m.ID != nil}
	c.mu.Lock()
	n.Index = len(c.notes)
	c.notes = append(c.notes, n)
	close(c.changed)
	c.changed = make(chan struct{})
	h := c.handlers[m.Method]
	c.mu.Unlock()
	if m.ID == nil {
		return
	}
	go func() {
		resp := message{JSONRPC: "2.0", ID: m.ID}
		var result any
		var err error
		if h == nil {
			err = &Error{Code: MethodNotFound, Message: "lsptest: no handler for " + m.Method}
		} else {
			result, err = h(m.Params)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				e = &Error{Code: InternalError, Message: err.Error()}
			}
			resp.Error = e
		} else if resp.Result, err = json.Marshal(result); err != nil {
			resp.Result, resp.Error = nil, &Error{Code: InternalError, Message: err.Error()}
		}
		_ = c.send(resp) // a closed connection is reported by the reader
	}()
}

// deliver hands a response to the call waiting for it.
func (c *Client) deliver(m message, body []byte) {
	if c.stray(m.ID, body) {
		return
	}
	if string(m.ID) == "null" {
		c.violation("an error response with id null (the server could not read one of our messages): %s", body)
		return
	}
	if (m.Result == nil) == (m.Error == nil) {
		c.violation("a response needs exactly one of result and error: %s", body)
	}
	id, err := strconv.ParseInt(string(m.ID), 10, 64)
	c.mu.Lock()
	ch := c.pending[id]
	delete(c.pending, id)
	c.mu.Unlock()
	if err != nil || ch == nil {
		c.violation("a response to no request of ours: %s", body)
		return
	}
	ch <- m
}

func (c *Client) send(m message) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return WriteFrame(c.w, string(data))
}

// context is the Context option's text, for failure messages.
func (c *Client) context() string {
	if c.opts.Context == nil {
		return ""
	}
	if s := c.opts.Context(); s != "" {
		return "\n" + s
	}
	return ""
}
