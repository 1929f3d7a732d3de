package main

// The abuse test: the built binary over stdio, driven by a client that
// misuses it in every way we know of (framing, params, positions, edits,
// huge and deeply nested documents, cancel storms, odd ids, the lifecycle,
// odd URIs, versions going backwards). After each scenario the server must
// answer a fresh hover correctly. It runs with the client pulling
// diagnostics and with the server pushing them. DOCKERFILE_LS_SOAK=1 makes
// the random parts longer and waits for the diagnostics of the 10 MB file.

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// soak reports whether the long version was asked for.
func soak() bool { return os.Getenv("DOCKERFILE_LS_SOAK") != "" }

// abuser is a server process with a client that tolerates stray answers
// (to the malformed messages it sends on purpose).
type abuser struct {
	*lspProc
	t      *testing.T
	pull   bool
	strays chan []byte
	n      int // distinguishes the URIs of fresh documents
}

func startAbuser(t *testing.T, pull bool) *abuser {
	t.Helper()
	a := &abuser{t: t, pull: pull, strays: make(chan []byte, 10000)}
	a.lspProc = spawnRaw(t, "--stdio")
	a.Client = lsptest.Start(t, pipeRWC{r: a.stdout, w: a.stdin}, lsptest.Options{
		Timeout: hangTimeout,
		Strays:  a.strays,
		Context: func() string { return "server stderr:\n" + a.stderr.String() },
	})
	return a
}

// initialize runs the handshake in the abuser's diagnostics mode.
func (a *abuser) initialize() {
	a.t.Helper()
	caps := map[string]any{"publishDiagnostics": map[string]any{"versionSupport": true}}
	if a.pull {
		caps["diagnostic"] = map[string]any{}
	}
	a.Initialize(map[string]any{"processId": os.Getpid(), "capabilities": map[string]any{"textDocument": caps}}, nil)
}

func (a *abuser) mode() string {
	if a.pull {
		return "pull"
	}
	return "push"
}

type hoverResult struct {
	Contents struct {
		Value string `json:"value"`
	} `json:"contents"`
}

// hoverAt returns the hover text at line:char of uri ("" for null).
func (a *abuser) hoverAt(uri string, line, char int) string {
	a.t.Helper()
	var h *hoverResult
	a.MustCall("textDocument/hover", posParams(uri, line, char), &h)
	if h == nil {
		return ""
	}
	return h.Contents.Value
}

func posParams(uri string, line, char int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

// freshHover opens a new document and checks hover on it, and that its
// diagnostics come (pulled or pushed): the server survived and is in sync.
func (a *abuser) freshHover(after string) {
	a.t.Helper()
	a.n++
	uri := fmt.Sprintf("file:///abuse/fresh%d/Dockerfile", a.n)
	from := len(a.Notes())
	a.Open(uri, "FROM alpine AS base\nMAINTAINER me\nRUN echo hi\n")
	if h := a.hoverAt(uri, 0, 1); !strings.Contains(h, "FROM") {
		a.t.Fatalf("%s, %s: hover on FROM: %q", a.mode(), after, h)
	}
	if h := a.hoverAt(uri, 2, 1); !strings.Contains(h, "RUN") {
		a.t.Fatalf("%s, %s: hover on RUN: %q", a.mode(), after, h)
	}
	if diags := a.diagnostics(from, uri, 1); len(diags) != 1 || diags[0].Code != "MaintainerDeprecated" {
		a.t.Fatalf("%s, %s: diagnostics of a fresh document: %+v", a.mode(), after, diags)
	}
	a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// diagnostics returns the diagnostics of uri at version: pulled, or the
// first publish at note index from or later.
func (a *abuser) diagnostics(from int, uri string, version int) []lsptest.Diagnostic {
	a.t.Helper()
	if !a.pull {
		return a.WaitDiagnostics(from, uri, version).Diagnostics
	}
	var rep struct{ Items []lsptest.Diagnostic }
	a.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &rep)
	return rep.Items
}

// drain empties the strays (answers to malformed messages) and returns them.
func (a *abuser) drain() []string {
	var out []string
	for {
		select {
		case s := <-a.strays:
			out = append(out, string(s))
		default:
			return out
		}
	}
}

// frameOf is one LSP frame with body as it is.
func frameOf(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

func TestAbuse(t *testing.T) {
	t.Parallel()
	for _, pull := range []bool{true, false} {
		name := "push"
		if pull {
			name = "pull"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := startAbuser(t, pull)
			a.initialize()
			a.freshHover("initialize")
			for _, sc := range []struct {
				name string
				run  func(*abuser)
			}{
				{"framing", abuseFraming},
				{"wrong-shaped params", abuseParams},
				{"out-of-range positions", abusePositions},
				{"random edits", abuseEdits},
				{"cancel storm", abuseCancels},
				{"odd ids", abuseIDs},
				{"odd URIs", abuseURIs},
				{"versions going backwards", abuseVersions},
			} {
				sc.run(a)
				a.freshHover(sc.name)
			}
			a.MustCall("shutdown", nil, nil)
			a.Notify("exit", nil)
			if code := a.waitExit(); code != 0 {
				t.Errorf("exit code %d after shutdown", code)
			}
		})
		t.Run(name+"/large documents", func(t *testing.T) {
			if testing.Short() {
				t.Skip("-short")
			}
			t.Parallel()
			a := startAbuser(t, pull)
			a.initialize()
			abuseLarge(a)
			a.freshHover("large documents")
		})
		t.Run(name+"/lifecycle", func(t *testing.T) {
			t.Parallel()
			abuseLifecycle(t, pull)
		})
	}
}

// waitFor waits for a stray answer matching pred.
func (a *abuser) waitFor(what string, pred func(string) bool) string {
	a.t.Helper()
	deadline := time.After(hangTimeout)
	for {
		select {
		case s := <-a.strays:
			if pred(string(s)) {
				return string(s)
			}
		case <-deadline:
			a.t.Fatalf("%s: no answer %s", a.mode(), what)
		}
	}
}

// decodeID returns the raw id of an answer.
func decodeID(s string) string {
	var m struct {
		ID json.RawMessage `json:"id"`
	}
	_ = json.Unmarshal([]byte(s), &m)
	return string(m.ID)
}

// randomSeed is fixed so a failure can be replayed; the soak varies it.
func randomSeed() uint64 {
	if soak() {
		return uint64(time.Now().UnixNano())
	}
	return 17
}
