package lsptest

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// JSON-RPC and LSP error codes the tests compare against.
const (
	ParseError           int64 = -32700
	InvalidRequest       int64 = -32600
	MethodNotFound       int64 = -32601
	InvalidParams        int64 = -32602
	InternalError        int64 = -32603
	ServerNotInitialized int64 = -32002
	RequestCancelled     int64 = -32800
)

// Error is a JSON-RPC error response.
type Error struct {
	Code    int64           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *Error) Error() string { return fmt.Sprintf("JSON-RPC error %d: %s", e.Code, e.Message) }

// Code is the JSON-RPC error code of err, or 0 if err is not an error
// response (nil, a timeout, a closed connection).
func Code(err error) int64 {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// Pending is a request sent and not yet waited for.
type Pending struct {
	c      *Client
	ID     int64 // the request's id, e.g. for $/cancelRequest
	Method string
	ch     chan message
	err    error // a failure to send
}

// Go sends a request and returns at once; Wait collects the answer.
// params nil sends no params member.
func (c *Client) Go(method string, params any) *Pending {
	p := &Pending{c: c, Method: method, ch: make(chan message, 1)}
	var raw json.RawMessage
	if params != nil {
		if raw, p.err = json.Marshal(params); p.err != nil {
			return p
		}
	}
	c.wmu.Lock()
	c.nextID++
	p.ID = c.nextID
	c.wmu.Unlock()
	c.mu.Lock()
	c.pending[p.ID] = p.ch
	c.mu.Unlock()
	p.err = c.send(message{JSONRPC: "2.0", ID: json.RawMessage(fmt.Sprint(p.ID)), Method: method, Params: raw})
	return p
}

// Wait waits for the answer and decodes its result into result (which may
// be nil). It returns an *Error for an error response, and a plain error for
// a timeout, a closed connection or a result that does not decode.
func (p *Pending) Wait(result any) error {
	if p.err != nil {
		return fmt.Errorf("sending %s: %w", p.Method, p.err)
	}
	c := p.c
	var m message
	select {
	case m = <-p.ch:
	case <-c.done:
		select {
		case m = <-p.ch:
		default:
			return fmt.Errorf("lsptest: the connection ended (%v) before the answer to %s (id %d)%s", c.readErr, p.Method, p.ID, c.context())
		}
	case <-time.After(c.opts.Timeout):
		return fmt.Errorf("lsptest: no answer to %s (id %d) within %v%s", p.Method, p.ID, c.opts.Timeout, c.context())
	}
	if m.Error != nil {
		return m.Error
	}
	if result != nil && len(m.Result) > 0 {
		if err := json.Unmarshal(m.Result, result); err != nil {
			return fmt.Errorf("lsptest: decoding the result of %s %s: %w", p.Method, m.Result, err)
		}
	}
	return nil
}

// Call sends a request and waits for its answer (see Wait).
func (c *Client) Call(method string, params, result any) error {
	return c.Go(method, params).Wait(result)
}

// MustCall is Call that fails the test on any error.
func (c *Client) MustCall(method string, params, result any) {
	c.tb.Helper()
	if err := c.Call(method, params, result); err != nil {
		c.tb.Fatalf("%s: %v", method, err)
	}
}

// Notify sends a notification; params nil sends no params member. It fails
// the test if the message cannot be written.
func (c *Client) Notify(method string, params any) {
	c.tb.Helper()
	m := message{JSONRPC: "2.0", Method: method}
	if params != nil {
		raw, err := json.Marshal(params)
		if err != nil {
			c.tb.Fatalf("notify %s: %v", method, err)
		}
		m.Params = raw
	}
	if err := c.send(m); err != nil {
		c.tb.Fatalf("notify %s: %v%s", method, err, c.context())
	}
}

// Initialize runs the handshake: initialize with params, decoding the
// result into result, then the initialized notification.
func (c *Client) Initialize(params, result any) {
	c.tb.Helper()
	c.MustCall("initialize", params, result)
	c.Notify("initialized", map[string]any{})
}

// Open sends didOpen for a Dockerfile at version 1.
func (c *Client) Open(uri, text string) {
	c.tb.Helper()
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "dockerfile", "version": 1, "text": text,
	}})
}
