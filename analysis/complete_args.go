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
	lang := opts.Lang
	replace := Span{wordStart, off}
	argIndex := 0
	for _, a := range ins.Args {
		if a.Span.End < wordStart {
			argIndex++
		}
	}
	switch ins.Cmd {
	case "FROM":
		switch argIndex {
		case 0:
			if items, ok := d.completeTags(ins, word, wordStart, off, opts.Live); ok {
				return items
			}
			out := d.stageItems(ins, replace, false, lang)
			out = append(out, CompletionItem{Label: "scratch", Kind: ItemImage, Replace: replace, Insert: "scratch",
				Sort: sortLast, Detail: detailScratch.in(lang)})
			used := d.imagesUsed(ins)
			inFile := len(used)
			for _, img := range opts.Images {
				if !slices.Contains(used, img) {
					used = append(used, img)
				}
			}
			for i, img := range used {
				detail := detailImageAbove
				if i >= inFile {
					detail = detailImageWorkspace
				}
				out = append(out, CompletionItem{Label: img, Kind: ItemImage, Replace: replace, Insert: img,
					Sort: sortKey(sortImage, i), Detail: detail.in(lang)})
			}
			return out
		case 1:
			as := "AS"
			if d.lowerCase(ins.Line) {
				as = "as"
			}
			return []CompletionItem{{Label: as, Kind: ItemKeyword, Replace: replace, Insert: as + " ", Detail: detailAs.in(lang)}}
		}
		return nil
	case "HEALTHCHECK":
		if argIndex == 0 {
			return argKind(ins).items(lang, replace, ItemKeyword)
		}
	case "STOPSIGNAL":
		if argIndex == 0 {
			return argKind(ins).items(lang, replace, ItemValue)
		}
	case "EXPOSE":
		if p, _, ok := strings.Cut(word, "/"); ok {
			items := namedKind("protocol").items(lang, replace, ItemValue)
			for i := range items {
				items[i].Label = p + "/" + items[i].Label
				items[i].Insert = items[i].Label
			}
			return items
		}
		return argKind(ins).items(lang, replace, ItemValue)
	case "SHELL", "CMD", "ENTRYPOINT", "RUN":
		if len(ins.Args) == 0 || (len(ins.Args) == 1 && ins.Args[0].Span.Start == wordStart && strings.HasPrefix(word, "[")) {
			items := argKind(ins).items(lang, replace, ItemSnippet)
			if len(items) == 0 {
				items = []CompletionItem{{Label: execSkeleton, Kind: ItemSnippet, Replace: replace, Insert: execSkeleton,
					Sort: sortKey(sortValue, 0), Detail: detailExecForm.in(lang)}}
				if opts.Snippets {
					items[0].Snippet = `["${1:executable}", "${2:param}"]`
				}
			}
			for i := range items {
				items[i].DocKind, items[i].DocName = docs.KindInstruction, ins.Cmd
			}
			return items
		}
	case "ARG":
		var out []CompletionItem
		if strings.Contains(word, "=") {
			return nil
		}
		if d.StageOf(ins) != nil {
			for _, g := range d.through(ins.Line).globalArgs {
				for _, kv := range g.KeyValues() {
					out = append(out, CompletionItem{Label: kv.Key, Kind: ItemVariable, Replace: replace, Insert: kv.Key,
						Detail: detailGlobalArg.in(lang, kv.Value), Sort: sortKey(sortValue, len(out))})
				}
			}
		}
		for i, a := range docs.Ref().Args {
			out = append(out, CompletionItem{Label: a.Name, Kind: ItemVariable, Replace: replace, Insert: a.Name,
				Detail: detailPredefined.in(lang, a.Example), Sort: sortKey(sortImage, i), DocKind: docs.KindArg, DocName: a.Name})
		}
		return out
	case "LABEL":
		if strings.Contains(word, "=") {
			return nil
		}
		items := argKind(ins).items(lang, replace, ItemProperty)
		for i := range items {
			items[i].Insert += "="
		}
		return items
	case "COPY", "ADD":
		if ins.Flag("from") != nil {
			return nil // sources come from another stage or image
		}
		return d.completePaths(word, wordStart, off, opts)
	}
	return nil
}

// stageItems lists the stages defined before ins in declaration order, by
// name (an unnamed one by index, in COPY --from), and, for --from, the
// images used in the file after them, except those written with variables
// (BuildKit expands none in --from or a mount's from=,
// dockerfile2llb/convert.go toCommand).
func (d *Document) stageItems(ins *Instruction, replace Span, images bool, lang string) []CompletionItem {
	var out []CompletionItem
	own := d.StageOf(ins)
	for i, st := range d.through(ins.Line).stages {
		if st.From.Line >= ins.Line {
			break
		}
		if st == own && ins.Cmd != "FROM" {
			continue // a stage cannot copy from itself
		}
		// An unnamed stage is reachable only by its index, and only from
		// COPY --from: FROM and a mount's from= look stages up by name
		// (dockerfile2llb/convert.go toCommand, convert_runmount.go
		// detectRunMount).
		if st.Name == "" && ins.Cmd != "COPY" {
			continue
		}
		out = append(out, CompletionItem{Label: st.Ref(), Kind: ItemStage, Replace: replace, Insert: st.Ref(),
			Detail: strings.TrimSpace(d.Lines.Line(st.From.Line)), Sort: sortKey(sortValue, i)})
	}
	if images {
		for i, img := range d.imagesUsed(ins) {
			if strings.Contains(img, "$") {
				continue
			}
			out = append(out, CompletionItem{Label: img, Kind: ItemImage, Replace: replace, Insert: img,
				Sort: sortKey(sortImage, i), Detail: detailImageAbove.in(lang)})
		}
	}
	return out
}

// imagesUsed lists image names the file uses before ins (not stage names),
// in the order of first use.
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
