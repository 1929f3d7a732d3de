package server

import (
	"fmt"
	"strings"
	"testing"
)

// Semantic tokens, symbols, folding, links, selection and inlay hints are
// marker tests (testdata/tokens, symbols, …); what needs several documents
// or particular client capabilities stays here.

func TestPlainTextHoverForClientsWithoutMarkdown(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"plaintext"}}}}})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\n")
	var h struct {
		Contents struct{ Kind, Value string }
	}
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1}}, &h)
	if h.Contents.Kind != "plaintext" || strings.Contains(h.Contents.Value, "```") || strings.Contains(h.Contents.Value, "](") || !strings.Contains(h.Contents.Value, "FROM") {
		t.Fatalf("plain-text hover: %+v", h.Contents)
	}
}

func TestWorkspaceSymbolsAcrossOpenDockerfiles(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	c.Open("file:///w/api/Dockerfile", "FROM golang AS api-build\nFROM alpine AS api\n")
	c.Open("file:///w/web/Dockerfile", "ARG NODE=22\nFROM node:$NODE AS web-build\n")
	for _, u := range []string{"file:///w/api/Dockerfile", "file:///w/web/Dockerfile"} {
		c.MustCall("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": u}}, nil)
	}
	var syms []struct{ Name string }
	c.MustCall("workspace/symbol", map[string]any{"query": "build"}, &syms)
	if got := fmt.Sprint(syms); got != "[{api-build} {web-build}]" {
		t.Errorf("workspace symbols for build: %s", got)
	}
}
