package lsptest

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// WriteRaw writes b to the server exactly as given, between the client's
// own frames: for tests of malformed input (bad headers, bodies that are
// not JSON, requests with ids of any shape). Answers that match no request
// of the client's go to Options.Strays.
func (c *Client) WriteRaw(b []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := c.w.Write(b)
	return err
}

// stray hands a response that answers no pending request of ours (id null,
// a string id, a number we never sent) to Options.Strays, and reports
// whether it did.
func (c *Client) stray(id json.RawMessage, body []byte) bool {
	if c.opts.Strays == nil {
		return false
	}
	if n, err := strconv.ParseInt(string(id), 10, 64); err == nil {
		c.mu.Lock()
		_, ours := c.pending[n]
		c.mu.Unlock()
		if ours {
			return false
		}
	}
	select {
	case c.opts.Strays <- append([]byte(nil), body...):
	default:
		c.violation("Options.Strays is full; dropped %s", body)
	}
	return true
}

// strayBatch hands a batch answer (a JSON array: the client never sends
// batches, but WriteRaw may) to Options.Strays, and reports whether it did.
func (c *Client) strayBatch(body []byte) bool {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	if c.opts.Strays == nil || len(trimmed) == 0 || trimmed[0] != '[' {
		return false
	}
	return c.stray(json.RawMessage("null"), body)
}
