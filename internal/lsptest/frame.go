package lsptest

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxFrame bounds the Content-Length the reader accepts, so that a corrupt
// header fails the test instead of allocating gigabytes.
const maxFrame = 256 << 20

// WriteFrame writes body as one LSP base-protocol frame: a Content-Length
// header, a blank line, then the bytes of body unchanged (which need not be
// valid JSON: tests of malformed input send anything).
func WriteFrame(w io.Writer, body string) error {
	_, err := fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return err
}

// ReadFrame reads one frame and returns its body. It is strict about what
// the server writes: every header line ends in \r\n and is "Name: value",
// Content-Length is present exactly once, and Content-Type, if any, is JSON.
func ReadFrame(r *bufio.Reader) ([]byte, error) {
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && line == "" && n < 0 {
				return nil, io.EOF
			}
			return nil, fmt.Errorf("reading a frame header: %w", err)
		}
		if !strings.HasSuffix(line, "\r\n") {
			return nil, fmt.Errorf("header line %q does not end in \\r\\n", line)
		}
		line = strings.TrimSuffix(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("header line %q has no colon", line)
		}
		value = strings.TrimSpace(value)
		switch strings.ToLower(name) {
		case "content-length":
			if n >= 0 {
				return nil, fmt.Errorf("two Content-Length headers")
			}
			v, err := strconv.Atoi(value)
			if err != nil || v < 0 || v > maxFrame {
				return nil, fmt.Errorf("bad Content-Length %q", value)
			}
			n = v
		case "content-type":
			if !strings.HasPrefix(value, "application/vscode-jsonrpc") && !strings.HasPrefix(value, "application/json") {
				return nil, fmt.Errorf("unexpected Content-Type %q", value)
			}
		default:
			return nil, fmt.Errorf("unknown header %q", line)
		}
	}
	if n < 0 {
		return nil, fmt.Errorf("a frame without Content-Length")
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("reading a %d-byte frame body: %w", n, err)
	}
	return body, nil
}
