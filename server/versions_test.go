package server

import (
	"testing"
)

// A client whose versions go backwards still gets the diagnostics of the
// text it sent last: edits are ordered by arrival, not by version number.
func TestPublishFollowsArrivalNotVersionNumbers(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "dockerfile", "version": 10, "text": "FROM alpine\nMAINTAINER me\n"}})
	if p := c.WaitDiagnostics(0, uri, 10); len(p.Diagnostics) != 1 {
		t.Fatalf("v10: %+v", p.Diagnostics)
	}
	from := len(c.Notes())
	c.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 5},
		"contentChanges": []any{map[string]any{"text": "FROM alpine\n"}}})
	if p := c.WaitDiagnostics(from, uri, 5); len(p.Diagnostics) != 0 {
		t.Fatalf("v5 (after v10): %+v", p.Diagnostics)
	}
}
