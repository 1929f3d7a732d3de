package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// completeFlagNames offers the instruction's flags not yet written, for
// the word at wordStart (empty, "-" or "--…").
func (d *Document) completeFlagNames(ins *Instruction, wordStart, off int) []CompletionItem {
	in := docs.Ref().Instruction(ins.Cmd)
	if in == nil {
		return nil
	}
	var out []CompletionItem
	for i, f := range in.Flags {
		if !f.Repeatable && ins.presentFlag(f.Name, wordStart) {
			continue
		}
		item := CompletionItem{
			Label: "--" + f.Name, Kind: ItemFlag, Replace: Span{wordStart, off}, Sort: sortKey(sortFlag, i),
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

// completeFlagValue offers the values of the flag being typed ("--name=…").
func (d *Document) completeFlagValue(ins *Instruction, word string, off int, opts CompletionOptions) []CompletionItem {
	name, value, _ := strings.Cut(word[2:], "=")
	f := docs.Ref().Flag(ins.Cmd, name)
	if f == nil {
		return nil
	}
	valueStart := off - len(value)
	switch {
	case f.Name == "mount":
		return d.completeMount(ins, f, value, valueStart, off, opts.Lang)
	case f.Kind == "stage":
		return d.stageItems(ins, Span{valueStart, off}, true, opts.Lang)
	}
	return flagValues(ins.Cmd, f).items(opts.Lang, Span{valueStart, off}, ItemValue)
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
func (d *Document) completeMount(ins *Instruction, f *docs.Flag, value string, valueStart, off int, lang string) []CompletionItem {
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
				Detail: docs.Summary(lang, docs.KindMountOption, key.Name), Sort: sortKey(sortValue, i)}
			if key.Kind == "bool" {
				item.Insert, item.Retrigger = key.Name, false
			}
			if slices.Contains(key.Required, typ) {
				item.Sort = sortKey(sortFlag, i)
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
	if key.Kind == "stage" {
		return d.stageItems(ins, Span{vStart, off}, true, lang)
	}
	items := keyValues(key).items(lang, Span{vStart, off}, ItemValue)
	if key.Name == "type" {
		for i := range items {
			items[i].DocKind, items[i].DocName = docs.KindMount, items[i].Label
		}
	}
	return items
}
