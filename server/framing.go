package server

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strconv"
)

// frameReader reads LSP base-protocol frames ("Content-Length: n", a blank
// line, n bytes of JSON) and survives malformed ones: a bad header is
// logged, its frame dropped and reading resumes at the next
// "Content-Length:". Memory grows with the bytes that arrive, never with
// what a header claims.
type frameReader struct {
	r     io.Reader
	log   *slog.Logger
	buf   []byte // buf[start:] is read from r but not yet consumed
	start int
	err   error // why r ended, once it has
	// skipping is set while discarding a bad stretch, so it is logged once.
	skipping bool
}

const (
	// maxHeaderBytes bounds a header block; real ones are under 100 bytes.
	maxHeaderBytes = 8 << 10
	// maxFrameBytes is the largest body accepted (a Dockerfile of a
	// quarter gigabyte is not one). Larger claims are malformed headers.
	maxFrameBytes = 256 << 20
	// maxHeaderLine bounds the "Content-Length: n" line looked for past
	// a body's declared end.
	maxHeaderLine = 64
	// readChunk is how much is read from the connection at a time.
	readChunk = 64 << 10
)

const contentLength = "content-length:"

func newFrameReader(r io.Reader, log *slog.Logger) *frameReader {
	return &frameReader{r: r, log: log}
}

// ReadFrame returns the body of the next well-formed frame. The slice is
// valid until the next call. It fails only when the input ends or breaks.
func (f *frameReader) ReadFrame() ([]byte, int64, error) {
	f.compact()
	for {
		// Blank lines between frames are harmless; some clients send them.
		for {
			data := f.unread()
			i := 0
			for i < len(data) && isSpace(data[i]) {
				i++
			}
			f.start += i
			if i < len(data) {
				break
			}
			if !f.fill() {
				return nil, 0, f.ended(false)
			}
		}
		data := f.unread()
		end := headerEnd(data)
		if end < 0 {
			if len(data) > maxHeaderBytes {
				f.skip("a header longer than 8 KiB", 1)
				continue
			}
			if !f.fill() {
				return nil, 0, f.ended(true)
			}
			continue
		}
		length, problem, resume := parseHeader(data[:end])
		if problem != "" {
			f.skip(problem, resume)
			continue
		}
		body, ok, err := f.body(end, length)
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			continue
		}
		f.start += end + length
		f.skipping = false
		return body, int64(end + length), nil
	}
}

// body reads the length bytes after a header of end bytes. A header line
// starting inside them means the length ran into the next frame (no JSON
// text holds "Content-Length: n" and a raw line break, in a string or out
// of one): the frame is skipped and ok is false. The line may end past
// the declared length, in bytes that have already arrived.
func (f *frameReader) body(end, length int) (body []byte, ok bool, err error) {
	from := 0
	for {
		got := f.unread()[end:]
		window := got[:min(len(got), length+maxHeaderLine)]
		i, resume := headerLine(window, from)
		if i >= 0 && i < length {
			f.skip("a Content-Length longer than its body", end+i)
			return nil, false, nil
		}
		from = min(resume, length)
		if len(got) >= length {
			return got[:length], true, nil
		}
		if !f.fill() {
			return nil, false, f.ended(true)
		}
	}
}

// skip logs problem (once per bad stretch) and discards input up to the
// next "Content-Length:" at or after offset from.
func (f *frameReader) skip(problem string, from int) {
	if !f.skipping {
		data := f.unread()
		f.log.Warn("malformed frame skipped; reading on from the next Content-Length header",
			"problem", problem, "bytes", strconv.Quote(string(data[:min(len(data), 80)])))
	}
	f.skipping = true
	for {
		data := f.unread()
		if i := nextHeader(data, min(from, len(data))); i >= 0 {
			f.start += i
			return
		}
		// Keep a tail that may be the start of a split "Content-Length:".
		keep := min(len(data), len(contentLength)-1)
		f.start += len(data) - keep
		from = 0
		f.compact()
		if !f.fill() {
			return
		}
	}
}

// ended reports the end of input: io.EOF between frames, or
// io.ErrUnexpectedEOF inside one.
func (f *frameReader) ended(inFrame bool) error {
	if !errors.Is(f.err, io.EOF) {
		return f.err
	}
	if inFrame && !f.skipping {
		f.log.Warn("the input ended inside a frame", "bytes", len(f.unread()))
		return io.ErrUnexpectedEOF
	}
	return io.EOF
}

func (f *frameReader) unread() []byte { return f.buf[f.start:] }

// fill reads more input; false when there is none.
func (f *frameReader) fill() bool {
	for f.err == nil {
		if cap(f.buf)-len(f.buf) < readChunk {
			f.compact()
			if cap(f.buf)-len(f.buf) < readChunk {
				f.buf = slices.Grow(f.buf, readChunk)
			}
		}
		n, err := f.r.Read(f.buf[len(f.buf) : len(f.buf)+readChunk])
		f.buf = f.buf[:len(f.buf)+n]
		if err != nil {
			f.err = err
		}
		if n > 0 {
			return true
		}
	}
	return false
}

// compact moves the unread bytes to the front of the buffer, and lets a
// buffer grown for a large frame go once it is no longer needed.
func (f *frameReader) compact() {
	if f.start == 0 {
		return
	}
	rest := f.unread()
	if cap(f.buf) > 4<<20 && len(rest) < readChunk {
		f.buf = append(make([]byte, 0, 2*readChunk), rest...)
	} else {
		f.buf = f.buf[:copy(f.buf, rest)]
	}
	f.start = 0
}

// headerEnd returns the length of the header block at the start of data
// (through its blank line), or -1 when it is not complete yet.
func headerEnd(data []byte) int {
	limit := data[:min(len(data), maxHeaderBytes)]
	crlf := bytes.Index(limit, []byte("\r\n\r\n"))
	lf := bytes.Index(limit, []byte("\n\n"))
	switch {
	case crlf >= 0 && (lf < 0 || crlf+2 < lf):
		return crlf + 4
	case lf >= 0:
		return lf + 2
	}
	return -1
}

// parseHeader returns the declared Content-Length of a header block, or
// why the block is malformed and where to look for the next header: the
// next frame may begin at the second of two lengths (the first header was
// cut short), after a bad length, after a line that is no header field
// (bare JSON before a real header), or after the block.
func parseHeader(block []byte) (length int, problem string, resume int) {
	length = -1
	next := 0 // where the line after this one starts
	for line := range bytes.Lines(block) {
		start := next
		next += len(line)
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			continue
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || !isToken(name) {
			return 0, "not a header field", start + 1
		}
		if !bytes.EqualFold(name, []byte("content-length")) {
			continue // Content-Type and the like
		}
		value = bytes.Trim(value, " \t")
		if len(value) == 0 || bytes.ContainsFunc(value, func(r rune) bool { return r < '0' || r > '9' }) {
			return 0, "a Content-Length that is not a number", next
		}
		if len(value) > 10 {
			return 0, "an absurd Content-Length", next
		}
		n, _ := strconv.Atoi(string(value))
		switch {
		case n == 0:
			return 0, "a Content-Length that is not positive", next
		case n > maxFrameBytes:
			return 0, "a Content-Length over 256 MiB", next
		case length >= 0 && n != length:
			return 0, "two different Content-Lengths", start
		}
		length = n
	}
	if length < 0 {
		return 0, "no Content-Length", len(block)
	}
	return length, "", 0
}

// headerLine returns the offset of the first complete header line
// "Content-Length: digits" + line break in data at or after from, or -1
// and the offset to resume from once more data has arrived.
func headerLine(data []byte, from int) (at, resume int) {
	for i := nextHeader(data, from); i >= 0; i = nextHeader(data, i+1) {
		j := i + len(contentLength)
		for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
			j++
		}
		digits := j
		for j < len(data) && data[j] >= '0' && data[j] <= '9' {
			j++
		}
		if j < len(data) && j > digits && (data[j] == '\n' || data[j] == '\r') {
			return i, 0
		}
		if j == len(data) {
			return -1, i // it may yet become one
		}
	}
	return -1, max(len(data)-len(contentLength), from)
}

// nextHeader returns the offset of the first "Content-Length:" (any case)
// in data at or after from, or -1.
func nextHeader(data []byte, from int) int {
	for from < len(data) {
		i := bytes.IndexAny(data[from:], "Cc")
		if i < 0 {
			return -1
		}
		at := from + i
		if len(data)-at >= len(contentLength) && bytes.EqualFold(data[at:at+len(contentLength)], []byte(contentLength)) {
			return at
		}
		from = at + 1
	}
	return -1
}

// isToken reports whether name is an HTTP token (what a field name is).
func isToken(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c <= ' ' || c >= 0x7f || bytes.IndexByte([]byte(`"(),/:;<=>?@[\]{}`), c) >= 0 {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
