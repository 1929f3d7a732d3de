package analysis

import (
	"regexp"
	"strings"
)

// BuildKit locates its findings by line only. This file narrows each one to
// the token that causes it, using the rule and the names in its message.

var (
	reQuotedSingle = regexp.MustCompile(`'([^']*)'`)
	reQuotedDouble = regexp.MustCompile(`"([^"]*)"`)
	reUndefinedVar = regexp.MustCompile(`undefined variable '\$([^']+)'`)
	reFromArg      = regexp.MustCompile(`FROM argument '([^']+)'`)
	reFlagName     = regexp.MustCompile(`--([A-Za-z0-9-]+)`)
)

// lineSpan is the fallback: the text of the zero-based line, without
// leading whitespace.
func (d *Document) lineSpan(line int) Span {
	s, e := d.Lines.LineStart(line), d.Lines.LineEnd(line)
	for s < e && isSpaceByte(d.Text[s]) {
		s++
	}
	return Span{s, e}
}

// firstLineSpan is the instruction from its keyword to the end of the
// keyword's line (which continuation lines may push below ins.Line).
func (d *Document) firstLineSpan(ins *Instruction) Span {
	return Span{ins.Keyword.Start, max(ins.Keyword.End, d.Lines.LineEnd(d.Lines.LineOf(ins.Keyword.Start)))}
}

// narrow returns the span for a build-check warning on the 1-based line.
func (d *Document) narrow(rule, msg string, line int) Span {
	ins := d.InstructionAtLine(line - 1)
	if ins == nil {
		if line < 1 {
			return Span{0, 0}
		}
		return d.lineSpan(line - 1)
	}
	target := ins
	if ins.Sub != nil {
		target = ins.Sub
	}
	arg := func(i int) (Span, bool) {
		if i < len(target.Args) {
			return target.Args[i].Span, true
		}
		return Span{}, false
	}
	switch rule {
	case "StageNameCasing", "DuplicateStageName", "ReservedStageName":
		if s, ok := arg(2); ok {
			return s
		}
	case "FromAsCasing":
		if s, ok := arg(1); ok {
			return s
		}
	case "ConsistentInstructionCasing":
		if m := reQuotedSingle.FindStringSubmatch(msg); m != nil && ins.Sub != nil &&
			d.Text[ins.Sub.Keyword.Start:ins.Sub.Keyword.End] == m[1] {
			return ins.Sub.Keyword
		}
		return ins.Keyword
	case "MaintainerDeprecated", "MultipleInstructionsDisallowed":
		return target.Keyword
	case "NoEmptyContinuation":
		// Blame the escape token that continues into the (first) empty line.
		if len(ins.EmptyContinuationLines) > 0 {
			l := ins.EmptyContinuationLines[0]
			for i := len(ins.Continuations) - 1; i >= 0; i-- {
				if c := ins.Continuations[i]; d.Lines.LineOf(c.Start) < l {
					return c
				}
			}
			return Span{d.Lines.LineStart(l), d.Lines.LineStart(l)}
		}
	case "JSONArgsRecommended", "WorkdirRelativePath", "LegacyKeyValueFormat":
		if target.ArgsSpan.Len() > 0 {
			return target.ArgsSpan
		}
	case "UndefinedVar":
		if m := reUndefinedVar.FindStringSubmatch(msg); m != nil {
			if s, ok := d.varSpan(ins, m[1]); ok {
				return s
			}
		}
	case "UndefinedArgInFrom":
		if m := reFromArg.FindStringSubmatch(msg); m != nil {
			if s, ok := d.varSpan(ins, m[1]); ok {
				return s
			}
		}
	case "InvalidDefaultArgInFrom", "InvalidBaseImagePlatform":
		if s, ok := arg(0); ok {
			return s
		}
	case "RedundantTargetPlatform", "FromPlatformFlagConstDisallowed":
		if f := ins.Flag("platform"); f != nil {
			if f.ValueSpan.Valid() && f.ValueSpan.Len() > 0 {
				return f.ValueSpan
			}
			return f.Span
		}
	case "SecretsUsedInArgOrEnv":
		if m := reQuotedDouble.FindStringSubmatch(msg); m != nil {
			for _, w := range target.Args {
				key, _, _ := strings.Cut(w.Raw, "=")
				if key == m[1] {
					return Span{w.Span.Start, w.Span.Start + len(key)}
				}
			}
		}
	case "ExposeProtoCasing", "ExposeInvalidFormat":
		if m := reQuotedSingle.FindStringSubmatch(msg); m != nil {
			for _, w := range target.Args {
				if w.Raw == m[1] || w.Value == m[1] {
					return w.Span
				}
			}
		}
	case "InvalidDefinitionDescription":
		for i := len(d.Comments()) - 1; i >= 0; i-- {
			c := d.Comments()[i]
			if d.Lines.LineOf(c.Span.Start) == ins.Line-1 {
				return c.Span
			}
		}
	}
	return d.firstLineSpan(ins)
}

// varSpan finds the first reference to name in ins.
func (d *Document) varSpan(ins *Instruction, name string) (Span, bool) {
	for _, v := range ins.Vars {
		if v.Name == name {
			return v.Span, true
		}
	}
	if ins.Sub != nil {
		return d.varSpan(ins.Sub, name)
	}
	return Span{}, false
}

// narrowError returns the span for a BuildKit error on zero-based lines first..last.
func (d *Document) narrowError(msg string, first, last int) Span {
	ins := d.InstructionAtLine(first)
	if ins == nil {
		if first < 0 {
			return Span{0, 0}
		}
		return d.lineSpan(first)
	}
	target := ins
	if ins.Sub != nil {
		target = ins.Sub
	}
	switch {
	case strings.HasPrefix(msg, "unknown instruction"):
		return target.Keyword
	case strings.Contains(msg, "flag"):
		if m := reFlagName.FindStringSubmatch(msg); m != nil {
			for _, f := range target.Flags {
				if f.Name == m[1] {
					return f.Span
				}
			}
		}
	case strings.Contains(msg, "stage") && target.Flag("from") != nil:
		return valueSpan(target.Flag("from"))
	case strings.Contains(msg, "invalid name for build stage"), strings.Contains(msg, "stage name"):
		if len(target.Args) >= 3 && strings.Contains(msg, "build stage") {
			return target.Args[2].Span
		}
		if len(target.Args) > 0 {
			return target.Args[0].Span
		}
	case strings.Contains(msg, "requires"), strings.Contains(msg, "must have"):
		if target.ArgsSpan.Len() > 0 {
			return target.ArgsSpan
		}
		return target.Keyword
	case strings.Contains(msg, "base name"):
		if len(target.Args) > 0 {
			return target.Args[0].Span
		}
	case strings.Contains(msg, "unterminated heredoc"):
		if len(target.Heredocs) > 0 {
			return target.Heredocs[len(target.Heredocs)-1].Marker
		}
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
