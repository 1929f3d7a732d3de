package server

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// Every request, given params of the wrong shape or positions far outside
// the document, answers (a result or an error) and the server lives on.
func TestBadParamsNeverKillTheServer(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine AS base\nRUN --mount=type=cache,target=/x echo ${A:-b}\nCOPY --from=base a b\n")
	bad := []any{
		nil,                     // no params member
		json.RawMessage("null"), // params: null
		[]any{1, 2},
		"text",
		map[string]any{"textDocument": 5},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1 << 30, "character": 1 << 30}},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 1, "character": 1 << 30}},
		map[string]any{"textDocument": map[string]any{"uri": uri}, "range": map[string]any{"start": map[string]any{"line": 9, "character": 0}, "end": map[string]any{"line": 0, "character": 0}}},
		map[string]any{"textDocument": map[string]any{"uri": "file:///not-open"}, "position": map[string]any{"line": 0, "character": 0}},
	}
	var methods []string
	for m := range requestHandlers {
		if m != "initialize" && m != "shutdown" {
			methods = append(methods, m)
		}
	}
	slices.Sort(methods)
	for _, m := range methods {
		for _, p := range bad {
			var res json.RawMessage
			err := c.Call(m, p, &res)
			if code := lsptest.Code(err); err != nil && code != -32602 {
				t.Errorf("%s(%v): unexpected error %v", m, p, err)
			}
		}
	}
	// Still alive and correct.
	var h *struct{ Contents struct{ Value string } }
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1}}, &h)
	if h == nil {
		t.Fatal("no hover after the bad requests")
	}
}
