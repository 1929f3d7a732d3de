package analysis

import (
	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/buildkit/util/system"
)

// completeVariable offers variables after '$' or '${', and modifiers after '${V:'.
func (d *Document) completeVariable(ins *Instruction, off, lineStart int, opts CompletionOptions) []CompletionItem {
	t := d.Text
	i := off
	for i > lineStart && isNameChar(t[i-1]) {
		i--
	}
	braced := i-2 >= lineStart && t[i-1] == '{' && t[i-2] == '$'
	if braced {
		if i-3 >= lineStart && t[i-3] == d.Escape {
			return nil
		}
		start := i - 2
		closing := "}"
		if off < len(t) && t[off] == '}' {
			closing = ""
		}
		return d.variableItems(ins, Span{start, off}, "${", closing, opts.ImageSource, opts.Lang)
	}
	if i > lineStart && t[i-1] == '$' {
		if i-1 > lineStart && t[i-2] == d.Escape {
			return nil
		}
		return d.variableItems(ins, Span{i - 1, off}, "$", "", opts.ImageSource, opts.Lang)
	}
	// ${NAME: → modifiers.
	if off-1 > lineStart && t[off-1] == ':' {
		j := off - 1
		for j > lineStart && isNameChar(t[j-1]) {
			j--
		}
		if j-2 >= lineStart && t[j-1] == '{' && t[j-2] == '$' && j < off-1 {
			var out []CompletionItem
			for i, mod := range []string{"-", "+", "?"} {
				out = append(out, CompletionItem{Label: ":" + mod, Kind: ItemValue, Replace: Span{off - 1, off}, Insert: ":" + mod,
					Detail: detailModifiers[mod].in(opts.Lang), Filter: ":" + mod, Sort: sortKey(sortValue, i)})
			}
			return out
		}
	}
	return nil
}

func (d *Document) variableItems(ins *Instruction, replace Span, open, closing string, images ImageSource, lang string) []CompletionItem {
	var out []CompletionItem
	seen := map[string]bool{}
	atStart := startsWithContainer(ins)
	for _, def := range d.VarsAt(ins) {
		if !varNameRe.MatchString(def.Name) {
			continue // "ARG a=1 # note" declares "#" and "note": no reference names "#"
		}
		if atStart && def.Kind != VarEnv && def.Kind != VarInheritedEnv {
			continue // an ARG lives only while the image builds; the container gets the ENVs
		}
		seen[def.Name] = true
		detail := string(def.Kind)
		if def.HasValue {
			detail = def.Value + " (" + string(def.Kind) + ")"
		}
		out = append(out, CompletionItem{
			Label: def.Name, Kind: ItemVariable, Replace: replace, Insert: open + def.Name + closing,
			Filter: open + def.Name, Detail: detail, Sort: "1" + def.Name,
		})
	}
	out = append(out, d.imageVarItems(ins, replace, open, closing, images, seen)...)
	// Predefined args are visible to RUN's shell only when declared, but
	// proxies are always in RUN's environment.
	for _, a := range docs.Ref().Args {
		if seen[a.Name] {
			continue
		}
		if ins.Cmd == "RUN" && a.Group == "proxy" {
			out = append(out, CompletionItem{
				Label: a.Name, Kind: ItemVariable, Replace: replace, Insert: open + a.Name + closing,
				Filter: open + a.Name, Detail: detailPredefined.in(lang, a.Example), Sort: "3" + a.Name, DocKind: docs.KindArg, DocName: a.Name,
			})
		}
	}
	return out
}

// startsWithContainer reports an instruction whose command runs when a
// container starts (CMD, ENTRYPOINT, HEALTHCHECK), in the image's
// environment: its ENV (and, on Windows, the OS's variables), no ARG.
func startsWithContainer(ins *Instruction) bool {
	return ins.Cmd == "CMD" || ins.Cmd == "ENTRYPOINT" || ins.Cmd == "HEALTHCHECK"
}

// imageVarItems offers the variables the stage's base image defines that
// the Dockerfile does not, with their values. BuildKit expands only the
// config's; the shell in RUN, and the container's command, also see those
// Windows gives processes.
func (d *Document) imageVarItems(ins *Instruction, replace Span, open, closing string, images ImageSource, seen map[string]bool) []CompletionItem {
	st := d.StageOf(ins)
	if st == nil || ins.Cmd == "FROM" || ins.Sub != nil {
		return nil
	}
	base, _ := d.BaseImage(st, images)
	if base.Image == nil {
		if seen["PATH"] || d.looksWindows(st.Image+" "+base.Ref) {
			return nil
		}
		// Whatever the image, a Linux stage has PATH: BuildKit sets its
		// default when the config lacks one (convert.go, "make sure that
		// PATH is always set"), except on Windows.
		seen["PATH"] = true
		return []CompletionItem{{
			Label: "PATH", Kind: ItemVariable, Replace: replace, Insert: open + "PATH" + closing,
			Filter: open + "PATH", Detail: system.DefaultPathEnv("linux") + " (" + string(VarImageEnv) + ")", Sort: "2PATH",
		}}
	}
	var out []CompletionItem
	for _, e := range base.Image.Env {
		if seen[e.Name] || (e.FromOS && ins.Cmd != "RUN" && !startsWithContainer(ins)) {
			continue
		}
		seen[e.Name] = true
		detail := string(VarImageEnv) + ", " + base.Ref
		if e.Value != "" {
			detail = e.Value + " (" + detail + ")"
		}
		out = append(out, CompletionItem{
			Label: e.Name, Kind: ItemVariable, Replace: replace, Insert: open + e.Name + closing,
			Filter: open + e.Name, Detail: detail, Sort: "2" + e.Name,
		})
	}
	return out
}
