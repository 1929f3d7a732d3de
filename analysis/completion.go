package analysis

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/docs"
	"github.com/moby/patternmatcher"
)

// ItemKind classifies a completion item; the server maps it to the LSP kind.
type ItemKind int

// Completion item kinds.
const (
	ItemKeyword ItemKind = iota
	ItemSnippet
	ItemFlag
	ItemValue
	ItemVariable
	ItemStage
	ItemImage
	ItemFile
	ItemFolder
	ItemDirective
	ItemRule
	ItemProperty
)

// CompletionItem is one proposal at the cursor.
type CompletionItem struct {
	Label     string
	Kind      ItemKind
	Detail    string
	Replace   Span   // the text the item replaces (the partial word before the cursor)
	Insert    string // plain text to insert
	Snippet   string // snippet text (LSP snippet syntax), when the item has placeholders
	Filter    string // filter text when it differs from Label
	Sort      string // sort key
	Retrigger bool   // ask the editor to complete again after inserting (e.g. after "--mount=")
	DocKind   docs.Kind
	DocName   string // the reference page that documents the item (resolved lazily)
	Docs      string // documentation that is not a page (Markdown)
}

// CompletionOptions tune completion.
type CompletionOptions struct {
	Lang     string
	Snippets bool
	Env      Env
	// Images are image names used in the workspace's other Dockerfiles.
	Images []string
}

// DirEntry is one entry of a build-context directory.
type DirEntry struct {
	Name  string
	IsDir bool
}

// ContextFS lists build-context directories; an Env may implement it.
type ContextFS interface {
	ListDir(rel string) []DirEntry
}

// Complete returns what may be written at off, and nothing that may not.
func (d *Document) Complete(off int, opts CompletionOptions) []CompletionItem {
	if opts.Lang == "" {
		opts.Lang = "en"
	}
	line := d.Lines.LineOf(off)
	lineStart := d.Lines.LineStart(line)
	before := d.Text[lineStart:off]
	trimmed := strings.TrimLeft(before, " \t")

	if strings.HasPrefix(trimmed, "#") {
		return d.completeComment(off, line, lineStart, before, opts)
	}
	ins := d.InstructionAt(off)
	if ins == nil || off <= ins.Keyword.End && off >= ins.Keyword.Start {
		if ins == nil && strings.TrimSpace(before) != "" {
			return nil
		}
		start := off - len(trimmed)
		if ins != nil {
			start = ins.Keyword.Start
		}
		return d.completeInstructions(Span{start, off}, false, line, opts)
	}
	target := ins
	if ins.Cmd == "ONBUILD" {
		if ins.Sub == nil || off <= ins.Sub.Keyword.End {
			start := off
			if ins.Sub != nil {
				start = ins.Sub.Keyword.Start
			}
			return d.completeInstructions(Span{start, off}, true, line, opts)
		}
		target = ins.Sub
	}
	// Inside a heredoc body only variables are ours to offer (the shell, or
	// BuildKit for COPY <<EOF, expands them there).
	for _, h := range target.Heredocs {
		if off > h.Marker.End && h.Body.Contains(off) && off >= h.Body.Start {
			return d.completeVariable(target, off, lineStart, opts)
		}
	}
	word, wordStart := currentWord(d.Text, lineStart, off)
	if items := d.completeVariable(target, off, lineStart, opts); items != nil {
		return items
	}
	if strings.HasPrefix(word, "--") && d.inFlagArea(target, wordStart) {
		return d.completeFlag(target, word, wordStart, off, opts)
	}
	return d.completeArgs(target, word, wordStart, off, opts)
}

// currentWord returns the partial word before off on its line.
func currentWord(text string, lineStart, off int) (string, int) {
	s := off
	for s > lineStart && !isSpaceByte(text[s-1]) {
		s--
	}
	return text[s:off], s
}

// inFlagArea reports whether a word starting at pos is still among the flags.
func (d *Document) inFlagArea(ins *Instruction, pos int) bool {
	for _, a := range ins.Args {
		if a.Span.Start < pos && !strings.HasPrefix(a.Raw, "--") {
			return false
		}
	}
	return true
}

// lowerCase reports whether the file writes instruction keywords in lower
// case, judging by the instructions up to line (all of them are not needed
// to know the file's habit, and completion must not lex the whole file).
func (d *Document) lowerCase(line int) bool {
	lower, upper := 0, 0
	for _, ins := range d.through(line).instructions {
		hasLower, hasUpper := false, false
		for i := ins.Keyword.Start; i < ins.Keyword.End; i++ {
			c := d.Text[i]
			hasLower = hasLower || ('a' <= c && c <= 'z')
			hasUpper = hasUpper || ('A' <= c && c <= 'Z')
		}
		switch {
		case hasLower && !hasUpper:
			lower++
		case hasUpper && !hasLower:
			upper++
		}
	}
	return lower > upper
}

// instructionSnippets are the forms offered as snippets, by instruction.
var instructionSnippets = map[string][]struct{ label, snippet string }{
	"FROM":        {{"FROM image AS name", "FROM ${1:image}:${2:tag} AS ${3:name}"}},
	"RUN":         {{"RUN [\"exec\"]", "RUN [\"${1:executable}\", \"${2:param}\"]"}, {"RUN <<EOF", "RUN <<EOF\n${1:command}\nEOF"}, {"RUN --mount=type=cache", "RUN --mount=type=cache,target=${1:/root/.cache} ${2:command}"}},
	"CMD":         {{"CMD [\"exec\"]", "CMD [\"${1:executable}\", \"${2:param}\"]"}},
	"ENTRYPOINT":  {{"ENTRYPOINT [\"exec\"]", "ENTRYPOINT [\"${1:executable}\", \"${2:param}\"]"}},
	"COPY":        {{"COPY --from=stage", "COPY --from=${1:stage} ${2:src} ${3:dest}"}, {"COPY <<EOF", "COPY <<EOF ${1:/path/to/file}\n${2:content}\nEOF"}},
	"HEALTHCHECK": {{"HEALTHCHECK CMD", "HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} --retries=${3:3} CMD ${4:command}"}, {"HEALTHCHECK NONE", "HEALTHCHECK NONE"}},
	"SHELL":       {{"SHELL [\"/bin/sh\", \"-c\"]", "SHELL [\"${1:/bin/bash}\", \"${2:-o}\", \"${3:pipefail}\", \"-c\"]"}},
	"ENV":         {{"ENV key=value", "ENV ${1:key}=${2:value}"}},
	"ARG":         {{"ARG name=default", "ARG ${1:name}=${2:default}"}},
	"LABEL":       {{"LABEL key=value", "LABEL ${1:key}=\"${2:value}\""}},
	"EXPOSE":      {{"EXPOSE port/proto", "EXPOSE ${1:8080}/${2|tcp,udp|}"}},
}

// onbuildForbidden cannot be ONBUILD triggers.
var onbuildForbidden = map[string]bool{"ONBUILD": true, "FROM": true, "MAINTAINER": true}

func (d *Document) completeInstructions(replace Span, inOnbuild bool, line int, opts CompletionOptions) []CompletionItem {
	lower := d.lowerCase(line)
	v := d.through(line)
	firstIns := len(v.instructions) == 0 || v.instructions[0].Line >= line
	var out []CompletionItem
	for _, in := range docs.Ref().Instructions {
		if inOnbuild && onbuildForbidden[in.Name] {
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
		for _, sn := range instructionSnippets[in.Name] {
			label, body := sn.label, sn.snippet
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
					Insert: dir.Name + "=", Retrigger: true, DocKind: docs.KindDirective, DocName: dir.Name})
			}
		}
		return out
	}
	valueStart := off - len(value)
	switch name {
	case "syntax":
		var out []CompletionItem
		for i, v := range []string{"docker/dockerfile:1", "docker/dockerfile:1-labs", "docker/dockerfile:1.20", "docker/dockerfile:1.19", "docker/dockerfile:1.17"} {
			out = append(out, CompletionItem{Label: v, Kind: ItemValue, Replace: Span{valueStart, off}, Insert: v, Sort: string(rune('a' + i))})
		}
		return out
	case "escape":
		return []CompletionItem{
			{Label: `\`, Kind: ItemValue, Replace: Span{valueStart, off}, Insert: `\`, Detail: "default"},
			{Label: "`", Kind: ItemValue, Replace: Span{valueStart, off}, Insert: "`", Detail: "Windows paths"},
		}
	case "check":
		// The part after the last ';' is one setting: skip=…, error=…, experimental=….
		part := value[strings.LastIndexByte(value, ';')+1:]
		partStart := off - len(part)
		key, list, hasVal := strings.Cut(part, "=")
		if !hasVal {
			var out []CompletionItem
			for _, k := range []string{"skip", "error", "experimental"} {
				out = append(out, CompletionItem{Label: k, Kind: ItemProperty, Replace: Span{partStart, off}, Insert: k + "=", Retrigger: true})
			}
			return out
		}
		itemStart := off - len(list[strings.LastIndexByte(list, ',')+1:])
		switch strings.TrimSpace(key) {
		case "error":
			return []CompletionItem{{Label: "true", Kind: ItemValue, Replace: Span{itemStart, off}, Insert: "true"}, {Label: "false", Kind: ItemValue, Replace: Span{itemStart, off}, Insert: "false"}}
		case "skip", "experimental":
			out := []CompletionItem{{Label: "all", Kind: ItemValue, Replace: Span{itemStart, off}, Insert: "all"}}
			for _, r := range docs.Ref().Rules {
				if r.Source != "buildkit" {
					continue
				}
				if key == "experimental" && !r.Experimental {
					continue
				}
				out = append(out, CompletionItem{Label: r.Name, Kind: ItemRule, Replace: Span{itemStart, off}, Insert: r.Name,
					Detail: r.Description, DocKind: docs.KindRule, DocName: r.Name})
			}
			return out
		}
	}
	return nil
}

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
		return d.variableItems(ins, Span{start, off}, "${", closing)
	}
	if i > lineStart && t[i-1] == '$' {
		if i-1 > lineStart && t[i-2] == d.Escape {
			return nil
		}
		return d.variableItems(ins, Span{i - 1, off}, "$", "")
	}
	// ${NAME: → modifiers.
	if off-1 > lineStart && t[off-1] == ':' {
		j := off - 1
		for j > lineStart && isNameChar(t[j-1]) {
			j--
		}
		if j-2 >= lineStart && t[j-1] == '{' && t[j-2] == '$' && j < off-1 {
			var out []CompletionItem
			for _, m := range []struct{ mod, detail string }{
				{"-", "default value when unset or empty"},
				{"+", "alternative value when set"},
				{"?", "fail with a message when unset or empty"},
			} {
				out = append(out, CompletionItem{Label: ":" + m.mod, Kind: ItemValue, Replace: Span{off - 1, off}, Insert: ":" + m.mod, Detail: m.detail, Filter: ":" + m.mod})
			}
			return out
		}
	}
	return nil
}

func (d *Document) variableItems(ins *Instruction, replace Span, open, closing string) []CompletionItem {
	var out []CompletionItem
	seen := map[string]bool{}
	for _, def := range d.VarsAt(ins) {
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
	// Predefined args are visible to RUN's shell only when declared, but
	// proxies are always in RUN's environment.
	for _, a := range docs.Ref().Args {
		if seen[a.Name] {
			continue
		}
		if ins.Cmd == "RUN" && a.Group == "proxy" {
			out = append(out, CompletionItem{
				Label: a.Name, Kind: ItemVariable, Replace: replace, Insert: open + a.Name + closing,
				Filter: open + a.Name, Detail: "predefined", Sort: "3" + a.Name, DocKind: docs.KindArg, DocName: a.Name,
			})
		}
	}
	return out
}

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
	values := func(vs ...string) []CompletionItem {
		var out []CompletionItem
		for i, v := range vs {
			out = append(out, CompletionItem{Label: v, Kind: ItemValue, Replace: Span{valueStart, off}, Insert: v, Sort: string(rune('a' + i))})
		}
		return out
	}
	switch {
	case f.Name == "mount":
		return d.completeMount(ins, f, value, valueStart, off)
	case f.Kind == "enum":
		return values(f.Values...)
	case f.Kind == "bool":
		return values("true", "false")
	case f.Kind == "platform":
		return values("$BUILDPLATFORM", "$TARGETPLATFORM", "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/386", "linux/ppc64le", "linux/s390x", "linux/riscv64", "windows/amd64")
	case f.Kind == "chmod":
		return values("0755", "0644", "0700", "0600", "0555", "0444", "0775", "0664", "+x", "u+x")
	case f.Kind == "chown":
		return values("root:root", "1000:1000", "65532:65532", "nobody:nogroup")
	case f.Kind == "duration":
		return values("30s", "10s", "5s", "1m", "5m", "0s")
	case f.Kind == "int":
		return values("3", "5", "1")
	case f.Kind == "checksum":
		return values("sha256:")
	case f.Kind == "stage":
		return d.stageItems(ins, Span{valueStart, off}, true)
	}
	return nil
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
	case key.Name == "from":
		return d.stageItems(ins, Span{vStart, off}, true)
	case key.Kind == "enum":
		for _, t := range key.Values {
			add(t, "", "")
		}
	case key.Kind == "bool":
		add("true", "", "")
		add("false", "", "")
	case key.Kind == "octal":
		for _, m := range []string{"0755", "0700", "0644", "0600", "0400"} {
			add(m, "", "")
		}
	case key.Name == "target":
		for _, p := range []string{"/root/.cache", "/var/cache/apt", "/var/lib/apt", "/root/.npm", "/root/go/pkg/mod", "/root/.cache/pip", "/tmp"} {
			add(p, "", "")
		}
	}
	return out
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
			return values(ItemValue, "SIGTERM", "SIGINT", "SIGQUIT", "SIGKILL", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGSTOP", "SIGRTMIN+3")
		}
	case "EXPOSE":
		if p, _, ok := strings.Cut(word, "/"); ok {
			return []CompletionItem{
				{Label: p + "/tcp", Kind: ItemValue, Replace: replace, Insert: p + "/tcp"},
				{Label: p + "/udp", Kind: ItemValue, Replace: replace, Insert: p + "/udp"},
			}
		}
		return values(ItemValue, "80/tcp", "443/tcp", "8080/tcp", "3000/tcp", "5432/tcp", "53/udp")
	case "SHELL", "CMD", "ENTRYPOINT", "RUN":
		if len(ins.Args) == 0 || (len(ins.Args) == 1 && ins.Args[0].Span.Start == wordStart && strings.HasPrefix(word, "[")) {
			var out []CompletionItem
			skeletons := []string{`["executable", "param"]`}
			if ins.Cmd == "SHELL" {
				skeletons = []string{`["/bin/sh", "-c"]`, `["/bin/bash", "-o", "pipefail", "-c"]`, `["powershell", "-Command"]`, `["cmd", "/S", "/C"]`}
			}
			for i, sk := range skeletons {
				item := CompletionItem{Label: sk, Kind: ItemSnippet, Replace: replace, Insert: sk, Sort: string(rune('a' + i)), DocKind: docs.KindInstruction, DocName: ins.Cmd}
				if sk == `["executable", "param"]` && opts.Snippets {
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
		for _, k := range []string{"title", "description", "version", "authors", "url", "source", "documentation", "licenses", "vendor", "revision", "created", "base.name", "base.digest"} {
			key := "org.opencontainers.image." + k
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

// completePaths lists build-context entries for COPY/ADD sources, without
// those .dockerignore excludes; directories end in '/'.
func (d *Document) completePaths(word string, wordStart, off int, opts CompletionOptions) []CompletionItem {
	fsys, ok := opts.Env.(ContextFS)
	if !ok || strings.Contains(word, "$") || strings.Contains(word, "://") {
		return nil
	}
	dir, prefixStart := "", wordStart
	if i := strings.LastIndexByte(word, '/'); i >= 0 {
		dir, prefixStart = word[:i+1], wordStart+i+1
	}
	var pm *patternmatcher.PatternMatcher
	if patterns := opts.Env.DockerIgnore(); len(patterns) > 0 {
		pm, _ = patternmatcher.New(patterns)
	}
	var out []CompletionItem
	for _, e := range fsys.ListDir(strings.TrimPrefix(dir, "./")) {
		rel := path.Clean(strings.TrimPrefix(dir, "./") + e.Name)
		if pm != nil {
			if ok, _ := pm.MatchesOrParentMatches(rel); ok {
				continue
			}
		}
		item := CompletionItem{Label: e.Name, Kind: ItemFile, Replace: Span{prefixStart, off}, Insert: e.Name, Sort: "2" + e.Name}
		if e.IsDir {
			item.Label += "/"
			item.Insert += "/"
			item.Kind = ItemFolder
			item.Sort = "1" + e.Name
			item.Retrigger = true
		}
		out = append(out, item)
	}
	return out
}
