package analysis

import (
	"fmt"
	"strings"

	"github.com/distribution/reference"
	"github.com/dockerfile-ls/dockerfile-ls/docs"
)

// HoverResult is the explanation of the token at a position.
type HoverResult struct {
	Span     Span   // the token explained
	Markdown string // the explanation
}

// Hover explains the token at off in lang ("en", "ru" …): an instruction,
// flag, mount option, variable, stage, image, directive or the build check
// whose diagnostic covers off. It returns nil when there is nothing to say.
// env is the build context and images the source of base-image facts (nil:
// none, and the offline table).
func (d *Document) Hover(off int, lang string, env Env, images ImageSource) *HoverResult {
	if r := d.hoverDirective(off, lang); r != nil {
		return r
	}
	var main *HoverResult
	if ins := d.InstructionAt(off); ins != nil {
		main = d.hoverInstruction(ins, off, lang, images)
	}
	rules, ruleSpan := d.hoverFindings(off, lang, env, images)
	if len(rules) == 0 {
		return main
	}
	if main == nil {
		return &HoverResult{Span: ruleSpan, Markdown: strings.Join(rules, "\n\n---\n\n")}
	}
	main.Markdown += "\n\n---\n\n" + strings.Join(rules, "\n\n---\n\n")
	return main
}

// hoverFindings explains the findings at off: per rule, its page, and
// for each finding whose text the user reads differs from BuildKit's (a
// translation or an explanation), both texts.
func (d *Document) hoverFindings(off int, lang string, env Env, images ImageSource) (blocks []string, span Span) {
	index := map[string]int{}
	for _, diag := range d.diagnosticsAt(off, env, images) {
		i, seen := index[diag.Rule]
		if !seen {
			page, ok := docs.Page(lang, docs.KindRule, diag.Rule)
			if !ok {
				continue
			}
			i = len(blocks)
			index[diag.Rule] = i
			blocks = append(blocks, "**"+msg(lang, "rule.title", diag.Rule)+"**\n\n"+page)
			span = diag.Span
		}
		if l := diag.Localized(lang); diag.Source == SourceBuildKit && l != diag.Message {
			// Before the page: what this finding says, then what BuildKit said.
			title, page, _ := strings.Cut(blocks[i], "\n\n")
			blocks[i] = title + "\n\n" + markdownText(l) + "\n\n" + msg(lang, "rule.buildkit") + "\n\n```text\n" + diag.Message + "\n```\n\n" + page
		}
	}
	return blocks, span
}

// markdownText escapes what Markdown would read as markup in a message
// (placeholders like <image>, emphasis), outside its `code` spans.
func markdownText(s string) string {
	parts := strings.Split(s, "`")
	for i := 0; i < len(parts); i += 2 {
		parts[i] = mdEscaper.Replace(parts[i])
	}
	return strings.Join(parts, "`")
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "<", `\<`, ">", `\>`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "#", `\#`)

func page(lang string, kind docs.Kind, name string, span Span) *HoverResult {
	md, ok := docs.Page(lang, kind, name)
	if !ok {
		return nil
	}
	return &HoverResult{Span: span, Markdown: md}
}

func (d *Document) hoverDirective(off int, lang string) *HoverResult {
	for _, dir := range d.Directives {
		if !dir.Span.Contains(off) {
			continue
		}
		if dir.Name == "check" && dir.ValueSpan.Contains(off) {
			if name, span, ok := wordAt(d.Text, dir.ValueSpan, off, ",;="); ok {
				if r := docs.Ref().Rule(name); r != nil {
					return page(lang, docs.KindRule, r.Name, span)
				}
			}
		}
		return page(lang, docs.KindDirective, dir.Name, dir.Span)
	}
	return nil
}

// wordAt returns the word around off inside within, delimited by seps and spaces.
func wordAt(text string, within Span, off int, seps string) (string, Span, bool) {
	isSep := func(c byte) bool { return isSpaceByte(c) || strings.IndexByte(seps, c) >= 0 }
	s, e := off, off
	for s > within.Start && !isSep(text[s-1]) {
		s--
	}
	for e < within.End && !isSep(text[e]) {
		e++
	}
	if s == e {
		return "", Span{}, false
	}
	return text[s:e], Span{s, e}, true
}

func (d *Document) hoverInstruction(ins *Instruction, off int, lang string, images ImageSource) *HoverResult {
	if ins.Keyword.Contains(off) {
		return page(lang, docs.KindInstruction, ins.Cmd, ins.Keyword)
	}
	target := ins
	if ins.Sub != nil && off >= ins.Sub.Keyword.Start {
		target = ins.Sub
		if target.Keyword.Contains(off) {
			return page(lang, docs.KindInstruction, target.Cmd, target.Keyword)
		}
	}
	if r := d.hoverHeredoc(target, off, lang); r != nil {
		return r
	}
	// The innermost variable reference under the cursor.
	var best *VarRef
	for i := range target.Vars {
		v := &target.Vars[i]
		if v.Span.Contains(off) && (best == nil || v.Span.Len() < best.Span.Len()) {
			best = v
		}
	}
	if best != nil {
		return d.hoverVar(target, best, lang, images)
	}
	for _, f := range target.Flags {
		if f.Span.Contains(off) {
			return d.hoverFlag(target, f, off, lang, images)
		}
	}
	switch target.Cmd {
	case "FROM":
		if st := d.stageByFrom(target); st != nil {
			if st.NameSpan.Valid() && st.NameSpan.Contains(off) {
				return &HoverResult{Span: st.NameSpan, Markdown: d.stageMarkdown(st, lang)}
			}
			if st.ImageSpan.Valid() && st.ImageSpan.Contains(off) {
				return d.hoverBase(target, st.Image, st.ImageSpan, lang, images)
			}
		}
	case "HEALTHCHECK":
		if len(target.Args) > 0 && target.Args[0].Span.Contains(off) {
			return page(lang, docs.KindInstruction, "HEALTHCHECK", target.Args[0].Span)
		}
	case "ARG", "ENV":
		for _, kv := range target.KeyValues() {
			if kv.KeySpan.Contains(off) {
				if target.Cmd == "ARG" && docs.Ref().Arg(kv.Key) != nil {
					return page(lang, docs.KindArg, kv.Key, kv.KeySpan)
				}
				return d.hoverDeclaration(target, kv, lang)
			}
		}
	}
	return nil
}

// hoverDeclaration explains the variable an ARG or ENV key declares: its
// value there and who sees it (the declaration itself is not in its own
// scope, so hoverVar would call it undefined).
func (d *Document) hoverDeclaration(ins *Instruction, kv KeyValue, lang string) *HoverResult {
	for _, def := range d.defsOf(ins) {
		if def.NameSpan != kv.KeySpan {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "**`$%s`** — %s\n\n", def.Name, def.Kind)
		if def.HasValue {
			fmt.Fprintf(&b, "%s\n\n", msg(lang, "var.value", def.Value))
		} else {
			fmt.Fprintf(&b, "%s\n\n", msg(lang, "var.novalue"))
		}
		switch def.Kind {
		case VarGlobalArg:
			b.WriteString(msg(lang, "var.declglobal", def.Name))
		case VarEnv:
			b.WriteString(msg(lang, "var.declenv"))
		default:
			b.WriteString(msg(lang, "var.declarg", def.Name))
		}
		return &HoverResult{Span: kv.KeySpan, Markdown: b.String()}
	}
	return nil
}

func (d *Document) hoverFlag(ins *Instruction, f *Flag, off int, lang string, images ImageSource) *HoverResult {
	name := ins.Cmd + "-" + f.Name
	if f.HasValue && f.ValueSpan.Contains(off) && off >= f.ValueSpan.Start {
		switch {
		case ins.Cmd == "RUN" && f.Name == "mount":
			mount := docs.Ref().Flag("RUN", "mount")
			for _, fd := range ins.FlagFields(f) {
				if !fd.Span.Contains(off) {
					continue
				}
				key := mount.Key(fd.Key)
				if key == nil {
					return page(lang, docs.KindFlag, name, f.Span)
				}
				if fd.HasValue && fd.ValueSpan.Contains(off) && off > fd.KeySpan.End {
					switch key.Name {
					case "type":
						return page(lang, docs.KindMount, fd.Value, fd.ValueSpan)
					case "from":
						return d.hoverStageRef(ins, fd.Value, fd.ValueSpan, refMount, lang, images)
					}
				}
				return page(lang, docs.KindMountOption, key.Name, fd.Span)
			}
		case f.Name == "from" && ins.Cmd == "COPY":
			return d.hoverStageRef(ins, f.Value, f.ValueSpan, refCopy, lang, images)
		}
	}
	return page(lang, docs.KindFlag, name, f.Span)
}

// hoverStageRef explains a --from or from= value: the stage it names, else
// an image.
func (d *Document) hoverStageRef(ins *Instruction, name string, span Span, kind stageRefKind, lang string, images ImageSource) *HoverResult {
	if st := d.stageRef(ins, name, kind); st != nil {
		return &HoverResult{Span: span, Markdown: d.stageMarkdown(st, lang)}
	}
	return d.imageHover(ins, name, span, lang, images)
}

func (d *Document) hoverBase(from *Instruction, image string, span Span, lang string, images ImageSource) *HoverResult {
	if st := d.stageRef(from, image, refBase); st != nil {
		return &HoverResult{Span: span, Markdown: d.stageMarkdown(st, lang)}
	}
	return d.imageHover(from, image, span, lang, images)
}

func (d *Document) stageMarkdown(st *Stage, lang string) string {
	title := msg(lang, "stage.unnamed", st.Index)
	if st.Name != "" {
		title = msg(lang, "stage.title", st.Name, st.Index)
	}
	line := strings.TrimSpace(d.Lines.Line(st.From.Line))
	return "**" + title + "**\n\n" + msg(lang, "stage.from", line, d.shownLine(st.From.Span.Start))
}

// imageHover breaks an image reference into its parts, offline.
func (d *Document) imageHover(ins *Instruction, image string, span Span, lang string, images ImageSource) *HoverResult {
	if strings.EqualFold(image, "scratch") {
		return &HoverResult{Span: span, Markdown: msg(lang, "image.scratch")}
	}
	var b strings.Builder
	resolved := image
	if strings.Contains(image, "$") {
		resolved = d.ExpandAt(ins, image)
	}
	fmt.Fprintf(&b, "**%s**\n\n", msg(lang, "image.title", image))
	if resolved != image {
		fmt.Fprintf(&b, "%s\n\n", msg(lang, "image.vars", resolved))
	}
	named, err := reference.ParseNormalizedNamed(resolved)
	if err != nil {
		fmt.Fprintf(&b, "%s\n", msg(lang, "image.invalid", err))
		return &HoverResult{Span: span, Markdown: b.String()}
	}
	domain, path := reference.Domain(named), reference.Path(named)
	fmt.Fprintf(&b, "| | |\n|---|---|\n| %s | `%s` |\n| %s | `%s` |\n", msg(lang, "image.registry"), domain, msg(lang, "image.repository"), path)
	tag := msg(lang, "image.latest")
	if t, ok := named.(reference.Tagged); ok {
		tag = "`" + t.Tag() + "`"
	} else if _, ok := named.(reference.Digested); ok {
		tag = "—"
	}
	fmt.Fprintf(&b, "| %s | %s |\n", msg(lang, "image.tag"), tag)
	if dg, ok := named.(reference.Digested); ok {
		fmt.Fprintf(&b, "| %s | `%s` |\n", msg(lang, "image.digest"), dg.Digest())
	}
	if u := registryPage(domain, path); u != "" {
		fmt.Fprintf(&b, "\n[%s](%s)\n", msg(lang, "image.page"), u)
	}
	if im, ok := images.Lookup(resolved); ok {
		b.WriteString("\n")
		writeImageFacts(&b, im, named, lang)
	}
	return &HoverResult{Span: span, Markdown: b.String()}
}

// imagePage is the registry web page of an image reference, or "".
func imagePage(image string) string {
	named, err := reference.ParseNormalizedNamed(image)
	if err != nil {
		return ""
	}
	return registryPage(reference.Domain(named), reference.Path(named))
}

// registryPage links to the web page of a repository on well-known registries.
func registryPage(domain, path string) string {
	switch domain {
	case "docker.io":
		if rest, ok := strings.CutPrefix(path, "library/"); ok {
			return "https://hub.docker.com/_/" + rest
		}
		return "https://hub.docker.com/r/" + path
	case "quay.io":
		return "https://quay.io/repository/" + path
	case "ghcr.io", "gcr.io", "registry.gitlab.com", "public.ecr.aws":
		return "https://" + domain + "/" + path
	case "mcr.microsoft.com":
		return "https://mcr.microsoft.com/artifact/mar/" + path
	}
	return ""
}

func (d *Document) hoverVar(ins *Instruction, v *VarRef, lang string, images ImageSource) *HoverResult {
	var b strings.Builder
	fmt.Fprintf(&b, "**`$%s`**", v.Name)
	def, ok := d.Var(ins, v.Name)
	if !ok {
		if md, ok := d.hoverImageVar(ins, v, lang, images); ok {
			return &HoverResult{Span: v.Span, Markdown: b.String() + md}
		}
		fmt.Fprintf(&b, "\n\n%s", msg(lang, "var.undefined", v.Name))
		if docs.Ref().Arg(v.Name) != nil {
			fmt.Fprintf(&b, "\n\n%s %s", msg(lang, "var.predefined"), docs.Summary(lang, docs.KindArg, v.Name))
			if d.StageOf(ins) != nil && ins.Cmd != "FROM" {
				fmt.Fprintf(&b, "\n\n%s", msg(lang, "var.declare", v.Name))
			}
		}
		if isShellForm(ins) {
			fmt.Fprintf(&b, "\n\n%s", msg(lang, "var.shell"))
		}
		return &HoverResult{Span: v.Span, Markdown: b.String()}
	}
	fmt.Fprintf(&b, " — %s\n\n", def.Kind)
	if def.HasValue {
		fmt.Fprintf(&b, "%s\n\n", msg(lang, "var.value", def.Value))
	} else {
		fmt.Fprintf(&b, "%s\n\n", msg(lang, "var.novalue"))
	}
	switch def.Kind {
	case VarPredefined:
		fmt.Fprintf(&b, "%s %s", msg(lang, "var.predefined"), docs.Summary(lang, docs.KindArg, def.Name))
	case VarGlobalArg:
		fmt.Fprintf(&b, "%s", msg(lang, "var.global", d.shownLine(def.Ins.Span.Start)))
	case VarInheritedEnv, VarInheritedArg:
		fmt.Fprintf(&b, "%s", msg(lang, "var.inherited", def.Stage.Ref(), d.declText(def), d.shownLine(def.Ins.Span.Start)))
	default:
		fmt.Fprintf(&b, "%s", msg(lang, "var.defined", d.declText(def), d.shownLine(def.Ins.Span.Start)))
		if def.Kind == VarArg && docs.Ref().Arg(def.Name) != nil {
			fmt.Fprintf(&b, "\n\n%s %s", msg(lang, "var.predefined"), docs.Summary(lang, docs.KindArg, def.Name))
		}
	}
	if startsWithContainer(ins) && def.Kind != VarEnv && def.Kind != VarInheritedEnv {
		fmt.Fprintf(&b, "\n\n%s", msg(lang, "var.atstart", ins.Cmd, def.Name))
	}
	return &HoverResult{Span: v.Span, Markdown: b.String()}
}

func isShellForm(ins *Instruction) bool {
	switch ins.Cmd {
	case "RUN", "CMD", "ENTRYPOINT":
		return !ins.IsExecForm()
	}
	return false
}

// declText is the declaring instruction's first line, shortened.
func (d *Document) declText(def VarDef) string {
	line := strings.TrimSpace(d.Lines.Line(def.Ins.Line))
	line = strings.TrimSuffix(line, string(d.Escape))
	if len(line) > 80 {
		line = line[:77] + "…"
	}
	return strings.TrimSpace(line)
}
