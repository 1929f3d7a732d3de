package server

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
)

const featuresDoc = `# syntax=docker/dockerfile:1
ARG BASE=alpine:3.20
FROM ${BASE} AS build
ARG BASE
# build it
RUN --mount=type=cache,target=/root/.cache \
    make
FROM golang:1.23
COPY --from=build /out /app
ADD https://example.com/x.tar.gz /x
MAINTAINER me
`

func openFeatures(t *testing.T) (*testClient, map[string]any) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.open(uri, featuresDoc)
	return c, map[string]any{"uri": uri}
}

func TestSemanticTokens(t *testing.T) {
	c, td := openFeatures(t)
	var res struct{ Data []int }
	c.mustCall("textDocument/semanticTokens/full", map[string]any{"textDocument": td}, &res)
	if len(res.Data)%5 != 0 || len(res.Data) == 0 {
		t.Fatalf("data length %d", len(res.Data))
	}
	lines := strings.Split(featuresDoc, "\n")
	var got []string
	line, char := 0, 0
	for i := 0; i < len(res.Data); i += 5 {
		if res.Data[i] > 0 {
			char = 0
		}
		line += res.Data[i]
		char += res.Data[i+1]
		text := lines[line][char : char+res.Data[i+2]]
		got = append(got, fmt.Sprintf("%s:%s:%d", text, analysis.TokenTypeNames[res.Data[i+3]], res.Data[i+4]))
	}
	for _, want := range []string{
		"# syntax=docker/dockerfile:1:macro:0", "ARG:keyword:0", "BASE:variable:1", "${BASE}:variable:0",
		"AS:keyword:0", "build:class:1", "--mount:property:0", "type:property:0", "target:property:0",
		`\:operator:0`, "# build it:comment:0", "golang:1.23:namespace:0", "build:class:0", "MAINTAINER:keyword:4",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing token %s in %v", want, got)
		}
	}
}

func TestInlayHintsAndLinks(t *testing.T) {
	c, td := openFeatures(t)
	var hints []struct {
		Position lspPos
		Label    string
	}
	c.mustCall("textDocument/inlayHint", map[string]any{"textDocument": td, "range": map[string]any{"start": map[string]any{"line": 0, "character": 0}, "end": map[string]any{"line": 20, "character": 0}}}, &hints)
	labels := fmt.Sprint(hints)
	if !strings.Contains(labels, "{2 12} → alpine:3.20") || !strings.Contains(labels, "{3 8} = alpine:3.20") {
		t.Errorf("inlay hints: %s", labels)
	}
	var links []struct {
		Range  lspRange
		Target string
	}
	c.mustCall("textDocument/documentLink", map[string]any{"textDocument": td}, &links)
	targets := fmt.Sprint(links)
	for _, want := range []string{"https://hub.docker.com/_/golang", "https://example.com/x.tar.gz", "https://hub.docker.com/r/docker/dockerfile"} {
		if !strings.Contains(targets, want) {
			t.Errorf("links lack %s: %s", want, targets)
		}
	}
}

func TestSymbolsAndFolding(t *testing.T) {
	c, td := openFeatures(t)
	var syms []struct {
		Name     string
		Kind     int
		Children []struct{ Name string }
	}
	c.mustCall("textDocument/documentSymbol", map[string]any{"textDocument": td}, &syms)
	var names []string
	for _, s := range syms {
		var kids []string
		for _, k := range s.Children {
			kids = append(kids, k.Name)
		}
		names = append(names, s.Name+"("+strings.Join(kids, ",")+")")
	}
	if got, want := strings.Join(names, " "), "BASE() build(BASE,RUN) stage 1(COPY,ADD,MAINTAINER)"; got != want {
		t.Errorf("symbols = %s, want %s", got, want)
	}
	var folds []struct{ StartLine, EndLine int }
	c.mustCall("textDocument/foldingRange", map[string]any{"textDocument": td}, &folds)
	if got := fmt.Sprint(folds); !strings.Contains(got, "{2 6}") || !strings.Contains(got, "{5 6}") || !strings.Contains(got, "{7 10}") {
		t.Errorf("folding ranges: %s", got)
	}
}

func TestPlainTextHoverForClientsWithoutMarkdown(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"hover": map[string]any{"contentFormat": []string{"plaintext"}}}}})
	const uri = "file:///w/Dockerfile"
	c.open(uri, "FROM alpine\n")
	var h struct {
		Contents struct{ Kind, Value string }
	}
	c.mustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": 0, "character": 1}}, &h)
	if h.Contents.Kind != "plaintext" || strings.Contains(h.Contents.Value, "```") || strings.Contains(h.Contents.Value, "](") || !strings.Contains(h.Contents.Value, "FROM") {
		t.Fatalf("plain-text hover: %+v", h.Contents)
	}
}

func TestLinksToBuildContextFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module x\n"), 0o644)
	c := startServer(t)
	c.initialize(nil)
	uri := "file://" + filepath.ToSlash(filepath.Join(dir, "Dockerfile"))
	c.open(uri, "FROM alpine\nCOPY go.mod missing.txt /src/\nCOPY --from=alpine go.mod /x\n")
	var links []struct {
		Range  lspRange
		Target string
	}
	c.mustCall("textDocument/documentLink", map[string]any{"textDocument": map[string]any{"uri": uri}}, &links)
	var files []string
	for _, l := range links {
		if strings.HasPrefix(l.Target, "file://") {
			files = append(files, fmt.Sprintf("%d:%d %s", l.Range.Start.Line, l.Range.Start.Character, filepath.Base(l.Target)))
		}
	}
	if got := strings.Join(files, ","); got != "1:5 go.mod" {
		t.Errorf("context file links = %q, want only go.mod on line 1", got)
	}
}

func TestSelectionRangesGrowOutward(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	text := "FROM alpine AS base\nRUN --mount=type=cache,target=/x make\n"
	c.open(uri, text)
	type sel struct {
		Range  lspRange
		Parent *sel
	}
	var res []sel
	c.mustCall("textDocument/selectionRange", map[string]any{"textDocument": map[string]any{"uri": uri}, "positions": []any{map[string]any{"line": 1, "character": 19}}}, &res)
	lines := strings.Split(text, "\n")
	var got []string
	for s := &res[0]; s != nil; s = s.Parent {
		if s.Range.Start.Line == s.Range.End.Line {
			got = append(got, lines[s.Range.Start.Line][s.Range.Start.Character:s.Range.End.Character])
		} else {
			got = append(got, fmt.Sprintf("lines %d-%d", s.Range.Start.Line, s.Range.End.Line))
		}
	}
	want := "cache | type=cache | type=cache,target=/x | --mount=type=cache,target=/x | RUN --mount=type=cache,target=/x make | lines 0-1 | lines 0-2"
	if strings.Join(got, " | ") != want {
		t.Errorf("selection ranges:\n got %s\nwant %s", strings.Join(got, " | "), want)
	}
}

func TestWorkspaceSymbolsAcrossOpenDockerfiles(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	c.open("file:///w/api/Dockerfile", "FROM golang AS api-build\nFROM alpine AS api\n")
	c.open("file:///w/web/Dockerfile", "ARG NODE=22\nFROM node:$NODE AS web-build\n")
	for _, u := range []string{"file:///w/api/Dockerfile", "file:///w/web/Dockerfile"} {
		c.mustCall("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": u}}, nil)
	}
	var syms []struct{ Name string }
	c.mustCall("workspace/symbol", map[string]any{"query": "build"}, &syms)
	if got := fmt.Sprint(syms); got != "[{api-build} {web-build}]" {
		t.Errorf("workspace symbols for build: %s", got)
	}
}
