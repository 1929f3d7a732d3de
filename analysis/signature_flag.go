package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// defaultLine is the line of a flag's signature documentation that gives
// its default.
var defaultLine = Text{"en": "Default: %s", "ru": "По умолчанию: %s"}

// flagSignature describes the flag under the cursor instead of the
// instruction: its value syntax as the one parameter, or for RUN --mount
// one signature per mount type, the active one the type written (bind when
// none is), its options as parameters and the option under the cursor
// active. nil when the cursor is on no flag the instruction knows.
func (d *Document) flagSignature(ins *Instruction, off int, lang string) *SignatureHelp {
	var f *Flag
	for _, fl := range ins.Flags {
		if fl.Span.Contains(off) && off > fl.Span.Start {
			f = fl
		}
	}
	if f == nil {
		return nil
	}
	meta := docs.Ref().Flag(ins.Cmd, f.Name)
	if meta == nil {
		return nil
	}
	if meta.Name == "mount" {
		return mountSignatures(ins, f, meta, off, lang)
	}
	label := "--" + meta.Name
	if !strings.HasPrefix(meta.Value, "[") {
		label += "="
	}
	valueStart := len(label)
	label += meta.Value
	doc := docs.Summary(lang, docs.KindFlag, ins.Cmd+"-"+meta.Name)
	if meta.Default != "" {
		doc += "\n\n" + defaultLine.in(lang, "`"+meta.Default+"`")
	}
	return &SignatureHelp{Signatures: []Signature{{Label: label, Params: []Span{{valueStart, len(label)}}, Doc: doc}}}
}

// mountSignatures are RUN --mount's forms, one per mount type.
func mountSignatures(ins *Instruction, f *Flag, meta *docs.Flag, off int, lang string) *SignatureHelp {
	typeKey := meta.Key("type")
	fields := ins.FlagFields(f)
	h := &SignatureHelp{}
	typ := typeKey.Default
	var cur *Field
	for i, fd := range fields {
		if k := meta.Key(fd.Key); k != nil && k.Name == "type" {
			typ = strings.ToLower(fd.Value)
		}
		if fd.Span.Contains(off) {
			cur = &fields[i]
		}
	}
	var keys [][]*docs.Key // per signature, the key of each parameter
	for i, t := range typeKey.Values {
		label := "--mount=type=" + t
		sig := Signature{Params: []Span{{len("--mount="), len(label)}}, Doc: docs.Summary(lang, docs.KindMount, t)}
		ks := []*docs.Key{typeKey}
		for _, k := range meta.Keys {
			if k == typeKey || len(k.Types) > 0 && !slices.Contains(k.Types, t) {
				continue
			}
			opt := k.Name
			switch {
			case k.Kind == "enum":
				opt += "=" + strings.Join(k.Values, "|")
			case k.Kind != "bool":
				opt += "=" + k.Value
			}
			required := slices.Contains(k.Required, t)
			if required {
				label += ","
			} else {
				label += "[,"
			}
			sig.Params = append(sig.Params, Span{len(label), len(label) + len(opt)})
			ks = append(ks, k)
			label += opt
			if !required {
				label += "]"
			}
		}
		sig.Label = label
		h.Signatures = append(h.Signatures, sig)
		keys = append(keys, ks)
		if t == typ {
			h.Active = i
		}
	}
	// An empty field or an option the type does not take has no parameter:
	// the index past the last one highlights none.
	h.ActiveParam = len(h.Signatures[h.Active].Params)
	if cur != nil {
		if k := meta.Key(cur.Key); k != nil {
			if i := slices.Index(keys[h.Active], k); i >= 0 {
				h.ActiveParam = i
			}
		}
	}
	return h
}
