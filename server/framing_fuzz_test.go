package server

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"testing"
)

// chunkReader returns at most n bytes per Read, so frames and headers
// arrive split at every possible boundary.
type chunkReader struct {
	data []byte
	n    int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), r.n)], r.data)
	r.data = r.data[k:]
	return k, nil
}

// readAll reads frames until the input ends, checking the reader's
// invariants on the way: it ends, every frame is input bytes, and its
// buffer stays proportional to the input.
func readAll(t *testing.T, input []byte, chunk int) [][]byte {
	t.Helper()
	f := newFrameReader(&chunkReader{data: input, n: chunk}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	var frames [][]byte
	for range len(input) + 2 {
		body, n, err := f.ReadFrame()
		if c := cap(f.buf); c > 2*len(input)+4*readChunk {
			t.Fatalf("buffer of %d bytes for %d bytes of input", c, len(input))
		}
		if err != nil {
			if err != io.EOF && err != io.ErrUnexpectedEOF {
				t.Fatalf("error %v", err)
			}
			return frames
		}
		if len(body) == 0 || int64(len(body)) > n || !bytes.Contains(input, body) {
			t.Fatalf("frame %q (n=%d) is not a body from the input", body, n)
		}
		frames = append(frames, bytes.Clone(body))
	}
	t.Fatalf("no end after %d frames", len(input)+2)
	return nil
}

// FuzzFrameReader feeds garbage followed by well-formed frames, split into
// chunks of every size. Well-formed frames alone come out exactly; after
// garbage the reader resynchronises: of three or more frames, the last
// always comes out.
func FuzzFrameReader(f *testing.F) {
	for _, seed := range []string{
		"", "Content-Length: abc\r\n\r\n{}", "Content-Length: -5\r\n\r\n", "Content-Length: 0\r\n\r\n",
		"Content-Length: 99999999999999999999\r\n\r\n", "Content-Type: x\r\n\r\n{}",
		"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", `{"jsonrpc":"2.0","id":1}` + "\r\n",
		"Content-Length: 500\r\n\r\n{\"a\":1}", "Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1}",
		"Content-Length: 3\r\n\r\n", "Content-Length: 2\r\n", "content-length: 2\n\n{}", "\r\n\r\n\r\n",
		"Content-Length: 4\r\n\r\n\"Content-Length: 1\"", "Content-Len",
	} {
		f.Add([]byte(seed), []byte("hello"), uint16(1))
		f.Add([]byte(seed), []byte{}, uint16(7))
		f.Add([]byte(seed), []byte("a body\r\nContent-Length: 5\r\n\r\n"), uint16(65535))
	}
	f.Fuzz(func(t *testing.T, garbage, payload []byte, chunk uint16) {
		n := int(chunk)%4096 + 1
		if chunk > 60000 {
			n = 1 << 20
		}
		// Bodies: JSON strings of hex, so no body holds a header.
		var good []byte
		var want [][]byte
		for i := range 3 {
			part := payload[i*len(payload)/3 : (i+1)*len(payload)/3]
			body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": "m", "params": []string{hex.EncodeToString(part)}})
			good = fmt.Appendf(good, "Content-Length: %d\r\n\r\n%s", len(body), body)
			want = append(want, body)
		}
		got := readAll(t, good, n)
		if len(got) != 3 {
			t.Fatalf("well-formed frames: got %d, want 3", len(got))
		}
		for i := range want {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("frame %d: got %q, want %q", i, got[i], want[i])
			}
		}
		input := append(bytes.Clone(garbage), good...)
		got = readAll(t, input, n)
		if len(got) == 0 || !bytes.Equal(got[len(got)-1], want[2]) {
			t.Fatalf("after %q the last frame did not come out; got %q", garbage, got)
		}
	})
}
