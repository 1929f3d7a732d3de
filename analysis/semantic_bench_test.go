package analysis

import (
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/position"
)

// BenchmarkSemanticTokens measures the tokens of a document: cold (a fresh
// parse, every RUN's shell parsed), and after a one-line edit in the middle
// of an analysed version (what a client asks for after each keystroke; the
// instructions before the edit and their shell parses are reused).
func BenchmarkSemanticTokens(b *testing.B) {
	for _, in := range benchInputs {
		text := benchText(b, in.file)
		b.Run("cold/"+in.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if len(Parse(text).SemanticTokens()) == 0 {
					b.Fatal("no tokens")
				}
			}
		})
		b.Run("edit/"+in.name, func(b *testing.B) {
			lines := strings.Count(text, "\n")
			at := position.Pos{Line: lines / 2}
			snap := NewSnapshot(text)
			snap.Document().SemanticTokens()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				// Insert and delete a comment line in turns, so the text stays bounded.
				var ch position.Change
				if i%2 == 0 {
					ch = position.Change{Start: at, End: at, Text: "# edit\n"}
				} else {
					ch = position.Change{Start: at, End: position.Pos{Line: at.Line + 1}}
				}
				i++
				snap = snap.Apply([]position.Change{ch}, position.UTF8)
				if len(snap.Document().SemanticTokens()) == 0 {
					b.Fatal("no tokens")
				}
			}
		})
	}
}
