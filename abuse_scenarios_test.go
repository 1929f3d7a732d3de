package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// trickyDoc exercises most of the lexer: directives, stages, flags,
// mounts, heredocs, variables with modifiers, JSON forms, continuations,
// comments inside them, non-ASCII text.
const trickyDoc = "# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\nARG BASE=alpine:3.20\n" +
	"FROM ${BASE} AS build\nARG VERSION=${BASE:-x}\nENV PATH=/opt/bin:$PATH \\\n    LANG=C.UTF-8\n" +
	"RUN --mount=type=cache,target=/root/.cache \\\n    # a comment inside\n    echo \"héllo ${VERSION:+v$VERSION}\" && true\n" +
	"COPY --from=build --chmod=0755 <<EOF /x\n$HOME ${PATH}\nEOF\nHEALTHCHECK --interval=30s CMD [\"curl\", \"-f\", \"http://x/\"]\n" +
	"FROM scratch\nCOPY --from=build /x /x\nENTRYPOINT [\"/x\"]\n"

// documentMethods take a textDocument (and usually a position).
var documentMethods = []string{
	"textDocument/hover", "textDocument/completion", "textDocument/signatureHelp", "textDocument/definition",
	"textDocument/references", "textDocument/documentHighlight", "textDocument/prepareRename", "textDocument/rename",
	"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/selectionRange", "textDocument/formatting",
	"textDocument/rangeFormatting", "textDocument/codeAction", "textDocument/semanticTokens/full",
	"textDocument/semanticTokens/range", "textDocument/inlayHint", "textDocument/documentLink", "textDocument/diagnostic",
}

// anyAnswer accepts a result or an error, but not a dead connection.
func (a *abuser) anyAnswer(method string, params any) {
	a.t.Helper()
	err := a.Call(method, params, nil)
	if err != nil && lsptest.Code(err) == 0 {
		a.t.Fatalf("%s: %s(%v): %v", a.mode(), method, params, err)
	}
}

func abuseFraming(a *abuser) {
	for _, raw := range []string{
		"Content-Length: abc\r\n\r\n{}",
		"Content-Length: -5\r\n\r\n",
		"Content-Length: 0\r\n\r\n",
		"Content-Length: 99999999999999999999\r\n\r\n{}",
		"Content-Length: 1073741824\r\n\r\n{}",
		"Content-Type: application/json\r\n\r\n{}",
		"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
		"Content-Length: 5\r\n", // a header cut short by the next frame
		`{"jsonrpc":"2.0","id":1,"method":"shutdown"}` + "\r\n",
		`{"jsonrpc":"2.0","id":1,"method":"shutdown"}`,
		"hello\r\n\r\n",
		strings.Repeat("x", 100000),
		"Content-Length: 300\r\n\r\n" + `{"jsonrpc":"2.0","id":1,"method":"shutdown"}`,
		"Content-Length: 10\r\n\r\n" + `{"jsonrpc":"2.0","id":1,"method":"shutdown"}`,
		frameOf(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{`),
		frameOf("not JSON"),
		frameOf(`{"jsonrpc":"2.0","id":2}`),
		frameOf(`[]`),
		frameOf(`[1,2]`),
		frameOf(`{"jsonrpc":"1.0","id":3,"method":"textDocument/hover"}`),
		"\x00\x01\x02\xff\xfe" + strings.Repeat("\r\n", 10),
	} {
		if err := a.WriteRaw([]byte(raw)); err != nil {
			a.t.Fatalf("%s: writing %q: %v", a.mode(), raw, err)
		}
		a.freshHover(fmt.Sprintf("framing %.40q", raw))
	}
	for _, s := range a.drain() {
		if !strings.Contains(s, `"error"`) {
			a.t.Errorf("%s: a malformed message was answered without an error: %s", a.mode(), s)
		}
	}
}

// badParams are params of every wrong shape, some naming uri.
func badParams(uri string) []any {
	return []any{
		nil, []any{1, 2}, "text", 42, true,
		map[string]any{"textDocument": 5},
		map[string]any{"textDocument": map[string]any{"uri": 5}},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "position": "here"},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": "1", "character": nil}},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "range": []any{}},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "newName": 7, "context": "x", "options": 1},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1.5, "character": -0.5}},
		map[string]any{"textDocument": map[string]any{"uri": uri, "version": "x", "text": 5}, "contentChanges": "x"},
		map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2}, "contentChanges": []any{map[string]any{"range": 5, "text": 1}}},
	}
}

func abuseParams(a *abuser) {
	const uri = "file:///abuse/params/Dockerfile"
	a.Open(uri, trickyDoc)
	bad := badParams(uri)
	for _, m := range append(documentMethods, "workspace/symbol", "completionItem/resolve", "initialize", "no/such/method") {
		for _, p := range bad {
			a.anyAnswer(m, p)
		}
	}
	// Notifications with bad params name another document: a didClose with
	// a valid uri would rightly close ours.
	bad = badParams("file:///abuse/params-other/Dockerfile")
	for _, n := range []string{"textDocument/didOpen", "textDocument/didChange", "textDocument/didClose", "textDocument/didSave",
		"workspace/didChangeConfiguration", "workspace/didChangeWatchedFiles", "$/cancelRequest", "$/setTrace", "initialized", "no/such/notification"} {
		for _, p := range bad {
			a.Notify(n, p)
		}
	}
	// The document survived the notifications with bad params.
	if h := a.hoverAt(uri, 3, 1); !strings.Contains(h, "FROM") {
		a.t.Fatalf("%s: hover after bad notifications: %q", a.mode(), h)
	}
	a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

func abusePositions(a *abuser) {
	const uri = "file:///abuse/positions/Dockerfile"
	a.Open(uri, trickyDoc)
	big := 1<<31 - 1
	for _, p := range [][2]int{{-1, 0}, {0, -1}, {big, big}, {1 << 40, 0}, {3, big}, {1000, 0}, {3, 1000}, {-big, -big}} {
		pos := map[string]any{"line": p[0], "character": p[1]}
		rng := map[string]any{"start": pos, "end": map[string]any{"line": 0, "character": 0}}
		params := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos, "range": rng, "newName": "X",
			"context": map[string]any{"diagnostics": []any{}, "includeDeclaration": true}, "options": map[string]any{"tabSize": 4, "insertSpaces": true},
			"positions": []any{pos}}
		for _, m := range documentMethods {
			a.anyAnswer(m, params)
		}
	}
	a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// abuseEdits applies random incremental edits, mirrored by the test, and
// checks every so often that the server's view answers as a fresh open of
// the mirrored text does.
func abuseEdits(a *abuser) {
	rng := rand.New(rand.NewPCG(randomSeed(), 5))
	const uri, ref = "file:///abuse/edits/Dockerfile", "file:///abuse/edits-ref/Dockerfile"
	text := trickyDoc
	a.Open(uri, text)
	pieces := []string{"", "x", "RUN ", "FROM a AS b\n", "\n", "\\\n", "${", "}", "$A", ":-", "\"", "'", "# c\n", "--mount=type=cache ",
		"<<EOF\n", "EOF\n", "é", "日本", "😀", " ", "\t", "[\"a\"]", "ARG X=1\n", "COPY --from=b / /\n"}
	n := 300
	if soak() {
		n = 5000
	}
	for i := 1; i <= n; i++ {
		// Ends at rune boundaries, sometimes past the end of a line or of the text.
		s := runeBoundary(text, rng.IntN(len(text)+1))
		e := runeBoundary(text, min(len(text), s+rng.IntN(12)))
		r := lsptest.RangeOf(text, s, e, lsptest.UTF16)
		if rng.IntN(10) == 0 {
			r.End.Character += 50
		}
		ins := pieces[rng.IntN(len(pieces))]
		text = lsptest.ApplyEdits(text, []lsptest.TextEdit{{Range: r, NewText: ins}}, lsptest.UTF16)
		a.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 1},
			"contentChanges": []any{map[string]any{"range": r, "text": ins}},
		})
		if i%50 != 0 && i != n {
			continue
		}
		a.Open(ref, text)
		for _, m := range []string{"textDocument/documentSymbol", "textDocument/semanticTokens/full", "textDocument/foldingRange"} {
			var got, want json.RawMessage
			a.MustCall(m, map[string]any{"textDocument": map[string]any{"uri": uri}}, &got)
			a.MustCall(m, map[string]any{"textDocument": map[string]any{"uri": ref}}, &want)
			if !sameJSON(got, want) {
				a.t.Fatalf("%s: after %d edits, %s differs from a fresh open of the same text:\n got %s\nwant %s\ntext %q",
					a.mode(), i, m, got, want, text)
			}
		}
		a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": ref}})
	}
	a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	return json.Unmarshal(a, &x) == nil && json.Unmarshal(b, &y) == nil && reflect.DeepEqual(x, y)
}

// runeBoundary moves off back to the start of the UTF-8 sequence it is in.
func runeBoundary(s string, off int) int {
	for off > 0 && off < len(s) && s[off]&0xC0 == 0x80 {
		off--
	}
	return off
}

// abuseCancels sends requests and cancels each at once (and ids never
// sent): every request gets its answer or "cancelled", nothing else.
func abuseCancels(a *abuser) {
	const uri = "file:///abuse/cancel/Dockerfile"
	a.Open(uri, trickyDoc)
	var pending []*lsptest.Pending
	for i := range 300 {
		m := []string{"textDocument/hover", "textDocument/completion", "textDocument/semanticTokens/full", "textDocument/diagnostic", "textDocument/formatting"}[i%5]
		p := a.Go(m, map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": i % 20, "character": i % 7},
			"options": map[string]any{"tabSize": 4, "insertSpaces": true}})
		a.Notify("$/cancelRequest", map[string]any{"id": p.ID})
		if i%3 == 0 {
			a.Notify("$/cancelRequest", map[string]any{"id": p.ID}) // twice
		}
		pending = append(pending, p)
	}
	for _, id := range []any{999999999, "nope", nil, -1, 1.5, []any{}} {
		a.Notify("$/cancelRequest", map[string]any{"id": id})
	}
	for _, p := range pending {
		if err := p.Wait(nil); err != nil && lsptest.Code(err) != lsptest.RequestCancelled {
			a.t.Fatalf("%s: %s (id %d) after cancel: %v", a.mode(), p.Method, p.ID, err)
		}
	}
	a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// abuseIDs sends requests whose ids are strings, huge or odd numbers, null,
// other JSON values, and duplicates. String and integer ids are echoed;
// the rest get an error or nothing.
func abuseIDs(a *abuser) {
	const uri = "file:///abuse/ids/Dockerfile"
	a.Open(uri, trickyDoc)
	hover := func(id string) string {
		return frameOf(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"method":"textDocument/hover","params":{"textDocument":{"uri":%q},"position":{"line":3,"character":1}}}`, id, uri))
	}
	echoed := []string{`"abc"`, `""`, `"ünï\"cödé"`, `"` + strings.Repeat("z", 5000) + `"`, `-1`, `0`, `9007199254740993`, `9223372036854775807`}
	for _, id := range echoed {
		if err := a.WriteRaw([]byte(hover(id))); err != nil {
			a.t.Fatal(err)
		}
		want := id
		got := a.waitFor("to id "+id, func(s string) bool { return decodeID(s) == want || decodeID(s) == "null" })
		if decodeID(got) != want || !strings.Contains(got, "FROM") {
			a.t.Errorf("%s: id %.40s answered %.300s", a.mode(), id, got)
		}
	}
	// Duplicates: both answered.
	dup := hover("8000000000001")
	if err := a.WriteRaw([]byte(dup + dup)); err != nil {
		a.t.Fatal(err)
	}
	for range 2 {
		a.waitFor("to a duplicate id", func(s string) bool { return decodeID(s) == "8000000000001" })
	}
	// Not ids JSON-RPC allows: anything but a crash.
	for _, id := range []string{`null`, `1.5`, `1e300`, `123456789012345678901234567890`, `true`, `{}`, `[]`} {
		if err := a.WriteRaw([]byte(hover(id))); err != nil {
			a.t.Fatal(err)
		}
	}
	a.freshHover("odd ids")
	a.drain()
	a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

func abuseURIs(a *abuser) {
	uris := []string{"", "not a uri", "file://", "file:///", "untitled:Untitled-1", "file:///C:/x/Dockerfile", "file:///c%3A/x/Dockerfile",
		"file:///with%20space/Dockerfile", "file:///%E6%97%A5%E6%9C%AC/Dockerfile", "file:///" + strings.Repeat("a/", 2000) + "Dockerfile",
		"http://example.com/Dockerfile", "file:///x/Dockerfile?query=1#frag", "file:///x/../../etc/Dockerfile", "file:///dev/null",
		"file:///proc/self/Dockerfile", "vscode-remote://ssh-remote+host/x/Dockerfile", "file:///x/Containerfile", "\x00"}
	for _, u := range uris {
		a.anyAnswer("textDocument/hover", posParams(u, 0, 0)) // not open
		a.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": u, "languageId": "dockerfile", "version": 1, "text": trickyDoc}})
		for _, m := range documentMethods {
			a.anyAnswer(m, map[string]any{"textDocument": map[string]any{"uri": u}, "position": map[string]any{"line": 3, "character": 1},
				"range": lsptest.NewRange(0, 0, 5, 0), "context": map[string]any{"diagnostics": []any{}}, "options": map[string]any{"tabSize": 4}})
		}
		a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": u}})
	}
	a.anyAnswer("workspace/symbol", map[string]any{"query": ""})
}

// abuseVersions sends versions that go backwards and repeat: the server
// follows the text in arrival order, and publishes for the latest.
func abuseVersions(a *abuser) {
	const uri = "file:///abuse/versions/Dockerfile"
	from := len(a.Notes())
	a.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "dockerfile", "version": 10, "text": "FROM alpine\nMAINTAINER me\n"}})
	if !a.pull {
		a.WaitDiagnostics(from, uri, 10)
	}
	for i, v := range []int{5, 5, -3, 1<<31 - 1, 0} {
		text := fmt.Sprintf("FROM alpine\nLABEL v=%d\n", i)
		from = len(a.Notes())
		a.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v},
			"contentChanges": []any{map[string]any{"text": text}}})
		if h := a.hoverAt(uri, 1, 1); !strings.Contains(h, "LABEL") {
			a.t.Fatalf("%s: after version %d the server does not follow the text: %q", a.mode(), v, h)
		}
		if diags := a.diagnostics(from, uri, v); len(diags) != 0 {
			a.t.Fatalf("%s: diagnostics after version %d are stale: %+v", a.mode(), v, diags)
		}
	}
	a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
}

// abuseLarge opens a 10 MB file, a 100,000-line file and references nested
// 50,000 levels deep; each is hovered at both ends and closed.
func abuseLarge(a *abuser) {
	var big, lines, deep strings.Builder
	big.WriteString("FROM alpine AS base\n")
	for big.Len() < 10<<20 {
		big.WriteString("RUN echo 'a line of a very large generated Dockerfile' && true \\\n    && echo continued\n")
	}
	lines.WriteString("FROM alpine\n")
	for i := range 100000 {
		fmt.Fprintf(&lines, "ENV V%d=%d\n", i, i)
	}
	deep.WriteString("FROM alpine\nRUN echo ")
	for i := range 50000 {
		fmt.Fprintf(&deep, "${a%d:-", i)
	}
	deep.WriteString("x" + strings.Repeat("}", 50000) + "\n")
	for _, doc := range []struct {
		name, text string
		diags      bool // wait for its diagnostics (the large ones only in the soak)
	}{
		{"10MB", big.String(), soak()},
		{"100k-lines", lines.String(), soak()},
		{"nested", deep.String(), true},
	} {
		if doc.name == "10MB" && raceEnabled() && !soak() {
			continue // the race detector makes BuildKit on 10 MB take minutes
		}
		uri := "file:///abuse/large/" + doc.name + "/Dockerfile"
		from := len(a.Notes())
		a.Open(uri, doc.text)
		// The last line that starts an instruction.
		lines := strings.Split(strings.TrimSuffix(doc.text, "\n"), "\n")
		last := len(lines) - 1
		for strings.HasPrefix(lines[last], " ") {
			last--
		}
		if h := a.hoverAt(uri, 0, 1); !strings.Contains(h, "FROM") {
			a.t.Fatalf("%s, %s: hover on line 1: %q", a.mode(), doc.name, h)
		}
		if h := a.hoverAt(uri, last, 1); h == "" {
			a.t.Fatalf("%s, %s: no hover on the last line", a.mode(), doc.name)
		}
		if doc.diags {
			a.diagnostics(from, uri, 1)
		}
		a.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		a.Forget(len(a.Notes())) // the log would keep the published diagnostics
	}
}

// abuseLifecycle: requests before initialize and after shutdown are
// refused (the server lives on), a second initialize is refused, and
// notifications outside the running state are dropped.
func abuseLifecycle(t *testing.T, pull bool) {
	a := startAbuser(t, pull)
	const uri = "file:///abuse/lifecycle/Dockerfile"
	if err := a.Call("textDocument/hover", posParams(uri, 0, 1), nil); lsptest.Code(err) != lsptest.ServerNotInitialized {
		t.Errorf("%s: hover before initialize: %v", a.mode(), err)
	}
	a.Open(uri, "FROM alpine\n") // dropped: not initialized
	a.Notify("initialized", map[string]any{})
	a.initialize()
	if h := a.hoverAt(uri, 0, 1); h != "" {
		t.Errorf("%s: a didOpen sent before initialize was applied: %q", a.mode(), h)
	}
	if err := a.Call("initialize", map[string]any{"capabilities": map[string]any{}}, nil); lsptest.Code(err) != lsptest.InvalidRequest {
		t.Errorf("%s: a second initialize: %v", a.mode(), err)
	}
	a.freshHover("requests before initialize")
	a.MustCall("shutdown", nil, nil)
	a.Open(uri, "FROM alpine\n")
	for _, m := range append(documentMethods, "shutdown") {
		if err := a.Call(m, posParams(uri, 0, 1), nil); lsptest.Code(err) != lsptest.InvalidRequest {
			t.Errorf("%s: %s after shutdown: %v", a.mode(), m, err)
		}
	}
	a.Notify("exit", nil)
	if code := a.waitExit(); code != 0 {
		t.Errorf("%s: exit code %d after shutdown", a.mode(), code)
	}
}
