package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/moby/buildkit/util/suggest"
)

// RuleSettings are the user's say over rules, from the editor's settings or
// a project file: a level per rule name, and a switch for every shell-aware
// rule (Rule.Shell). They change how findings are reported, never what is
// found, and never a finding BuildKit fails the build on: that one stays an
// error whatever the settings say, like a file that could not be checked.
type RuleSettings struct {
	// Levels maps a rule name to "off" or the severity its findings get
	// ("error", "warning", "information", "hint"). A user's "error" is
	// honoured; no rule defaults to it unless the build fails.
	Levels map[string]string
	// ShellRules false turns off every shell-aware rule that Levels does
	// not name; nil or true leaves them on.
	ShellRules *bool
}

// Levels are the values a rule setting takes, in the order messages list them.
var Levels = []string{"off", "error", "warning", "information", "hint"}

// levelSeverity is the severity of a level; ok=false for "off".
func levelSeverity(level string) (sev Severity, on bool) {
	switch level {
	case "error":
		return SeverityError, true
	case "warning":
		return SeverityWarning, true
	case "information":
		return SeverityInfo, true
	case "hint":
		return SeverityHint, true
	}
	return 0, false
}

// CheckRuleSetting says what is wrong with setting the rule name to level,
// or returns nil. The message names what was likely meant.
func CheckRuleSetting(name, level string) error {
	r := registry[name]
	if r == nil {
		s, ok := suggest.Search(name, ruleNames(), false)
		if !ok {
			s = name // Search offers nothing for a name that differs only in case
		}
		for _, n := range ruleNames() { // Search answers in lower case
			if strings.EqualFold(n, s) {
				return fmt.Errorf("unknown rule %q (did you mean %q?)", name, n)
			}
		}
		return fmt.Errorf("unknown rule %q", name)
	}
	if r.NotACheck {
		return fmt.Errorf("rule %q cannot be configured: it says the file could not be checked", name)
	}
	if !slices.Contains(Levels, level) {
		return fmt.Errorf("rule %s: unknown level %q (one of %s)", name, level, strings.Join(Levels, ", "))
	}
	return nil
}

func ruleNames() []string {
	names := make([]string, 0, len(registry))
	for _, r := range sortedRules() {
		names = append(names, r.Name)
	}
	return names
}

// IsZero reports whether the settings change nothing.
func (rs RuleSettings) IsZero() bool { return len(rs.Levels) == 0 && rs.ShellRules == nil }

// Apply returns diags as the settings report them: findings of rules turned
// off dropped, others at the severity asked for. Findings that fail the
// build and those of rules that are not checks stay as they are. diags is
// not modified (a document's diagnostics are shared).
func (rs RuleSettings) Apply(diags []Diagnostic) []Diagnostic {
	if rs.IsZero() {
		return diags
	}
	out := make([]Diagnostic, 0, len(diags))
	for _, d := range diags {
		if d.Severity == SeverityError || (d.rule != nil && d.rule.NotACheck) {
			out = append(out, d)
			continue
		}
		level, named := rs.Levels[d.Rule]
		if !named {
			if rs.ShellRules != nil && !*rs.ShellRules && d.rule != nil && d.rule.Shell {
				continue
			}
			out = append(out, d)
			continue
		}
		sev, on := levelSeverity(level)
		if !on {
			continue
		}
		d.Severity = sev
		out = append(out, d)
	}
	return out
}
