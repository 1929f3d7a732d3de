package analysis

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/position"
)

// TestShellParsesCarryAcrossVersions: after an edit above them, RUNs the
// lexer makes anew (moved, unchanged) reuse the parse of the version
// before, and ShellSyntax reads the same parse as the tokens.
func TestShellParsesCarryAcrossVersions(t *testing.T) {
	text := "FROM alpine\nRUN echo a\nRUN if true; then echo b\nRUN echo c | tr c d\n"
	s1 := NewSnapshot(text)
	d1 := s1.Document()
	d1.SemanticTokens()
	s2 := s1.Apply([]position.Change{{Start: position.Pos{Line: 1}, End: position.Pos{Line: 1}, Text: "ENV X=1\n"}}, position.UTF8)
	d2 := s2.Document()
	d2.SemanticTokens()
	var runs1, runs2 []*Instruction
	for _, ins := range d1.Instructions() {
		if ins.Cmd == "RUN" {
			runs1 = append(runs1, ins)
		}
	}
	for _, ins := range d2.Instructions() {
		if ins.Cmd == "RUN" {
			runs2 = append(runs2, ins)
		}
	}
	if len(runs1) != 3 || len(runs2) != 3 {
		t.Fatalf("RUNs: %d, %d", len(runs1), len(runs2))
	}
	for i := range runs1 {
		if runs1[i] == runs2[i] {
			t.Fatalf("RUN %d was not lexed again after the edit above it", i)
		}
		p1, p2 := d1.shellScript(runs1[i]).parsed, d2.shellScript(runs2[i]).parsed
		if p1 != p2 {
			t.Errorf("RUN %d was parsed again", i)
		}
	}
	if !runs2[1].shell.script.parsed.hasErr {
		t.Error("the unterminated if has no syntax error")
	}
	var found bool
	for _, diag := range d2.Diagnostics(nil, nil) {
		if diag.Rule == "ShellSyntax" {
			found = true
			if got := d2.Text[diag.Span.Start:diag.Span.End]; !strings.Contains(d2.Text[runs2[1].Span.Start:runs2[1].Span.End], got) {
				t.Errorf("ShellSyntax on %q, outside the broken RUN", got)
			}
		}
	}
	if !found {
		t.Error("no ShellSyntax finding for the broken RUN")
	}
}

// TestShellParsesPrune: the parses of scripts no recent version uses are
// dropped as the cache grows.
func TestShellParsesPrune(t *testing.T) {
	c := &shellParses{}
	for i := range 2000 {
		c.parse("echo "+strings.Repeat("x", i), c.newVersion())
	}
	if n := len(c.m); n > 600 {
		t.Errorf("%d parses kept after 2000 versions of one script", n)
	}
}

func TestHasDrivePath(t *testing.T) {
	re := regexp.MustCompile(`(?i)\b[a-z]:\\`) // what it replaces, for this table
	for _, s := range []string{`dir C:\`, `c:\x`, `echo xC:\`, `a:b`, `copy D:\a E:\b`, `1:\`, `_c:\`, ` z:\`, `:\`, `C:`, `é:\`} {
		if got, want := hasDrivePath(s), re.MatchString(s); got != want {
			t.Errorf("hasDrivePath(%q) = %v, want %v", s, got, want)
		}
	}
}
