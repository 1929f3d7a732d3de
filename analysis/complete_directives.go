package analysis

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// completeComment offers directives at the top, and their values.
func (d *Document) completeComment(off, line, lineStart int, before string, opts CompletionOptions) []CompletionItem {
	if !d.onlyDirectivesBefore(line) {
		return nil
	}
	body := strings.TrimLeft(strings.TrimLeft(before, " \t")[1:], " \t")
	name, value, hasEq := strings.Cut(body, "=")
	name = strings.ToLower(strings.TrimSpace(name))
	if !hasEq {
		start := off - len(body)
		var out []CompletionItem
		for _, dir := range docs.Ref().Directives {
			if strings.HasPrefix(dir.Name, name) {
				out = append(out, CompletionItem{Label: dir.Name, Kind: ItemDirective, Replace: Span{start, off},
					Insert: dir.Name + "=", Retrigger: true, DocKind: docs.KindDirective, DocName: dir.Name,
					Detail: docs.Summary(opts.Lang, docs.KindDirective, dir.Name)})
			}
		}
		return out
	}
	valueStart := off - len(value)
	lang := opts.Lang
	switch name {
	case "syntax", "escape":
		return namedKind(docs.Ref().Directive(name).Kind).items(lang, Span{valueStart, off}, ItemValue)
	case "check":
		// The part after the last ';' is one setting: skip=…, error=…, experimental=….
		part := value[strings.LastIndexByte(value, ';')+1:]
		partStart := off - len(part)
		key, list, hasVal := strings.Cut(part, "=")
		if !hasVal {
			var out []CompletionItem
			for i, k := range docs.Ref().Directive("check").Values {
				out = append(out, CompletionItem{Label: k, Kind: ItemProperty, Replace: Span{partStart, off}, Insert: k + "=",
					Retrigger: true, Sort: sortKey(sortValue, i), Detail: docs.ValueDetail(lang, docs.DirectiveList("check"), k)})
			}
			return out
		}
		itemStart := off - len(list[strings.LastIndexByte(list, ',')+1:])
		switch strings.TrimSpace(key) {
		case "error":
			return namedKind("bool").items(lang, Span{itemStart, off}, ItemValue)
		case "skip", "experimental":
			out := []CompletionItem{{Label: "all", Kind: ItemValue, Replace: Span{itemStart, off}, Insert: "all",
				Sort: sortFlag, Detail: detailAllRules.in(lang)}}
			for _, r := range docs.Ref().Rules {
				// skip= turns off our rules too; experimental= names only
				// BuildKit's experimental checks.
				if key == "experimental" && !r.Experimental || key == "skip" && !RuleNamed(r.Name).skippable() {
					continue
				}
				detail := docs.Summary(lang, docs.KindRule, r.Name)
				if detail == "" {
					detail = r.Description
				}
				out = append(out, CompletionItem{Label: r.Name, Kind: ItemRule, Replace: Span{itemStart, off}, Insert: r.Name,
					Detail: detail, Sort: sortValue + r.Name, DocKind: docs.KindRule, DocName: r.Name})
			}
			return out
		}
	}
	return nil
}
