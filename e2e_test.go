package main

// End-to-end tests: the real binary, spawned as an editor would spawn it,
// speaking LSP over its stdin/stdout (and TCP for serve --listen), plus the
// check and version commands. The binary is built once, in TestMain.
//
// Nothing here is a timed assertion: the deadlines below only turn a hang
// into a readable failure.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// binPath is the dockerfile-ls binary built by TestMain.
var binPath string

// hangTimeout bounds every wait so that a hung server fails the test with a
// message instead of the whole run timing out. It is not a latency check.
const hangTimeout = 30 * time.Second

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dockerfile-ls-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(2)
	}
	binPath = filepath.Join(dir, "dockerfile-ls")
	args := []string{"build", "-o", binPath}
	if raceEnabled() {
		args = append(args, "-race") // so go test -race also checks the server over real pipes
	}
	build := exec.Command("go", append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building dockerfile-ls:", err)
		os.RemoveAll(dir)
		os.Exit(2)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// raceEnabled reports whether this test binary was built with -race.
func raceEnabled() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" && s.Value == "true" {
			return true
		}
	}
	return false
}

// ---- an LSP client over a child process's stdio ----

// lspProc is a running dockerfile-ls with the JSON-RPC test client
// (internal/lsptest) on its stdio.
type lspProc struct {
	*lsptest.Client // nil for raw sessions
	tb              testing.TB
	cmd             *exec.Cmd
	stdin           *os.File // our end: the server's stdin
	stdout          *os.File // our end: the server's stdout
	stderr          *lockedBuffer

	waitOnce sync.Once
	exitCode int
	waitErr  error
}

// lockedBuffer collects a child's stderr.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// pipeRWC joins the child's stdout (read) and stdin (write).
type pipeRWC struct {
	r *os.File
	w *os.File
}

func (p pipeRWC) Read(b []byte) (int, error)  { return p.r.Read(b) }
func (p pipeRWC) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipeRWC) Close() error {
	return errors.Join(p.w.Close(), p.r.Close())
}

// spawnRaw starts the binary with args and plain pipes, without a client.
func spawnRaw(tb testing.TB, args ...string) *lspProc {
	tb.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		tb.Fatal(err)
	}
	p := &lspProc{tb: tb, stdin: inW, stdout: outR, stderr: &lockedBuffer{}}
	p.cmd = exec.Command(binPath, args...)
	p.cmd.Stdin, p.cmd.Stdout, p.cmd.Stderr = inR, outW, p.stderr
	if err := p.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	inR.Close()
	outW.Close()
	tb.Cleanup(p.stop)
	return p
}

// spawn starts `dockerfile-ls --stdio` with a JSON-RPC client on its stdio.
// The client answers no request of the server's but registerCapability.
func spawn(tb testing.TB) *lspProc {
	tb.Helper()
	p := spawnRaw(tb, "--stdio")
	p.Client = lsptest.Start(tb, pipeRWC{r: p.stdout, w: p.stdin}, lsptest.Options{
		Timeout: hangTimeout,
		Context: func() string {
			if s := p.stderr.String(); s != "" {
				return "server stderr:\n" + s
			}
			return ""
		},
	})
	return p
}

// stop ends the child if a test left it running and reaps it.
func (p *lspProc) stop() {
	p.stdin.Close() // a server still running sees EOF and exits
	done := make(chan struct{})
	go func() { p.wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
	if p.Client != nil {
		p.Client.Close()
	} else {
		p.stdout.Close()
	}
	if s := p.stderr.String(); strings.Contains(s, "WARNING: DATA RACE") || strings.Contains(s, "panic:") {
		p.tb.Errorf("server stderr:\n%s", s)
	}
}

// wait reaps the child once and returns its exit code.
func (p *lspProc) wait() int {
	p.waitOnce.Do(func() {
		p.waitErr = p.cmd.Wait()
		p.exitCode = p.cmd.ProcessState.ExitCode()
	})
	return p.exitCode
}

// waitExit waits for the child to exit on its own, with its stdin still
// open: the exit notification, not EOF, must end the process. After
// hangTimeout it fails the test, closes stdin to tell the two apart, and
// returns the code the process then exited with.
func (p *lspProc) waitExit() int {
	p.tb.Helper()
	done := make(chan int, 1)
	go func() { done <- p.wait() }()
	select {
	case code := <-done:
		return code
	case <-time.After(hangTimeout):
	}
	p.stdin.Close()
	select {
	case code := <-done:
		p.tb.Errorf("the server did not exit with its stdin open; it exited (code %d) only once stdin was closed", code)
		return code
	case <-time.After(hangTimeout):
		p.tb.Fatalf("the server did not exit, even with stdin closed; stderr:\n%s", p.stderr.String())
		return -1
	}
}

// initResult is the part of InitializeResult the tests look at.
type initResult struct {
	Capabilities struct {
		PositionEncoding string          `json:"positionEncoding"`
		HoverProvider    json.RawMessage `json:"hoverProvider"`
	} `json:"capabilities"`
	ServerInfo struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	} `json:"serverInfo"`
}

// initialize runs the handshake, offering the given position encodings.
func (p *lspProc) initialize(encodings ...string) initResult {
	p.tb.Helper()
	// What an editor such as VS Code declares, minus pull diagnostics (the
	// server then stops pushing).
	caps := map[string]any{"textDocument": map[string]any{
		"synchronization":    map[string]any{"didSave": true, "dynamicRegistration": false},
		"hover":              map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
		"completion":         map[string]any{"completionItem": map[string]any{"snippetSupport": true, "labelDetailsSupport": true}},
		"publishDiagnostics": map[string]any{"versionSupport": true, "codeDescriptionSupport": true},
	}}
	if len(encodings) > 0 {
		caps["general"] = map[string]any{"positionEncodings": encodings}
	}
	var res initResult
	p.Initialize(map[string]any{"processId": os.Getpid(), "rootUri": nil, "capabilities": caps}, &res)
	return res
}

// tokenRange is the LSP range of the nth (0-based) occurrence of tok on the
// 0-based line of text, with characters counted in enc ("utf-8"/"utf-16").
func tokenRange(t testing.TB, text string, line int, tok string, nth int, enc string) lsptest.Range {
	t.Helper()
	lines := strings.SplitAfter(text, "\n")
	if line >= len(lines) {
		t.Fatalf("no line %d", line)
	}
	base := len(strings.Join(lines[:line], ""))
	l := lines[line]
	start := -1
	for i, from := 0, 0; i <= nth; i++ {
		j := strings.Index(l[from:], tok)
		if j < 0 {
			t.Fatalf("%q: occurrence %d of %q not found", l, nth, tok)
		}
		start = from + j
		from = start + len(tok)
	}
	return lsptest.RangeOf(text, base+start, base+start+len(tok), enc)
}

// ---- lifecycle ----

func TestE2EInitialize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		offered []string
		want    string
	}{
		{"utf-8 offered", []string{"utf-16", "utf-8"}, "utf-8"},
		{"nothing offered", nil, "utf-16"},
		{"utf-16 only", []string{"utf-16"}, "utf-16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := spawn(t)
			res := p.initialize(tc.offered...)
			if res.ServerInfo.Name != "dockerfile-ls" {
				t.Errorf("serverInfo.name = %q", res.ServerInfo.Name)
			}
			if want := builtVersion(t, binPath); res.ServerInfo.Version == "" || res.ServerInfo.Version != want {
				t.Errorf("serverInfo.version = %q, want %q", res.ServerInfo.Version, want)
			}
			if res.Capabilities.PositionEncoding != tc.want {
				t.Errorf("positionEncoding = %q, want %q", res.Capabilities.PositionEncoding, tc.want)
			}
			if string(res.Capabilities.HoverProvider) != "true" {
				t.Errorf("hoverProvider = %s", res.Capabilities.HoverProvider)
			}
		})
	}
}

func TestE2ERequestBeforeInitialize(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	err := p.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///x/Dockerfile"},
		"position":     map[string]any{"line": 0, "character": 0},
	}, nil)
	if lsptest.Code(err) != -32002 {
		t.Fatalf("hover before initialize: %v (code %d), want -32002", err, lsptest.Code(err))
	}
	// The session is not spoiled: initialize still works, once.
	p.initialize()
	if err := p.Call("initialize", map[string]any{"capabilities": map[string]any{}}, nil); lsptest.Code(err) != lsptest.InvalidRequest {
		t.Errorf("second initialize: %v, want code %d", err, lsptest.InvalidRequest)
	}
}

func TestE2EUnknownMethod(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	p.initialize()
	err := p.Call("textDocument/noSuchThing", map[string]any{}, nil)
	if lsptest.Code(err) != lsptest.MethodNotFound {
		t.Fatalf("unknown method: %v (code %d), want -32601", err, lsptest.Code(err))
	}
	// Unknown notifications are ignored, and the server still answers.
	p.Notify("$/noSuchNotification", map[string]any{})
	p.Notify("custom/noSuchNotification", map[string]any{})
	p.MustCall("shutdown", nil, nil)
}

func TestE2EShutdownThenExit(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	p.initialize()
	p.MustCall("shutdown", nil, nil)
	if err := p.Call("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///x/Dockerfile"},
		"position":     map[string]any{"line": 0, "character": 0},
	}, nil); lsptest.Code(err) != lsptest.InvalidRequest {
		t.Errorf("request after shutdown: %v, want code %d", err, lsptest.InvalidRequest)
	}
	p.Notify("exit", nil)
	if code := p.waitExit(); code != 0 {
		t.Fatalf("exit code after shutdown+exit = %d, want 0; stderr:\n%s", code, p.stderr.String())
	}
}

func TestE2EExitWithoutShutdown(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	p.initialize()
	p.Notify("exit", nil)
	if code := p.waitExit(); code != 1 {
		t.Fatalf("exit code after exit without shutdown = %d, want 1", code)
	}
}

func TestE2EClientGoesAway(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	p.initialize()
	p.stdin.Close() // the editor died
	if code := p.waitExit(); code != 1 {
		t.Fatalf("exit code after stdin closed = %d, want 1", code)
	}
}

// ---- raw frames ----

// rawFrame is a decoded message read without a JSON-RPC library.
type rawFrame struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeRawFrame(t *testing.T, w io.Writer, body string) {
	t.Helper()
	if err := lsptest.WriteFrame(w, body); err != nil {
		t.Fatal(err)
	}
}

// readResponse reads frames until a response (a message without a method).
func readResponse(t *testing.T, r *bufio.Reader) (rawFrame, string) {
	t.Helper()
	for {
		body, err := lsptest.ReadFrame(r)
		if err != nil {
			t.Fatalf("reading a frame: %v", err)
		}
		var f rawFrame
		if err := json.Unmarshal(body, &f); err != nil {
			t.Fatalf("the server sent invalid JSON %q: %v", body, err)
		}
		if f.Method == "" {
			return f, string(body)
		}
	}
}

func TestE2EMalformedFrame(t *testing.T) {
	t.Parallel()
	p := spawnRaw(t, "--stdio")
	r := bufio.NewReader(p.stdout)
	// Each bad frame gets an error response with id null; the session goes on.
	for _, tc := range []struct {
		body string
		code int
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{`, -32700},
		{`this is not JSON`, -32700},
		{`{"jsonrpc":"2.0","id":2}`, -32600},
	} {
		writeRawFrame(t, p.stdin, tc.body)
		f, raw := readResponse(t, r)
		if string(f.ID) != "null" || f.Error == nil || f.Error.Code != tc.code {
			t.Errorf("after %q the server answered %s, want an error %d with id null", tc.body, raw, tc.code)
		}
	}
	writeRawFrame(t, p.stdin, `{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}`)
	f, raw := readResponse(t, r)
	if string(f.ID) != "7" || f.Error != nil || !strings.Contains(string(f.Result), `"dockerfile-ls"`) {
		t.Fatalf("initialize after malformed frames: %s", raw)
	}
	writeRawFrame(t, p.stdin, `{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	writeRawFrame(t, p.stdin, `{"jsonrpc":"2.0","id":"s","method":"shutdown"}`)
	if f, raw := readResponse(t, r); string(f.ID) != `"s"` || f.Error != nil {
		t.Fatalf("shutdown: %s", raw)
	}
	writeRawFrame(t, p.stdin, `{"jsonrpc":"2.0","method":"exit"}`)
	if code := p.waitExit(); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
}

// ---- features ----

// diagDoc has one finding per line, each a different BuildKit check, with
// non-ASCII text before the end of a range so that encodings matter.
const diagDoc = "FROM --platform=linux/amd64 alpine:3.20 as build\n" +
	"MAINTAINER Zoë <zoe@example.com>\n" +
	"ENV GREETING héllo wörld\n" +
	"WORKDIR src/app\n" +
	"CMD echo hi\n" +
	"FROM alpine:3.20 AS build\n"

func TestE2EDiagnostics(t *testing.T) {
	t.Parallel()
	for _, enc := range []string{"utf-8", "utf-16"} {
		t.Run(enc, func(t *testing.T) {
			t.Parallel()
			p := spawn(t)
			if got := p.initialize(enc).Capabilities.PositionEncoding; got != enc {
				t.Fatalf("positionEncoding = %q, want %q", got, enc)
			}
			const uri = "file:///work/project/Dockerfile"
			p.Open(uri, diagDoc)
			pub := p.WaitDiagnostics(0, uri, 1)

			type want struct {
				rule string
				rng  lsptest.Range
			}
			wants := []want{
				{"FromPlatformFlagConstDisallowed", tokenRange(t, diagDoc, 0, "linux/amd64", 0, enc)},
				{"FromAsCasing", tokenRange(t, diagDoc, 0, "as", 0, enc)}, // the first "as" on the line is the keyword
				{"MaintainerDeprecated", tokenRange(t, diagDoc, 1, "MAINTAINER", 0, enc)},
				{"LegacyKeyValueFormat", tokenRange(t, diagDoc, 2, "GREETING héllo wörld", 0, enc)},
				{"WorkdirRelativePath", tokenRange(t, diagDoc, 3, "src/app", 0, enc)},
				{"JSONArgsRecommended", tokenRange(t, diagDoc, 4, "echo hi", 0, enc)},
				{"DuplicateStageName", tokenRange(t, diagDoc, 5, "build", 0, enc)},
			}

			got := map[string]lsptest.Diagnostic{}
			for _, d := range pub.Diagnostics {
				if _, dup := got[d.Code]; dup {
					t.Errorf("two %s diagnostics", d.Code)
				}
				got[d.Code] = d
			}
			for _, w := range wants {
				d, ok := got[w.rule]
				if !ok {
					t.Errorf("no %s diagnostic", w.rule)
					continue
				}
				delete(got, w.rule)
				if d.Range != w.rng {
					t.Errorf("%s at %v, want %v", w.rule, d.Range, w.rng)
				}
				if d.Source != "buildkit" || d.Severity != 2 || d.Message == "" {
					t.Errorf("%s: source %q severity %d message %q, want a BuildKit warning", w.rule, d.Source, d.Severity, d.Message)
				}
				if !strings.HasPrefix(d.CodeDescription.Href, "https://docs.docker.com/") {
					t.Errorf("%s: codeDescription.href = %q", w.rule, d.CodeDescription.Href)
				}
			}
			for rule, d := range got {
				t.Errorf("unexpected diagnostic %s at %v: %s", rule, d.Range, d.Message)
			}
		})
	}
}

func TestE2EDiagnosticsFollowEdits(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	p.initialize("utf-8")
	const uri = "file:///work/project/edit.Dockerfile"
	p.Open(uri, "FROM alpine\nMAINTAINER x\n")
	pub := p.WaitDiagnostics(0, uri, 1)
	if len(pub.Diagnostics) != 1 || pub.Diagnostics[0].Code != "MaintainerDeprecated" {
		t.Fatalf("version 1: %+v", pub.Diagnostics)
	}
	// Replace MAINTAINER by a LABEL: the warning goes away at version 2.
	p.Notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{
			"range": lsptest.NewRange(1, 0, 1, 12),
			"text":  `LABEL org.opencontainers.image.authors="x"`,
		}},
	})
	pub = p.WaitDiagnostics(pub.Note.Index+1, uri, 2)
	if len(pub.Diagnostics) != 0 {
		t.Fatalf("version 2: %+v", pub.Diagnostics)
	}
	p.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if cleared := p.WaitCleared(0, uri); len(cleared.Diagnostics) != 0 {
		t.Fatalf("close must clear diagnostics: %+v", cleared)
	}
}

func TestE2EHover(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	p.initialize("utf-8")
	const uri = "file:///work/project/Dockerfile"
	p.Open(uri, "FROM alpine:3.20 AS base\nRUN echo hi\n")
	var h struct {
		Contents struct {
			Kind  string `json:"kind"`
			Value string `json:"value"`
		} `json:"contents"`
		Range *lsptest.Range `json:"range"`
	}
	p.MustCall("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"position":     lsptest.Position{Line: 0, Character: 2},
	}, &h)
	if h.Contents.Kind != "markdown" || !strings.Contains(h.Contents.Value, "FROM") {
		t.Errorf("hover on FROM: kind %q value %q", h.Contents.Kind, h.Contents.Value)
	}
	if h.Range == nil || *h.Range != lsptest.NewRange(0, 0, 0, 4) {
		t.Errorf("hover range = %v, want the FROM keyword 0:0-0:4", h.Range)
	}
	// Nothing to explain is a null result, not an error.
	var raw json.RawMessage
	p.MustCall("textDocument/hover", map[string]any{
		"textDocument": map[string]any{"uri": "file:///work/project/not-open"},
		"position":     lsptest.Position{Line: 0, Character: 0},
	}, &raw)
	if string(raw) != "null" && len(raw) != 0 {
		t.Errorf("hover on a document that is not open = %s, want null", raw)
	}
}

func TestE2ECompletion(t *testing.T) {
	t.Parallel()
	p := spawn(t)
	p.initialize("utf-8")
	const uri = "file:///work/project/Dockerfile"
	p.Open(uri, "FROM alpine:3.20\n\nCMD [\"true\"]\n")
	var list struct {
		Items []struct {
			Label string `json:"label"`
		} `json:"items"`
	}
	p.MustCall("textDocument/completion", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"position":     lsptest.Position{Line: 1, Character: 0},
	}, &list)
	var labels []string
	for _, it := range list.Items {
		labels = append(labels, it.Label)
	}
	found := false
	for _, l := range labels {
		found = found || l == "RUN"
	}
	if !found {
		t.Errorf("completion at the start of an empty line: no RUN in %q", labels)
	}
}

// ---- check, version, serve ----

// runBin runs the binary to completion with stdin and returns its outputs.
func runBin(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binPath, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		t.Fatalf("running %v: %v", args, err)
	}
	if strings.Contains(errb.String(), "WARNING: DATA RACE") {
		t.Errorf("%v: data race:\n%s", args, errb.String())
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	warnDoc  = "FROM alpine:3.20\nMAINTAINER Zoë <zoe@example.com>\nCMD [\"true\"]\n"
	errorDoc = "FROM alpine:3.20\nRUN --netwrk=none true\n"
	cleanDoc = "FROM alpine:3.20\nCMD [\"true\"]\n"
)

func TestE2ECheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	warn := writeFile(t, dir, "warn.Dockerfile", warnDoc)
	bad := writeFile(t, dir, "error.Dockerfile", errorDoc)
	clean := writeFile(t, dir, "clean.Dockerfile", cleanDoc)

	t.Run("text", func(t *testing.T) {
		out, _, code := runBin(t, "", "check", warn)
		want := warn + ":2:1: warning: Maintainer instruction is deprecated in favor of using label [MaintainerDeprecated]\n"
		if out != want || code != 0 {
			t.Errorf("check text: exit %d, output %q, want exit 0 and %q", code, out, want)
		}
	})
	t.Run("json", func(t *testing.T) {
		out, _, code := runBin(t, "", "check", "--format", "json", warn, bad)
		var items []struct {
			File                                 string
			Line, Column, EndLine, EndColumn     int
			Severity, Rule, Message, URL, Source string
		}
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("check --format json: %v\n%s", err, out)
		}
		if code != 1 || len(items) != 2 {
			t.Fatalf("exit %d with %d findings, want 1 with 2:\n%s", code, len(items), out)
		}
		m, u := items[0], items[1]
		if m.File != warn || m.Rule != "MaintainerDeprecated" || m.Severity != "warning" || m.Source != "buildkit" ||
			m.Line != 2 || m.Column != 1 || m.EndLine != 2 || m.EndColumn != 11 || m.URL == "" {
			t.Errorf("first finding %+v", m)
		}
		// Columns count code points: "--netwrk" is columns 5 to 13.
		if u.File != bad || u.Rule != "UnknownFlag" || u.Severity != "error" || u.Source != "dockerfile-ls" ||
			u.Line != 2 || u.Column != 5 || u.EndColumn != 13 {
			t.Errorf("second finding %+v", u)
		}
	})
	t.Run("json empty", func(t *testing.T) {
		out, _, code := runBin(t, "", "check", "--format", "json", clean)
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Errorf("clean file: exit %d, %q; want 0 and []", code, out)
		}
	})
	t.Run("sarif", func(t *testing.T) {
		out, _, code := runBin(t, "", "check", "--format=sarif", warn, bad)
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Tool struct {
					Driver struct {
						Name    string `json:"name"`
						Version string `json:"version"`
						Rules   []struct {
							ID string `json:"id"`
						} `json:"rules"`
					} `json:"driver"`
				} `json:"tool"`
				Results []struct {
					RuleID    string `json:"ruleId"`
					Level     string `json:"level"`
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct {
								URI string `json:"uri"`
							} `json:"artifactLocation"`
							Region struct {
								StartLine, StartColumn, EndLine, EndColumn int
							} `json:"region"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal([]byte(out), &log); err != nil {
			t.Fatalf("check --format sarif: %v\n%s", err, out)
		}
		if code != 1 || log.Version != "2.1.0" || len(log.Runs) != 1 {
			t.Fatalf("exit %d, sarif %+v", code, log)
		}
		run := log.Runs[0]
		if run.Tool.Driver.Name != "dockerfile-ls" || run.Tool.Driver.Version != builtVersion(t, binPath) || len(run.Tool.Driver.Rules) != 2 {
			t.Errorf("driver %+v", run.Tool.Driver)
		}
		if len(run.Results) != 2 || run.Results[0].RuleID != "MaintainerDeprecated" || run.Results[0].Level != "warning" ||
			run.Results[1].RuleID != "UnknownFlag" || run.Results[1].Level != "error" {
			t.Fatalf("results %+v", run.Results)
		}
		loc := run.Results[1].Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URI != bad || loc.Region.StartLine != 2 || loc.Region.StartColumn != 5 || loc.Region.EndColumn != 13 {
			t.Errorf("UnknownFlag location %+v", loc)
		}
	})
	t.Run("exit codes", func(t *testing.T) {
		for _, tc := range []struct {
			name string
			args []string
			want int
		}{
			{"clean", []string{"check", clean}, 0},
			{"warnings only", []string{"check", warn}, 0},
			{"an error", []string{"check", bad}, 1},
			{"an error among others", []string{"check", clean, bad, warn}, 1},
			{"strict with warnings", []string{"check", "--strict", warn}, 1},
			{"strict and clean", []string{"check", "--strict", clean}, 0},
			{"missing file", []string{"check", filepath.Join(dir, "nope")}, 1},
			{"no files", []string{"check"}, 2},
			{"bad format", []string{"check", "--format", "xml", warn}, 2},
			{"unknown flag", []string{"check", "--frobnicate", warn}, 2},
			{"unknown command", []string{"lint", warn}, 2},
			{"serve with an argument", []string{"serve", "extra"}, 2},
			{"bad log level", []string{"serve", "--log-level", "loud"}, 2},
		} {
			if _, stderr, code := runBin(t, "", tc.args...); code != tc.want {
				t.Errorf("%s: %v exited %d, want %d; stderr:\n%s", tc.name, tc.args, code, tc.want, stderr)
			} else if tc.want == 2 && stderr == "" {
				t.Errorf("%s: usage error without a message on stderr", tc.name)
			}
		}
	})
	t.Run("stdin", func(t *testing.T) {
		out, _, code := runBin(t, errorDoc, "check", "-")
		if code != 1 || !strings.HasPrefix(out, "-:2:5: error: ") || !strings.HasSuffix(out, "[UnknownFlag]\n") {
			t.Errorf("check - on stdin: exit %d, %q", code, out)
		}
		out, _, code = runBin(t, warnDoc, "check", "--strict", "-")
		if code != 1 || !strings.Contains(out, "-:2:1: warning:") {
			t.Errorf("check --strict - on stdin: exit %d, %q", code, out)
		}
	})
}

func TestE2EVersion(t *testing.T) {
	t.Parallel()
	out, _, code := runBin(t, "", "version")
	if want := "dockerfile-ls " + builtVersion(t, binPath) + "\n"; out != want || code != 0 {
		t.Errorf("version: exit %d, %q; want 0 and %q", code, out, want)
	}
	if out, _, code := runBin(t, "", "help"); code != 0 || !strings.Contains(out, "dockerfile-ls check") {
		t.Errorf("help: exit %d, %q", code, out)
	}
}

func TestE2EServeListen(t *testing.T) {
	t.Parallel()
	t.Run("non-loopback refused", func(t *testing.T) {
		t.Parallel()
		for _, addr := range []string{"0.0.0.0:0", "[::]:0"} {
			_, stderr, code := runBin(t, "", "serve", "--listen", addr)
			if code != 2 || !strings.Contains(stderr, "--allow-remote") {
				t.Errorf("serve --listen %s: exit %d, stderr %q; want 2 and a hint at --allow-remote", addr, code, stderr)
			}
		}
		if _, stderr, code := runBin(t, "", "serve", "--listen", "no-port"); code != 2 {
			t.Errorf("serve --listen no-port: exit %d, stderr %q; want 2", code, stderr)
		}
	})
	t.Run("loopback", func(t *testing.T) {
		t.Parallel()
		errR, errW, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(binPath, "serve", "--listen", "127.0.0.1:0")
		cmd.Stderr = errW
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		errW.Close()
		t.Cleanup(func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			errR.Close()
		})
		addrCh := make(chan string, 1)
		go func() {
			sc := bufio.NewScanner(errR)
			for sc.Scan() {
				if a, ok := strings.CutPrefix(sc.Text(), "dockerfile-ls: listening on "); ok {
					addrCh <- a
				}
			}
			close(addrCh)
		}()
		var addr string
		select {
		case a, ok := <-addrCh:
			if !ok {
				t.Fatal("the server ended without printing its address")
			}
			addr = a
		case <-time.After(hangTimeout):
			t.Fatal("the server did not print its address")
		}
		// Two clients, one after the other: a client's exit ends its
		// connection, not the listener.
		for i := range 2 {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatalf("client %d: %v", i, err)
			}
			conn := lsptest.Start(t, c, lsptest.Options{Timeout: hangTimeout})
			var res initResult
			if err := conn.Call("initialize", map[string]any{"capabilities": map[string]any{}}, &res); err != nil {
				t.Fatalf("client %d: initialize over TCP: %v", i, err)
			}
			if res.ServerInfo.Name != "dockerfile-ls" || res.ServerInfo.Version != builtVersion(t, binPath) {
				t.Errorf("client %d: serverInfo %+v", i, res.ServerInfo)
			}
			if err := conn.Call("shutdown", nil, nil); err != nil {
				t.Fatalf("client %d: shutdown: %v", i, err)
			}
			conn.Notify("exit", nil)
			select {
			case <-conn.Done(): // the server closed the connection
			case <-time.After(hangTimeout):
				t.Fatalf("client %d: the server kept the connection open after exit", i)
			}
			conn.Close()
		}
	})
}

// ---- benchmark fixtures ----

// TestBenchFixtures checks the inputs of the benchmarks: the realistic file
// is about 300 lines and clean, and large.Dockerfile is what gen.go makes.
func TestBenchFixtures(t *testing.T) {
	t.Parallel()
	realistic, err := os.ReadFile(filepath.Join("testdata", "bench", "realistic.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(realistic, []byte("\n")); n < 280 || n > 320 {
		t.Errorf("realistic.Dockerfile has %d lines, want about 300", n)
	}
	if out, _, code := runBin(t, "", "check", filepath.Join("testdata", "bench", "realistic.Dockerfile")); code != 0 || out != "" {
		t.Errorf("realistic.Dockerfile is not clean (exit %d):\n%s", code, out)
	}
	large, err := os.ReadFile(filepath.Join("testdata", "bench", "large.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(large, []byte("\n")); n != 5000 || !utf8.Valid(large) {
		t.Errorf("large.Dockerfile has %d lines, want 5000", n)
	}
	regenerated := filepath.Join(t.TempDir(), "large.Dockerfile")
	gen := exec.Command("go", "run", filepath.Join("testdata", "bench", "gen.go"), "-o", regenerated)
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("go run testdata/bench/gen.go: %v\n%s", err, out)
	}
	want, err := os.ReadFile(regenerated)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(large, want) {
		t.Error("testdata/bench/large.Dockerfile is stale: run go run testdata/bench/gen.go")
	}
}
