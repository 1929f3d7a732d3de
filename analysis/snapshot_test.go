package analysis

import (
	"slices"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/position"
)

func TestSnapshotChain(t *testing.T) {
	edit := func(s *Snapshot, line int, text string) *Snapshot {
		p := position.Pos{Line: line}
		return s.Apply([]position.Change{{Start: p, End: p, Text: text}}, position.UTF16)
	}
	v1 := NewSnapshot("FROM alpine AS a\rRUN x\nFROM a\n")
	if v1.BaseImages() != nil || v1.WorkspaceSymbols("") != nil {
		t.Fatal("facts over every document never parse one")
	}
	v1.Document()
	v2 := edit(v1, 3, "RUN y\n") // line 3 as editors count (2 for BuildKit); nobody asks for v2
	v3 := edit(v2, 4, "FROM debian\n")
	if v3.prev.Load() != v1 {
		t.Fatal("a version reuses the nearest analysed one, skipping those nobody looked at")
	}
	if got, want := v3.Text(), "FROM alpine AS a\rRUN x\nFROM a\nRUN y\nFROM debian\n"; got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
	if got, want := render(v3.Document()), render(Parse(v3.Text())); got != want {
		t.Fatalf("reparsed:\n%s\nparsed:\n%s", got, want)
	}
	if v3.prev.Load() != nil {
		t.Fatal("the chain is dropped once analysed")
	}
	if got := v3.BaseImages(); !slices.Equal(got, []string{"alpine", "debian"}) {
		t.Fatalf("BaseImages = %v", got)
	}
	if got := v3.WorkspaceSymbols("STAGE 2"); len(got) != 1 || got[0].Name != "stage 2" {
		t.Fatalf("WorkspaceSymbols(STAGE 2) = %v", got)
	}
}
