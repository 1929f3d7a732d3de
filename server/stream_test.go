package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// rawServer is a server on one end of a pipe; the test writes raw bytes to
// the other end and reads the frames the server answers with.
type rawServer struct {
	t      *testing.T
	conn   net.Conn
	frames chan rawReply
	done   chan error
	logMu  sync.Mutex
	logBuf bytes.Buffer
}

type rawReply struct {
	ID    json.RawMessage `json:"id"`
	Error *struct {
		Code int `json:"code"`
	} `json:"error"`
	Result json.RawMessage `json:"result"`
	Method string          `json:"method"`
}

func (s *rawServer) Write(p []byte) (int, error) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return s.logBuf.Write(p)
}

func (s *rawServer) log() string {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return s.logBuf.String()
}

func startRawServer(t *testing.T) *rawServer {
	t.Helper()
	a, b := net.Pipe()
	s := &rawServer{t: t, conn: b, frames: make(chan rawReply, 100), done: make(chan error, 1)}
	srv := New(Options{Version: "test", Debounce: 5 * time.Millisecond, Logger: slog.New(slog.NewTextHandler(s, nil))})
	go func() { s.done <- srv.Serve(context.Background(), a) }()
	go func() {
		r := bufio.NewReader(b)
		for {
			n := -1
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					close(s.frames)
					return
				}
				line = strings.TrimRight(line, "\r\n")
				if line == "" {
					break
				}
				if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
					fmt.Sscan(v, &n)
				}
			}
			body := make([]byte, n)
			if _, err := io.ReadFull(r, body); err != nil {
				close(s.frames)
				return
			}
			var f rawReply
			if err := json.Unmarshal(body, &f); err != nil {
				t.Errorf("the server sent invalid JSON %q", body)
			}
			s.frames <- f
		}
	}()
	t.Cleanup(func() { b.Close() })
	return s
}

// send writes raw bytes; the pipe blocks until the server has read them,
// so it runs on its own goroutine.
func (s *rawServer) send(raw string) {
	go func() { _, _ = s.conn.Write([]byte(raw)) }()
}

func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

const probe = `{"jsonrpc":"2.0","id":42,"method":"initialize","params":{"capabilities":{}}}`

// untilProbe reads replies until the answer to probe and returns the others.
func (s *rawServer) untilProbe() []rawReply {
	s.t.Helper()
	var others []rawReply
	deadline := time.After(20 * time.Second)
	for {
		select {
		case f, ok := <-s.frames:
			if !ok {
				s.t.Fatalf("the connection ended before the probe was answered; log:\n%s", s.log())
			}
			if string(f.ID) == "42" {
				if f.Error != nil || !strings.Contains(string(f.Result), "dockerfile-ls") {
					s.t.Fatalf("probe answered %+v", f)
				}
				return others
			}
			if f.Method == "" {
				others = append(others, f)
			}
		case err := <-s.done:
			s.t.Fatalf("the server stopped (%v); log:\n%s", err, s.log())
		case <-deadline:
			s.t.Fatalf("no answer to the probe; log:\n%s", s.log())
		}
	}
}

// Each malformed frame is logged and skipped (bad headers get no answer,
// bodies that are not JSON get a parse error), and the frame after it is
// read and answered: the reader resynchronises on the next Content-Length.
func TestMalformedFramesAreSkipped(t *testing.T) {
	for _, tc := range []struct {
		name    string
		raw     string
		answers int  // replies (errors with id null) before the probe's
		logged  bool // a warning names the problem
	}{
		{"non-numeric length", "Content-Length: abc\r\n\r\n{}", 0, true},
		{"negative length", "Content-Length: -5\r\n\r\n{}", 0, true},
		{"zero length", "Content-Length: 0\r\n\r\n", 0, true},
		{"absurd length", "Content-Length: 99999999999999999999\r\n\r\n{}", 0, true},
		{"length over the limit", "Content-Length: 2000000000\r\n\r\n{}", 0, true},
		{"missing length", "Content-Type: application/json\r\n\r\n{}", 0, true},
		{"two lengths", "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 0, true},
		{"bare JSON", `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}` + "\r\n", 0, true},
		{"bare JSON without newline", `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`, 0, true},
		{"garbage header line", "hello world\r\n\r\n", 0, true},
		{"header cut short by the next", "Content-Length: 5\r\n", 0, true},
		{"bad length cut short by the next", "Content-Length: abc\r\n", 0, true},
		{"zero length cut short by the next", "Content-Length: 0\r\n", 0, true},
		{"endless header line", strings.Repeat("x", 100000), 0, true},
		{"body shorter than declared", "Content-Length: 500\r\n\r\n" + `{"jsonrpc":"2.0","id":1,"method":"shutdown"}`, 0, true},
		{"length ends inside the next header", "Content-Length: 52\r\n\r\n" + `{"jsonrpc":"2.0","id":1,"method":"shutdown"}`, 0, true},
		{"short body, not JSON", "Content-Length: 150\r\n\r\nnot json", 0, true},
		{"body longer than declared", "Content-Length: 10\r\n\r\n" + `{"jsonrpc":"2.0","id":1,"method":"shutdown"}`, 1, true},
		// Tolerated: what real clients send.
		{"lower-case name", "content-length: 2\r\n\r\n{}", 1, false}, // {} is an invalid request, answered
		{"bare newlines", "Content-Length: 2\n\n{}", 1, false},
		{"blank lines between frames", "\r\n\r\n", 0, false},
		{"content type", "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := startRawServer(t)
			s.send(tc.raw + frame(probe))
			others := s.untilProbe()
			if len(others) != tc.answers {
				t.Errorf("%d replies before the probe's, want %d: %+v", len(others), tc.answers, others)
			}
			for _, o := range others {
				if string(o.ID) != "null" || o.Error == nil {
					t.Errorf("a reply to a malformed frame: %+v, want an error with id null", o)
				}
			}
			if logged := strings.Contains(s.log(), "malformed frame"); logged != tc.logged {
				t.Errorf("logged=%v, want %v; log:\n%s", logged, tc.logged, s.log())
			}
			// Still in sync: one more request is answered.
			s.send(frame(`{"jsonrpc":"2.0","id":43,"method":"shutdown"}`))
			select {
			case f := <-s.frames:
				if string(f.ID) != "43" || f.Error != nil {
					t.Errorf("shutdown answered %+v", f)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("no answer to shutdown")
			}
		})
	}
}

// A header claiming a large body must not make the server allocate it
// before the bytes arrive.
func TestDeclaredLengthIsNotAllocatedUpFront(t *testing.T) {
	s := startRawServer(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s.send("Content-Length: 200000000\r\n\r\n" + `{"jsonrpc":"2.0","method":"initialized","params":{}}` + frame(probe))
	s.untilProbe()
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 50<<20 {
		t.Errorf("reading a short frame that declared 200 MB allocated %d MB", grew>>20)
	}
}

// A frame cut short by the end of input ends the session, not the process.
func TestTruncatedFrameAtEndOfInput(t *testing.T) {
	s := startRawServer(t)
	go func() {
		_, _ = s.conn.Write([]byte("Content-Length: 100\r\n\r\n{\"jsonrpc\""))
		s.conn.Close()
	}()
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		t.Fatal("the server did not notice the end of input")
	}
}
