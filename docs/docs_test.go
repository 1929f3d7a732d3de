package docs

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// ---------------------------------------------------------------------------
// Metadata

func TestReferenceParses(t *testing.T) {
	data, err := files.ReadFile("reference.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := parseReference(data)
	if err != nil {
		t.Fatalf("reference.yaml: %v", err)
	}
	if len(ref.Instructions) == 0 || len(ref.Directives) == 0 || len(ref.Args) == 0 || len(ref.Rules) == 0 {
		t.Fatalf("reference.yaml has an empty section: %d instructions, %d directives, %d args, %d rules",
			len(ref.Instructions), len(ref.Directives), len(ref.Args), len(ref.Rules))
	}
	// Strict decoding must reject unknown keys, so typos cannot hide.
	if _, err := parseReference([]byte("instructions:\n  - name: FROM\n    minArg: 1\n")); err == nil {
		t.Error("parseReference accepted an unknown key")
	}
	if Ref() == nil {
		t.Fatal("Ref() is nil")
	}
}

func TestInstructionList(t *testing.T) {
	want := []string{"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
		"LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}
	var got []string
	for _, in := range Ref().Instructions {
		got = append(got, in.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("instructions (sorted, upper case) = %v, want %v", got, want)
	}
}

var (
	flagKinds = []string{"bool", "string", "duration", "int", "octal", "enum", "keyvalue", "stage",
		"platform", "chown", "chmod", "checksum", "url"}
	keyKinds   = []string{"bool", "string", "enum", "octal", "int", "size", "stage"}
	mountTypes = []string{"bind", "cache", "tmpfs", "secret", "ssh"}
	flagName   = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	versionRe  = regexp.MustCompile(`^1\.[0-9]+$`)
	topicName  = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
)

func TestMetadataConsistency(t *testing.T) {
	ref := Ref()
	for _, in := range ref.Instructions {
		if in.Name != strings.ToUpper(in.Name) {
			t.Errorf("%s: name must be upper case", in.Name)
		}
		if len(in.Forms) == 0 {
			t.Errorf("%s: no forms", in.Name)
		}
		for _, f := range in.Forms {
			if f.Name == "" || !strings.HasPrefix(f.Syntax, in.Name) {
				t.Errorf("%s: form %+v must be named and start with the instruction", in.Name, f)
			}
		}
		if in.MinArgs < 0 || (in.MaxArgs != -1 && in.MaxArgs < in.MinArgs) || in.MaxArgs == 0 {
			t.Errorf("%s: bad argument range %d..%d", in.Name, in.MinArgs, in.MaxArgs)
		}
		if want := "https://docs.docker.com/reference/dockerfile/#"; !strings.HasPrefix(in.URL, want) {
			t.Errorf("%s: URL %q must start with %q", in.Name, in.URL, want)
		}
		seen := map[string]bool{}
		for _, f := range in.Flags {
			where := in.Name + " --" + f.Name
			if seen[f.Name] {
				t.Errorf("%s: duplicate flag", where)
			}
			seen[f.Name] = true
			if !flagName.MatchString(f.Name) {
				t.Errorf("%s: flag name must be lower case without dashes in front", where)
			}
			if !slices.Contains(flagKinds, f.Kind) {
				t.Errorf("%s: unknown kind %q", where, f.Kind)
			}
			if f.Value == "" {
				t.Errorf("%s: value syntax missing", where)
			}
			if (f.Kind == "enum") != (len(f.Values) > 0) {
				t.Errorf("%s: enum flags, and only they, list values", where)
			}
			if f.Kind == "enum" && f.Default != "" && !slices.Contains(f.Values, f.Default) {
				t.Errorf("%s: default %q not among %v", where, f.Default, f.Values)
			}
			if (f.Kind == "keyvalue") != (len(f.Keys) > 0) {
				t.Errorf("%s: keyvalue flags, and only they, list keys", where)
			}
			if f.Since != "" && !versionRe.MatchString(f.Since) {
				t.Errorf("%s: since %q is not a 1.x version", where, f.Since)
			}
			checkKeys(t, where, f.Keys)
		}
	}
	for _, d := range ref.Directives {
		if d.Name != strings.ToLower(d.Name) || !strings.HasPrefix(d.Syntax, "# "+d.Name+"=") ||
			!strings.HasPrefix(d.URL, "https://docs.docker.com/reference/dockerfile/#") {
			t.Errorf("directive %+v: bad name, syntax or URL", d)
		}
	}
	seenArg := map[string]bool{}
	for _, a := range ref.Args {
		if seenArg[a.Name] {
			t.Errorf("arg %s listed twice", a.Name)
		}
		seenArg[a.Name] = true
		if a.Example == "" || !slices.Contains([]string{"platform", "proxy", "buildkit", "other"}, a.Group) {
			t.Errorf("arg %+v: example missing or bad group", a)
		}
		if a.Group == "buildkit" && !strings.HasPrefix(a.Name, "BUILDKIT_") {
			t.Errorf("arg %s: only BUILDKIT_* args belong to the buildkit group", a.Name)
		}
	}
	seenTopic := map[string]bool{}
	for _, tp := range ref.Topics {
		if seenTopic[tp.Name] || !topicName.MatchString(tp.Name) {
			t.Errorf("topic %q listed twice or not a lower-case page name", tp.Name)
		}
		seenTopic[tp.Name] = true
		if !strings.HasPrefix(tp.URL, "https://docs.docker.com/reference/dockerfile/#") || len(tp.Instructions) == 0 {
			t.Errorf("topic %s: needs instructions and a reference URL", tp.Name)
		}
		for _, in := range tp.Instructions {
			if ref.Instruction(in) == nil || in != strings.ToUpper(in) {
				t.Errorf("topic %s: %q is not an instruction name in upper case", tp.Name, in)
			}
		}
	}
	seenRule := map[string]bool{}
	for _, r := range ref.Rules {
		if seenRule[r.Name] {
			t.Errorf("rule %s listed twice", r.Name)
		}
		seenRule[r.Name] = true
		if r.Description == "" || !slices.Contains([]string{"error", "warning", "information", "hint"}, r.Severity) {
			t.Errorf("rule %s: description missing or bad severity %q", r.Name, r.Severity)
		}
		switch r.Source {
		case "buildkit":
			if r.Severity != "warning" {
				t.Errorf("rule %s: BuildKit checks are warnings by default", r.Name)
			}
		case "dockerfile-ls":
			want := "https://github.com/dockerfile-ls/dockerfile-ls/blob/main/docs/en/rules/" + r.Name + ".md"
			if r.URL != want {
				t.Errorf("rule %s: URL %q, want %q", r.Name, r.URL, want)
			}
		default:
			t.Errorf("rule %s: bad source %q", r.Name, r.Source)
		}
	}
}

func checkKeys(t *testing.T, where string, keys []*Key) {
	t.Helper()
	names := map[string]bool{}
	for _, k := range keys {
		for _, n := range append([]string{k.Name}, k.Aliases...) {
			if names[n] || n != strings.ToLower(n) {
				t.Errorf("%s: key name %q duplicated or not lower case", where, n)
			}
			names[n] = true
		}
		if !slices.Contains(keyKinds, k.Kind) {
			t.Errorf("%s: key %s has unknown kind %q", where, k.Name, k.Kind)
		}
		if (k.Kind == "enum") != (len(k.Values) > 0) {
			t.Errorf("%s: key %s: enum keys, and only they, list values", where, k.Name)
		}
		for _, typ := range append(slices.Clone(k.Types), k.Required...) {
			if !slices.Contains(mountTypes, typ) {
				t.Errorf("%s: key %s names unknown mount type %q", where, k.Name, typ)
			}
		}
		for _, typ := range k.Required {
			if len(k.Types) > 0 && !slices.Contains(k.Types, typ) {
				t.Errorf("%s: key %s is required for %s but does not apply to it", where, k.Name, typ)
			}
		}
	}
	if len(keys) > 0 {
		typeKey := keys[0]
		if typeKey.Name != "type" || !slices.Equal(typeKey.Values, mountTypes) {
			t.Errorf("%s: the first key must be type with values %v", where, mountTypes)
		}
	}
}

// Every kind a flag, mount option, argument list or directive names is
// declared once under kinds:, and snippets write their own instruction.
func TestValueKindsDeclared(t *testing.T) {
	ref := Ref()
	declared := map[string]bool{}
	for _, k := range ref.Kinds {
		if declared[k.Name] {
			t.Errorf("kind %s declared twice", k.Name)
		}
		declared[k.Name] = true
		if k.Name == "bool" && !slices.Equal(k.Values, []string{"true", "false"}) {
			t.Errorf("kind bool: values %v", k.Values)
		}
	}
	uses := func(where, kind string) {
		if kind != "" && !declared[kind] {
			t.Errorf("%s: kind %q is not declared under kinds:", where, kind)
		}
	}
	for _, in := range ref.Instructions {
		uses(in.Name, in.Arg)
		for _, sn := range in.Snippets {
			if sn.Label == "" || !strings.HasPrefix(sn.Body, in.Name+" ") && sn.Body != in.Name+" NONE" {
				t.Errorf("%s: snippet %+v must be labelled and start with the instruction", in.Name, sn)
			}
		}
		for _, f := range in.Flags {
			uses(in.Name+" --"+f.Name, f.Kind)
			for _, k := range f.Keys {
				uses(in.Name+" --"+f.Name+" "+k.Name, k.Kind)
			}
		}
	}
	for _, d := range ref.Directives {
		uses("directive "+d.Name, d.Kind)
	}
	for _, k := range append(slices.Clone(flagKinds), keyKinds...) {
		uses("test list", k)
	}
}

// ---------------------------------------------------------------------------
// Pages

// expectedPages returns "kind/name" for every page the metadata calls for.
func expectedPages() []string {
	var out []string
	add := func(k Kind, name string) { out = append(out, string(k)+"/"+name) }
	ref := Ref()
	for _, in := range ref.Instructions {
		add(KindInstruction, in.Name)
		for _, f := range in.Flags {
			add(KindFlag, in.Name+"-"+f.Name)
			for _, k := range f.Keys {
				add(KindMountOption, k.Name)
				if k.Name == "type" {
					for _, v := range k.Values {
						add(KindMount, v)
					}
				}
			}
		}
	}
	for _, d := range ref.Directives {
		add(KindDirective, d.Name)
	}
	for _, a := range ref.Args {
		if a.Group == "proxy" && a.Name != strings.ToUpper(a.Name) {
			continue // lower-case proxy args share the upper-case page
		}
		add(KindArg, a.Name)
	}
	for _, r := range ref.Rules {
		add(KindRule, r.Name)
	}
	for _, tp := range ref.Topics {
		add(KindTopic, tp.Name)
	}
	slices.Sort(out)
	return out
}

func TestEveryItemHasAPageAndNoOrphans(t *testing.T) {
	want := expectedPages()
	got := pageKeys("en")
	for _, k := range want {
		if !slices.Contains(got, k) {
			t.Errorf("missing English page %s.md", k)
		}
	}
	for _, k := range got {
		if !slices.Contains(want, k) {
			t.Errorf("orphan English page %s.md has no metadata entry", k)
		}
	}
	// Every arg, including the lower-case proxy spellings, resolves to a page
	// that mentions it.
	for _, a := range Ref().Args {
		md, ok := Page("en", KindArg, a.Name)
		if !ok {
			t.Errorf("no page for arg %s", a.Name)
			continue
		}
		if !regexp.MustCompile(`\b` + a.Name + `\b`).MatchString(md) {
			t.Errorf("page for arg %s does not mention it", a.Name)
		}
	}
}

// No two embedded files may differ only in case: module zips and
// case-insensitive file systems (macOS, Windows) cannot hold them.
func TestNoCaseInsensitiveCollisions(t *testing.T) {
	seen := map[string]string{}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		low := strings.ToLower(p)
		if other, ok := seen[low]; ok {
			t.Errorf("%s and %s differ only in case", other, p)
		}
		seen[low] = p
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

type mdBlock struct {
	section string // the "## " heading the block is under ("" before any)
	lang    string
	code    string
}

// mdParse checks fences and returns the fenced code blocks of md.
func mdParse(md string) (blocks []mdBlock, headings []string, problems []string) {
	section := ""
	var cur *mdBlock
	var fence string
	for i, line := range strings.Split(md, "\n") {
		trim := strings.TrimLeft(line, " ")
		if cur != nil {
			if strings.HasPrefix(trim, fence) && strings.TrimSpace(strings.TrimLeft(trim, fence[:1])) == "" {
				blocks = append(blocks, *cur)
				cur = nil
				continue
			}
			cur.code += line + "\n"
			continue
		}
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			n := len(trim) - len(strings.TrimLeft(trim, trim[:1]))
			fence = strings.Repeat(trim[:1], n)
			cur = &mdBlock{section: section, lang: strings.TrimSpace(trim[n:])}
			if cur.lang == "" {
				problems = append(problems, "code block without a language on line "+strconv.Itoa(i+1))
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			headings = append(headings, line)
			if strings.HasPrefix(line, "## ") {
				section = strings.TrimPrefix(line, "## ")
			}
		}
	}
	if cur != nil {
		problems = append(problems, "unclosed code fence")
	}
	return blocks, headings, problems
}

var linkRe = regexp.MustCompile(`\]\(([^)]*)\)`)

func TestPagesAreValidMarkdown(t *testing.T) {
	langs := []string{"en"}
	for _, l := range Languages() {
		if l != "en" {
			langs = append(langs, l)
		}
	}
	for _, lang := range langs {
		for _, key := range pageKeys(lang) {
			p := pages().exact[lang][key]
			data, err := files.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			md := string(data)
			name := lang + "/" + key
			if !utf8.ValidString(md) || strings.Contains(md, "\r") || strings.Contains(md, "\t") {
				t.Errorf("%s: must be UTF-8 with LF line ends and no tabs", name)
			}
			if !strings.HasSuffix(md, "\n") || strings.HasSuffix(md, "\n\n") {
				t.Errorf("%s: must end with exactly one newline", name)
			}
			lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
			if strings.TrimSpace(lines[0]) == "" || strings.HasPrefix(lines[0], "#") || strings.HasPrefix(lines[0], "```") {
				t.Errorf("%s: first line must start the summary paragraph, got %q", name, lines[0])
			}
			if lang == "en" && len(lines) > 1 && lines[1] != "" {
				t.Errorf("%s: the summary must be a single line followed by an empty line", name)
			}
			if firstParagraph(md) == "" {
				t.Errorf("%s: no summary paragraph", name)
			}
			if n := len(lines); n < 5 || n > 60 {
				t.Errorf("%s: %d lines; keep pages hover-sized (5-60)", name, n)
			}
			_, _, problems := mdParse(md)
			for _, pr := range problems {
				t.Errorf("%s: %s", name, pr)
			}
			for _, m := range linkRe.FindAllStringSubmatch(md, -1) {
				target := m[1]
				for _, r := range target {
					if r <= ' ' || r > '~' {
						t.Errorf("%s: link %q must be ASCII without spaces", name, target)
						break
					}
				}
				if !strings.HasPrefix(target, "https://") {
					// relative link: must point to an embedded page
					rel := path.Join(path.Dir(p), strings.SplitN(target, "#", 2)[0])
					if _, err := fs.Stat(files, rel); err != nil {
						t.Errorf("%s: relative link %q does not resolve", name, target)
					}
				}
			}
			if lang == "en" {
				for i, r := range md {
					if r > '~' {
						t.Errorf("%s: non-ASCII character %q at byte %d; English pages are plain ASCII", name, r, i)
						break
					}
				}
			}
		}
	}
}

func TestPageStructure(t *testing.T) {
	for _, in := range Ref().Instructions {
		md, _ := Page("en", KindInstruction, in.Name)
		blocks, headings, _ := mdParse(md)
		for _, h := range []string{"## Forms", "## Flags", "## Example", "## Pitfalls"} {
			if !slices.Contains(headings, h) {
				t.Errorf("instructions/%s: missing %q", in.Name, h)
			}
		}
		lines := strings.Split(strings.TrimSpace(md), "\n")
		if want := "[Reference](" + in.URL + ")"; lines[len(lines)-1] != want {
			t.Errorf("instructions/%s: last line %q, want %q", in.Name, lines[len(lines)-1], want)
		}
		flagsSection := md[strings.Index(md, "## Flags"):strings.Index(md, "## Example")]
		for _, f := range in.Flags {
			if !strings.Contains(flagsSection, "`--"+f.Name) {
				t.Errorf("instructions/%s: ## Flags does not list --%s", in.Name, f.Name)
			}
		}
		if len(in.Flags) == 0 && !strings.Contains(flagsSection, "None.") {
			t.Errorf("instructions/%s: ## Flags should say None.", in.Name)
		}
		if !hasBlock(blocks, "Example", "dockerfile") || !hasBlock(blocks, "Forms", "dockerfile") {
			t.Errorf("instructions/%s: needs dockerfile blocks under Forms and Example", in.Name)
		}
		for _, f := range in.Forms {
			if !strings.Contains(md, f.Syntax) {
				t.Errorf("instructions/%s: form %q not shown on the page", in.Name, f.Syntax)
			}
		}
	}
	for _, r := range Ref().Rules {
		md, _ := Page("en", KindRule, r.Name)
		blocks, _, _ := mdParse(md)
		if !hasBlock(blocks, "Bad", "dockerfile") || !hasBlock(blocks, "Good", "dockerfile") {
			t.Errorf("rules/%s: needs dockerfile blocks under ## Bad and ## Good", r.Name)
		}
		if r.Source == "buildkit" && r.URL != "" && !strings.Contains(md, "("+r.URL+")") {
			t.Errorf("rules/%s: should link to %s", r.Name, r.URL)
		}
	}
	for _, in := range Ref().Instructions {
		for _, f := range in.Flags {
			name := in.Name + "-" + f.Name
			md, _ := Page("en", KindFlag, name)
			blocks, _, _ := mdParse(md)
			if !hasBlock(blocks, "Example", "dockerfile") {
				t.Errorf("flags/%s: needs a dockerfile block under ## Example", name)
			}
			if f.Default != "" && f.Kind != "keyvalue" && !strings.Contains(md, "**Default:**") {
				t.Errorf("flags/%s: default %q not shown", name, f.Default)
			}
			if f.Repeatable && !strings.Contains(md, "**Repeatable:** yes") {
				t.Errorf("flags/%s: should say it is repeatable", name)
			}
			for _, v := range f.Values {
				if !strings.Contains(md, "`"+v+"`") {
					t.Errorf("flags/%s: allowed value %q not shown", name, v)
				}
			}
			if f.Experimental && !strings.Contains(md, "1-labs") {
				t.Errorf("flags/%s: experimental flags must mention docker/dockerfile:1-labs", name)
			}
		}
	}
	for _, d := range Ref().Directives {
		md, _ := Page("en", KindDirective, d.Name)
		blocks, _, _ := mdParse(md)
		if len(blocks) == 0 || !strings.Contains(md, "[Reference]("+d.URL+")") {
			t.Errorf("directives/%s: needs an example and a reference link", d.Name)
		}
	}
	for _, tp := range Ref().Topics {
		md, _ := Topic("en", tp.Name)
		blocks, _, _ := mdParse(md)
		if !hasBlock(blocks, "Example", "dockerfile") {
			t.Errorf("topics/%s: needs a dockerfile block under ## Example", tp.Name)
		}
		lines := strings.Split(strings.TrimSpace(md), "\n")
		if want := "[Reference](" + tp.URL + ")"; lines[len(lines)-1] != want {
			t.Errorf("topics/%s: last line %q, want %q", tp.Name, lines[len(lines)-1], want)
		}
		for _, in := range tp.Instructions {
			if !strings.Contains(md, "`"+in) {
				t.Errorf("topics/%s: concerns %s but never names it", tp.Name, in)
			}
		}
	}
	// Predefined args show the example value of reference.yaml.
	for _, a := range Ref().Args {
		md, _ := Page("en", KindArg, a.Name)
		for line := range strings.Lines(md) {
			if strings.HasPrefix(line, "- **Example value:**") && !strings.Contains(line, "`"+a.Example+"`") {
				t.Errorf("args/%s: %q does not show the example %q of reference.yaml", a.Name, strings.TrimSpace(line), a.Example)
			}
		}
	}
}

func hasBlock(blocks []mdBlock, section, lang string) bool {
	for _, b := range blocks {
		if b.section == section && b.lang == lang && strings.TrimSpace(b.code) != "" {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// API

func TestLookups(t *testing.T) {
	if in := Ref().Instruction("from"); in == nil || in.Name != "FROM" {
		t.Errorf("Ref().Instruction(from) = %v", in)
	}
	if Ref().Instruction("FORM") != nil || Ref().Instruction("") != nil {
		t.Error("unknown instruction should be nil")
	}
	if Ref().Instruction("MAINTAINER").Deprecated == "" {
		t.Error("MAINTAINER must be deprecated")
	}
	tests := []struct {
		instr, flag string
		ok          bool
	}{
		{"RUN", "--mount", true},
		{"run", "mount", true},
		{"COPY", "--from", true},
		{"ADD", "--from", false},
		{"COPY", "--From", false}, // BuildKit matches flag names exactly
		{"HEALTHCHECK", "start-interval", true},
		{"NOPE", "x", false},
		{"FROM", "", false},
	}
	for _, tt := range tests {
		if got := Ref().Flag(tt.instr, tt.flag) != nil; got != tt.ok {
			t.Errorf("Ref().Flag(%q, %q) found=%v, want %v", tt.instr, tt.flag, got, tt.ok)
		}
	}
	mount := Ref().Flag("RUN", "mount")
	for name, want := range map[string]string{
		"target": "target", "dst": "target", "destination": "target", "DST": "target",
		"src": "source", "ro": "readonly", "rw": "readwrite", "readonly": "readonly", "sharing": "sharing",
	} {
		if k := mount.Key(name); k == nil || k.Name != want {
			t.Errorf("Key(%q) = %v, want %s", name, k, want)
		}
	}
	if mount.Key("bogus") != nil || (*Flag)(nil).Key("target") != nil || Ref().Flag("COPY", "from").Key("x") != nil {
		t.Error("unknown keys must be nil")
	}
	if d := Ref().Directive("SYNTAX"); d == nil || d.Name != "syntax" {
		t.Errorf("Ref().Directive(SYNTAX) = %v", d)
	}
	if Ref().Directive("nope") != nil {
		t.Error("unknown directive should be nil")
	}
	if a, b := Ref().Arg("HTTP_PROXY"), Ref().Arg("http_proxy"); a == nil || b == nil || a == b {
		t.Error("HTTP_PROXY and http_proxy are distinct args")
	}
	if Ref().Arg("Http_Proxy") != nil || Ref().Arg("NOPE") != nil {
		t.Error("arg lookup is exact")
	}
	if r := Ref().Rule("UndefinedVar"); r == nil || r.Source != "buildkit" {
		t.Errorf("Ref().Rule(UndefinedVar) = %v", r)
	}
	if r := Ref().Rule("undefinedvar"); r == nil || r.Name != "UndefinedVar" {
		t.Errorf("Ref().Rule(undefinedvar) = %v", r)
	}
	if Ref().Rule("NoSuchRule") != nil {
		t.Error("unknown rule should be nil")
	}
}

func TestPage(t *testing.T) {
	from, ok := Page("en", KindInstruction, "FROM")
	if !ok || !strings.Contains(from, "FROM") {
		t.Fatal("Page(en, instructions, FROM) missing")
	}
	tests := []struct {
		lang string
		kind Kind
		name string
		ok   bool
		want string // substring
	}{
		{"en", KindInstruction, "from", true, "Starts a new build stage"},
		{"xx", KindInstruction, "FROM", true, "Starts a new build stage"}, // fallback to en
		{"", KindInstruction, "FROM", true, "Starts a new build stage"},
		{"en", KindFlag, "RUN-mount", true, "Attaches a mount"},
		{"en", KindFlag, "run-mount", true, "Attaches a mount"},
		{"en", KindMount, "cache", true, "persistent cache"},
		{"en", KindMountOption, "sharing", true, "several builds"},
		{"en", KindDirective, "syntax", true, "frontend"},
		{"en", KindArg, "TARGETARCH", true, "architecture"},
		{"en", KindArg, "http_proxy", true, "`http_proxy`"},
		{"en", KindRule, "UndefinedVar", true, "$VARIABLE"},
		{"en", KindRule, "NoSuchRule", false, ""},
		{"en", KindMount, "options", false, ""},
		{"en", KindMount, "options/sharing", false, ""},
		{"en", KindInstruction, "../reference", false, ""},
		{"en", Kind("nope"), "FROM", false, ""},
		{"en", KindInstruction, "", false, ""},
	}
	for _, tt := range tests {
		md, ok := Page(tt.lang, tt.kind, tt.name)
		if ok != tt.ok || !strings.Contains(md, tt.want) {
			t.Errorf("Page(%q, %q, %q) = ok %v, %.40q; want ok %v containing %q", tt.lang, tt.kind, tt.name, ok, md, tt.ok, tt.want)
		}
	}
	// A language page that is missing falls back to English.
	for _, lang := range []string{"ru", "xx"} {
		missing := Missing(lang)
		if len(missing) == 0 {
			continue
		}
		key := missing[0] // one page is enough: every page takes the same path
		i := strings.LastIndex(key, "/")
		got, ok := Page(lang, Kind(key[:i]), key[i+1:])
		want, _ := Page("en", Kind(key[:i]), key[i+1:])
		if !ok || got != want {
			t.Errorf("Page(%s, %s) did not fall back to English", lang, key)
		}
	}
}

func TestSummary(t *testing.T) {
	if got, want := Summary("en", KindInstruction, "FROM"), "Starts a new build stage from a base image, another stage, or `scratch`."; got != want {
		t.Errorf("Summary(FROM) = %q, want %q", got, want)
	}
	if got := Summary("xx", KindRule, "UndefinedVar"); !strings.HasPrefix(got, "Flags a `$VARIABLE`") {
		t.Errorf("Summary fallback = %q", got)
	}
	if got := Summary("en", KindRule, "NoSuchRule"); got != "" {
		t.Errorf("Summary of a missing page = %q", got)
	}
	tests := []struct{ in, want string }{
		{"One line.\n\nSecond.\n", "One line."},
		{"# Title\n\nFirst\nwrapped line.\n\nNext\n", "First wrapped line."},
		{"\n\n```dockerfile\nFROM x\n```\n\nAfter code.\n", "After code."},
		{"Summary\n```\ncode\n```\n", "Summary"},
		{"", ""},
		{"# Only a heading\n", ""},
	}
	for _, tt := range tests {
		if got := firstParagraph(tt.in); got != tt.want {
			t.Errorf("firstParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguages(t *testing.T) {
	langs := Languages()
	if len(langs) == 0 || langs[0] != "en" {
		t.Fatalf("Languages() = %v, want en first", langs)
	}
	for _, l := range langs {
		if len(pageKeys(l)) == 0 {
			t.Errorf("language %s is listed but has no pages", l)
		}
	}
	if hasRu := len(pageKeys("ru")) > 0; hasRu != slices.Contains(langs, "ru") {
		t.Errorf("Languages() = %v, but ru has %d pages", langs, len(pageKeys("ru")))
	}
	if !slices.IsSorted(langs[1:]) {
		t.Errorf("Languages() after en must be sorted: %v", langs)
	}
	langs[0] = "mutated"
	if Languages()[0] != "en" {
		t.Error("Languages() must return a copy")
	}
}

func TestLangFor(t *testing.T) {
	tests := map[string]string{
		"":            "en",
		"en":          "en",
		"en-US":       "en",
		"ru":          "ru",
		"ru-RU":       "ru",
		"ru_RU":       "ru",
		"ru_RU.UTF-8": "ru",
		"RU":          "ru",
		" ru-ru ":     "ru",
		"de-DE":       "en",
		"x":           "en",
		"rus":         "en",
		"C":           "en",
	}
	for in, want := range tests {
		if got := LangFor(in); got != want {
			t.Errorf("LangFor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMissing(t *testing.T) {
	if m := Missing("en"); len(m) != 0 {
		t.Errorf("Missing(en) = %v", m)
	}
	all := pageKeys("en")
	if m := Missing("xx"); !slices.Equal(m, all) {
		t.Errorf("Missing(xx) has %d entries, want all %d English pages", len(m), len(all))
	}
	ru := Missing("ru")
	if !slices.IsSorted(ru) {
		t.Error("Missing(ru) is not sorted")
	}
	for _, k := range ru {
		if !slices.Contains(all, k) {
			t.Errorf("Missing(ru) lists %s, which has no English page", k)
		}
		if slices.Contains(pageKeys("ru"), k) {
			t.Errorf("Missing(ru) lists %s, which exists in ru", k)
		}
	}
	if len(ru)+len(pageKeys("ru")) < len(all) {
		t.Errorf("Missing(ru) + ru pages (%d + %d) do not cover the %d English pages", len(ru), len(pageKeys("ru")), len(all))
	}
	if !slices.Contains(all, "mounts/options/sharing") || !slices.Contains(all, "flags/RUN-mount") {
		t.Errorf("page keys should look like kind/name, got %v...", all[:3])
	}
}
