package analysis

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
)

// render is everything observable about a document's structure.
func render(d *Document) string {
	var b strings.Builder
	b.WriteString(tokens(d))
	for _, st := range d.Stages() {
		parent := ""
		if st.Parent != nil {
			parent = st.Parent.Ref()
		}
		fmt.Fprintf(&b, "stage %d %q %q parent=%q n=%d\n", st.Index, st.Name, st.Image, parent, len(st.Instructions))
	}
	for _, c := range d.Comments() {
		fmt.Fprintf(&b, "comment %v\n", c.Span)
	}
	for _, g := range d.GlobalArgs() {
		fmt.Fprintf(&b, "global %v\n", g.Span)
	}
	return b.String()
}

// TestReparseMatchesParse: after random edits, reusing the previous
// version's lexing gives exactly what a fresh parse gives, including when
// the previous version was only partly lexed.
func TestReparseMatchesParse(t *testing.T) {
	inputs := []string{
		"# syntax=docker/dockerfile:1\nARG A=1\nFROM alpine AS base\nRUN a \\\n  b\n# c\nRUN <<EOF\nx\nEOF\nFROM base\nCOPY --from=base a b\n",
	}
	if files, err := os.ReadDir("../../shared/corpus/docker-library__golang"); err == nil {
		for _, f := range files[:min(5, len(files))] {
			if b, err := os.ReadFile("../../shared/corpus/docker-library__golang/" + f.Name()); err == nil {
				inputs = append(inputs, string(b))
			}
		}
	} else {
		t.Log("../shared/corpus (the developers' real-world Dockerfiles, beside the checkout) is absent: reparsing only the built-in input")
	}
	pieces := []string{"\n", "RUN x\n", " \\\n", "#", "FROM y AS z\n", "<<EOF\n", "EOF\n", "a", " ", "\"", "ARG Q=1\n", "\r\n", "\r"}
	rng := rand.New(rand.NewSource(7))
	for i, text := range inputs {
		prev := Parse(text)
		for step := 0; step < 300; step++ {
			// Sometimes the previous version was only partly lexed.
			prev.through(rng.Intn(prev.Lines.Count() + 1))
			a := rng.Intn(len(text) + 1)
			b := min(len(text), a+rng.Intn(8))
			next := text[:a] + pieces[rng.Intn(len(pieces))] + text[b:]
			re := reparse(prev, next, nil)
			if got, want := render(re), render(Parse(next)); got != want {
				t.Fatalf("input %d step %d: reparse differs from Parse for %q\n got %s\nwant %s", i, step, next, got, want)
			}
			text, prev = next, re
		}
	}
}
