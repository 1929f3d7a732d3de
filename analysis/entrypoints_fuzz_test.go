package analysis_test

// Fuzz targets for every public entry point of the analysis package, at
// every offset of the document. They check what must hold for any text:
// nothing panics or hangs, every span returned lies inside the document,
// spans that must nest or be ordered are, and the same text gives the same
// answers. Formatting is left out while its API is being rewritten.

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/analysis"
)

// fuzzSeeds are short documents that once broke something, or that cover
// a corner of the lexer each.
var fuzzSeeds = []string{
	"", "\n", "FROM", "FROM a\nN\n", "FROM a\nR\n", "  RUN echo $HOME\n", "FROM alpine\rRUN echo hi\n",
	"FROM alpine\r\nRUN echo a \\\r\n    && echo b\r\n", "\ufeff# syntax=docker/dockerfile:1\nFROM a\n",
	"# escape=`\nFROM a\nRUN dir `\n  c:\\\n", "ARG A=1\nFROM ${A:-${B:-x}} AS b\nCOPY --from=b / /\n",
	"FROM a AS b\nRUN --mount=type=cache,target=/x,sharing=locked echo ${X:+y}\n",
	"FROM a\nCOPY <<EOF <<-'E2' /x\n$HOME\nEOF\n\tz\n\tE2\n", "FROM a\nRUN <<EOF\nif then\nEOF\n",
	"FROM a\nONBUILD RUN echo x\nHEALTHCHECK --interval=30s CMD [\"a\", \"b\"]\n", "FROM a\nCMD [\"a\"\n",
	"FROM a\nENV A=1 B=\"2 3\" \\\n\n# c\n  C=4\n", "FROM a\nRUN echo ${a:-${b:-${c:-${d}}}}\n",
	"FROM a\nEXPOSE 80/TCP\nUSER 1:2\nWORKDIR rel\nMAINTAINER me\nSTOPSIGNAL 9\n", "FROM --platform=$BUILDPLATFORM a\n",
	"FROM a\nLABEL \"k\"=\"v\" é=日本 😀=x\n", "FROM a\nADD --checksum=sha256:0 https://x/y /z\n", "RUN \\",
	"FROM a\nRUN echo '${unterminated\n", "${", "FROM a\nARG\nENV\nCOPY\n", "FROM a\nSHELL [\"pwsh\"]\nRUN x\n",
}

// addSeeds adds the inline seeds and, when fuzzing (not in a plain go test
// run, which executes every seed), the real-world Dockerfiles of
// ../shared/corpus where it exists.
func addSeeds(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	if fl := flag.Lookup("test.fuzz"); fl == nil || fl.Value.String() == "" {
		return
	}
	dir := filepath.Join("..", "..", "shared", "corpus")
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && e.Name() != "SOURCES.tsv" && e.Name() != "README.md" {
			if b, err := os.ReadFile(p); err == nil && len(b) < 4<<10 { // larger ones slow the fuzzer down
				f.Add(string(b))
			}
		}
		return nil
	})
}

// watchdog turns a hang into a failure that shows where.
func watchdog(name, s string) *time.Timer {
	return time.AfterFunc(20*time.Second, func() {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		panic(fmt.Sprintf("%s stuck on %q:\n%s", name, s, buf[:n]))
	})
}

// offsets are the cursor positions tried: every one for texts up to 512
// bytes, 64 spread over longer ones (both ends included), so long inputs
// do not slow the fuzzer to a crawl. Offsets outside the text are
// not part of the API (the server clamps positions before asking).
func offsets(s string) []int {
	var out []int
	step := 1
	if len(s) > 512 {
		step = len(s) / 64
	}
	for i := 0; i <= len(s); i += step {
		out = append(out, i)
	}
	return append(out, len(s))
}

type checker struct {
	t    *testing.T
	text string
}

func (c checker) span(what string, sp analysis.Span) {
	c.t.Helper()
	if sp.Start < 0 || sp.End > len(c.text) || sp.Start > sp.End {
		c.t.Fatalf("%s: span %v outside the %d-byte text %q", what, sp, len(c.text), c.text)
	}
}

// edits checks edits are inside the text and do not overlap.
func (c checker) edits(what string, edits []analysis.TextEdit) {
	c.t.Helper()
	for i, e := range edits {
		c.span(what, e.Span)
		for _, o := range edits[:i] {
			if e.Span.Start < o.Span.End && o.Span.Start < e.Span.End {
				c.t.Fatalf("%s: edits %v and %v overlap in %q", what, o.Span, e.Span, c.text)
			}
		}
	}
}

func (c checker) symbols(syms []analysis.Symbol, parent analysis.Span) {
	c.t.Helper()
	for _, s := range syms {
		c.span("symbol "+s.Name, s.Span)
		c.span("symbol name "+s.Name, s.NameSpan)
		if s.NameSpan.Start < s.Span.Start || s.NameSpan.End > s.Span.End {
			c.t.Fatalf("symbol %q: name %v outside %v in %q", s.Name, s.NameSpan, s.Span, c.text)
		}
		if parent.End > 0 && (s.Span.Start < parent.Start || s.Span.End > parent.End) {
			c.t.Fatalf("symbol %q: %v outside its parent %v in %q", s.Name, s.Span, parent, c.text)
		}
		c.symbols(s.Children, s.Span)
	}
}

// FuzzPositionFeatures calls every feature that takes a cursor at every
// offset: hover, completion, signature help, definition, references,
// highlights, rename (prepare and do), selection ranges.
func FuzzPositionFeatures(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		defer watchdog("FuzzPositionFeatures", s).Stop()
		c := checker{t, s}
		d := analysis.Parse(s)
		for _, off := range offsets(s) {
			if h := d.Hover(off, "en", nil); h != nil {
				c.span("hover", h.Span)
				if h.Markdown == "" {
					t.Fatalf("empty hover at %d in %q", off, s)
				}
			}
			d.Hover(off, "ru", nil)
			for _, it := range d.Complete(off, analysis.CompletionOptions{Snippets: true}) {
				if it.Replace.Valid() {
					c.span("completion "+it.Label, it.Replace)
					if !it.Replace.Contains(off) {
						t.Fatalf("completion %q at %d replaces %v in %q", it.Label, off, it.Replace, s)
					}
				}
			}
			if sh := d.SignatureHelp(off, "en"); sh != nil {
				for _, sig := range sh.Signatures {
					for _, p := range sig.Params {
						if p.Start < 0 || p.End > len(sig.Label) || p.Start > p.End {
							t.Fatalf("signature %q: parameter %v", sig.Label, p)
						}
					}
				}
			}
			for _, sp := range d.Definition(off) {
				c.span("definition", sp)
			}
			for _, sp := range d.References(off, true) {
				c.span("reference", sp)
			}
			for _, o := range d.Highlights(off) {
				c.span("highlight", o.Span)
			}
			if sp, name, err := d.PrepareRename(off); err == nil {
				c.span("prepareRename", sp)
				if s[sp.Start:sp.End] != name {
					t.Fatalf("prepareRename at %d: %v is %q, not %q", off, sp, s[sp.Start:sp.End], name)
				}
				edits, err := d.Rename(off, "renamed_x")
				if err == nil {
					c.edits("rename", edits)
				}
			}
			prev := analysis.Span{Start: off, End: off}
			for _, sp := range d.SelectionRanges(off) {
				c.span("selection", sp)
				if sp.Start > prev.Start || sp.End < prev.End {
					t.Fatalf("selection ranges at %d do not grow: %v then %v in %q", off, prev, sp, s)
				}
				prev = sp
			}
		}
	})
}

// FuzzDocumentFeatures calls the whole-document features: diagnostics
// (BuildKit included), code actions over every diagnostic, symbols,
// folding, semantic tokens, inlay hints and links; and demands the same
// answers from a second parse of the same text.
func FuzzDocumentFeatures(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		defer watchdog("FuzzDocumentFeatures", s).Stop()
		c := checker{t, s}
		d := analysis.Parse(s)
		diags := d.Diagnostics(nil)
		for _, g := range diags {
			c.span("diagnostic "+g.Rule, g.Span)
			if g.Message == "" || g.Localized("ru") == "" {
				t.Fatalf("diagnostic %s without a message in %q", g.Rule, s)
			}
		}
		for _, g := range diags {
			for _, a := range d.CodeActions(g.Span, nil, "en") {
				c.edits("code action "+a.Title, a.Edits)
			}
		}
		for _, a := range d.CodeActions(analysis.Span{Start: 0, End: len(s)}, nil, "ru") {
			c.edits("code action "+a.Title, a.Edits)
		}
		c.symbols(d.Symbols(), analysis.Span{})
		for _, fr := range d.FoldingRanges() {
			c.span("folding", fr.Span)
		}
		toks := d.SemanticTokens()
		for i, tk := range toks {
			c.span("semantic token", tk.Span)
			if tk.Span.Len() == 0 {
				t.Fatalf("empty semantic token %v in %q", tk.Span, s)
			}
			if i > 0 && tk.Span.Start < toks[i-1].Span.End {
				t.Fatalf("semantic tokens %v and %v overlap or are out of order in %q", toks[i-1].Span, tk.Span, s)
			}
		}
		for _, h := range d.InlayHints(analysis.Span{Start: 0, End: len(s)}) {
			if h.Offset < 0 || h.Offset > len(s) {
				t.Fatalf("inlay hint at %d outside %q", h.Offset, s)
			}
		}
		for _, l := range d.DocumentLinks() {
			c.span("link", l.Span)
		}
		// Same text, same answers.
		e := analysis.Parse(s)
		if got, want := render(e.Diagnostics(nil)), render(diags); got != want {
			t.Fatalf("two parses of %q disagree on diagnostics:\n%s\n---\n%s", s, got, want)
		}
		if !reflect.DeepEqual(e.SemanticTokens(), toks) || !reflect.DeepEqual(e.Symbols(), d.Symbols()) {
			t.Fatalf("two parses of %q disagree", s)
		}
	})
}

func render(diags []analysis.Diagnostic) string {
	var b strings.Builder
	for _, g := range diags {
		fmt.Fprintln(&b, g.Span, g.Severity, g.Rule, g.Message, g.Localized("ru"))
	}
	return b.String()
}
