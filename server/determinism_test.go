package server

import (
	"encoding/json"
	"fmt"
	"testing"
)

// tieTexts are documents where a "did you mean" suggestion has several
// equally close candidates, or where BuildKit reports the same error on
// several instructions concurrently: the answers once depended on map
// iteration order or goroutine scheduling.
var tieTexts = []string{
	"FROM a\nN\n",         // RUN and ENV are both two edits away
	"FROM a\nR\n",         // RUN and ARG
	"FROM a\napk add x\n", // ADD and ARG
	"ARG AB\nARG AC\nFROM $AD\n",
	"ARG AB=1\nARG AC=1\nFROM --platform=$AD a\n",
	"ARG AB=1\nARG AC=1\nFROM --platform=$AD$AE a\n",
	"FROM a\nRUN --mount=type=cach x\n",
	"FROM a\nRUN --mount=type=cache,sharing=lockeb x\n",
	"FROM a\nCOPY --fro=x a b\n",
	"FROM a AS ab\nFROM a AS ac\nCOPY --from=ad x y\n",
	"ARG E\nFROM ${E} AS BASE\nFROM alpine\n" +
		"COPY --from=BASE /a /a\nCOPY --from=BASE /b /b\nCOPY --from=BASE /c /c\n" +
		"COPY --from=BASE /d /d\nCOPY --from=BASE /e /e\nCOPY --from=BASE /f /f\n",
}

// TestSameTextSameAnswer opens each text many times and demands the same
// diagnostics and code actions every time: an answer is a pure function of
// the text.
func TestSameTextSameAnswer(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}})
	for i, text := range tieTexts {
		answers := map[string]int{}
		uri := fmt.Sprintf("file:///w/%d/Dockerfile", i)
		for range 25 {
			c.Open(uri, text)
			var rep struct {
				Items json.RawMessage `json:"items"`
			}
			c.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &rep)
			var actions json.RawMessage
			c.MustCall("textDocument/codeAction", map[string]any{
				"textDocument": map[string]any{"uri": uri},
				"range":        map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 20, "character": 0}},
				"context":      map[string]any{"diagnostics": []any{}},
			}, &actions)
			answers[string(rep.Items)+"\n"+string(actions)]++
			c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
		}
		if len(answers) > 1 {
			t.Errorf("%q got %d different answers:", text, len(answers))
			for a, n := range answers {
				t.Logf("%d×\n%s", n, a)
			}
		}
	}
}

// TestWorkspaceAnswersFollowURIOrder: answers drawn from every open
// document list them in URI order, not in the store's map order.
func TestWorkspaceAnswersFollowURIOrder(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	for i := range 8 {
		u := fmt.Sprintf("file:///w/%d/Dockerfile", i)
		c.Open(u, fmt.Sprintf("FROM img%d AS build%d\n", i, i))
		c.MustCall("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": u}}, nil)
	}
	want := ""
	for i := range 8 {
		want += fmt.Sprintf("build%d ", i)
	}
	for range 20 {
		var syms []struct{ Name string }
		c.MustCall("workspace/symbol", map[string]any{"query": "build"}, &syms)
		got := ""
		for _, s := range syms {
			got += s.Name + " "
		}
		if got != want {
			t.Fatalf("workspace/symbol order:\n got %s\nwant %s", got, want)
		}
	}
	c.Open("file:///w/x/Dockerfile", "FROM \n")
	for range 20 {
		var list struct {
			Items []struct{ Label string }
		}
		c.MustCall("textDocument/completion", map[string]any{
			"textDocument": map[string]any{"uri": "file:///w/x/Dockerfile"},
			"position":     map[string]any{"line": 0, "character": 5},
		}, &list)
		got := ""
		for _, it := range list.Items {
			if len(it.Label) == 4 && it.Label[:3] == "img" {
				got += it.Label + " "
			}
		}
		if got != "img0 img1 img2 img3 img4 img5 img6 img7 " {
			t.Fatalf("workspace images in completion: %q", got)
		}
	}
}
