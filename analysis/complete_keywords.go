package analysis

import (
	"regexp"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// onbuildForbidden cannot be ONBUILD triggers.
var onbuildForbidden = map[string]bool{"ONBUILD": true, "FROM": true, "MAINTAINER": true}

// beforeFrom are the only instructions BuildKit accepts before the first
// FROM: every other one fails with "no build stage in current context"
// (instructions/parse.go Parse, commands.go CurrentStage).
var beforeFrom = map[string]bool{"FROM": true, "ARG": true}

// completeInstructions offers the instruction keywords (in the file's case),
// their snippets (docs/reference.yaml) and, at the top, the directives.
// Before the first FROM only FROM and ARG are offered.
func (d *Document) completeInstructions(replace Span, inOnbuild bool, line int, opts CompletionOptions) []CompletionItem {
	lower := d.lowerCase(line)
	v := d.through(line)
	firstIns := len(v.instructions) == 0 || v.instructions[0].Line >= line
	noStage := len(v.stages) == 0 || v.stages[0].From.Line >= line
	var out []CompletionItem
	for _, in := range docs.Ref().Instructions {
		if inOnbuild && onbuildForbidden[in.Name] || noStage && !inOnbuild && !beforeFrom[in.Name] {
			continue
		}
		name := in.Name
		if lower {
			name = strings.ToLower(name)
		}
		item := CompletionItem{
			Label: name, Kind: ItemKeyword, Replace: replace, Insert: name + " ",
			Sort: "1" + in.Name, DocKind: docs.KindInstruction, DocName: in.Name,
			Detail: docs.Summary(opts.Lang, docs.KindInstruction, in.Name),
		}
		if in.Deprecated != "" {
			item.Sort = "9" + in.Name
		}
		out = append(out, item)
		if !opts.Snippets {
			continue
		}
		for _, sn := range in.Snippets {
			label, body := sn.Label, sn.Body
			if lower {
				label = strings.Replace(label, in.Name, name, 1)
				body = strings.Replace(body, in.Name, name, 1)
			}
			out = append(out, CompletionItem{
				Label: label, Kind: ItemSnippet, Replace: replace, Snippet: body, Filter: name,
				Sort: "2" + in.Name + label, DocKind: docs.KindInstruction, DocName: in.Name,
			})
		}
	}
	if firstIns && !inOnbuild && d.onlyDirectivesBefore(line) {
		for _, dir := range docs.Ref().Directives {
			if d.Directive(dir.Name) != nil {
				continue
			}
			out = append(out, CompletionItem{
				Label: "# " + dir.Name + "=", Kind: ItemDirective, Replace: replace,
				Insert: "# " + dir.Name + "=", Sort: "0" + dir.Name, Retrigger: true,
				DocKind: docs.KindDirective, DocName: dir.Name, Filter: dir.Name,
				Detail: docs.Summary(opts.Lang, docs.KindDirective, dir.Name),
			})
		}
	}
	return out
}

var directiveLikeRe = regexp.MustCompile(`^\s*#\s*[a-zA-Z][a-zA-Z0-9]*\s*=`)

// onlyDirectivesBefore reports whether every line before line is a
// directive, or one being written ("# syntax=" without a value yet).
func (d *Document) onlyDirectivesBefore(line int) bool {
	for l := 0; l < line; l++ {
		if !directiveLikeRe.MatchString(d.Lines.Line(l)) {
			return false
		}
	}
	return true
}
