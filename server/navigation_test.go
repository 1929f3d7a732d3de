package server

import (
	"fmt"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// Navigation must not depend on what else was asked of a document first.
// Marker cases compute diagnostics before their notes (which lexes the
// whole file); an editor sends rename or highlight right after didOpen or
// didChange, on a document lexed only as far as the cursor. A client that
// pulls diagnostics gets none pushed, so here nothing runs before the
// request under test.

const navDoc = "FROM alpine AS build\nRUN echo hi > /a\nFROM build AS test\nCOPY --from=build /a /b\nRUN --mount=from=build,target=/x true\n"

// navPos is the cursor on "build" in "AS build" (line 0).
var navPos = map[string]any{"line": 0, "character": 16}

func startPullClient(t *testing.T) *testClient {
	c := startServer(t)
	initEncoding(c, "utf-16", true)
	return c
}

func TestNavigationFromAStageDeclarationIsFirstRequest(t *testing.T) {
	c := startPullClient(t)
	want := "[0:15-0:20 2:5-2:10 3:12-3:17 4:17-4:22]"
	for i, method := range []string{"rename", "references", "documentHighlight"} {
		uri := fmt.Sprintf("file:///w/%d/Dockerfile", i)
		c.Open(uri, navDoc)
		params := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": navPos}
		var got []lsptest.Range
		switch method {
		case "rename":
			params["newName"] = "builder"
			var edit struct {
				Changes map[string][]lsptest.TextEdit `json:"changes"`
			}
			c.MustCall("textDocument/rename", params, &edit)
			for _, e := range edit.Changes[uri] {
				got = append(got, e.Range)
			}
		case "references":
			params["context"] = map[string]any{"includeDeclaration": true}
			var locs []lsptest.Location
			c.MustCall("textDocument/references", params, &locs)
			for _, l := range locs {
				got = append(got, l.Range)
			}
		default:
			var hs []struct {
				Range lsptest.Range `json:"range"`
			}
			c.MustCall("textDocument/documentHighlight", params, &hs)
			for _, h := range hs {
				got = append(got, h.Range)
			}
		}
		if fmt.Sprint(got) != want {
			t.Errorf("%s from the declaration as the first request: %v, want %s", method, got, want)
		}
	}
}

func TestRenameFromADeclarationAfterAnEdit(t *testing.T) {
	c := startPullClient(t)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, navDoc)
	c.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": navPos}, nil)
	// Append a line: the new version reuses what the old one lexed.
	c.Notify("textDocument/didChange", rangeChange(uri, 2, 5, 0, 5, 0, "COPY --from=build /b /c\n"))
	var edit struct {
		Changes map[string][]lsptest.TextEdit `json:"changes"`
	}
	c.MustCall("textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": navPos, "newName": "builder"}, &edit)
	if n := len(edit.Changes[uri]); n != 5 {
		t.Errorf("rename after an edit changed %d places, want 5: %+v", n, edit.Changes[uri])
	}
}
