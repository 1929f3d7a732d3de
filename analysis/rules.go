package analysis

import (
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/util/suggest"
	"github.com/moby/patternmatcher"
)

// This file holds the rules of our own, driven by the reference metadata in
// docs/: flags unknown to the instruction, flags given twice, values outside
// their enum, malformed durations, retries and modes, mount options the
// mount type does not take, and JSON forms that are not JSON. BuildKit is
// the oracle for severity: a finding is an error when BuildKit rejects the
// instruction, a warning when BuildKit lets it through.

// ruleURL returns the documentation URL of a rule.
func ruleURL(rule string) string {
	if r := docs.Ref().Rule(rule); r != nil && r.URL != "" {
		return r.URL
	}
	return "https://github.com/dockerfile-ls/dockerfile-ls/blob/main/docs/en/rules/" + rule + ".md"
}

// ourDiagnostics runs the rules that depend on the build context, over
// the given instructions.
func (d *Document) ourDiagnostics(env Env, instructions []*Instruction) []Diagnostic {
	return d.copyIgnoredFile(env, instructions)
}

// finding builds one of our diagnostics; key names its message in the
// catalog (messages.go), so it can be shown in the user's language.
func finding(rule string, span Span, fails bool, key string, args ...any) Diagnostic {
	sev := SeverityWarning
	if fails {
		sev = SeverityError
	}
	m := &lmsg{key: key, args: args}
	return Diagnostic{Span: span, Severity: sev, Rule: rule, Message: m.render("en"), URL: ruleURL(rule), Source: SourceOurs, local: m}
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

// referenceDiagnostics checks every instruction's flags and forms against
// the reference. failed tells which instructions BuildKit rejects.
func (d *Document) referenceDiagnostics(failed func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	for _, ins := range d.Instructions() {
		fails := failed(ins)
		if ins.Sub != nil {
			out = append(out, d.checkInstruction(ins.Sub, false)...) // a trigger fails only the child build
		}
		out = append(out, d.checkInstruction(ins, fails)...)
		out = append(out, d.unknownStages(ins)...)
	}
	return out
}

// argsNotInScope warns about RUN commands that use a global ARG the stage
// did not re-declare: BuildKit leaves $NAME to the shell, which finds no
// such variable and expands it to nothing. (Other instructions get
// BuildKit's own UndefinedVar.)
func (d *Document) argsNotInScope() []Diagnostic {
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
				out = append(out, finding("ArgNotInScope", v.Span, false, "arg.notInScope", v.Name, v.Name))
			}
		}
	}
	return out
}

// unknownStages warns about --from and mount from= names that are no
// stage before this line but are one typo away from one: BuildKit would
// quietly pull an image of that name instead.
func (d *Document) unknownStages(ins *Instruction) []Diagnostic {
	var out []Diagnostic
	check := func(name string, span Span) {
		if name == "" || strings.ContainsAny(name, "/:.@$") || d.stageBefore(ins, name) != nil {
			return
		}
		var names []string
		for _, st := range d.through(ins.Line).stages {
			if st.Name != "" && st.From.Line < ins.Line {
				names = append(names, st.Name)
			}
		}
		if s, ok := suggest.Search(name, names, false); ok {
			out = append(out, finding("UnknownStage", span, false, "stage.unknown", name, name, s))
		}
	}
	for _, f := range ins.Flags {
		switch {
		case f.Name == "from" && (ins.Cmd == "COPY" || ins.Cmd == "ADD"):
			check(f.Value, valueSpan(f))
		case f.Name == "mount" && ins.Cmd == "RUN":
			for _, fd := range ins.FlagFields(f) {
				if strings.EqualFold(fd.Key, "from") && fd.HasValue {
					check(fd.Value, fd.ValueSpan)
				}
			}
		}
	}
	return out
}

func (d *Document) checkInstruction(ins *Instruction, fails bool) []Diagnostic {
	in := docs.Ref().Instruction(ins.Cmd)
	if in == nil {
		return nil // UnknownInstruction comes from BuildKit
	}
	var out []Diagnostic
	seen := map[string]bool{}
	for _, f := range ins.Flags {
		meta := docs.Ref().Flag(ins.Cmd, f.Name)
		if meta == nil {
			var names []string
			for _, m := range in.Flags {
				names = append(names, m.Name)
			}
			var hint any = ""
			if s, ok := suggest.Search(f.Name, names, true); ok {
				hint = &lmsg{key: "hint.flag", args: []any{s}}
			}
			out = append(out, finding("UnknownFlag", f.NameSpan, fails, "flag.unknown", f.Name, ins.Cmd, hint, flagList(in)))
			continue
		}
		if seen[meta.Name] && !meta.Repeatable {
			out = append(out, finding("DuplicateFlag", f.Span, fails, "flag.duplicate", f.Name))
		}
		seen[meta.Name] = true
		if meta.Kind != "bool" && (!f.HasValue || f.Value == "") {
			out = append(out, finding("InvalidFlagValue", f.Span, fails, "flag.needsValue", f.Name, f.Name, meta.Value))
			continue
		}
		if strings.Contains(f.Value, "$") {
			continue // decided at build time
		}
		if meta.Name == "mount" {
			out = append(out, d.checkMount(ins, f, meta, fails)...)
			continue
		}
		if msg := checkValue(meta.Kind, meta.Values, f.Value, f.HasValue); msg != nil {
			out = append(out, finding("InvalidFlagValue", valueSpan(f), fails, "flag.badValue", f.Name, msg))
		}
	}
	if ins.JSON != nil && !ins.JSON.Valid && ins.Cmd != "SHELL" && strings.HasSuffix(strings.TrimSpace(ins.ArgsText), "]") && ins.JSON.Err != "" && !strings.Contains(ins.JSON.Err, "strings only") {
		out = append(out, finding("MalformedJSONForm", ins.JSON.Span, false, "json.malformed", shortJSONError(ins.JSON.Err)))
	}
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

var (
	octalRe    = regexp.MustCompile(`^[0-7]{1,4}$`)
	symbolicRe = regexp.MustCompile(`^[ugoa]*[-+=][rwxXst]*([,][ugoa]*[-+=][rwxXst]*)*$`)
	sizeRe     = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?\s*([kKmMgGtT]?[iI]?[bB]?)?$`)
)

// checkValue validates a flag or option value of a kind; nil means valid.
func checkValue(kind string, values []string, v string, hasValue bool) *lmsg {
	switch kind {
	case "enum":
		if !slices.Contains(values, v) {
			var hint any = ""
			if s, ok := suggest.Search(v, values, true); ok {
				hint = &lmsg{key: "hint.value", args: []any{s}}
			}
			return &lmsg{key: "value.enum", args: []any{v, strings.Join(values, ", "), hint}}
		}
	case "bool":
		if hasValue {
			switch strings.ToLower(v) {
			case "true", "false":
			default:
				return &lmsg{key: "value.bool", args: []any{v}}
			}
		}
	case "duration":
		dur, err := time.ParseDuration(v)
		if err != nil {
			return &lmsg{key: "value.duration", args: []any{v}}
		}
		if dur != 0 && dur < time.Millisecond {
			return &lmsg{key: "value.durationMin", args: []any{v}}
		}
	case "int":
		n, err := strconv.Atoi(v)
		if err != nil {
			return &lmsg{key: "value.int", args: []any{v}}
		}
		if n < 0 {
			return &lmsg{key: "value.negative", args: []any{n}}
		}
	case "chmod":
		if !octalRe.MatchString(v) && !symbolicRe.MatchString(v) {
			return &lmsg{key: "value.chmod", args: []any{v}}
		}
	case "octal":
		if _, err := strconv.ParseUint(v, 8, 32); err != nil {
			return &lmsg{key: "value.octal", args: []any{v}}
		}
	case "size":
		if !sizeRe.MatchString(v) {
			return &lmsg{key: "value.size", args: []any{v}}
		}
	}
	return nil
}

// checkMount validates the options of one RUN --mount value.
func (d *Document) checkMount(ins *Instruction, f *Flag, meta *docs.Flag, fails bool) []Diagnostic {
	var out []Diagnostic
	fields := ins.FlagFields(f)
	typ := "bind"
	for _, fd := range fields {
		if k := meta.Key(fd.Key); k != nil && k.Name == "type" && fd.HasValue {
			typ = fd.Value
		}
	}
	typeKey := meta.Key("type")
	var keysForType []string
	for _, k := range meta.Keys {
		if len(k.Types) == 0 || slices.Contains(k.Types, typ) {
			keysForType = append(keysForType, k.Name)
		}
	}
	for _, fd := range fields {
		if fd.Key == "" && !fd.HasValue {
			comma := Span{max(fd.Span.Start-1, f.ValueSpan.Start), fd.Span.Start}
			out = append(out, finding("InvalidMountOption", comma, fails, "mount.empty"))
			continue
		}
		vspan := fd.ValueSpan
		if vspan.Len() == 0 {
			vspan = fd.Span
		}
		key := meta.Key(fd.Key)
		if key == nil {
			var all []string
			for _, k := range meta.Keys {
				all = append(all, k.Name)
				all = append(all, k.Aliases...)
			}
			var hint any = ""
			if s, ok := suggest.Search(fd.Key, all, true); ok {
				hint = &lmsg{key: "hint.value", args: []any{s}}
			}
			out = append(out, finding("InvalidMountOption", fd.KeySpan, fails, "mount.unknownKey", fd.Key, hint, typ, strings.Join(keysForType, ", ")))
			continue
		}
		if key.Name == "type" {
			if !slices.Contains(typeKey.Values, fd.Value) {
				out = append(out, finding("InvalidMountOption", vspan, fails, "mount.unknownType", fd.Value, strings.Join(typeKey.Values, ", ")))
			}
			continue
		}
		if len(key.Types) > 0 && !slices.Contains(key.Types, typ) && slices.Contains(typeKey.Values, typ) {
			out = append(out, finding("InvalidMountOption", fd.KeySpan, fails, "mount.noEffect", fd.Key, typ, strings.Join(key.Types, ", ")))
			continue
		}
		if !fd.HasValue {
			if key.Kind != "bool" {
				out = append(out, finding("InvalidMountOption", fd.Span, fails, "mount.needsValue", fd.Key, fd.Key))
			}
			continue
		}
		if strings.Contains(fd.Value, "$") {
			continue
		}
		if msg := checkValue(key.Kind, key.Values, fd.Value, true); msg != nil {
			out = append(out, finding("InvalidMountOption", vspan, fails, "mount.badValue", fd.Key, msg))
		}
	}
	return out
}

// copyIgnoredFile runs BuildKit's CopyIgnoredFile check, which needs the
// build context's .dockerignore: BuildKit runs it only with a build client.
// It follows BuildKit's validateCopySourcePath.
func (d *Document) copyIgnoredFile(env Env, instructions []*Instruction) []Diagnostic {
	if env == nil {
		return nil
	}
	patterns := env.DockerIgnore()
	if len(patterns) == 0 {
		return nil
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil || pm.Exclusions() {
		return nil // exclusions make the answer undecidable statically
	}
	rootIgnored := false
	for _, p := range pm.Patterns() {
		switch p.String() {
		case "*", "**", "**/*":
			rootIgnored = true
		}
	}
	var out []Diagnostic
	for _, ins := range instructions {
		if (ins.Cmd != "COPY" && ins.Cmd != "ADD") || ins.Flag("from") != nil || len(ins.Args) < 2 {
			continue
		}
		cmd := "Copy"
		if ins.Cmd == "ADD" {
			cmd = "Add"
		}
		for _, w := range ins.Args[:len(ins.Args)-1] {
			src := d.ExpandAt(ins, w.Value)
			if strings.HasPrefix(src, "<<") || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
				continue
			}
			src = path.Clean(filepath.ToSlash(src))
			if (src == "." || src == "/") && !rootIgnored {
				continue
			}
			if ok, _ := pm.MatchesOrParentMatches(src); ok {
				out = append(out, Diagnostic{
					Span: w.Span, Severity: SeverityWarning, Rule: linter.RuleCopyIgnoredFile.Name,
					Message: linter.RuleCopyIgnoredFile.Format(cmd, src), URL: linter.RuleCopyIgnoredFile.URL, Source: SourceBuildKit,
				})
			}
		}
	}
	return out
}
