package analysis

import (
	"regexp"
	"strings"
)

// BuildKit's parse and instruction errors are text with a line range. Each
// class below is one kind of them: the pattern of its message, the rule that
// reports it and the token it blames. The first class whose pattern matches
// wins; the last one matches everything.

// errorClass is one class of BuildKit's errors.
type errorClass struct {
	name    string
	rule    *Rule
	pattern *regexp.Regexp // BuildKit's message; a group named token captures the token at fault
	// narrow blames a token of ins (target is its ONBUILD trigger, when it
	// has one); ok=false falls back to blameMessage.
	narrow func(d *Document, ins, target *Instruction, data Data) (span Span, ok bool)
}

var errorClasses = []*errorClass{
	{name: "unknown instruction", rule: ruleUnknownInstruction, pattern: regexp.MustCompile(`^unknown instruction: (?P<token>\S*)`),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) { return target.Keyword, true }},
	{name: "unknown flag", rule: ruleUnknownFlag, pattern: regexp.MustCompile(`^unknown flag: (?:--)?(?P<token>[A-Za-z0-9-]*)`), narrow: blameFlagNamed},
	{name: "argument count", rule: ruleInvalidArgumentCount,
		pattern: regexp.MustCompile(`requires (?:at least one argument|exactly one argument|at least two arguments|either one or three arguments|the arguments to be in JSON form)|must have two arguments`),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			if target.ArgsSpan.Len() > 0 {
				return target.ArgsSpan, true
			}
			return target.Keyword, true
		}},
	{name: "too many arguments", rule: ruleInvalidArgumentCount, pattern: regexp.MustCompile(`too many arguments|takes no arguments`)},
	{name: "mount option", rule: ruleInvalidMountOption, pattern: regexp.MustCompile(`(?i)mount|csv|must be a key=value pair|sharing|unexpected key`)},
	{name: "duplicate flag", rule: ruleDuplicateFlag, pattern: regexp.MustCompile(`^duplicate flag specified: (?:--)?(?P<token>[A-Za-z0-9-]*)`), narrow: blameFlagNamed},
	{name: "flag without value", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^missing a value on flag: (?:--)?(?P<token>[A-Za-z0-9-]*)`), narrow: blameFlagNamed},
	{name: "flag not boolean", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`^expecting boolean value for flag (?:--)?(?P<token>[A-Za-z0-9-]*)`), narrow: blameFlagNamed},
	{name: "flag value", rule: ruleInvalidFlagValue, pattern: regexp.MustCompile(`(?i)network mode|security|interval|retries`)},
	{name: "stage name", rule: ruleParseError, pattern: regexp.MustCompile(`^invalid name for build stage`),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			if len(target.Args) >= 3 {
				return target.Args[2].Span, true
			}
			return blameBase(target)
		}},
	{name: "stage reference", rule: ruleParseError, pattern: regexp.MustCompile(`^failed to parse stage name`),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			if f := target.Flag("from"); f != nil {
				return valueSpan(f), true // COPY --from=<not a stage or image>
			}
			return blameBase(target)
		}},
	{name: "blank base name", rule: ruleParseError, pattern: regexp.MustCompile(`^base name \(.*\) should not be blank`),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) { return blameBase(target) }},
	{name: "unterminated heredoc", rule: ruleParseError, pattern: regexp.MustCompile(`^unterminated heredoc`),
		narrow: func(_ *Document, _, target *Instruction, _ Data) (Span, bool) {
			if n := len(target.Heredocs); n > 0 {
				return target.Heredocs[n-1].Marker, true
			}
			return Span{}, false
		}},
	{name: "other", rule: ruleParseError, pattern: regexp.MustCompile(``)},
}

// classify returns the class of a BuildKit error message and what it names.
func classify(msg string) (*errorClass, Data) {
	var data Data
	if m := reDidYouMean.FindStringSubmatch(msg); m != nil {
		data.Suggestion = m[1]
	}
	for _, c := range errorClasses {
		m := c.pattern.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		if i := c.pattern.SubexpIndex("token"); i > 0 {
			data.Token = m[i]
		}
		return c, data
	}
	return nil, data // unreachable: the last class matches everything
}

var (
	reDidYouMean   = regexp.MustCompile(`did you mean (?:--|\$)?([A-Za-z0-9_./:-]+)\?`)
	reFlagName     = regexp.MustCompile(`--([A-Za-z0-9-]+)`)
	reQuotedSingle = regexp.MustCompile(`'([^']*)'`)
	reQuotedDouble = regexp.MustCompile(`"([^"]*)"`)
)

// errorDiagnostic makes an error-severity diagnostic for a BuildKit error on
// the 1-based lines first..last, narrowed to the token it names.
func (d *Document) errorDiagnostic(msg string, first, last int) Diagnostic {
	msg = strings.TrimPrefix(msg, "dockerfile parse error on line ")
	if i := strings.Index(msg, ": "); i >= 0 && i < 8 && strings.Trim(msg[:i], "0123456789") == "" {
		msg = msg[i+2:]
	}
	msg = d.stableMessage(msg) // before classify reads the suggestion from it
	class, data := classify(msg)
	span := Span{0, 0}
	if ins := d.InstructionAtLine(first - 1); ins != nil {
		target := trigger(ins)
		ok := false
		if class.narrow != nil {
			span, ok = class.narrow(d, ins, target, data)
		}
		if !ok {
			span = d.blameMessage(ins, target, msg)
		}
	} else if first >= 1 {
		span = d.lineSpan(first - 1)
	}
	r := class.rule
	return Diagnostic{Span: span, Severity: SeverityError, Rule: r.Name, Message: msg, URL: r.URL(), Source: SourceBuildKit,
		Tags: r.Tags, Data: data, rule: r}
}

// blameFlagNamed blames the flag the message names.
func blameFlagNamed(_ *Document, _, target *Instruction, data Data) (Span, bool) {
	for _, f := range target.Flags {
		if f.Name == data.Token {
			return f.Span, true
		}
	}
	return Span{}, false
}

// blameBase blames FROM's image (or an instruction's first argument).
func blameBase(target *Instruction) (Span, bool) {
	if len(target.Args) > 0 {
		return target.Args[0].Span, true
	}
	return Span{}, false
}

// blameMessage finds the token a message of no particular class is about:
// a --name it mentions, the --from value for stage errors, the flag it
// names (or --mount for mount errors), a quoted token, else the first line.
func (d *Document) blameMessage(ins, target *Instruction, msg string) Span {
	if strings.Contains(msg, "flag") {
		if m := reFlagName.FindStringSubmatch(msg); m != nil {
			if s, ok := blameFlagNamed(d, ins, target, Data{Token: m[1]}); ok {
				return s
			}
		}
	}
	if f := target.Flag("from"); f != nil && strings.Contains(msg, "stage") {
		return valueSpan(f)
	}
	if f := flagInMessage(target, msg); f != nil {
		return valueSpan(f)
	}
	if m := reQuotedDouble.FindStringSubmatch(msg); m != nil && m[1] != "" {
		if i := strings.Index(d.Text[ins.Span.Start:ins.Span.End], m[1]); i >= 0 {
			return Span{ins.Span.Start + i, ins.Span.Start + i + len(m[1])}
		}
	}
	return d.firstLineSpan(ins)
}

// flagInMessage finds the flag an error message is about: one named in it,
// or --mount for mount errors (the one containing a quoted token, if several).
func flagInMessage(ins *Instruction, msg string) *Flag {
	low := strings.ToLower(msg)
	var quoted []string
	for _, m := range reQuotedSingle.FindAllStringSubmatch(msg, -1) {
		quoted = append(quoted, m[1])
	}
	for _, m := range reQuotedDouble.FindAllStringSubmatch(msg, -1) {
		quoted = append(quoted, m[1])
	}
	mountErr := strings.Contains(low, "mount") || strings.Contains(low, "csv") || strings.Contains(low, "key=value") ||
		strings.Contains(low, "sharing") || strings.Contains(low, "unexpected key") || strings.Contains(low, "uid") || strings.Contains(low, "gid")
	var candidate *Flag
	for _, f := range ins.Flags {
		if (f.Name == "mount" && mountErr) || (f.Name != "mount" && strings.Contains(low, f.Name)) {
			if candidate == nil {
				candidate = f
			}
			for _, q := range quoted {
				if q != "" && strings.Contains(f.Raw, q) {
					return f
				}
			}
		}
	}
	return candidate
}
