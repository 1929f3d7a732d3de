package perf

import (
	"errors"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// Capabilities are what the scenarios declare: VS Code's, for push
// diagnostics, and with pull also textDocument/diagnostic and
// workspace/diagnostic/refresh (a server that supports pulling then stops
// pushing).
func Capabilities(pull bool) map[string]any {
	td := map[string]any{
		"synchronization":    map[string]any{"didSave": true, "dynamicRegistration": false},
		"hover":              map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
		"completion":         map[string]any{"completionItem": map[string]any{"snippetSupport": true, "labelDetailsSupport": true}},
		"publishDiagnostics": map[string]any{"versionSupport": true, "codeDescriptionSupport": true},
	}
	caps := map[string]any{"textDocument": td}
	if pull {
		td["diagnostic"] = map[string]any{"dynamicRegistration": false}
		caps["workspace"] = map[string]any{"diagnostics": map[string]any{"refreshSupport": true}}
	}
	return caps
}

// Initialize runs the handshake (initialize, initialized) with
// Capabilities(pull).
func (s *Server) Initialize(pull bool) {
	s.Client.Initialize(map[string]any{"processId": os.Getpid(), "rootUri": nil, "capabilities": Capabilities(pull)}, nil)
	s.Pull = pull
}

// Spawn starts a server process (its stdio is the connection), stopped
// when the test ends.
func Spawn(tb testing.TB, versioned bool, name string, args ...string) *Server {
	tb.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = inR, outW, os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatalf("starting %s: %v", name, err)
	}
	inR.Close()
	outW.Close()
	s := &Server{TB: tb, PID: cmd.Process.Pid, Versioned: versioned}
	s.Client = lsptest.Start(tb, rwc{outR, inW}, lsptest.Options{Timeout: 5 * time.Minute})
	tb.Cleanup(func() {
		inW.Close() // a server sees EOF and exits
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	return s
}

// rwc joins a child's stdout (read) and stdin (write).
type rwc struct{ r, w *os.File }

func (p rwc) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p rwc) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p rwc) Close() error                { return errors.Join(p.w.Close(), p.r.Close()) }
