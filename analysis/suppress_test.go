package analysis

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// applyAction returns text with the action's edits applied.
func applyAction(text string, a CodeAction) string { return ApplyEdits(text, a.Edits) }

// countRule counts the findings of rule in text that are not errors
// (errors stay whatever the comments say) and reports every rule found.
func countRule(text string, env Env, rule string) (n int, rules map[string]int) {
	rules = map[string]int{}
	for _, d := range Parse(text).Diagnostics(env, nil) {
		if d.Severity == SeverityError {
			continue
		}
		rules[d.Rule]++
		if d.Rule == rule {
			n++
		}
	}
	return n, rules
}

// TestSkipHereAction applies "Disable X for this instruction" and
// "Disable X in this file" to every finding of every diagnostics case and
// checks, by running BuildKit and our rules again, that exactly that
// finding (every finding of the rule) goes and nothing else appears; for the BuildKit checks in stageLevelChecks, that BuildKit indeed
// ignores the comment (so the action rightly is not offered).
func TestSkipHereAction(t *testing.T) {
	tried := map[string]bool{}
	for _, c := range diagnosticCases(t) {
		env := ignoreEnv(c.ignore)
		doc := Parse(c.text)
		for _, diag := range doc.Diagnostics(env, nil) {
			if diag.Severity == SeverityError || !diag.rule.skippable() {
				continue
			}
			before, rulesBefore := countRule(c.text, env, diag.Rule)
			if a, ok := doc.skipRuleAction(diag.Rule); ok {
				// "Disable X in this file": every finding of the rule goes.
				fixed := applyAction(c.text, a)
				if after, rulesAfter := countRule(fixed, env, diag.Rule); after != 0 || len(rulesAfter) > len(rulesBefore) {
					t.Errorf("%s: disabling %s in the file: %d left, rules %v (before %v):\n%s", c.name, diag.Rule, after, rulesAfter, rulesBefore, fixed)
				}
			}
			a, ok := doc.skipHereAction(&diag)
			if !ok {
				continue
			}
			tried[diag.Rule] = true
			rulesBefore = maps.Clone(rulesBefore)
			fixed := applyAction(c.text, a)
			after, rulesAfter := countRule(fixed, env, diag.Rule)
			rulesBefore[diag.Rule], rulesAfter[diag.Rule] = 0, 0
			works := after == before-1
			if stageLevelChecks[diag.Rule] != "" {
				if works {
					t.Errorf("%s: %s is in stageLevelChecks (%s), but the comment above the instruction skips it:\n%s", c.name, diag.Rule, stageLevelChecks[diag.Rule], fixed)
				}
				continue
			}
			if !works {
				t.Errorf("%s: skipping %s at %q: %d findings before, %d after:\n%s", c.name, diag.Rule, doc.text(diag.Span), before, after, fixed)
			}
			for r, n := range rulesAfter {
				if n > rulesBefore[r] {
					t.Errorf("%s: skipping %s made %s appear:\n%s", c.name, diag.Rule, r, fixed)
				}
			}
		}
	}
	for name := range stageLevelChecks {
		if !tried[name] {
			t.Errorf("%s is listed in stageLevelChecks but no case shows it", name)
		}
	}
}

// TestCheckCommentsAsBuildKit: which comments above an instruction skip a
// rule, as verified against BuildKit v0.34.2 (its DockerfileLint, with the
// same comments above CMD, reports JSONArgsRecommended exactly where
// "reported" is true).
func TestCheckCommentsAsBuildKit(t *testing.T) {
	tests := []struct {
		comments string
		skipped  bool
	}{
		{"# check=skip=JSONArgsRecommended\n", true},
		{"# check=skip=JSONArgsRecommended\n\n", true}, // blank lines do not matter
		{"# check=skip=JSONArgsRecommended // why\n", true},
		{"#check=skip=JSONArgsRecommended\n", true},
		{"# CHECK = skip=JSONArgsRecommended\n", true},
		{"# hello\n# check=skip=JSONArgsRecommended\n", true},
		{"# check=skip=all\n", true},
		{"# check=skip=Foo,JSONArgsRecommended\n", true},
		{"# check=skip=JSONArgsRecommended;error=true\n", true},
		{"  # check=skip=JSONArgsRecommended\n", false}, // indented: BuildKit drops the space, not the '#'
		{"\t# check=skip=JSONArgsRecommended\n", false},
		{"# check=skip=JSONArgsRecommended\n#\n", false},                                 // a bare '#' starts over
		{"# check=skip=Foo, JSONArgsRecommended\n", false},                               // the value ends at the space
		{"# check=skip=LegacyKeyValueFormat\n# check=skip=JSONArgsRecommended\n", false}, // the first one counts
		{"# check=bogus\n# check=skip=JSONArgsRecommended\n", false},                     // a bad first one: none
	}
	for _, tt := range tests {
		src := "FROM alpine\nRUN true\n" + tt.comments + "CMD echo hi\n"
		n, _ := countRule(src, nil, "JSONArgsRecommended")
		if (n == 0) != tt.skipped {
			t.Errorf("%q: JSONArgsRecommended reported %d times, want skipped=%v", tt.comments, n, tt.skipped)
		}
		// Our rules read the same comments.
		ours := strings.Replace(src, "CMD echo hi", "RUN apt-get install -y --no-install-recommends curl", 1)
		ours = strings.ReplaceAll(ours, "JSONArgsRecommended", "AptGetRecommends")
		ours = strings.Replace(ours, "FROM alpine", "FROM debian:bookworm", 1)
		ours = strings.ReplaceAll(ours, "--no-install-recommends ", "")
		n, _ = countRule(ours, nil, "AptGetRecommends")
		if (n == 0) != tt.skipped {
			t.Errorf("ours, %q: AptGetRecommends reported %d times, want skipped=%v", tt.comments, n, tt.skipped)
		}
	}
}

// TestSkipHereEdits: the comment the action writes or extends.
func TestSkipHereEdits(t *testing.T) {
	tests := []struct{ src, want string }{
		{"FROM debian:bookworm\nRUN apt-get install -y curl\n",
			"FROM debian:bookworm\n# check=skip=AptGetRecommends\nRUN apt-get install -y curl\n"},
		{"FROM debian:bookworm\n  RUN apt-get install -y curl\n",
			"FROM debian:bookworm\n# check=skip=AptGetRecommends\n  RUN apt-get install -y curl\n"},
		{"FROM debian:bookworm\n# check=skip=SudoInRun // we know\nRUN apt-get install -y curl\n",
			"FROM debian:bookworm\n# check=skip=SudoInRun,AptGetRecommends // we know\nRUN apt-get install -y curl\n"},
		{"FROM debian:bookworm\n# check=error=true\nRUN apt-get install -y curl\n",
			"FROM debian:bookworm\n# check=error=true;skip=AptGetRecommends\nRUN apt-get install -y curl\n"},
		{"FROM debian:bookworm\n# check=bogus\nRUN apt-get install -y curl\n",
			"FROM debian:bookworm\n# check=skip=AptGetRecommends\n# check=bogus\nRUN apt-get install -y curl\n"},
		{"# syntax=docker/dockerfile:1\nFROM alpine AS Build\n",
			"# syntax=docker/dockerfile:1\n\n# check=skip=StageNameCasing\nFROM alpine AS Build\n"},
	}
	for _, tt := range tests {
		doc := Parse(tt.src)
		var got []string
		for _, diag := range doc.Diagnostics(nil, nil) {
			if a, ok := doc.skipHereAction(&diag); ok {
				got = append(got, applyAction(tt.src, a))
			}
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}
