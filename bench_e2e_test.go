package main

// End-to-end benchmarks: the binary built by TestMain (e2e_test.go), spawned
// per benchmark and driven over a real stdio pipe. Latencies are reported as
// p50-ms/p95-ms, memory as MiB of the server process; see BENCHMARKS.md.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/internal/lsptest"
)

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

func benchDoc(b *testing.B, name string) string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "bench", name))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// end shuts the server down the way editors do: shutdown, exit, then close
// the pipes and reap the process.
func (p *lspProc) end() {
	p.tb.Helper()
	p.MustCall("shutdown", nil, nil)
	p.Notify("exit", nil)
	p.stop()
}

// BenchmarkE2ESpawnInitialize measures spawn → initialize response: process
// start, Go runtime and package initialization, and the handshake.
func BenchmarkE2ESpawnInitialize(b *testing.B) {
	var lat latencies
	for b.Loop() {
		start := time.Now()
		p := spawn(b)
		p.initialize("utf-8")
		lat = append(lat, time.Since(start))
		b.StopTimer()
		p.end()
		b.StartTimer()
	}
	lat.report(b)
}

// BenchmarkE2EDidOpenDiagnostics measures didOpen → publishDiagnostics over
// the pipe, a new document each iteration.
func BenchmarkE2EDidOpenDiagnostics(b *testing.B) {
	for _, in := range []struct{ name, file string }{
		{"lines=300", "realistic.Dockerfile"},
		{"lines=5000", "large.Dockerfile"},
	} {
		text := benchDoc(b, in.file)
		b.Run(in.name, func(b *testing.B) {
			p := spawn(b)
			p.initialize("utf-8")
			var lat latencies
			i, seen := 0, 0
			for b.Loop() {
				uri := fmt.Sprintf("file:///bench/%d/Dockerfile", i)
				i++
				start := time.Now()
				p.Open(uri, text)
				pub := p.WaitDiagnostics(seen, uri, 1)
				seen = pub.Note.Index + 1
				p.Forget(seen)
				lat = append(lat, pub.Note.At.Sub(start))
				p.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
			}
			lat.report(b)
			p.end()
		})
	}
}

// openLargeE2E spawns a server and opens the 5,000-line document, waiting
// for its diagnostics so that they do not compete with what is measured.
func openLargeE2E(b *testing.B) (p *lspProc, uri, text string) {
	b.Helper()
	p = spawn(b)
	p.initialize("utf-8")
	uri, text = "file:///bench/large/Dockerfile", benchDoc(b, "large.Dockerfile")
	p.Open(uri, text)
	p.WaitDiagnostics(0, uri, 1)
	return p, uri, text
}

// lineOf is the 0-based line of the first pat at or after line from, and
// the byte column just after it.
func lineOf(b *testing.B, text string, from int, pat string) (int, int) {
	b.Helper()
	for i, l := range strings.Split(text, "\n")[from:] {
		if j := strings.Index(l, pat); j >= 0 && (pat != "" || l == "") {
			return from + i, j + len(pat)
		}
	}
	b.Fatalf("%q not found after line %d", pat, from)
	return 0, 0
}

// BenchmarkE2EHover measures a hover round trip on a FROM keyword in the
// middle of the 5,000-line document.
func BenchmarkE2EHover(b *testing.B) {
	p, uri, text := openLargeE2E(b)
	line, _ := lineOf(b, text, 2500, "FROM ")
	params := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lsptest.Position{Line: line, Character: 1}}
	var lat latencies
	for b.Loop() {
		var h struct {
			Contents struct {
				Value string `json:"value"`
			} `json:"contents"`
		}
		start := time.Now()
		p.MustCall("textDocument/hover", params, &h)
		lat = append(lat, time.Since(start))
		if h.Contents.Value == "" {
			b.Fatal("empty hover")
		}
	}
	lat.report(b)
	p.end()
}

// BenchmarkE2ECompletion measures completion round trips in the middle of
// the 5,000-line document: instructions at the start of an empty line, and
// stage names after COPY --from=.
func BenchmarkE2ECompletion(b *testing.B) {
	for _, tc := range []struct{ name, pat string }{
		{"instruction", ""},
		{"stage", "COPY --from="},
	} {
		b.Run(tc.name, func(b *testing.B) {
			p, uri, text := openLargeE2E(b)
			line, col := lineOf(b, text, 2500, tc.pat)
			params := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": lsptest.Position{Line: line, Character: col}}
			var lat latencies
			for b.Loop() {
				var list struct {
					Items []json.RawMessage `json:"items"`
				}
				start := time.Now()
				p.MustCall("textDocument/completion", params, &list)
				lat = append(lat, time.Since(start))
				if len(list.Items) == 0 {
					b.Fatal("no completion items")
				}
			}
			lat.report(b)
			p.end()
		})
	}
}

// idleSettle is how long the server is left alone before its RSS is read.
const idleSettle = time.Second

// BenchmarkE2EIdleRSS measures the resident memory of the server process
// after initialize and didOpen of the 300-line file, once its diagnostics
// are published and it has been idle for idleSettle. It reports the median
// over iterations (one process each) as idle-RSS-MiB, split into
// anon-RSS-MiB (heap, stacks: the server's own memory) and file-RSS-MiB
// (clean pages of the executable, shared with the page cache), and the peak
// RSS (VmHWM) as peak-RSS-MiB.
func BenchmarkE2EIdleRSS(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skipf("reads /proc/<pid>/status, which %s does not have", runtime.GOOS)
	}
	text := benchDoc(b, "realistic.Dockerfile")
	var idle, anon, file, peak []float64
	for b.Loop() {
		p := spawn(b)
		p.initialize("utf-8")
		p.Open("file:///bench/realistic/Dockerfile", text)
		p.WaitDiagnostics(0, "file:///bench/realistic/Dockerfile", 1)
		b.StopTimer()
		time.Sleep(idleSettle)
		st := procStatus(b, p.cmd.Process.Pid)
		idle = append(idle, st["VmRSS"])
		anon = append(anon, st["RssAnon"])
		file = append(file, st["RssFile"])
		peak = append(peak, st["VmHWM"])
		p.end()
		b.StartTimer()
	}
	b.ReportMetric(median(idle), "idle-RSS-MiB")
	b.ReportMetric(median(anon), "anon-RSS-MiB")
	b.ReportMetric(median(file), "file-RSS-MiB")
	b.ReportMetric(median(peak), "peak-RSS-MiB")
}

// procStatus reads the kB fields of /proc/<pid>/status, in MiB.
func procStatus(b *testing.B, pid int) map[string]float64 {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	out := map[string]float64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		v = strings.TrimSpace(v)
		if !ok || !strings.HasSuffix(v, " kB") {
			continue
		}
		if n, err := strconv.ParseFloat(strings.TrimSuffix(v, " kB"), 64); err == nil {
			out[k] = n / 1024
		}
	}
	if _, ok := out["VmRSS"]; !ok {
		b.Fatalf("no VmRSS in /proc/%d/status", pid)
	}
	return out
}

// BenchmarkE2ENullRoundTrip is the floor under the other request
// benchmarks: a hover on a document that is not open, which the server
// answers with null without analysis.
func BenchmarkE2ENullRoundTrip(b *testing.B) {
	p := spawn(b)
	p.initialize("utf-8")
	params := map[string]any{"textDocument": map[string]any{"uri": "file:///bench/not-open"}, "position": lsptest.Position{Line: 0, Character: 0}}
	var lat latencies
	for b.Loop() {
		start := time.Now()
		p.MustCall("textDocument/hover", params, nil)
		lat = append(lat, time.Since(start))
	}
	lat.report(b)
	p.end()
}
