package lsptest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Notes returns a copy of the log of notifications and requests from the
// server so far.
func (c *Client) Notes() []Note {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]Note(nil), c.notes...)
}

// Forget drops the params of the notes before index upto, for long
// benchmarks that would otherwise keep every publish in memory. Indexes do
// not change.
func (c *Client) Forget(upto int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := range min(upto, len(c.notes)) {
		c.notes[i].Params = nil
	}
}

// WaitNote waits for the first note at index from or later with the given
// method for which pred (nil: any) holds, and fails the test after the
// timeout, listing what did arrive.
func (c *Client) WaitNote(from int, method string, pred func(json.RawMessage) bool) Note {
	c.tb.Helper()
	deadline := time.After(c.opts.Timeout)
	for {
		c.mu.Lock()
		for ; from < len(c.notes); from++ {
			if n := c.notes[from]; n.Method == method && (pred == nil || pred(n.Params)) {
				c.mu.Unlock()
				return n
			}
		}
		changed := c.changed
		c.mu.Unlock()
		select {
		case <-changed:
		case <-c.done:
			c.mu.Lock()
			more := from < len(c.notes)
			c.mu.Unlock()
			if !more {
				c.tb.Fatalf("lsptest: the connection ended (%v) while waiting for %s%s", c.readErr, method, c.context())
			}
		case <-deadline:
			c.tb.Fatalf("lsptest: no matching %s within %v; the server sent: %s%s", method, c.opts.Timeout, c.summary(), c.context())
		}
	}
}

// summary lists the methods of the log, for failure messages.
func (c *Client) summary() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.notes) == 0 {
		return "nothing"
	}
	var b strings.Builder
	for i, n := range c.notes {
		if i == 20 {
			fmt.Fprintf(&b, " … (%d in all)", len(c.notes))
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(n.Method)
		if n.Method == "textDocument/publishDiagnostics" {
			var p Publish
			if json.Unmarshal(n.Params, &p) == nil {
				v := "null"
				if p.Version != nil {
					v = fmt.Sprint(*p.Version)
				}
				fmt.Fprintf(&b, "(%s v%s, %d)", p.URI, v, len(p.Diagnostics))
			}
		}
	}
	return b.String()
}

// WaitDiagnostics waits for the first publishDiagnostics of uri at version
// (any version, or none, if version < 0) at note index from or later.
func (c *Client) WaitDiagnostics(from int, uri string, version int) Publish {
	c.tb.Helper()
	return c.waitPublish(from, uri, func(p Publish) bool {
		return version < 0 || (p.Version != nil && *p.Version == version)
	})
}

// WaitCleared waits for the versionless publish that clears uri (sent when
// the document closes or diagnostics are turned off), from note index from.
func (c *Client) WaitCleared(from int, uri string) Publish {
	c.tb.Helper()
	return c.waitPublish(from, uri, func(p Publish) bool { return p.Version == nil })
}

func (c *Client) waitPublish(from int, uri string, pred func(Publish) bool) Publish {
	c.tb.Helper()
	var out Publish
	var bad error
	n := c.WaitNote(from, "textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		var p Publish
		if err := json.Unmarshal(raw, &p); err != nil {
			bad = fmt.Errorf("undecodable publishDiagnostics %s: %w", raw, err)
			return true
		}
		if p.URI != uri || !pred(p) {
			return false
		}
		out = p
		return true
	})
	if bad != nil {
		c.tb.Fatalf("lsptest: %v", bad)
	}
	out.Note = n
	return out
}
