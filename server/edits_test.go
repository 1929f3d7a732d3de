package server

import (
	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"

	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"go.lsp.dev/protocol"
)

// refDoc is this test's own model of a client's document, written from LSP
// 3.17 and nothing else: a line ends at "\n", "\r\n" or "\r"; a character
// counts bytes (utf-8), UTF-16 code units (utf-16) or code points (utf-32).
// Positions past a line's end mean its end, lines past the last the text's
// end, and a character that falls inside a character means its start.
type refDoc struct {
	text  string
	lines []refLine
}

type refLine struct {
	start   int    // byte offset of the line in text
	content string // without its terminator
}

func newRefDoc(text string) refDoc {
	d := refDoc{text: text}
	start := 0
	for i := 0; i < len(text); i++ {
		var term int
		switch {
		case text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n':
			term = 2
		case text[i] == '\r' || text[i] == '\n':
			term = 1
		default:
			continue
		}
		d.lines = append(d.lines, refLine{start, text[start:i]})
		i += term - 1
		start = i + 1
	}
	d.lines = append(d.lines, refLine{start, text[start:]})
	return d
}

// width is the length of r in enc's units.
func width(r rune, enc string) int {
	switch enc {
	case "utf-8":
		return utf8.RuneLen(r)
	case "utf-32":
		return 1
	}
	return len(utf16.Encode([]rune{r}))
}

// units is the length of s in enc's units.
func units(s, enc string) int {
	n := 0
	for _, r := range s {
		n += width(r, enc)
	}
	return n
}

// offset is the byte offset of a position.
func (d refDoc) offset(line, char int, enc string) int {
	if line >= len(d.lines) {
		return len(d.text)
	}
	l := d.lines[line]
	n := 0
	for i, r := range l.content {
		if n+width(r, enc) > char {
			return l.start + i
		}
		n += width(r, enc)
	}
	return l.start + len(l.content)
}

// contains reports whether a position lies inside the document.
func (d refDoc) contains(line, char int, enc string) bool {
	return line >= 0 && line < len(d.lines) && char >= 0 && char <= units(d.lines[line].content, enc)
}

// randomPos picks a position, sometimes past a line's end or the last line.
func (d refDoc) randomPos(rng *rand.Rand, enc string) (int, int) {
	line := rng.Intn(len(d.lines) + 1)
	if line == len(d.lines) {
		return line, rng.Intn(3)
	}
	return line, rng.Intn(units(d.lines[line].content, enc) + 3)
}

var encodings = []string{"utf-16", "utf-8", "utf-32"}

func initEncoding(c *testClient, enc string, pull bool) {
	caps := map[string]any{"general": map[string]any{"positionEncodings": []string{enc}}}
	if pull {
		caps["textDocument"] = map[string]any{"diagnostic": map[string]any{}}
	}
	c.initialize(map[string]any{"capabilities": caps})
}

func rangeChange(uri string, version, sl, sc, el, ec int, text string) map[string]any {
	return map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": version},
		"contentChanges": []any{map[string]any{
			"range": map[string]any{"start": map[string]any{"line": sl, "character": sc}, "end": map[string]any{"line": el, "character": ec}},
			"text":  text,
		}},
	}
}

// A lone "\r" ends a line for the client, so it must for us: the issue's
// example, then random edits over texts mixing "\r", "\r\n" and "\n".
func TestIncrementalEditsFollowLSPLineEndings(t *testing.T) {
	pieces := []string{"RUN ", "echo ", "日本語", " 🐳", "\n", "\r\n", "\r", "x", "LABEL a=\"é\" \\\r", "", "ß", "\\\n"}
	for _, enc := range encodings {
		t.Run(enc, func(t *testing.T) {
			c := startServer(t)
			initEncoding(c, enc, false)
			const uri = "file:///w/Dockerfile"
			text := "FROM alpine\rRUN echo hi\n"
			c.Open(uri, text)
			c.Notify("textDocument/didChange", rangeChange(uri, 2, 1, 0, 1, 3, "CMD"))
			if got, want := c.serverText(uri), "FROM alpine\rCMD echo hi\n"; got != want {
				t.Fatalf("after changing line 1 characters 0-3: %q, want %q", got, want)
			}
			text = "FROM alpine\rCMD echo hi\n"
			rng := rand.New(rand.NewSource(int64(len(enc))))
			for v := 3; v < 400; v++ {
				ref := newRefDoc(text)
				sl, sc := ref.randomPos(rng, enc)
				el, ec := ref.randomPos(rng, enc)
				a, b := ref.offset(sl, sc, enc), ref.offset(el, ec, enc)
				if a > b {
					sl, sc, el, ec, a, b = el, ec, sl, sc, b, a
				}
				ins := pieces[rng.Intn(len(pieces))]
				c.Notify("textDocument/didChange", rangeChange(uri, v, sl, sc, el, ec, ins))
				text = text[:a] + ins + text[b:]
				if v%100 == 0 {
					if got := c.serverText(uri); got != text {
						t.Fatalf("version %d: the server's text diverged:\n got %q\nwant %q", v, got, text)
					}
				}
			}
			if got := c.serverText(uri); got != text {
				t.Fatalf("the server's text diverged:\n got %q\nwant %q", got, text)
			}
		})
	}
}

// lonelyCR is a Dockerfile whose lines end every way LSP allows.
const lonelyCR = "# syntax=docker/dockerfile:1\rARG BASE=alpine\r\nFROM ${BASE} AS base\rRUN echo $HOME \\\r  && true\n" +
	"ENV A=1 B=\"日本 🐳\"\rLABEL x=\"é\"\r# one\r# two\rCOPY --from=base /a /b\r\n" +
	"FROM base\rRUN <<EOF\recho $A\rEOF\rHEALTHCHECK CMD true\r\rWORKDIR app\r"

// checkInside fails for every position in a reply that lies outside the
// document: objects with a line and a character, folding ranges' lines and
// semantic tokens.
func checkInside(t *testing.T, ref refDoc, enc, what string, raw json.RawMessage) {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	bad := 0
	report := func(format string, args ...any) {
		if bad++; bad <= 3 {
			t.Errorf("%s: "+format, append([]any{what}, args...)...)
		}
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			line, hasLine := v["line"].(float64)
			char, hasChar := v["character"].(float64)
			if hasLine && hasChar && !ref.contains(int(line), int(char), enc) {
				report("position %v:%v is outside the document", line, char)
			}
			for _, k := range []string{"startLine", "endLine"} {
				if l, ok := v[k].(float64); ok && int(l) >= len(ref.lines) {
					report("%s %v is past the last line %d", k, l, len(ref.lines)-1)
				}
			}
			if data, ok := v["data"].([]any); ok && what == "textDocument/semanticTokens/full" {
				line, char := 0, 0
				for i := 0; i+4 < len(data); i += 5 {
					dl, dc, n := int(data[i].(float64)), int(data[i+1].(float64)), int(data[i+2].(float64))
					if dl > 0 {
						char = 0
					}
					line, char = line+dl, char+dc
					if !ref.contains(line, char, enc) || !ref.contains(line, char+n, enc) {
						report("token %d:%d+%d is outside the document", line, char, n)
					}
				}
			}
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}

// Every reply about a document whose lines end with lone "\r" stays inside
// the document as the client sees it, at every position.
func TestRepliesStayInsideTheDocument(t *testing.T) {
	for _, enc := range encodings {
		t.Run(enc, func(t *testing.T) {
			c := startServer(t)
			initEncoding(c, enc, true)
			const uri = "file:///w/Dockerfile"
			c.Open(uri, lonelyCR)
			ref := newRefDoc(lonelyCR)
			td := map[string]any{"uri": uri}
			last := len(ref.lines) - 1
			all := map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": last, "character": units(ref.lines[last].content, enc)}}
			ask := func(method string, params map[string]any) {
				t.Helper()
				params["textDocument"] = td
				var raw json.RawMessage
				if err := c.Call(method, params, &raw); err != nil {
					if method == "textDocument/rename" && lsptest.Code(err) == -32602 {
						return // nothing to rename there
					}
					t.Fatalf("%s: %v", method, err)
				}
				checkInside(t, ref, enc, method, raw)
			}
			for _, m := range []string{"textDocument/documentSymbol", "textDocument/foldingRange", "textDocument/semanticTokens/full", "textDocument/documentLink", "textDocument/diagnostic"} {
				ask(m, map[string]any{})
			}
			ask("textDocument/formatting", map[string]any{"options": map[string]any{"tabSize": 4, "insertSpaces": true}})
			for _, m := range []string{"textDocument/rangeFormatting", "textDocument/semanticTokens/range", "textDocument/inlayHint"} {
				ask(m, map[string]any{"range": all, "options": map[string]any{"tabSize": 4, "insertSpaces": true}})
			}
			ask("textDocument/codeAction", map[string]any{"range": all, "context": map[string]any{"diagnostics": []any{}}})
			var positions []any
			for l, line := range ref.lines {
				for ch := 0; ch <= units(line.content, enc)+1; ch++ {
					pos := map[string]any{"line": l, "character": ch}
					positions = append(positions, pos)
					for _, m := range []string{"textDocument/hover", "textDocument/completion", "textDocument/signatureHelp", "textDocument/definition", "textDocument/documentHighlight", "textDocument/prepareRename"} {
						ask(m, map[string]any{"position": pos})
					}
					ask("textDocument/references", map[string]any{"position": pos, "context": map[string]any{"includeDeclaration": true}})
					ask("textDocument/rename", map[string]any{"position": pos, "newName": "X"})
					ask("textDocument/codeAction", map[string]any{"range": map[string]any{"start": pos, "end": pos}, "context": map[string]any{"diagnostics": []any{}}})
				}
			}
			ask("textDocument/selectionRange", map[string]any{"positions": positions})
		})
	}
}

// FuzzIncrementalEdits applies random edits, in any encoding, through the
// store the read loop uses, and checks the text against refDoc's.
func FuzzIncrementalEdits(f *testing.F) {
	for _, s := range []string{
		"FROM alpine\rRUN echo hi\n", "\r", "\r\r\n\n\r", "FROM a\r\nRUN 🐳 é\r\n", lonelyCR,
		"FROM alpine\nLABEL x=\"日本語 🐳\"\n",
	} {
		f.Add(s, []byte{1, 0, 1, 3, 0, 0, 5, 0, 9, 2}, uint8(0))
		f.Add(s, []byte{0, 2, 3, 0, 1, 2, 1, 2, 1, 6, 9, 9, 9, 9, 3}, uint8(1))
		f.Add(s, []byte{3, 1, 0, 7, 4, 1, 1, 1, 1, 5}, uint8(2))
	}
	if files, err := filepath.Glob("../../shared/corpus/*/Dockerfile*"); err == nil {
		for _, p := range files[:min(8, len(files))] {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(strings.ReplaceAll(string(b), "\n", "\r"), []byte{2, 3, 2, 9, 1, 7, 0, 7, 1, 0}, uint8(0))
			}
		}
	}
	pieces := []string{"", "\r", "\n", "\r\n", "RUN x", "🐳", "é", "\\\r", "日本\r\n語"}
	f.Fuzz(func(t *testing.T, text string, ops []byte, encByte uint8) {
		if !utf8.ValidString(text) {
			return // texts arrive as JSON strings
		}
		enc := encodings[int(encByte)%len(encodings)]
		st := newStore()
		const u = "file:///w/Dockerfile"
		st.open(protocol.TextDocumentItem{URI: mustURI(u), Version: 1, Text: text})
		for v := int32(2); len(ops) >= 5; v++ {
			ref := newRefDoc(text)
			pick := func(l, c byte) (int, int) {
				line := int(l) % (len(ref.lines) + 1)
				if line == len(ref.lines) {
					return line, int(c) % 3
				}
				return line, int(c) % (units(ref.lines[line].content, enc) + 3)
			}
			sl, sc := pick(ops[0], ops[1])
			el, ec := pick(ops[2], ops[3])
			ins := pieces[int(ops[4])%len(pieces)]
			ops = ops[5:]
			a, b := ref.offset(sl, sc, enc), ref.offset(el, ec, enc)
			if a > b {
				sl, sc, el, ec, a, b = el, ec, sl, sc, b, a
			}
			p := &protocol.DidChangeTextDocumentParams{
				TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: mustURI(u)}, Version: v},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{
					Range: protocol.Range{Start: protocol.Position{Line: uint32(sl), Character: uint32(sc)}, End: protocol.Position{Line: uint32(el), Character: uint32(ec)}},
					Text:  ins,
				}},
			}
			d, err := st.change(p, negotiateEncoding([]protocol.PositionEncodingKind{protocol.PositionEncodingKind(enc)}))
			if err != nil {
				t.Fatal(err)
			}
			text = text[:a] + ins + text[b:]
			if got := d.snap.Text(); got != text {
				t.Fatalf("after replacing %d:%d-%d:%d (%s) with %q:\n got %q\nwant %q", sl, sc, el, ec, enc, ins, got, text)
			}
			if got, want := d.snap.Mapper().Count(), len(newRefDoc(text).lines); got != want {
				t.Fatalf("%q: %d lines, want %d", text, got, want)
			}
		}
	})
}

// The reference model itself, on the example.
func TestRefDoc(t *testing.T) {
	d := newRefDoc("FROM alpine\rRUN echo hi\r\n")
	if got := fmt.Sprint(len(d.lines), d.offset(1, 0, "utf-16"), d.offset(1, 99, "utf-16"), d.offset(2, 0, "utf-16")); got != "3 12 23 25" {
		t.Fatalf("lines, offsets = %s", got)
	}
}

// Hover names lines as the editor numbers them, also after a lone "\r"
// (BuildKit reads "# note\rmore" as one comment line).
func TestHoverNamesTheEditorsLine(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "# note\rmore\nFROM alpine AS base\nARG A=1\nRUN echo $A\nFROM base\n")
	for _, tc := range []struct {
		line, char int
		want       string
	}{
		{4, 10, "on line 4"}, // $A, defined by ARG A=1
		{5, 6, "on line 3"},  // base, the stage FROM ... AS base
	} {
		var h *struct{ Contents struct{ Value string } }
		c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": tc.line, "character": tc.char}}, &h)
		if h == nil || !strings.Contains(h.Contents.Value, tc.want) {
			t.Errorf("hover at %d:%d: %v, want %q", tc.line, tc.char, h, tc.want)
		}
	}
}
