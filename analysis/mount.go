package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/buildkit/util/suggest"
)

// checkMounts validates the options of every RUN --mount value against the
// mount types of docs/reference.yaml (InvalidMountOption).
func checkMounts(r *Rule, d *Document, failed func(*Instruction) bool) []Diagnostic {
	var out []Diagnostic
	d.eachInstruction(failed, func(ins *Instruction, _ *docs.Instruction, fails bool) {
		for _, f := range ins.Flags {
			meta := docs.Ref().Flag(ins.Cmd, f.Name)
			if meta != nil && meta.Name == "mount" && !needsValue(f, meta) && !strings.Contains(f.Value, "$") {
				out = append(out, checkMount(r, ins, f, meta, fails)...)
			}
		}
	})
	return out
}

// checkMount validates the options of one RUN --mount value.
func checkMount(r *Rule, ins *Instruction, f *Flag, meta *docs.Flag, fails bool) []Diagnostic {
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
			out = append(out, r.report(comma, fails, Data{}, "empty"))
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
			s, ok := suggest.Search(fd.Key, all, true)
			if ok {
				hint = &message{text: hintValue, args: []any{s}}
			}
			out = append(out, r.report(fd.KeySpan, fails, Data{Token: fd.Key, Suggestion: s}, "unknownKey", fd.Key, hint, typ, strings.Join(keysForType, ", ")))
			continue
		}
		if key.Name == "type" {
			if !slices.Contains(typeKey.Values, fd.Value) {
				out = append(out, r.report(vspan, fails, Data{Token: fd.Value}, "unknownType", fd.Value, strings.Join(typeKey.Values, ", ")))
			}
			continue
		}
		if len(key.Types) > 0 && !slices.Contains(key.Types, typ) && slices.Contains(typeKey.Values, typ) {
			out = append(out, r.report(fd.KeySpan, fails, Data{Token: fd.Key}, "noEffect", fd.Key, typ, strings.Join(key.Types, ", ")))
			continue
		}
		if !fd.HasValue {
			if key.Kind != "bool" {
				out = append(out, r.report(fd.Span, fails, Data{Token: fd.Key}, "needsValue", fd.Key, fd.Key))
			}
			continue
		}
		if strings.Contains(fd.Value, "$") {
			continue
		}
		if p := keyKind(key).validate(fd.Value, true); p != nil {
			out = append(out, r.report(vspan, fails, Data{Token: fd.Value, Suggestion: p.suggestion}, "badValue", fd.Key, p.msg))
		}
	}
	return out
}
