package server

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/benchgen"
	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
	"github.com/dockerfile-ls/dockerfile-ls/internal/perf"
)

// manyDocs and manyLines are the many-documents scenario of issue 15: that
// many distinct documents of that many lines opened at once.
const manyDocs, manyLines = 200, 1000

// BenchmarkManyDocuments opens manyDocs documents of manyLines lines at
// once in a fresh in-process server each iteration, and waits for every
// one's full diagnostics, pushed or (pull) pulled by one
// textDocument/diagnostic per document: the scheduler's throughput without
// the process around it (bench_e2e_test.go has the process's figures).
func BenchmarkManyDocuments(b *testing.B) {
	texts := make([]string, manyDocs)
	for i := range texts {
		texts[i] = benchgen.Variant(manyLines, i)
	}
	for _, mode := range []struct {
		name string
		pull bool
	}{{"push", false}, {"pull", true}} {
		b.Run(mode.name, func(b *testing.B) {
			var wall []time.Duration
			for b.Loop() {
				b.StopTimer()
				s := startPerfServer(b, mode.pull)
				final := s.FinalCount("file:///bench/probe/Dockerfile", benchgen.Variant(manyLines, -1), 300*time.Millisecond)
				b.StartTimer()
				wall = append(wall, s.OpenAll("file:///bench/many/", texts, final, mode.pull))
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			latencies(wall).report(b)
		})
	}
}

// startPerfServer starts an in-process server with production options and
// initializes it as internal/perf's scenarios do.
func startPerfServer(b *testing.B, pull bool) *perf.Server {
	b.Helper()
	a, z := net.Pipe()
	srv := New(Options{Version: "bench"})
	done := make(chan error, 1)
	go func() { done <- srv.Serve(context.Background(), a) }()
	b.Cleanup(func() { <-done })
	s := &perf.Server{Client: lsptest.Start(b, z, lsptest.Options{Timeout: 5 * time.Minute}), TB: b, Versioned: true}
	s.Initialize(pull)
	return s
}
