package server

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// The acceptance scenario: each problem arrives as its BuildKit rule with a
// token-exact range.
const acceptanceDockerfile = `FROM --platform=linux/amd64 alpine:3.20 as build
MAINTAINER someone@example.com
ENV key value
WORKDIR app
CMD echo hi
FROM alpine:3.20 AS build
LABEL x="日本語 🐳" y=z
`

func TestPublishedDiagnosticsAreTokenExact(t *testing.T) {
	type want struct {
		code             string
		line, start, end int
	}
	wants := []want{
		{"FromPlatformFlagConstDisallowed", 0, 16, 27},
		{"FromAsCasing", 0, 40, 42},
		{"MaintainerDeprecated", 1, 0, 10},
		{"SecretsUsedInArgOrEnv", 2, 4, 7},
		{"LegacyKeyValueFormat", 2, 4, 13},
		{"WorkdirRelativePath", 3, 8, 11},
		{"JSONArgsRecommended", 4, 4, 11},
		{"DuplicateStageName", 5, 20, 25},
	}
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, acceptanceDockerfile)
	p := c.WaitDiagnostics(0, uri, 1)
	if len(p.Diagnostics) != len(wants) {
		for _, d := range p.Diagnostics {
			t.Logf("got %s %+v %q", d.Code, d.Range, d.Message)
		}
		t.Fatalf("got %d diagnostics, want %d", len(p.Diagnostics), len(wants))
	}
	for _, w := range wants {
		found := false
		for _, d := range p.Diagnostics {
			if d.Code != w.code {
				continue
			}
			found = true
			r := d.Range
			if r.Start.Line != w.line || r.End.Line != w.line || r.Start.Character != w.start || r.End.Character != w.end {
				t.Errorf("%s at %+v, want line %d chars %d-%d", w.code, r, w.line, w.start, w.end)
			}
			if d.Severity != 2 || d.Source != "buildkit" || d.CodeDescription.Href == "" {
				t.Errorf("%s: severity %d source %q href %q", w.code, d.Severity, d.Source, d.CodeDescription.Href)
			}
		}
		if !found {
			t.Errorf("missing %s", w.code)
		}
	}
}

func TestDiagnosticsUseTheNegotiatedEncoding(t *testing.T) {
	doc := "FROM alpine\nLABEL x=\"日本語 🐳\" \\\n  y=z\nENV a b\n"
	for _, tc := range []struct {
		enc        string
		start, end int // of "a b" on line 3 is ASCII; check the LABEL-free line and one after wide chars
	}{
		{"utf-16", 4, 7},
		{"utf-8", 4, 7},
	} {
		c := startServer(t)
		c.initialize(map[string]any{"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{tc.enc}}}})
		c.Open("file:///w/Dockerfile", doc)
		p := c.WaitDiagnostics(0, "file:///w/Dockerfile", 1)
		for _, d := range p.Diagnostics {
			if d.Code == "LegacyKeyValueFormat" && (d.Range.Start.Line != 3 || d.Range.Start.Character != tc.start || d.Range.End.Character != tc.end) {
				t.Errorf("%s: %+v", tc.enc, d.Range)
			}
		}
	}
	// A token after wide characters: utf-16 counts 🐳 as 2 units, utf-8 as 4 bytes.
	doc2 := "FROM alpine\nLABEL x=\"日本語 🐳\" \nWORKDIR 日本/🐳\n"
	for _, tc := range []struct {
		enc string
		end int
	}{{"utf-16", 8 + 5}, {"utf-8", 8 + 6 + 1 + 4}, {"utf-32", 8 + 4}} {
		c := startServer(t)
		c.initialize(map[string]any{"capabilities": map[string]any{"general": map[string]any{"positionEncodings": []string{tc.enc}}}})
		c.Open("file:///w/Dockerfile", doc2)
		p := c.WaitDiagnostics(0, "file:///w/Dockerfile", 1)
		ok := false
		for _, d := range p.Diagnostics {
			if d.Code == "WorkdirRelativePath" {
				ok = d.Range.Start.Character == 8 && d.Range.End.Character == tc.end
				if !ok {
					t.Errorf("%s: WorkdirRelativePath at %+v, want 8-%d", tc.enc, d.Range, tc.end)
				}
			}
		}
		if !ok {
			t.Errorf("%s: no WorkdirRelativePath", tc.enc)
		}
	}
}

func TestDiagnosticsFollowEditsAndClearOnClose(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\nMAINTAINER me\n")
	if p := c.WaitDiagnostics(0, uri, 1); len(p.Diagnostics) != 1 {
		t.Fatalf("v1: %+v", p.Diagnostics)
	}
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 2},
		"contentChanges": []any{map[string]any{"text": "FROM alpine\nLABEL maintainer=me\n"}},
	})
	if p := c.WaitDiagnostics(0, uri, 2); len(p.Diagnostics) != 0 {
		t.Fatalf("v2: %+v", p.Diagnostics)
	}
	c.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri, "version": 3},
		"contentChanges": []any{map[string]any{"text": "FROM alpine\nRUN --nope x\nFORM y\n"}},
	})
	p := c.WaitDiagnostics(0, uri, 3)
	codes := map[string]int{}
	for _, d := range p.Diagnostics {
		codes[d.Code] = d.Severity
	}
	if codes["UnknownFlag"] != 1 || codes["UnknownInstruction"] != 1 {
		t.Fatalf("both errors must be reported, not only the first: %+v", p.Diagnostics)
	}
	c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if cleared := c.WaitCleared(0, uri); len(cleared.Diagnostics) != 0 {
		t.Fatalf("close must clear diagnostics: %+v", cleared)
	}
}

func TestPullDiagnostics(t *testing.T) {
	c := startServer(t)
	c.initialize(map[string]any{"capabilities": map[string]any{"textDocument": map[string]any{"diagnostic": map[string]any{}}}})
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\nMAINTAINER me\n")
	var rep struct {
		Kind     string               `json:"kind"`
		ResultID string               `json:"resultId"`
		Items    []lsptest.Diagnostic `json:"items"`
	}
	c.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, &rep)
	if rep.Kind != "full" || len(rep.Items) != 1 || rep.Items[0].Code != "MaintainerDeprecated" {
		t.Fatalf("pull report: %+v", rep)
	}
	for _, n := range c.Notes() {
		if n.Method == "textDocument/publishDiagnostics" {
			t.Fatalf("a pull client must not also get pushed diagnostics: %s", n.Params)
		}
	}
}

func TestTurningDiagnosticsOffClearsThem(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine\nMAINTAINER me\n")
	if p := c.WaitDiagnostics(0, uri, 1); len(p.Diagnostics) != 1 {
		t.Fatalf("v1: %+v", p.Diagnostics)
	}
	c.Notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"dockerfile-ls": map[string]any{"diagnostics": false}}})
	if cleared := c.WaitCleared(0, uri); len(cleared.Diagnostics) != 0 {
		t.Fatalf("turning diagnostics off must clear them: %+v", cleared)
	}
}

// A .dockerignore change (reported by the client's file watcher, which the
// server registers) re-runs the checks that depend on it.
func TestDockerignoreChangeRepublishes(t *testing.T) {
	dir := t.TempDir()
	c := startServer(t)
	c.initialize(map[string]any{"capabilities": map[string]any{"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}}}})
	c.WaitNote(0, "client/registerCapability", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), "**/.dockerignore")
	})
	uri := "file://" + filepath.ToSlash(filepath.Join(dir, "Dockerfile"))
	c.Open(uri, "FROM alpine\nCOPY secret.env /app/\n")
	if p := c.WaitDiagnostics(0, uri, 1); len(p.Diagnostics) != 0 {
		t.Fatalf("before .dockerignore: %+v", p.Diagnostics)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte("secret.env\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file://" + filepath.ToSlash(filepath.Join(dir, ".dockerignore")), "type": 1}}})
	c.WaitNote(0, "textDocument/publishDiagnostics", func(raw json.RawMessage) bool {
		return strings.Contains(string(raw), "CopyIgnoredFile")
	})
}

func TestCRLFDocument(t *testing.T) {
	c := startServer(t)
	c.initialize(nil)
	const uri = "file:///w/Dockerfile"
	c.Open(uri, "FROM alpine as base\r\nRUN echo a \\\r\n    && echo b\r\nWORKDIR app\r\n")
	p := c.WaitDiagnostics(0, uri, 1)
	want := map[string]lsptest.Range{
		"FromAsCasing":        lsptest.NewRange(0, 12, 0, 14),
		"WorkdirRelativePath": lsptest.NewRange(3, 8, 3, 11),
	}
	if len(p.Diagnostics) != len(want) {
		t.Fatalf("diagnostics: %+v", p.Diagnostics)
	}
	for _, d := range p.Diagnostics {
		if d.Range != want[d.Code] {
			t.Errorf("%s at %+v, want %+v", d.Code, d.Range, want[d.Code])
		}
	}
}
