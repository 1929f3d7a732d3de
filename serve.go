package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"

	"github.com/dockerfile-ls/dockerfile-ls/server"
)

// serveCmd runs the language server on stdio, or on a TCP socket.
func serveCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("stdio", true, "talk LSP over stdin/stdout (the default; accepted for editor conventions)")
	listen := fs.String("listen", "", "listen on a TCP address such as 127.0.0.1:7000 instead of stdio")
	allowRemote := fs.Bool("allow-remote", false, "allow --listen on a non-loopback address")
	logLevel := fs.String("log-level", "warn", "log level on stderr: debug, info, warn, error")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "dockerfile-ls serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	logger, err := newLogger(stderr, *logLevel)
	if err != nil {
		fmt.Fprintf(stderr, "dockerfile-ls serve: %v\n", err)
		return 2
	}
	// The exit notification ends the process at once: a read blocked on
	// stdin cannot be interrupted, and the client may keep stdin open.
	opts := server.Options{Version: buildVersion(), Logger: logger, Exit: func(code int) { os.Exit(code) }}
	if *listen != "" {
		return listenAndServe(*listen, *allowRemote, opts, stderr)
	}
	err = server.New(opts).Serve(context.Background(), stdioConn{stdin, stdout})
	if err != nil {
		logger.Error("connection ended", "error", err)
	}
	return 1 // the client went away without exit
}

// listenAndServe accepts one LSP client at a time on a TCP address.
func listenAndServe(addr string, allowRemote bool, opts server.Options, stderr io.Writer) int {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		fmt.Fprintf(stderr, "dockerfile-ls serve: bad --listen address %q: %v\n", addr, err)
		return 2
	}
	if ip := net.ParseIP(host); !allowRemote && !(host == "localhost" || (ip != nil && ip.IsLoopback())) {
		fmt.Fprintf(stderr, "dockerfile-ls serve: refusing to listen on non-loopback host %q without --allow-remote\n", host)
		return 2
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "dockerfile-ls serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "dockerfile-ls: listening on %s\n", ln.Addr())
	for {
		c, err := ln.Accept()
		if err != nil {
			fmt.Fprintf(stderr, "dockerfile-ls serve: %v\n", err)
			return 1
		}
		go func() {
			o := opts
			o.Exit = nil // a client's exit ends its connection, not the listener
			_ = server.New(o).Serve(context.Background(), c)
		}()
	}
}

func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("bad --log-level %q: use debug, info, warn or error", level)
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// stdioConn joins stdin and stdout into one connection.
type stdioConn struct {
	io.Reader
	io.Writer
}

// Close closes stdin, so a read blocked on it can end.
func (c stdioConn) Close() error {
	if f, ok := c.Reader.(*os.File); ok {
		_ = f.Close()
	}
	return nil
}
