package analysis

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Inputs that once made the server super-linear (issue 17, item 4):
// variable references nested thousands of levels deep, and a 10 MB file.

// nestedVars is a RUN whose argument nests ${aN:-…} depth levels deep.
func nestedVars(depth int) (text string, inner int) {
	var b strings.Builder
	b.WriteString("FROM alpine\nRUN echo ")
	for i := range depth {
		fmt.Fprintf(&b, "${a%d:-", i)
	}
	inner = b.Len()
	b.WriteString("x" + strings.Repeat("}", depth) + "\n")
	return b.String(), inner
}

// tenMegabytes is a 10 MB file of RUN instructions with continuations.
func tenMegabytes() string {
	var b strings.Builder
	b.WriteString("FROM alpine AS base\n")
	for b.Len() < 10<<20 {
		b.WriteString("RUN echo 'a line of a very large generated Dockerfile' && true \\\n    && echo continued\n")
	}
	return b.String()
}

// BenchmarkNestedVars measures a fresh document's first hover on the
// innermost operand and its diagnostics, by nesting depth: both should
// grow linearly.
func BenchmarkNestedVars(b *testing.B) {
	for _, depth := range []int{500, 5000} {
		text, inner := nestedVars(depth)
		b.Run(fmt.Sprintf("hover/depth=%d", depth), func(b *testing.B) {
			defer reportCPU(b)()
			b.ReportAllocs()
			for b.Loop() {
				Parse(text).Hover(inner, "en", nil)
			}
		})
		b.Run(fmt.Sprintf("diagnostics/depth=%d", depth), func(b *testing.B) {
			defer reportCPU(b)()
			b.ReportAllocs()
			for b.Loop() {
				Parse(text).Diagnostics(nil)
			}
		})
	}
}

// BenchmarkTenMegabytes measures a 10 MB file: the first hover (line 1),
// lexing all of it, and its diagnostics. live-MiB is the heap the
// document holds afterwards, diagnostics included.
func BenchmarkTenMegabytes(b *testing.B) {
	text := tenMegabytes()
	b.Run("first-hover", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			Parse(text).Hover(1, "en", nil)
		}
	})
	b.Run("hover-while-lexing-all", func(b *testing.B) {
		defer reportCPU(b)()
		// What an editor sees when diagnostics start lexing the whole file
		// just before its first hover.
		for b.Loop() {
			b.StopTimer()
			d := Parse(text)
			done := make(chan struct{})
			go func() { d.Instructions(); close(done) }()
			time.Sleep(5 * time.Millisecond) // let the lexer start
			b.StartTimer()
			d.Hover(1, "en", nil)
			b.StopTimer()
			<-done
			b.StartTimer()
		}
	})
	b.Run("lex-all", func(b *testing.B) {
		defer reportCPU(b)()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Parse(text).Instructions()
		}
	})
	b.Run("diagnostics", func(b *testing.B) {
		defer reportCPU(b)()
		b.SetBytes(int64(len(text)))
		var live uint64
		for b.Loop() {
			before := liveHeap()
			d := Parse(text)
			d.Diagnostics(nil)
			live = liveHeap() - before
			runtime.KeepAlive(d)
		}
		b.ReportMetric(float64(live)/(1<<20), "live-MiB")
	})
}

// reportCPU reports the process's CPU time per iteration (cpu-ms/op), a
// figure that, unlike ns/op, does not grow with the machine's load. Call
// it before the loop and call the function it returns after.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op") }
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
