package analysis

import "testing"

// TestFixAllRechecked runs FixAll on every diagnostics case and checks the
// result again: no finding with a preferred fix is left, no rule gains
// findings, and fixing again changes nothing. (A fix may reveal a finding a
// later round fixes: "copyy" becomes "copy", then "COPY" for consistent
// casing.)
func TestFixAllRechecked(t *testing.T) {
	fixedSome := 0
	for _, c := range diagnosticCases(t) {
		env := ignoreEnv(c.ignore)
		fixed, applied := FixAll(c.text, env, nil, RuleSettings{})
		if len(applied) == 0 {
			if fixed != c.text {
				t.Errorf("%s: nothing applied, but the text changed", c.name)
			}
			continue
		}
		fixedSome++
		before := rulesIn(c.text, env)
		after := rulesIn(fixed, env)
		for rule, n := range after {
			if n > before[rule] {
				t.Errorf("%s: fixing made %s appear (%d → %d):\n%s", c.name, rule, before[rule], n, fixed)
			}
		}
		d := Parse(fixed)
		for _, diag := range d.Diagnostics(env, nil) {
			for _, a := range d.fixesFor(&diag) {
				if a.Preferred {
					t.Errorf("%s: after FixAll, %s still has the preferred fix %q:\n%s", c.name, diag.Rule, a.Title, fixed)
				}
			}
		}
		if again, more := FixAll(fixed, env, nil, RuleSettings{}); again != fixed || len(more) > 0 {
			t.Errorf("%s: FixAll is not idempotent: %v", c.name, more)
		}
	}
	if fixedSome < 10 {
		t.Errorf("only %d cases had anything to fix", fixedSome)
	}
}

// TestFixAllOverlaps: two findings whose fixes touch the same place are
// fixed in two rounds, not with edits applied over each other.
func TestFixAllOverlaps(t *testing.T) {
	// AptGetMissingYes and AptGetRecommends both insert after "install";
	// only -y is preferred. FromAsCasing and StageNameCasing edit
	// neighbouring words of one FROM.
	src := "FROM debian:bookworm as Builder\nRUN apt-get install curl\nFROM alpine\nCOPY --from=Builder /a /b\n"
	want := "FROM debian:bookworm AS builder\nRUN apt-get install -y curl\nFROM alpine\nCOPY --from=builder /a /b\n"
	if got, _ := FixAll(src, nil, nil, RuleSettings{}); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// rulesIn counts the findings of each rule in text.
func rulesIn(text string, env Env) map[string]int {
	out := map[string]int{}
	for _, d := range Parse(text).Diagnostics(env, nil) {
		out[d.Rule]++
	}
	return out
}

// TestFixAllHonoursRuleSettings: a rule the settings turn off is not fixed;
// one they leave on (or raise) is.
func TestFixAllHonoursRuleSettings(t *testing.T) {
	src := "FROM alpine as build\nRUN apk add git\n"
	off := false
	for _, tt := range []struct {
		rules RuleSettings
		want  string
	}{
		{RuleSettings{}, "FROM alpine AS build\nRUN apk add --no-cache git\n"},
		{RuleSettings{Levels: map[string]string{"FromAsCasing": "off"}}, "FROM alpine as build\nRUN apk add --no-cache git\n"},
		{RuleSettings{ShellRules: &off}, "FROM alpine AS build\nRUN apk add git\n"},
		{RuleSettings{ShellRules: &off, Levels: map[string]string{"ApkCacheKept": "error"}}, "FROM alpine AS build\nRUN apk add --no-cache git\n"},
	} {
		if got, _ := FixAll(src, nil, nil, tt.rules); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.rules, got, tt.want)
		}
	}
}
