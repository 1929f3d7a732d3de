package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The benchmark inputs live in ../testdata/bench: realistic.Dockerfile (a
// ~300-line hand-written multi-stage build) and large.Dockerfile (5,000 lines
// from testdata/bench/gen.go). See BENCHMARKS.md for the targets.

var benchInputs = []struct{ name, file string }{
	{"lines=300", "realistic.Dockerfile"},
	{"lines=5000", "large.Dockerfile"},
}

func benchText(b *testing.B, file string) string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "bench", file))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

// BenchmarkParse measures the lexer and stage model alone.
func BenchmarkParse(b *testing.B) {
	for _, in := range benchInputs {
		text := benchText(b, in.file)
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if d := Parse(text); len(d.Instructions()) == 0 {
					b.Fatal("no instructions")
				}
			}
		})
	}
}

// BenchmarkDiagnostics measures what a didOpen costs before publishing: a
// fresh parse plus BuildKit's parser and build checks plus our own rules.
func BenchmarkDiagnostics(b *testing.B) {
	for _, in := range benchInputs {
		text := benchText(b, in.file)
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				Parse(text).Diagnostics(nil, nil)
			}
		})
	}
}

// BenchmarkOurDiagnostics isolates our own rules and scopes from BuildKit's
// checks: the BuildKit part is computed once outside the loop, so each
// iteration is what a second Diagnostics call (e.g. from Hover) costs.
func BenchmarkOurDiagnostics(b *testing.B) {
	for _, in := range benchInputs {
		d := Parse(benchText(b, in.file))
		d.Diagnostics(nil, nil)
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d.Diagnostics(nil, nil)
			}
		})
	}
}

// benchOffset returns the offset of the first occurrence of pat at or after
// line from, plus delta. It fails the benchmark when pat is absent.
func benchOffset(b *testing.B, d *Document, from int, pat string, delta int) int {
	b.Helper()
	start := d.Lines.LineStart(from)
	i := strings.Index(d.Text[start:], pat)
	if i < 0 {
		b.Fatalf("%q not found after line %d", pat, from)
	}
	return start + i + delta
}

// benchLargeDoc parses the 5,000-line document and computes its diagnostics
// once, as the server has done by the time the user hovers or types.
func benchLargeDoc(b *testing.B) *Document {
	b.Helper()
	d := Parse(benchText(b, "large.Dockerfile"))
	if d.Lines.Count() < 5000 {
		b.Fatalf("large.Dockerfile has %d lines", d.Lines.Count())
	}
	d.Diagnostics(nil, nil)
	return d
}

// BenchmarkHover measures hover at typical spots in the middle of the
// already-parsed 5,000-line document.
func BenchmarkHover(b *testing.B) {
	d := benchLargeDoc(b)
	cases := []struct {
		name string
		off  int
	}{
		{"instruction", benchOffset(b, d, 2500, "\nFROM ", 2)},
		{"flag", benchOffset(b, d, 2500, "--mount=type=cache", 4)},
		{"mount-option", benchOffset(b, d, 2500, "sharing=locked", 2)},
		{"variable", benchOffset(b, d, 2500, "${GO_VERSION}", 4)},
		{"image", benchOffset(b, d, 2500, "golang:${GO_VERSION}", 2)},
		{"diagnostic", benchOffset(b, d, 2500, "WORKDIR opt/", 10)},
	}
	for _, c := range cases {
		if d.Hover(c.off, "en", nil, nil) == nil {
			b.Fatalf("%s: no hover at %d", c.name, c.off)
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d.Hover(c.off, "en", nil, nil)
			}
		})
	}
}

// BenchmarkComplete measures completion at typical spots in the middle of
// the already-parsed 5,000-line document.
func BenchmarkComplete(b *testing.B) {
	d := benchLargeDoc(b)
	cases := []struct {
		name string
		off  int
	}{
		{"instruction", benchOffset(b, d, 2500, "\n\n", 1)},             // start of an empty line
		{"flag", benchOffset(b, d, 2500, "RUN --mount", 6)},             // RUN --|mount
		{"mount-option", benchOffset(b, d, 2500, "--mount=type=", 13)},  // --mount=type=|cache
		{"variable", benchOffset(b, d, 2500, "${GO_VERSION}", 2)},       // ${|GO_VERSION}
		{"stage", benchOffset(b, d, 2500, "COPY --from=", 12)},          // --from=|stage
		{"argument", benchOffset(b, d, 2500, "\nHEALTHCHECK --", 13)},   // HEALTHCHECK |--interval
		{"comment-directive", benchOffset(b, d, 0, "# syntax=", 2)},     // #| syntax
		{"instruction-prefix", benchOffset(b, d, 2500, "\nCOPY --", 3)}, // CO|PY
	}
	for _, c := range cases {
		if len(d.Complete(c.off, CompletionOptions{Lang: "en"})) == 0 {
			b.Fatalf("%s: no completion at %d (%q)", c.name, c.off, d.Text[d.Lines.LineStart(d.Lines.LineOf(c.off)):c.off])
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d.Complete(c.off, CompletionOptions{Lang: "en", Snippets: true})
			}
		})
	}
}

// BenchmarkImageVarUses measures the highlight set of a variable only the
// base image sets ($GOPATH in golang stages), used on every fourth line of
// a generated file of 20,000 lines: each stage's declarations and image are
// read once, not once per use.
func BenchmarkImageVarUses(b *testing.B) {
	var sb strings.Builder
	for i := range 50 {
		fmt.Fprintf(&sb, "FROM golang:1.22 AS s%d\n", i)
		for j := range 100 {
			fmt.Fprintf(&sb, "ENV V%d=%d\nRUN echo $GOPATH/%d\nWORKDIR $GOPATH/src\nCOPY a /b\n", j, j, j)
		}
	}
	d := Parse(sb.String())
	off := strings.Index(d.Text, "$GOPATH") + 2
	if n := len(d.ImageVarUses(off, nil)); n != 100*2 {
		b.Fatalf("%d uses in the first stage, want 200", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		d.ImageVarUses(off, nil)
	}
}
