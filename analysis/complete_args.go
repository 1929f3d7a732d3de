package analysis

import (
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// execSkeleton is the exec form offered as the argument of RUN, CMD and
// ENTRYPOINT.
const execSkeleton = `["executable", "param"]`

// argKind is the value kind of an instruction's arguments (signal, port,
// shell…; docs/reference.yaml), or a kind that suggests nothing.
func argKind(ins *Instruction) valueKind {
	if in := docs.Ref().Instruction(ins.Cmd); in != nil && in.Arg != "" {
		return namedKind(in.Arg)
	}
	return valueKind{}
}

// completeArgs completes instruction arguments by instruction.
func (d *Document) completeArgs(ins *Instruction, word string, wordStart, off int, opts CompletionOptions) []CompletionItem {
	replace := Span{wordStart, off}
	argIndex := 0
	for _, a := range ins.Args {
		if a.Span.End < wordStart {
			argIndex++
		}
	}
	values := func(kind ItemKind, vs ...string) []CompletionItem {
		var out []CompletionItem
		for i, v := range vs {
			out = append(out, CompletionItem{Label: v, Kind: kind, Replace: replace, Insert: v, Sort: string(rune('a' + i))})
		}
		return out
	}
	switch ins.Cmd {
	case "FROM":
		switch argIndex {
		case 0:
			if items, ok := d.completeTags(ins, word, wordStart, off, opts.Live); ok {
				return items
			}
			var out []CompletionItem
			out = append(out, d.stageItems(ins, replace, false)...)
			out = append(out, CompletionItem{Label: "scratch", Kind: ItemImage, Replace: replace, Insert: "scratch", Sort: "3scratch", Docs: "The empty image."})
			seen := map[string]bool{}
			for _, img := range append(d.imagesUsed(ins), opts.Images...) {
				if !seen[img] {
					seen[img] = true
					out = append(out, CompletionItem{Label: img, Kind: ItemImage, Replace: replace, Insert: img, Sort: "2" + img})
				}
			}
			return out
		case 1:
			as := "AS"
			if d.lowerCase(ins.Line) {
				as = "as"
			}
			return []CompletionItem{{Label: as, Kind: ItemKeyword, Replace: replace, Insert: as + " "}}
		}
		return nil
	case "HEALTHCHECK":
		if argIndex == 0 {
			return values(ItemKeyword, "CMD", "NONE")
		}
	case "STOPSIGNAL":
		if argIndex == 0 {
			return values(ItemValue, argKind(ins).suggest()...)
		}
	case "EXPOSE":
		if p, _, ok := strings.Cut(word, "/"); ok {
			var out []CompletionItem
			for _, proto := range namedKind("protocol").suggest() {
				out = append(out, CompletionItem{Label: p + "/" + proto, Kind: ItemValue, Replace: replace, Insert: p + "/" + proto})
			}
			return out
		}
		return values(ItemValue, argKind(ins).suggest()...)
	case "SHELL", "CMD", "ENTRYPOINT", "RUN":
		if len(ins.Args) == 0 || (len(ins.Args) == 1 && ins.Args[0].Span.Start == wordStart && strings.HasPrefix(word, "[")) {
			var out []CompletionItem
			skeletons := argKind(ins).suggest()
			if len(skeletons) == 0 {
				skeletons = []string{execSkeleton}
			}
			for i, sk := range skeletons {
				item := CompletionItem{Label: sk, Kind: ItemSnippet, Replace: replace, Insert: sk, Sort: string(rune('a' + i)), DocKind: docs.KindInstruction, DocName: ins.Cmd}
				if sk == execSkeleton && opts.Snippets {
					item.Snippet = `["${1:executable}", "${2:param}"]`
				}
				out = append(out, item)
			}
			return out
		}
	case "ARG":
		var out []CompletionItem
		if strings.Contains(word, "=") {
			return nil
		}
		for _, a := range docs.Ref().Args {
			out = append(out, CompletionItem{Label: a.Name, Kind: ItemVariable, Replace: replace, Insert: a.Name,
				Detail: "predefined", Sort: "2" + a.Name, DocKind: docs.KindArg, DocName: a.Name})
		}
		if d.StageOf(ins) != nil {
			for _, g := range d.through(ins.Line).globalArgs {
				for _, kv := range g.KeyValues() {
					out = append(out, CompletionItem{Label: kv.Key, Kind: ItemVariable, Replace: replace, Insert: kv.Key,
						Detail: "global ARG " + kv.Value, Sort: "1" + kv.Key})
				}
			}
		}
		return out
	case "LABEL":
		if strings.Contains(word, "=") {
			return nil
		}
		var out []CompletionItem
		for _, key := range argKind(ins).suggest() {
			out = append(out, CompletionItem{Label: key, Kind: ItemProperty, Replace: replace, Insert: key + "=", Detail: "OCI annotation"})
		}
		return out
	case "COPY", "ADD":
		if ins.Flag("from") != nil {
			return nil // sources come from another stage or image
		}
		return d.completePaths(word, wordStart, off, opts)
	}
	return nil
}

// stageItems lists stages defined before ins (and, for --from, images used in the file).
func (d *Document) stageItems(ins *Instruction, replace Span, images bool) []CompletionItem {
	var out []CompletionItem
	own := d.StageOf(ins)
	for _, st := range d.through(ins.Line).stages {
		if st.From.Line >= ins.Line {
			break
		}
		if st.Name == "" || (st == own && ins.Cmd != "FROM") {
			continue // a stage cannot copy from itself
		}
		out = append(out, CompletionItem{Label: st.Name, Kind: ItemStage, Replace: replace, Insert: st.Name,
			Detail: strings.TrimSpace(d.Lines.Line(st.From.Line)), Sort: "1" + st.Name})
	}
	if images {
		for _, img := range d.imagesUsed(ins) {
			out = append(out, CompletionItem{Label: img, Kind: ItemImage, Replace: replace, Insert: img, Sort: "2" + img})
		}
	}
	return out
}

// imagesUsed lists image names the file uses before ins (not stage names).
func (d *Document) imagesUsed(ins *Instruction) []string {
	var out []string
	v := d.through(ins.Line)
	for _, st := range v.stages {
		if st.From.Line >= ins.Line {
			break
		}
		if st.Image == "" || st.Parent != nil || strings.EqualFold(st.Image, "scratch") || v.stageNamed(st.Image) != nil {
			continue
		}
		if !slices.Contains(out, st.Image) {
			out = append(out, st.Image)
		}
	}
	return out
}
