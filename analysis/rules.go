package analysis

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/buildkit/util/suggest"
)

// This file runs our rules and holds the checks of those driven by the
// reference metadata in docs/: flags unknown to the instruction, flags given
// twice, values not of their kind, JSON forms that are not JSON, stage
// names one typo away from a stage, global ARGs a RUN cannot see. BuildKit
// is the oracle for severity: a finding is an error when BuildKit rejects
// the instruction, a warning (or the rule's default) when it lets it through.

// ourDiagnostics runs every rule of ours that reads only the document;
// failed tells which instructions BuildKit rejects.
func (d *Document) ourDiagnostics(failed func(*Instruction) bool) []Diagnostic {
	defer d.dropScripts()
	var out []Diagnostic
	for _, r := range sortedRules() {
		if r.check != nil {
			out = append(out, r.check(r, d, failed)...)
		}
	}
	return out
}

// contextDiagnostics runs the rules that need the build context, over the
// given instructions.
func (d *Document) contextDiagnostics(env Env, instructions []*Instruction) []Diagnostic {
	if env == nil {
		return nil
	}
	var out []Diagnostic
	for _, r := range sortedRules() {
		if r.checkContext != nil {
			out = append(out, r.checkContext(r, d, env, instructions)...)
		}
	}
	return out
}

// eachInstruction calls f for every instruction the reference describes and
// every ONBUILD trigger (a trigger fails only the child build, so its
// findings are never errors here), with its metadata and whether BuildKit
// rejects it.
func (d *Document) eachInstruction(failed func(*Instruction) bool, f func(ins *Instruction, in *docs.Instruction, fails bool)) {
	for _, ins := range d.Instructions() {
		if ins.Sub != nil {
			if in := docs.Ref().Instruction(ins.Sub.Cmd); in != nil {
				f(ins.Sub, in, false)
			}
		}
		if in := docs.Ref().Instruction(ins.Cmd); in != nil { // UnknownInstruction comes from BuildKit
			f(ins, in, failed(ins))
		}
	}
}

func checkUnknownFlags(r *Rule, d *Document, failed func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	d.eachInstruction(failed, func(ins *Instruction, in *docs.Instruction, fails bool) {
		for _, f := range ins.Flags {
			if docs.Ref().Flag(ins.Cmd, f.Name) != nil {
				continue
			}
			var names []string
			for _, m := range in.Flags {
				names = append(names, m.Name)
			}
			var hint any = ""
			s, ok := suggest.Search(f.Name, names, true)
			if ok {
				hint = &message{text: hintFlag, args: []any{s}}
			}
			out = append(out, r.report(f.NameSpan, fails, Data{Token: f.Name, Suggestion: s}, "", f.Name, ins.Cmd, hint, flagList(in)))
		}
	})
	return out
}

func flagList(in *docs.Instruction) string {
	var names []string
	for _, f := range in.Flags {
		names = append(names, "--"+f.Name)
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, ", ")
}

func checkDuplicateFlags(r *Rule, d *Document, failed func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	d.eachInstruction(failed, func(ins *Instruction, _ *docs.Instruction, fails bool) {
		seen := map[string]bool{}
		for _, f := range ins.Flags {
			meta := docs.Ref().Flag(ins.Cmd, f.Name)
			if meta == nil {
				continue
			}
			if seen[meta.Name] && !meta.Repeatable {
				out = append(out, r.report(f.Span, fails, Data{Token: f.Name}, "", f.Name))
			}
			seen[meta.Name] = true
		}
	})
	return out
}

// needsValue reports whether a flag of a non-bool kind lacks its value.
func needsValue(f *Flag, meta *docs.Flag) bool {
	return meta.Kind != "bool" && (!f.HasValue || f.Value == "")
}

func checkFlagValues(r *Rule, d *Document, failed func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	d.eachInstruction(failed, func(ins *Instruction, _ *docs.Instruction, fails bool) {
		for _, f := range ins.Flags {
			meta := docs.Ref().Flag(ins.Cmd, f.Name)
			switch {
			case meta == nil:
			case needsValue(f, meta):
				out = append(out, r.report(f.Span, fails, Data{Token: f.Name}, "needsValue", f.Name, f.Name, meta.Value))
			case strings.Contains(f.Value, "$"), meta.Name == "mount":
				// decided at build time; mounts have their own rule
			default:
				if p := flagKind(meta).validate(f.Value, f.HasValue); p != nil {
					out = append(out, r.report(valueSpan(f), fails, Data{Token: f.Value, Suggestion: p.suggestion}, "badValue", f.Name, p.msg))
				}
			}
		}
	})
	return out
}

func checkJSONForms(r *Rule, d *Document, failed func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	d.eachInstruction(failed, func(ins *Instruction, _ *docs.Instruction, _ bool) {
		if ins.JSON != nil && !ins.JSON.Valid && ins.Cmd != "SHELL" && strings.HasSuffix(strings.TrimSpace(ins.ArgsText), "]") && ins.JSON.Err != "" && !strings.Contains(ins.JSON.Err, "strings only") {
			out = append(out, r.report(ins.JSON.Span, false, Data{}, "", jsonProblem(ins.JSON.Err)))
		}
	})
	return out
}

func shortJSONError(e string) string {
	return strings.TrimPrefix(e, "invalid character ")
}

func valueSpan(f *Flag) Span {
	if f.ValueSpan.Valid() && f.ValueSpan.Len() > 0 {
		return f.ValueSpan
	}
	return f.Span
}

// checkArgsNotInScope warns about RUN commands that use a global ARG the
// stage did not re-declare: BuildKit leaves $NAME to the shell, which finds
// no such variable and expands it to nothing. (Other instructions get
// BuildKit's own UndefinedVar.)
func checkArgsNotInScope(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	global := map[string]bool{}
	for _, def := range d.globalDefs() {
		if def.Kind == VarGlobalArg {
			global[def.Name] = true
		}
	}
	if len(global) == 0 {
		return nil
	}
	var out []Diagnostic
	for _, st := range d.Stages() {
		for _, ins := range st.Instructions {
			if ins.Cmd != "RUN" || ins.IsExecForm() {
				continue
			}
			reported := map[string]bool{}
			for _, v := range ins.Vars {
				if !global[v.Name] || reported[v.Name] || v.InFlag {
					continue
				}
				if _, ok := d.Var(ins, v.Name); ok {
					continue
				}
				reported[v.Name] = true
				out = append(out, r.report(v.Span, false, Data{Token: v.Name}, "", v.Name, v.Name))
			}
		}
	}
	return out
}

// checkUnknownStages warns about --from and mount from= names that are no
// stage (as BuildKit resolves them: stageRef) but are one typo away from an
// earlier one: BuildKit would quietly pull an image of that name instead.
func checkUnknownStages(r *Rule, d *Document, _ func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, ins := range d.Instructions() {
		check := func(name string, span Span, kind stageRefKind) {
			if name == "" || strings.ContainsAny(name, "/:.@$") || d.stageRef(ins, name, kind) != nil {
				return
			}
			var names []string
			for _, st := range d.through(ins.Line).stages {
				if st.Name != "" && st.From.Line < ins.Line {
					names = append(names, st.Name)
				}
			}
			if s, ok := suggest.Search(name, names, false); ok {
				out = append(out, r.report(span, false, Data{Token: name, Suggestion: s}, "", name, name, s))
			}
		}
		for _, f := range ins.Flags {
			switch {
			case f.Name == "from" && (ins.Cmd == "COPY" || ins.Cmd == "ADD"):
				check(f.Value, valueSpan(f), refCopy)
			case f.Name == "mount" && ins.Cmd == "RUN":
				for _, fd := range ins.FlagFields(f) {
					if strings.EqualFold(fd.Key, "from") && fd.HasValue {
						check(fd.Value, fd.ValueSpan, refMount)
					}
				}
			}
		}
	}
	return out
}
