package server

import (
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// A 10 MB document: the server keeps answering and stays consistent.
func TestTenMegabyteDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("large document")
	}
	var b strings.Builder
	b.WriteString("FROM alpine AS base\n")
	for b.Len() < 10<<20 {
		b.WriteString("RUN echo 'a line of a very large generated Dockerfile' && true \\\n    && echo continued\n")
	}
	text := b.String()
	// BuildKit's checks of 10 MB take tens of seconds on a loaded machine:
	// a longer bound, still only there to turn a hang into a failure.
	c := startServerWith(t, lsptest.Options{Timeout: 3 * time.Minute})
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, text)
	var h *struct{ Contents struct{ Value string } }
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1}}, &h)
	if h == nil || !strings.Contains(h.Contents.Value, "FROM") {
		t.Fatalf("hover on a 10 MB document: %v", h)
	}
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{
			"range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 0, "character": 4}},
			"text":  "from",
		}},
	})
	if got := c.serverText(uri); got != "from"+text[4:] {
		t.Fatalf("the server's text diverged after an edit")
	}
	if raceEnabled {
		return // BuildKit's checks on 10 MB take minutes under the race detector
	}
	// A quick set (our rules, without BuildKit's casing check) may come
	// first; the full set of version 2 has the casing finding.
	for from := 0; ; {
		p := c.WaitDiagnostics(from, uri, 2)
		if len(p.Diagnostics) > 0 {
			break
		}
		from = p.Note.Index + 1
	}
}
