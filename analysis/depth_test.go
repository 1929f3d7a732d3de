package analysis

import (
	"strconv"
	"strings"
	"testing"
)

// Past maxVarDepth levels of nested references, BuildKit and the shell
// parser never see the instruction (their cost is quadratic in the depth,
// their recursion unbounded) and a ChecksSkipped finding says so; at the
// limit everything runs as usual.
func TestDeepNestingSkipsBuildKitWithAFinding(t *testing.T) {
	for _, tc := range []struct {
		depth int
		want  string
	}{
		{maxVarDepth, ""},
		{maxVarDepth + 1, "variable references nest 101 levels deep here (more than 100), so BuildKit's checks and the shell syntax check skip this instruction"},
		{20000, "nest 20000 levels deep"},
	} {
		text, _ := nestedVars(tc.depth)
		text += "RUN if then\n" // a shell error after it is still found
		var skipped []Diagnostic
		shell := false
		for _, d := range Parse(text).Diagnostics(nil) {
			switch d.Rule {
			case "ChecksSkipped":
				skipped = append(skipped, d)
			case "ShellSyntax":
				shell = shell || strings.HasPrefix(text[d.Span.Start:], "if")
			}
		}
		if !shell {
			t.Errorf("depth %d: the shell error on the next line was not found", tc.depth)
		}
		if tc.want == "" {
			if len(skipped) != 0 {
				t.Errorf("depth %d: %+v", tc.depth, skipped)
			}
			continue
		}
		if len(skipped) != 1 || !strings.Contains(skipped[0].Message, tc.want) || text[skipped[0].Span.Start:skipped[0].Span.End] != "RUN" {
			t.Fatalf("depth %d: %+v, want one ChecksSkipped on RUN saying %q", tc.depth, skipped, tc.want)
		}
		if ru := skipped[0].Localized("ru"); !strings.Contains(ru, "вложены") {
			t.Errorf("no Russian message: %q", ru)
		}
	}
}

// The lexer records nested references in order at any depth.
func TestNestedReferencesAtAnyDepth(t *testing.T) {
	text, inner := nestedVars(100000)
	ins := Parse(text).InstructionAt(inner)
	if ins == nil || len(ins.Vars) != 100000 {
		t.Fatalf("got %d references", len(ins.Vars))
	}
	for i, v := range ins.Vars {
		if v.Name != "a"+strconv.Itoa(i) || v.Modifier != ":-" || text[v.Span.End-1] != '}' {
			t.Fatalf("reference %d: %+v", i, v)
		}
	}
	if got := refDepth(ins.Vars); got != 100000 {
		t.Errorf("depth %d", got)
	}
	if got := varDepth("${a:-${b}} $c ${d:-${e:-${f}}}", '\\'); got != 3 {
		t.Errorf("varDepth = %d, want 3", got)
	}
}
