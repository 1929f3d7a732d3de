package analysis

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// CodeAction is a fix or refactoring for a span.
type CodeAction struct {
	Title      string
	Kind       string // "quickfix" or "source"
	Diagnostic *Diagnostic
	Edits      []TextEdit
	Preferred  bool
}

var (
	reDidYouMean     = regexp.MustCompile(`did you mean (?:--|\$)?([A-Za-z0-9_./:-]+)\?`)
	shellMetaRe      = regexp.MustCompile(`[|&;<>()$\x60\\"'*?~#{}\[\]]`)
	legacyUnsafeRe   = regexp.MustCompile(`["\\]`)
	upperProtoPortRe = regexp.MustCompile(`^(.*)/([A-Za-z]+)$`)
)

// CodeActions returns the fixes for the diagnostics that touch span, and a
// way to silence each build check in this file.
func (d *Document) CodeActions(span Span, env Env, lang string) []CodeAction {
	var out []CodeAction
	for _, diag := range d.Diagnostics(env) {
		if diag.Span.End < span.Start || diag.Span.Start > span.End {
			continue
		}
		diag := diag
		for _, a := range d.fixesFor(&diag) {
			a.Diagnostic, a.Kind = &diag, "quickfix"
			out = append(out, a)
		}
		if diag.Source == SourceBuildKit && diag.Severity != SeverityError || diag.Source == SourceOurs && diag.Severity != SeverityError {
			if a, ok := d.skipRuleAction(diag.Rule); ok {
				a.Diagnostic, a.Kind = &diag, "quickfix"
				out = append(out, a)
			}
		}
	}
	return out
}

func (d *Document) text(s Span) string { return d.Text[s.Start:s.End] }

// fixesFor returns the edits that fix one diagnostic.
func (d *Document) fixesFor(diag *Diagnostic) []CodeAction {
	ins := d.InstructionAt(diag.Span.Start)
	if ins == nil {
		return nil
	}
	target := ins
	if ins.Sub != nil && diag.Span.Start >= ins.Sub.Keyword.Start {
		target = ins.Sub
	}
	one := func(title string, span Span, text string) []CodeAction {
		return []CodeAction{{Title: title, Edits: []TextEdit{{span, text}}, Preferred: true}}
	}
	switch diag.Rule {
	case "MaintainerDeprecated":
		who := strings.TrimSpace(target.ArgsText)
		if strings.Contains(who, `"`) {
			return nil
		}
		return one(`Replace with LABEL org.opencontainers.image.authors`, Span{target.Keyword.Start, target.Span.End},
			fmt.Sprintf(`LABEL org.opencontainers.image.authors="%s"`, who))
	case "FromAsCasing":
		kw := d.text(target.Keyword)
		as := "AS"
		if kw == strings.ToLower(kw) {
			as = "as"
		}
		return one("Write '"+as+"' like '"+kw+"'", diag.Span, as)
	case "StageNameCasing":
		lower := strings.ToLower(d.text(diag.Span))
		if edits, err := d.Rename(diag.Span.Start, lower); err == nil {
			return []CodeAction{{Title: "Rename stage to '" + lower + "'", Edits: edits, Preferred: true}}
		}
	case "ConsistentInstructionCasing":
		kw := d.text(diag.Span)
		want := strings.ToUpper(kw)
		if strings.Contains(diag.Message, "(lowercase)") {
			want = strings.ToLower(kw)
		}
		return one("Write '"+want+"'", diag.Span, want)
	case "ExposeProtoCasing":
		if m := upperProtoPortRe.FindStringSubmatch(d.text(diag.Span)); m != nil {
			return one("Write the protocol in lower case", diag.Span, m[1]+"/"+strings.ToLower(m[2]))
		}
	case "JSONArgsRecommended":
		args := target.ArgsText
		if shellMetaRe.MatchString(args) || strings.Contains(args, "\n") {
			return nil
		}
		words := strings.Fields(args)
		b, _ := json.Marshal(words)
		return one("Use the exec form "+strings.ReplaceAll(string(b), ",", ", "), target.ArgsSpan, strings.ReplaceAll(string(b), `","`, `", "`))
	case "LegacyKeyValueFormat":
		kvs := target.KeyValues()
		if len(kvs) != 1 || legacyUnsafeRe.MatchString(kvs[0].Value) || strings.Contains(d.text(target.ArgsSpan), "\n") {
			return nil
		}
		v := kvs[0].Value
		if strings.ContainsAny(v, " \t") || v == "" {
			v = `"` + v + `"`
		}
		return one("Use "+target.Cmd+" "+kvs[0].Key+"="+v, target.ArgsSpan, kvs[0].Key+"="+v)
	case "RedundantTargetPlatform":
		if f := target.Flag("platform"); f != nil {
			end := f.Span.End
			for end < len(d.Text) && (d.Text[end] == ' ' || d.Text[end] == '\t') {
				end++
			}
			return one("Remove --platform=$TARGETPLATFORM", Span{f.Span.Start, end}, "")
		}
	case "MalformedJSONForm":
		raw := d.text(diag.Span)
		if strings.Contains(raw, `"`) || strings.Contains(raw, "\n") {
			return nil
		}
		fixed := strings.ReplaceAll(raw, "'", `"`)
		var check []string
		if json.Unmarshal([]byte(fixed), &check) != nil {
			return nil
		}
		return one("Use double quotes", diag.Span, fixed)
	case "NoEmptyContinuation":
		var edits []TextEdit
		for _, l := range target.EmptyContinuationLines {
			edits = append(edits, TextEdit{Span{d.Lines.LineStart(l), d.Lines.LineStart(l + 1)}, ""})
		}
		return []CodeAction{{Title: "Remove the empty continuation lines", Edits: edits, Preferred: true}}
	case "ArgNotInScope":
		name := strings.TrimPrefix(strings.TrimPrefix(d.text(diag.Span), "${"), "$")
		name = strings.TrimRight(name, "}")
		if i := strings.IndexAny(name, ":-+?#%/}"); i >= 0 {
			name = name[:i]
		}
		if st := d.StageOf(target); st != nil {
			at := d.Lines.LineStart(st.From.EndLine + 1)
			return []CodeAction{{Title: "Add ARG " + name + " to this stage", Edits: []TextEdit{{Span{at, at}, "ARG " + name + "\n"}}, Preferred: true}}
		}
	case "UnknownStage":
		if i := strings.LastIndex(diag.Message, "did you mean "); i >= 0 {
			s := strings.TrimSuffix(diag.Message[i+len("did you mean "):], "?")
			return one("Change to '"+s+"'", diag.Span, s)
		}
	case "UnknownFlag", "InvalidFlagValue", "InvalidMountOption", "UndefinedVar", "UndefinedArgInFrom", "UnknownInstruction":
		m := reDidYouMean.FindStringSubmatch(diag.Message)
		if m == nil {
			return nil
		}
		repl := m[1]
		span := diag.Span
		switch diag.Rule {
		case "UnknownFlag":
			repl = "--" + repl
		case "UndefinedVar", "UndefinedArgInFrom":
			for _, v := range target.Vars {
				if v.Span == diag.Span || v.Span.Contains(diag.Span.Start) {
					span = v.NameSpan
				}
			}
		case "UnknownInstruction":
			repl = strings.ToUpper(repl)
			if kw := d.text(span); kw == strings.ToLower(kw) {
				repl = strings.ToLower(repl)
			}
		}
		return one("Change to '"+repl+"'", span, repl)
	}
	return nil
}

// skipRuleAction adds the rule to "# check=skip=…" (creating the directive
// at the top if needed).
func (d *Document) skipRuleAction(rule string) (CodeAction, bool) {
	if rule == "" || strings.HasPrefix(rule, "Parse") || rule == "ChecksSkipped" {
		return CodeAction{}, false
	}
	title := "Disable " + rule + " in this file (# check=skip)"
	if dir := d.Directive("check"); dir != nil {
		parts := strings.Split(dir.Value, ";")
		for i, p := range parts {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if k == "skip" {
				list := strings.Split(v, ",")
				if slices.Contains(list, rule) || v == "all" {
					return CodeAction{}, false
				}
				parts[i] = strings.TrimSpace(p) + "," + rule
				return CodeAction{Title: title, Edits: []TextEdit{{dir.ValueSpan, strings.Join(parts, ";")}}}, true
			}
		}
		return CodeAction{Title: title, Edits: []TextEdit{{dir.ValueSpan, dir.Value + ";skip=" + rule}}}, true
	}
	// A new directive goes after the existing ones (directives must come first).
	at := 0
	if n := len(d.Directives); n > 0 {
		at = d.Lines.LineStart(d.Lines.LineOf(d.Directives[n-1].Span.Start) + 1)
	}
	return CodeAction{Title: title, Edits: []TextEdit{{Span{at, at}, "# check=skip=" + rule + "\n"}}}, true
}
