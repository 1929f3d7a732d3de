package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// client is a minimal LSP client over a child process's stdio: it pipelines
// requests, answers the server's own requests with empty results, and keeps
// the diagnostics each document was last published with.
type client struct {
	name string
	cmd  *exec.Cmd

	wmu sync.Mutex // serialises frames on stdin
	in  io.WriteCloser

	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan rpcResponse
	diags   map[string]chan []diagnostic // uri → first publish after open
	closed  error
	done    chan struct{}
}

type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  *rpcError       `json:"error"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("rpc error %d: %s", e.Code, e.Message) }

// startClient runs argv with stderr sent to logTo and returns a client
// speaking LSP over its stdin and stdout.
func startClient(name string, argv []string, dir string, logTo io.Writer) (*client, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	cmd.Stderr = logTo
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	c := &client{name: name, cmd: cmd, in: in, pending: map[int64]chan rpcResponse{},
		diags: map[string]chan []diagnostic{}, done: make(chan struct{})}
	go c.readLoop(bufio.NewReaderSize(out, 1<<16))
	return c, nil
}

func (c *client) write(msg any) error {
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := fmt.Fprintf(c.in, "Content-Length: %d\r\n\r\n", len(body)); err != nil {
		return err
	}
	_, err = c.in.Write(body)
	return err
}

// call sends a request and decodes its result into result (which may be a
// *json.RawMessage).
func (c *client) call(ctx context.Context, method string, params, result any) error {
	c.mu.Lock()
	if c.closed != nil {
		c.mu.Unlock()
		return c.closed
	}
	c.nextID++
	id := c.nextID
	ch := make(chan rpcResponse, 1)
	c.pending[id] = ch
	c.mu.Unlock()
	if err := c.write(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params}); err != nil {
		return err
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return r.Error
		}
		if result == nil {
			return nil
		}
		return json.Unmarshal(orNull(r.Result), result)
	case <-ctx.Done():
		c.mu.Lock()
		delete(c.pending, id)
		c.mu.Unlock()
		_ = c.write(map[string]any{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": map[string]any{"id": id}})
		return fmt.Errorf("%s %s: %w", c.name, method, ctx.Err())
	case <-c.done:
		return c.closedErr()
	}
}

func orNull(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage("null")
	}
	return b
}

func (c *client) notify(method string, params any) error {
	return c.write(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// expectDiagnostics must be called before didOpen; the returned channel
// receives the first diagnostics published for uri.
func (c *client) expectDiagnostics(uri string) <-chan []diagnostic {
	ch := make(chan []diagnostic, 1)
	c.mu.Lock()
	c.diags[uri] = ch
	c.mu.Unlock()
	return ch
}

func (c *client) closedErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

type inMessage struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	rpcResponse
}

func (c *client) readLoop(r *bufio.Reader) {
	tp := textproto.NewReader(r)
	var err error
	for {
		var hdr textproto.MIMEHeader
		hdr, err = tp.ReadMIMEHeader()
		if err != nil {
			break
		}
		var n int
		n, err = strconv.Atoi(hdr.Get("Content-Length"))
		if err != nil {
			break
		}
		body := make([]byte, n)
		if _, err = io.ReadFull(r, body); err != nil {
			break
		}
		var m inMessage
		if err = json.Unmarshal(body, &m); err != nil {
			break
		}
		c.dispatch(&m)
	}
	if errors.Is(err, io.EOF) {
		err = io.ErrUnexpectedEOF
	}
	c.mu.Lock()
	c.closed = fmt.Errorf("%s: connection closed: %v", c.name, err)
	c.mu.Unlock()
	close(c.done)
}

func (c *client) dispatch(m *inMessage) {
	switch {
	case m.Method != "" && len(m.ID) > 0:
		// A request from the server: configuration gets one null per
		// item, everything else a null result.
		var result any
		if m.Method == "workspace/configuration" {
			var p struct{ Items []json.RawMessage }
			_ = json.Unmarshal(m.Params, &p)
			result = make([]any, len(p.Items))
		}
		go func() { _ = c.write(map[string]any{"jsonrpc": "2.0", "id": m.ID, "result": result}) }()
	case m.Method == "textDocument/publishDiagnostics":
		var p struct {
			URI         string       `json:"uri"`
			Diagnostics []diagnostic `json:"diagnostics"`
		}
		if json.Unmarshal(m.Params, &p) != nil {
			return
		}
		c.mu.Lock()
		ch := c.diags[p.URI]
		delete(c.diags, p.URI)
		c.mu.Unlock()
		if ch != nil {
			ch <- p.Diagnostics
		}
	case m.Method != "":
		// other notifications (logs, telemetry) are ignored
	default:
		id, err := strconv.ParseInt(strings.Trim(string(m.ID), `"`), 10, 64)
		if err != nil {
			return
		}
		c.mu.Lock()
		ch := c.pending[id]
		delete(c.pending, id)
		c.mu.Unlock()
		if ch != nil {
			ch <- m.rpcResponse
		}
	}
}

// shutdown ends the session politely, then makes sure the process is gone.
func (c *client) shutdown(ctx context.Context) {
	_ = c.call(ctx, "shutdown", nil, nil)
	_ = c.notify("exit", nil)
	_ = c.in.Close()
	waited := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-ctx.Done():
		_ = c.cmd.Process.Signal(os.Kill)
		<-waited
	}
}
