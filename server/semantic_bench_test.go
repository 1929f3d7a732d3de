package server

import (
	"testing"
	"time"
)

// BenchmarkSemanticTokensRoundTrip measures semanticTokens/full on the open
// 5,000-line document without edits (the answer of an analysed version).
func BenchmarkSemanticTokensRoundTrip(b *testing.B) {
	c := startBenchServer(b)
	uri, _ := openLarge(b, c)
	params := map[string]any{"textDocument": map[string]any{"uri": uri}}
	var lat latencies
	for b.Loop() {
		var res struct {
			Data []uint32 `json:"data"`
		}
		start := time.Now()
		c.MustCall("textDocument/semanticTokens/full", params, &res)
		lat = append(lat, time.Since(start))
		if len(res.Data) == 0 {
			b.Fatal("no tokens")
		}
	}
	lat.report(b)
}

// BenchmarkTypingSemanticTokens measures what a client asks after each
// keystroke in the 5,000-line document: an incremental didChange on a RUN
// line in the middle, then the tokens again: /full/delta against the
// previous answer when the server offers it, else /full.
func BenchmarkTypingSemanticTokens(b *testing.B) {
	c := startBenchServer(b)
	uri, text := openLarge(b, c)
	delta := true // until the server says it has no /full/delta
	pos := positionOf(b, text, 2500, "RUN ", 4)
	var prev struct {
		ResultID string   `json:"resultId"`
		Data     []uint32 `json:"data"`
	}
	c.MustCall("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": uri}}, &prev)
	version := 1
	var lat latencies
	for b.Loop() {
		version++
		// Type a character and delete it in turns.
		change := map[string]any{"range": map[string]any{"start": pos, "end": pos}, "text": "x"}
		if version%2 == 1 {
			end := map[string]int{"line": pos["line"], "character": pos["character"] + 1}
			change = map[string]any{"range": map[string]any{"start": pos, "end": end}, "text": ""}
		}
		start := time.Now()
		c.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{change},
		})
		doc := map[string]any{"uri": uri}
		if delta {
			var res struct {
				ResultID string   `json:"resultId"`
				Data     []uint32 `json:"data"`
				Edits    []struct {
					Start, DeleteCount uint32
					Data               []uint32
				} `json:"edits"`
			}
			if err := c.Call("textDocument/semanticTokens/full/delta", map[string]any{"textDocument": doc, "previousResultId": prev.ResultID}, &res); err != nil {
				delta = false
			}
			prev.ResultID = res.ResultID
		}
		if !delta || prev.ResultID == "" {
			c.MustCall("textDocument/semanticTokens/full", map[string]any{"textDocument": doc}, &prev)
		}
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
}
