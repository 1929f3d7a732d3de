package server

// In-process benchmarks: a client and the server over net.Pipe with real
// JSON-RPC framing (internal/lsptest), measuring what an editor waits
// for. Each reports its latency distribution as p50-ms and p95-ms; see
// BENCHMARKS.md at the repository root for the targets and the results.

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// benchClient is a JSON-RPC client (internal/lsptest) of an in-process
// server; the client records when each notification arrives.
type benchClient struct {
	*lsptest.Client
	next int // the note index waitPublish looks from
}

// startBenchServer starts a server with production options (the default
// debounce) and an initialized client with VS Code-like capabilities.
func startBenchServer(b *testing.B) *benchClient {
	b.Helper()
	a, z := net.Pipe()
	srv := New(Options{Version: "bench"})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background(), a) }()
	b.Cleanup(func() { <-done }) // runs after the client's cleanup closes the pipe
	c := &benchClient{Client: lsptest.Start(b, z, lsptest.Options{Timeout: time.Minute})}
	c.Initialize(map[string]any{"capabilities": map[string]any{
		"general": map[string]any{"positionEncodings": []string{"utf-8", "utf-16"}},
		"textDocument": map[string]any{
			"hover":      map[string]any{"contentFormat": []string{"markdown", "plaintext"}},
			"completion": map[string]any{"completionItem": map[string]any{"snippetSupport": true}},
		},
	}}, nil)
	return c
}

// waitPublish waits for the diagnostics of uri at version and returns when
// they arrived and how many there were.
func (c *benchClient) waitPublish(uri string, version int) (time.Time, int) {
	p := c.WaitDiagnostics(c.next, uri, version)
	c.next = p.Note.Index + 1
	c.Forget(c.next) // keep memory flat over long runs
	return p.Note.At, len(p.Diagnostics)
}

func benchFile(b *testing.B, name string) string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", name))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// latencies collects one duration per iteration and reports percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	s := slices.Clone(l)
	slices.Sort(s)
	pct := func(p int) float64 {
		i := (len(s)*p+99)/100 - 1 // nearest rank
		return float64(s[max(i, 0)]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(95), "p95-ms")
}

// positionOf is the LSP position (line, byte column) of the first pat at or
// after line from; the documents are ASCII, so bytes are characters.
func positionOf(b *testing.B, text string, from int, pat string, delta int) map[string]int {
	b.Helper()
	lines := strings.Split(text, "\n")
	for i := from; i < len(lines); i++ {
		if j := strings.Index(lines[i], pat); j >= 0 {
			return map[string]int{"line": i, "character": j + delta}
		}
	}
	b.Fatalf("%q not found after line %d", pat, from)
	return nil
}

// emptyLine is the start of the first empty line at or after line from.
func emptyLine(b *testing.B, text string, from int) map[string]int {
	b.Helper()
	for i, l := range strings.Split(text, "\n")[from:] {
		if l == "" {
			return map[string]int{"line": from + i, "character": 0}
		}
	}
	b.Fatalf("no empty line after line %d", from)
	return nil
}

// BenchmarkDidOpenDiagnostics measures didOpen → publishDiagnostics: decode,
// parse, BuildKit's checks, our rules, conversion and the write, for a new
// document each iteration.
func BenchmarkDidOpenDiagnostics(b *testing.B) {
	for _, in := range []struct{ name, file string }{
		{"lines=300", "realistic.Dockerfile"},
		{"lines=5000", "large.Dockerfile"},
	} {
		text := benchFile(b, in.file)
		b.Run(in.name, func(b *testing.B) {
			c := startBenchServer(b)
			var lat latencies
			i := 0
			for b.Loop() {
				uri := fmt.Sprintf("file:///bench/%d/Dockerfile", i)
				i++
				start := time.Now()
				c.Open(uri, text)
				at, _ := c.waitPublish(uri, 1)
				lat = append(lat, at.Sub(start))
				c.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
			}
			lat.report(b)
		})
	}
}

// openLarge opens the 5,000-line document and waits for its diagnostics, so
// that the requests measured next do not share the CPU with them.
func openLarge(b *testing.B, c *benchClient) (uri, text string) {
	b.Helper()
	uri, text = "file:///bench/large/Dockerfile", benchFile(b, "large.Dockerfile")
	c.Open(uri, text)
	c.waitPublish(uri, 1)
	return uri, text
}

// BenchmarkHoverRoundTrip measures a hover request on a FROM keyword in the
// middle of the open 5,000-line document.
func BenchmarkHoverRoundTrip(b *testing.B) {
	c := startBenchServer(b)
	uri, text := openLarge(b, c)
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": positionOf(b, text, 2500, "FROM ", 1)}
	var lat latencies
	for b.Loop() {
		var res struct {
			Contents struct {
				Value string `json:"value"`
			} `json:"contents"`
		}
		start := time.Now()
		c.MustCall("textDocument/hover", params, &res)
		lat = append(lat, time.Since(start))
		if res.Contents.Value == "" {
			b.Fatal("empty hover")
		}
	}
	lat.report(b)
}

// BenchmarkCompletionRoundTrip measures completion requests on the open
// 5,000-line document without edits: instruction keywords at the start of
// an empty line, and stage names after COPY --from=.
func BenchmarkCompletionRoundTrip(b *testing.B) {
	for _, tc := range []struct{ name, pat string }{
		{"instruction", ""}, // the start of the first empty line after line 2500
		{"stage", "COPY --from="},
	} {
		b.Run(tc.name, func(b *testing.B) {
			c := startBenchServer(b)
			uri, text := openLarge(b, c)
			pos := emptyLine(b, text, 2500)
			if tc.pat != "" {
				pos = positionOf(b, text, 2500, tc.pat, len(tc.pat))
			}
			params := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos}
			var lat latencies
			for b.Loop() {
				var list struct {
					Items []json.RawMessage `json:"items"`
				}
				start := time.Now()
				c.MustCall("textDocument/completion", params, &list)
				lat = append(lat, time.Since(start))
				if len(list.Items) == 0 {
					b.Fatal("no completion items")
				}
			}
			lat.report(b)
		})
	}
}

// BenchmarkTypingCompletion measures what a keystroke costs in the 5,000-line
// document: an incremental didChange inserting one character on an empty
// line in the middle, then a completion request at the new cursor. Each
// edit makes a new snapshot, so the completion re-parses the document.
func BenchmarkTypingCompletion(b *testing.B) {
	c := startBenchServer(b)
	uri, text := openLarge(b, c)
	const typed = "RUN --mount=type=cache,target=/root/.cache go build ./...\n"
	pos := emptyLine(b, text, 2500)
	line, col, version, k := pos["line"], 0, 1, 0
	var lat latencies
	for b.Loop() {
		ch := typed[k%len(typed)]
		k++
		version++
		here := map[string]int{"line": line, "character": col}
		if ch == '\n' {
			line, col = line+1, 0
		} else {
			col++
		}
		start := time.Now()
		c.Notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": version},
			"contentChanges": []any{map[string]any{"range": map[string]any{"start": here, "end": here}, "text": string(ch)}},
		})
		var list struct {
			Items []json.RawMessage `json:"items"`
		}
		c.MustCall("textDocument/completion", map[string]any{
			"textDocument": map[string]any{"uri": uri},
			"position":     map[string]int{"line": line, "character": col},
		}, &list)
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
}
