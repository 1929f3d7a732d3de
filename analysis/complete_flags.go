package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// completeFlag offers flag names, or the value of the flag being typed.
func (d *Document) completeFlag(ins *Instruction, word string, wordStart, off int, opts CompletionOptions) []CompletionItem {
	in := docs.Ref().Instruction(ins.Cmd)
	if in == nil {
		return nil
	}
	name, value, hasEq := strings.Cut(word[2:], "=")
	if !hasEq {
		var out []CompletionItem
		for _, f := range in.Flags {
			if !f.Repeatable && ins.presentFlag(f.Name, wordStart) {
				continue
			}
			item := CompletionItem{
				Label: "--" + f.Name, Kind: ItemFlag, Replace: Span{wordStart, off},
				Detail: f.Value, DocKind: docs.KindFlag, DocName: ins.Cmd + "-" + f.Name,
			}
			if f.Kind == "bool" {
				item.Insert = "--" + f.Name
			} else {
				item.Insert = "--" + f.Name + "="
				item.Retrigger = true
			}
			out = append(out, item)
		}
		return out
	}
	f := docs.Ref().Flag(ins.Cmd, name)
	if f == nil {
		return nil
	}
	valueStart := off - len(value)
	switch {
	case f.Name == "mount":
		return d.completeMount(ins, f, value, valueStart, off)
	case f.Kind == "stage":
		return d.stageItems(ins, Span{valueStart, off}, true)
	}
	var out []CompletionItem
	for i, v := range flagKind(f).suggest() {
		out = append(out, CompletionItem{Label: v, Kind: ItemValue, Replace: Span{valueStart, off}, Insert: v, Sort: string(rune('a' + i))})
	}
	return out
}

// presentFlag reports whether ins already has flag name outside the word at pos.
func (ins *Instruction) presentFlag(name string, pos int) bool {
	for _, f := range ins.Flags {
		if f.Name == name && f.Span.Start != pos {
			return true
		}
	}
	return false
}

// completeMount completes RUN --mount=k=v,… by the mount type chosen so far.
func (d *Document) completeMount(ins *Instruction, f *docs.Flag, value string, valueStart, off int) []CompletionItem {
	fields := strings.Split(value, ",")
	cur := fields[len(fields)-1]
	curStart := off - len(cur)
	typ := "bind"
	present := map[string]bool{}
	for _, fd := range fields[:len(fields)-1] {
		k, v, _ := strings.Cut(fd, "=")
		if key := f.Key(k); key != nil {
			present[key.Name] = true
			if key.Name == "type" {
				typ = v
			}
		}
	}
	k, v, hasEq := strings.Cut(cur, "=")
	if !hasEq {
		var out []CompletionItem
		for i, key := range f.Keys {
			if present[key.Name] || (len(key.Types) > 0 && !slices.Contains(key.Types, typ)) {
				continue
			}
			if key.Name == "type" && len(present) > 0 {
				continue
			}
			item := CompletionItem{Label: key.Name, Kind: ItemProperty, Replace: Span{curStart, off},
				Insert: key.Name + "=", Retrigger: true, DocKind: docs.KindMountOption, DocName: key.Name,
				Detail: key.Kind, Sort: string(rune('a' + i))}
			if key.Kind == "bool" {
				item.Insert, item.Retrigger = key.Name, false
			}
			if slices.Contains(key.Required, typ) {
				item.Sort = "0" + item.Sort
			}
			out = append(out, item)
		}
		return out
	}
	key := f.Key(k)
	if key == nil {
		return nil
	}
	vStart := off - len(v)
	var out []CompletionItem
	add := func(label string, kind docs.Kind, page string) {
		out = append(out, CompletionItem{Label: label, Kind: ItemValue, Replace: Span{vStart, off}, Insert: label, DocKind: kind, DocName: page})
	}
	switch {
	case key.Name == "type":
		for _, t := range key.Values {
			add(t, docs.KindMount, t)
		}
	case key.Kind == "stage":
		return d.stageItems(ins, Span{vStart, off}, true)
	default:
		for _, v := range keyKind(key).suggest() {
			add(v, "", "")
		}
	}
	return out
}
