package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// faultClass is one kind of fault both servers can report, under their
// own names: the incumbent's dockerfile-utils ValidationCode numbers
// (dockerfile-utils/lib/main.d.ts), our rule codes (BuildKit check names
// and our own rules) and, for BuildKit's parse and instruction errors that
// we pass through as ParseError, a pattern on the message.
type faultClass struct {
	name    string
	codes   []int    // the incumbent's ValidationCode values
	rules   []string // our codes
	message string   // pattern on our ParseError/InvalidArgumentCount message
	re      *regexp.Regexp
}

var faultClasses = []*faultClass{
	{name: "instruction-casing", codes: []int{0}, rules: []string{"ConsistentInstructionCasing"}},
	{name: "directive-casing", codes: []int{1}},
	{name: "no-source-image", codes: []int{20}, message: `no build stage in current context`},
	{name: "image-reference", codes: []int{26, 51}, rules: []string{"InvalidDefaultArgInFrom", "UndefinedArgInFrom"},
		message: `failed to parse stage name|base name .* should not be blank|invalid reference format`},
	{name: "invalid-stage-name", codes: []int{12}, message: `invalid name for build stage`},
	{name: "healthcheck", codes: []int{43, 46}, message: `HEALTHCHECK`},
	{name: "argument-count", codes: []int{2, 3, 4, 5, 6, 7, 8, 9, 22, 32},
		rules:   []string{"InvalidArgumentCount"},
		message: `requires (either|exactly|at least)|must have (one|two)|takes no arguments`},
	{name: "key-value-syntax", codes: []int{33, 34, 35, 36, 44}, rules: []string{"LegacyKeyValueFormat"},
		message: `unsupported modifier|matching (single|double)-quote|can't find =|names can(not|'t) be blank`},
	{name: "duplicate-stage", codes: []int{10}, rules: []string{"DuplicateStageName"}},
	{name: "empty-continuation", codes: []int{11}, rules: []string{"NoEmptyContinuation"}},
	{name: "flag-value", codes: []int{13, 15, 16, 17, 18, 19, 47, 48},
		rules:   []string{"InvalidFlagValue", "InvalidMountOption"},
		message: `needs a value|time: |must be at least|cannot be less than|boolean value|[Mm]issing a value|invalid from flag`},
	{name: "duplicate-flag", codes: []int{14}, rules: []string{"DuplicateFlag"}, message: `[Dd]uplicate flag`},
	{name: "unknown-flag", codes: []int{39, 40, 41, 42}, rules: []string{"UnknownFlag"}, message: `[Uu]nknown flag`},
	{name: "escape-directive", codes: []int{21, 52}, message: `\bescape\b`},
	{name: "from-as-casing", rules: []string{"FromAsCasing"}},
	{name: "invalid-destination", codes: []int{23}, message: `destination must be a directory`},
	{name: "expose", codes: []int{24, 25}, rules: []string{"ExposeInvalidFormat", "ExposeProtoCasing"},
		message: `\b[Pp]ort\b|\b[Pp]roto(col)?\b`},
	{name: "stop-signal", codes: []int{27}, message: `\b[Ss]ignal\b`},
	{name: "invalid-syntax", codes: []int{28}, message: `invalid syntax`},
	{name: "onbuild", codes: []int{29, 30}, message: `ONBUILD`},
	{name: "shell-json", codes: []int{31}, message: `SHELL requires|^SHELL`},
	{name: "json-array", message: `JSON array syntax`},
	{name: "multiple-instructions", codes: []int{37}, rules: []string{"MultipleInstructionsDisallowed"}},
	{name: "unknown-instruction", codes: []int{38}, rules: []string{"UnknownInstruction"}, message: `[Uu]nknown instruction`},
	{name: "maintainer", codes: []int{45}, rules: []string{"MaintainerDeprecated"}},
	{name: "json-single-quotes", codes: []int{49}, rules: []string{"MalformedJSONForm", "JSONArgsRecommended"}},
	{name: "workdir-relative", codes: []int{50}, rules: []string{"WorkdirRelativePath"}},
}

func init() {
	for _, c := range faultClasses {
		if c.message != "" {
			c.re = regexp.MustCompile(c.message)
		}
	}
}

// theirClass names the fault class of one of the incumbent's diagnostics.
func theirClass(d diagnostic) string {
	n, err := strconv.Atoi(d.codeString())
	if err != nil {
		return "incumbent:" + d.codeString()
	}
	for _, c := range faultClasses {
		for _, code := range c.codes {
			if code == n {
				return c.name
			}
		}
	}
	return fmt.Sprintf("incumbent:%d", n)
}

// ourClass names the fault class of one of our diagnostics: by rule, or
// for a passed-through BuildKit error by its message.
func ourClass(d diagnostic) string {
	code := d.codeString()
	for _, c := range faultClasses {
		for _, r := range c.rules {
			if r == code {
				return c.name
			}
		}
	}
	if code == "ParseError" || code == "InvalidArgumentCount" {
		for _, c := range faultClasses {
			if c.re != nil && c.re.MatchString(d.buildkitText()) {
				return c.name
			}
		}
	}
	return "ours:" + code
}

// compareDiagnostics pairs findings by fault class, on the same line or,
// failing that, one line apart (the two servers may anchor a multi-line
// fault differently). Pairs whose ranges differ are
// diagnostic-range-mismatch; the rest are diagnostic-missing (only the
// incumbent) or diagnostic-extra (only us).
func compareDiagnostics(file string, lines []string, ours, theirs []diagnostic) []finding {
	var out []finding
	used := make([]bool, len(ours))
	paired := make([]int, len(theirs))
	mk := func(class, key string, line int, o, t any) finding {
		return finding{Class: class, File: file, Line: line + 1, Col: 1, Key: key,
			Entity: fmt.Sprintf("%s|%d|%s", file, line, key), Ours: o, Theirs: t, LineText: lineAt(lines, line)}
	}
	for pass, slack := range []int{0, 1} {
		for i, td := range theirs {
			if pass > 0 && paired[i] >= 0 {
				continue
			}
			paired[i] = -1
			tc := theirClass(td)
			if pass > 0 && tc != "empty-continuation" {
				continue // only this fault is anchored on different lines
			}
			for j, od := range ours {
				d := od.Range.Start.Line - td.Range.Start.Line
				if !used[j] && d <= slack && d >= -slack && ourClass(od) == tc {
					used[j], paired[i] = true, j
					break
				}
			}
		}
	}
	for i, td := range theirs {
		tc := theirClass(td)
		if j := paired[i]; j >= 0 {
			if od := ours[j]; od.Range != td.Range {
				f := mk("diagnostic-range-mismatch", tc, td.Range.Start.Line, diagView(od), diagView(td))
				f.Col = td.Range.Start.Character + 1
				f.RangeRel = rangeRelation(od.Range, td.Range)
				out = append(out, f)
			}
			continue
		}
		f := mk("diagnostic-missing", tc, td.Range.Start.Line, nil, diagView(td))
		for _, od := range ours {
			if od.Severity == 1 && od.Range.Start.Line <= td.Range.Start.Line && td.Range.Start.Line <= od.Range.End.Line {
				f.OursErrorOnLine = true
			}
			if od.Severity == 1 && od.Range.Start.Line < td.Range.Start.Line && ourClass(od) == "no-source-image" {
				f.NoStageBefore = true
			}
			if d := od.Range.Start.Line - td.Range.Start.Line; ourClass(od) == tc && d >= -10 && d <= 10 {
				f.SameFaultNearby = true
			}
		}
		out = append(out, f)
	}
	for j, od := range ours {
		if !used[j] {
			out = append(out, mk("diagnostic-extra", ourClass(od), od.Range.Start.Line, diagView(od), nil))
		}
	}
	return out
}

// rangeRelation says how our range relates to the incumbent's for one
// fault: "dashes" (ours adds a flag's leading --), "wider", "narrower",
// "overlap" or "disjoint".
func rangeRelation(o, t lspRange) string {
	in := func(p, a, b position) bool { return !less(p, a) && !less(b, p) }
	switch {
	case o.End == t.End && o.Start.Line == t.Start.Line && o.Start.Character == t.Start.Character-2:
		return "dashes"
	case in(t.Start, o.Start, o.End) && in(t.End, o.Start, o.End):
		return "wider"
	case in(o.Start, t.Start, t.End) && in(o.End, t.Start, t.End):
		return "narrower"
	case in(o.Start, t.Start, t.End) || in(t.Start, o.Start, o.End):
		return "overlap"
	}
	return "disjoint"
}

// diagView is a diagnostic as the report shows it.
func diagView(d diagnostic) string {
	return fmt.Sprintf("%s [%s] %s %s", d.Range, d.codeString(), severityName(d.Severity), strings.TrimSpace(d.Message))
}

func severityName(s int) string {
	switch s {
	case 1:
		return "error"
	case 2:
		return "warning"
	case 3:
		return "info"
	case 4:
		return "hint"
	}
	return "?"
}

// undefinedVarScopes gives each UndefinedVar we report and the incumbent
// does not the model's reading of its name at that point (Scope: in-scope,
// image-env, same-instruction, undeclared…), so the known list can say
// which of them BuildKit reports too.
func undefinedVarScopes(fs []finding, toks []token, model *fileModel) {
	index := tokenIndex(toks)
	for i := range fs {
		f := &fs[i]
		view, ok := f.Ours.(string)
		if f.Class != "diagnostic-extra" || f.Key != "ours:UndefinedVar" || !ok {
			continue
		}
		var line, col int
		if _, err := fmt.Sscanf(view, "%d:%d", &line, &col); err != nil {
			continue
		}
		if t, ok := index[[2]int{line - 1, col - 1}]; ok && t.Var != "" {
			f.Scope = model.describeVar(t, t.Var)
		}
	}
}
