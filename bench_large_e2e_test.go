package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

// largeDocs are the inputs of issue 17, item 4: a RUN nesting ${aN:-…}
// 5,000 levels deep (hovered on its innermost operand) and a 10 MB file
// (hovered on its first line).
func largeDocs() []struct {
	name string
	text string
	at   lsptest.Position
} {
	var nested strings.Builder
	nested.WriteString("FROM alpine\nRUN echo ")
	for i := range 5000 {
		fmt.Fprintf(&nested, "${a%d:-", i)
	}
	inner := nested.Len() - len("FROM alpine\n")
	nested.WriteString("x" + strings.Repeat("}", 5000) + "\n")
	var big strings.Builder
	big.WriteString("FROM alpine AS base\n")
	for big.Len() < 10<<20 {
		big.WriteString("RUN echo 'a line of a very large generated Dockerfile' && true \\\n    && echo continued\n")
	}
	return []struct {
		name string
		text string
		at   lsptest.Position
	}{
		{"nested=5000", nested.String(), lsptest.Position{Line: 1, Character: inner}},
		{"size=10MB", big.String(), lsptest.Position{Line: 0, Character: 1}},
	}
}

// procCPU returns the CPU time (user and system) pid has used, in ms: a
// figure that, unlike wall time, does not grow with the machine's load.
func procCPU(b *testing.B, pid int) float64 {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// The fields after the command name (which may hold spaces): utime and
	// stime are the 12th and 13th, in clock ticks (100 per second on Linux).
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	utime, _ := strconv.Atoi(fields[11])
	stime, _ := strconv.Atoi(fields[12])
	return float64(utime+stime) * 10
}

// BenchmarkE2ELargeDocument opens each large document in a fresh server,
// with the client pulling diagnostics and with the server pushing them,
// and reports the first hover's wait (first-hover-ms), the time until the
// diagnostics arrive (diags-ms), the process's peak RSS (peak-RSS-MiB) and
// its CPU time (server-cpu-ms).
func BenchmarkE2ELargeDocument(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skipf("reads /proc/<pid>/status, which %s does not have", runtime.GOOS)
	}
	for _, doc := range largeDocs() {
		for _, mode := range []string{"pull", "push"} {
			b.Run(doc.name+"/"+mode, func(b *testing.B) {
				var hover, diags, peak, cpu []float64
				for b.Loop() {
					p := spawn(b)
					caps := map[string]any{"publishDiagnostics": map[string]any{"versionSupport": true}}
					if mode == "pull" {
						caps["diagnostic"] = map[string]any{}
					}
					p.MustCall("initialize", map[string]any{"processId": os.Getpid(), "capabilities": map[string]any{"textDocument": caps}}, nil)
					p.Notify("initialized", map[string]any{})
					const uri = "file:///bench/large/Dockerfile"
					start := time.Now()
					p.Open(uri, doc.text)
					p.MustCall("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": doc.at}, nil)
					hover = append(hover, ms(time.Since(start)))
					if mode == "pull" {
						p.MustCall("textDocument/diagnostic", map[string]any{"textDocument": map[string]any{"uri": uri}}, nil)
					} else {
						p.WaitDiagnostics(0, uri, 1)
					}
					diags = append(diags, ms(time.Since(start)))
					peak = append(peak, procStatus(b, p.cmd.Process.Pid)["VmHWM"])
					cpu = append(cpu, procCPU(b, p.cmd.Process.Pid))
					p.end()
				}
				b.ReportMetric(median(hover), "first-hover-ms")
				b.ReportMetric(median(diags), "diags-ms")
				b.ReportMetric(median(peak), "peak-RSS-MiB")
				b.ReportMetric(median(cpu), "server-cpu-ms")
			})
		}
	}
}

func median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
