package main

import (
	"runtime"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/benchgen"
	"github.com/dockerfile-ls/dockerfile-ls/internal/perf"
)

// BenchmarkE2EManyDocuments is issue 15's scenario on the built binary:
// 200 distinct 1,000-line documents opened at once and every one's full
// diagnostics awaited, pushed or (pull) pulled, a fresh process each
// iteration. It reports the wall time (all-ms), the server's CPU time over
// it (cpu-ms), its RSS 1.5 s later with the documents open (rss-MiB) and
// its peak RSS (peak-RSS-MiB), medians over iterations. tools/perf runs the
// same scenario (internal/perf) side by side with the incumbent server.
func BenchmarkE2EManyDocuments(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skipf("reads /proc/<pid>, which %s does not have", runtime.GOOS)
	}
	const docs, lines = 200, 1000
	texts := make([]string, docs)
	for i := range texts {
		texts[i] = benchgen.Variant(lines, i)
	}
	for _, mode := range []struct {
		name string
		pull bool
	}{{"push", false}, {"pull", true}} {
		b.Run(mode.name, func(b *testing.B) {
			var wall, cpu, rss, peak []float64
			for b.Loop() {
				b.StopTimer()
				s := perf.Spawn(b, true, binPath, "--stdio")
				s.Initialize(mode.pull)
				final := s.FinalCount("file:///bench/probe/Dockerfile", benchgen.Variant(lines, -1), 300*time.Millisecond)
				cpu0, err := perf.CPU(s.PID)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				d := s.OpenAll("file:///bench/many/", texts, final, mode.pull)
				b.StopTimer()
				cpu1, _ := perf.CPU(s.PID)
				time.Sleep(1500 * time.Millisecond) // the idle trim may run
				st, err := perf.Status(s.PID)
				if err != nil {
					b.Fatal(err)
				}
				wall = append(wall, float64(d)/float64(time.Millisecond))
				cpu = append(cpu, float64(cpu1-cpu0)/float64(time.Millisecond))
				rss = append(rss, st["VmRSS"])
				peak = append(peak, st["VmHWM"])
				b.StartTimer()
			}
			b.ReportMetric(median(wall), "all-ms")
			b.ReportMetric(median(cpu), "cpu-ms")
			b.ReportMetric(median(rss), "rss-MiB")
			b.ReportMetric(median(peak), "peak-RSS-MiB")
		})
	}
}
