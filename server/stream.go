package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"

	"go.lsp.dev/jsonrpc2"
)

// tolerantStream answers malformed frames itself instead of letting them
// reach the connection, which treats an undecodable frame as fatal. A client
// that sends one bad message gets a JSON-RPC error and the session goes on;
// a bad header is skipped by the frame reader (see framing.go).
type tolerantStream struct {
	inner jsonrpc2.Stream // writes
	fs    interface {
		WriteFrame(ctx context.Context, data []byte) (int64, error)
	}
	frames *frameReader // reads
	log    *slog.Logger
}

// newTolerantStream reads frames from rwc itself and writes them with
// jsonrpc2's LSP framing.
func newTolerantStream(rwc io.ReadWriteCloser, log *slog.Logger) jsonrpc2.Stream {
	inner := jsonrpc2.NewStream(rwc)
	fs, ok := inner.(interface {
		WriteFrame(ctx context.Context, data []byte) (int64, error)
	})
	if !ok {
		panic("jsonrpc2's header stream no longer writes raw frames")
	}
	return &tolerantStream{inner: inner, fs: fs, frames: newFrameReader(rwc, log), log: log}
}

// ReadFrame returns the next well-formed frame, answering bad ones on the way.
func (s *tolerantStream) ReadFrame(ctx context.Context) ([]byte, int64, error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		frame, n, err := s.frames.ReadFrame()
		if err != nil {
			return frame, n, err
		}
		if rpcErr := checkFrame(frame); rpcErr != nil {
			s.log.Warn("malformed JSON-RPC message", "error", rpcErr.Message)
			if _, err := s.inner.Write(ctx, jsonrpc2.NewResponse(jsonrpc2.ID{}, nil, rpcErr)); err != nil {
				return nil, 0, err
			}
			continue
		}
		return frame, n, nil
	}
}

// checkFrame reports why a frame cannot be dispatched, or nil.
func checkFrame(frame []byte) *jsonrpc2.Error {
	if !json.Valid(frame) {
		return jsonrpc2.NewError(jsonrpc2.ParseError, "parse error: the message is not valid JSON")
	}
	trimmed := bytes.TrimLeft(frame, " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return nil // batches are checked member by member by the connection
	}
	if _, err := jsonrpc2.DecodeMessage(frame); err != nil {
		return jsonrpc2.NewError(jsonrpc2.InvalidRequest, "invalid request: "+err.Error())
	}
	return nil
}

// WriteFrame writes an encoded frame.
func (s *tolerantStream) WriteFrame(ctx context.Context, data []byte) (int64, error) {
	return s.fs.WriteFrame(ctx, data)
}

// Read decodes the next well-formed message.
func (s *tolerantStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	frame, n, err := s.ReadFrame(ctx)
	if err != nil {
		return nil, n, err
	}
	msg, err := jsonrpc2.DecodeMessage(frame)
	return msg, n, err
}

// Write writes a message.
func (s *tolerantStream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	return s.inner.Write(ctx, msg)
}

// Close closes the underlying connection.
func (s *tolerantStream) Close() error { return s.inner.Close() }
