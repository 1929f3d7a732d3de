package lsptest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeTB records failures instead of failing, to test what the client
// reports; Fatalf is not expected on these paths.
type fakeTB struct {
	testing.TB
	mu       sync.Mutex
	errs     []string
	cleanups []func()
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs = append(f.errs, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Fatalf(format string, args ...any) { f.Errorf(format, args...) }
func (f *fakeTB) Cleanup(fn func())                 { f.cleanups = append(f.cleanups, fn) }
func (f *fakeTB) end() {
	for i := len(f.cleanups) - 1; i >= 0; i-- {
		f.cleanups[i]()
	}
}

// fakeServer reads one request per reply and writes the reply, with the
// request's id substituted for ID.
func fakeServer(t *testing.T, conn net.Conn, replies ...string) {
	r := bufio.NewReader(conn)
	for _, reply := range replies {
		body, err := ReadFrame(r)
		if err != nil {
			t.Errorf("fake server: %v", err)
			return
		}
		var m struct {
			ID json.RawMessage `json:"id"`
		}
		json.Unmarshal(body, &m)
		if err := WriteFrame(conn, strings.ReplaceAll(reply, "ID", string(m.ID))); err != nil {
			t.Errorf("fake server: %v", err)
			return
		}
	}
}

func TestProtocolViolationsAreReported(t *testing.T) {
	for _, tc := range []struct {
		name, reply, want string
	}{
		{"no result", `{"jsonrpc":"2.0","id":ID}`, "exactly one of result and error"},
		{"unknown id", `{"jsonrpc":"2.0","id":99,"result":null}`, "no request of ours"},
		{"no version", `{"id":ID,"result":1}`, `"jsonrpc":"2.0"`},
		{"null id", `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"x"}}`, "id null"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := net.Pipe()
			go fakeServer(t, a, tc.reply)
			tb := &fakeTB{TB: t}
			c := Start(tb, b, Options{Timeout: 200 * time.Millisecond})
			_ = c.Call("x", nil, nil)
			tb.end()
			a.Close()
			if got := strings.Join(tb.errs, "\n"); !strings.Contains(got, tc.want) {
				t.Errorf("reported %q, want a violation mentioning %q", got, tc.want)
			}
		})
	}
}

func TestCallsServerRequestsAndTimeouts(t *testing.T) {
	a, b := net.Pipe()
	c := Start(t, b, Options{Timeout: time.Second, Handlers: map[string]Handler{
		"workspace/configuration": func(json.RawMessage) (any, error) { return []any{map[string]any{"x": 1}}, nil },
	}})
	// net.Pipe is synchronous: the fake server reads all the time.
	frames := make(chan string, 10)
	go func() {
		r := bufio.NewReader(a)
		for {
			body, err := ReadFrame(r)
			if err != nil {
				close(frames)
				return
			}
			frames <- string(body)
		}
	}()
	p := c.Go("slow", map[string]any{"k": 1})
	body := <-frames
	if want := fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"slow","params":{"k":1}}`, p.ID); body != want {
		t.Fatalf("sent %s, want %s", body, want)
	}
	// The server asks the client something before answering.
	WriteFrame(a, `{"jsonrpc":"2.0","id":"s1","method":"workspace/configuration","params":{"items":[{}]}}`)
	body = <-frames
	if want := `{"jsonrpc":"2.0","id":"s1","result":[{"x":1}]}`; body != want {
		t.Errorf("answer to the server's request %s, want %s", body, want)
	}
	WriteFrame(a, `{"jsonrpc":"2.0","id":"s2","method":"window/unknown"}`)
	body = <-frames
	if !strings.Contains(body, `"code":-32601`) {
		t.Errorf("an unhandled server request got %s, want MethodNotFound", body)
	}
	WriteFrame(a, fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"error":{"code":-32800,"message":"cancelled"}}`, p.ID))
	if err := p.Wait(nil); Code(err) != RequestCancelled {
		t.Errorf("Wait = %v, want the error response", err)
	}
	if n := c.WaitNote(0, "workspace/configuration", nil); !n.Call || n.Index != 0 {
		t.Errorf("the server's request is not logged as one: %+v", n)
	}
	// Nobody answers: a clear error, not a hang.
	err := c.Call("never", nil, nil)
	if err == nil || Code(err) != 0 || !strings.Contains(err.Error(), "no answer to never") {
		t.Errorf("unanswered call: %v", err)
	}
}

func TestReadFrameIsStrict(t *testing.T) {
	for _, bad := range []string{
		"Content-Length: 2\n\n{}",                  // bare \n
		"Content-Type: application/json\r\n\r\n{}", // no length
		"Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}",
		"Content-Length: x\r\n\r\n{}",
		"X-Thing: 1\r\nContent-Length: 2\r\n\r\n{}",
		"Content-Length: 5\r\n\r\n{}",
	} {
		if _, err := ReadFrame(bufio.NewReader(strings.NewReader(bad))); err == nil {
			t.Errorf("ReadFrame(%q) accepted it", bad)
		}
	}
	body, err := ReadFrame(bufio.NewReader(strings.NewReader("Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")))
	if err != nil || string(body) != "{}" {
		t.Errorf("a good frame: %q, %v", body, err)
	}
}

func TestPositionsAndEdits(t *testing.T) {
	text := "FROM a\r\nLABEL x=\"日🐳\" y\n"
	off := strings.Index(text, " y")
	for enc, want := range map[string]int{UTF8: 9 + 3 + 4 + 1, UTF16: 9 + 1 + 2 + 1, UTF32: 9 + 1 + 1 + 1} {
		p := PositionAt(text, off, enc)
		if p.Line != 1 || p.Character != want {
			t.Errorf("%s: PositionAt = %+v, want 1:%d", enc, p, want)
		}
		if got := OffsetAt(text, p, enc); got != off {
			t.Errorf("%s: OffsetAt(PositionAt) = %d, want %d", enc, got, off)
		}
	}
	if got := OffsetAt(text, Position{0, 99}, UTF16); got != len("FROM a") {
		t.Errorf("past the end of a CRLF line: %d", got)
	}
	edits := []TextEdit{
		{NewRange(0, 0, 0, 4), "from"},
		{NewRange(0, 6, 0, 6), " AS"},
		{NewRange(0, 6, 0, 6), " b"},
	}
	if got, want := ApplyEdits(text, edits, UTF16), "from a AS b\r\n"; !strings.HasPrefix(got, want) {
		t.Errorf("ApplyEdits = %q, want prefix %q", got, want)
	}
}
