package server

import (
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

func TestFormattingThroughLSP(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	text := "from alpine  \nrun   apt-get update \\\n  && apt-get install -y x\nLABEL a=\"日本語\"   \n"
	c.Open(uri, text)
	var edits []lsptest.TextEdit
	c.MustCall("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 8, "insertSpaces": true}}, &edits)
	got := lsptest.ApplyEdits(text, edits, lsptest.UTF16)
	want := "FROM alpine\nRUN apt-get update \\\n        && apt-get install -y x\nLABEL a=\"日本語\"\n" // tabSize spaces
	if got != want {
		t.Fatalf("formatted:\n%q\nwant\n%q", got, want)
	}
	// Range formatting formats the instructions the range touches, whole
	// (the RUN of lines 1-2 here), and nothing else.
	c.MustCall("textDocument/rangeFormatting", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range":   map[string]any{"start": map[string]any{"line": 1, "character": 0}, "end": map[string]any{"line": 1, "character": 30}},
		"options": map[string]any{"tabSize": 4, "insertSpaces": true}}, &edits)
	got = lsptest.ApplyEdits(text, edits, lsptest.UTF16)
	if want := "from alpine  \nRUN apt-get update \\\n    && apt-get install -y x\nLABEL a=\"日本語\"   \n"; got != want {
		t.Fatalf("range formatted:\n%q\nwant\n%q", got, want)
	}
}
