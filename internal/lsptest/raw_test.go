package lsptest

import (
	"bufio"
	"net"
	"strings"
	"testing"
	"time"
)

// Raw bytes reach the server as written, and answers to requests the client
// never made go to Strays instead of failing the test.
func TestWriteRawAndStrays(t *testing.T) {
	a, b := net.Pipe()
	strays := make(chan []byte, 4)
	ft := &fakeTB{TB: t}
	c := Start(ft, a, Options{Timeout: 5 * time.Second, Strays: strays})
	got := make(chan []byte, 1)
	go func() {
		r := bufio.NewReader(b)
		body, err := ReadFrame(r)
		if err != nil {
			t.Errorf("fake server: %v", err)
			return
		}
		got <- body
		WriteFrame(b, `{"jsonrpc":"2.0","id":"odd","result":1}`)
		WriteFrame(b, `{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"parse error"}}`)
	}()
	if err := c.WriteRaw([]byte("Content-Length: 18\r\n\r\n{\"id\":\"odd\",\"x\":1}")); err != nil {
		t.Fatal(err)
	}
	if body := <-got; string(body) != `{"id":"odd","x":1}` {
		t.Errorf("the server read %q", body)
	}
	for _, want := range []string{`"odd"`, `null`} {
		select {
		case s := <-strays:
			if !strings.Contains(string(s), want) {
				t.Errorf("stray %s, want id %s", s, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("no stray with id %s", want)
		}
	}
	ft.end()
	if len(ft.errs) != 0 {
		t.Errorf("strays were reported as violations: %v", ft.errs)
	}
}
