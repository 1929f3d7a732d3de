package analysis

import (
	"slices"
	"testing"
)

func TestRuleSettingsApply(t *testing.T) {
	text := "FROM alpine AS Build\nRUN if [ -f x ]; then echo\nCMD echo hi\nFROM alpine\nRUN --bogus=1 true\n"
	all := Parse(text).Diagnostics(nil)
	before := slices.Clone(all)
	sev := func(diags []Diagnostic, rule string) []Severity {
		var out []Severity
		for _, d := range diags {
			if d.Rule == rule {
				out = append(out, d.Severity)
			}
		}
		return out
	}
	for _, rule := range []string{"StageNameCasing", "ShellSyntax", "JSONArgsRecommended", "UnknownFlag"} {
		if len(sev(all, rule)) == 0 {
			t.Fatalf("the text must show %s: %v", rule, all)
		}
	}
	off := false
	got := RuleSettings{
		Levels:     map[string]string{"StageNameCasing": "off", "JSONArgsRecommended": "error", "UnknownFlag": "hint"},
		ShellRules: &off,
	}.Apply(all)
	if s := sev(got, "StageNameCasing"); s != nil {
		t.Errorf("off: still reported %v", s)
	}
	if s := sev(got, "ShellSyntax"); s != nil {
		t.Errorf("shellRules false: ShellSyntax still reported %v", s)
	}
	if s := sev(got, "JSONArgsRecommended"); !slices.Equal(s, []Severity{SeverityError}) {
		t.Errorf("a user's error: %v", s)
	}
	if s := sev(got, "UnknownFlag"); !slices.Equal(s, []Severity{SeverityError}) {
		t.Errorf("where BuildKit fails the build the finding stays an error: %v", s)
	}
	if !slices.EqualFunc(all, before, func(a, b Diagnostic) bool { return a.Rule == b.Rule && a.Severity == b.Severity }) {
		t.Error("Apply changed its input")
	}
	named := RuleSettings{Levels: map[string]string{"ShellSyntax": "information"}, ShellRules: &off}.Apply(all)
	if s := sev(named, "ShellSyntax"); !slices.Equal(s, []Severity{SeverityInfo}) {
		t.Errorf("a rule named in Levels wins over the shell switch: %v", s)
	}
}

func TestCheckRuleSetting(t *testing.T) {
	for _, c := range []struct{ name, level, want string }{
		{"StageNameCasing", "hint", ""},
		{"stagenamecasing", "off", `unknown rule "stagenamecasing" (did you mean "StageNameCasing"?)`},
		{"Nothing", "off", `unknown rule "Nothing"`},
		{"StageNameCasing", "info", `rule StageNameCasing: unknown level "info" (one of off, error, warning, information, hint)`},
		{"ParseError", "off", `rule "ParseError" cannot be configured: it says the file could not be checked`},
	} {
		got := ""
		if err := CheckRuleSetting(c.name, c.level); err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s=%s: %q, want %q", c.name, c.level, got, c.want)
		}
	}
}
