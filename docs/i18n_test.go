package docs

// Tests for translated pages (every language folder other than "en"):
// coverage, parity of flags, values and examples with the English pages,
// structure, and lookup with fallback to English.

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/solver/pb"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// allowedMissing lists, per translation, the pages that may still fall back
// to English. It may only shrink: a page missing from a language but not
// listed here fails TestTranslationCoverage, and so does a listed page that
// has been translated in the meantime (remove it from the list).
var allowedMissing = map[string][]string{
	"ru": {},
}

// translation holds the fixed wording a language uses for the structural
// parts of a page, so its pages can be compared with the English ones.
type translation struct {
	script   *unicode.RangeTable // letters the prose must contain
	sections map[string]string   // "## " heading, English -> translated
	labels   map[string]string   // "**Label:**", English -> translated
	links    map[string]string   // link text, English -> translated
	none     string              // translation of "None." under ## Flags
}

var translations = map[string]translation{
	"ru": {
		script: unicode.Cyrillic,
		sections: map[string]string{
			"Forms":    "Формы",
			"Flags":    "Флаги",
			"Example":  "Пример",
			"Pitfalls": "Подводные камни",
			"Notes":    "Примечания",
			"Options":  "Параметры",
			"Rules":    "Правила",
			"Bad":      "Плохо",
			"Good":     "Хорошо",
			// topic pages
			"RUN":          "RUN",
			"COPY and ADD": "COPY и ADD",
			"Combinations": "Сочетания",
			"Sources":      "Источники",
			"Destination":  "Путь назначения",
			"ADD and URLs": "ADD и URL",
		},
		labels: map[string]string{
			"Alias":          "Синоним",
			"Aliases":        "Синонимы",
			"Allowed values": "Допустимые значения",
			"Applies to":     "Для типов",
			"Default":        "По умолчанию",
			"Example value":  "Пример значения",
			"In a stage":     "Внутри этапа",
			"Name forms":     "Формы имени",
			"Names":          "Имена",
			"Repeatable":     "Можно повторять",
			"Required for":   "Обязателен для",
			"Set by":         "Кто задаёт",
			"Since":          "Начиная с",
			"Types":          "Типы",
			"Value":          "Значение",
			"Values":         "Значения",
		},
		links: map[string]string{
			"Reference":   "Справка",
			"Docker docs": "Документация Docker",
		},
		none: "Нет.",
	},
}

// translatedLangs returns every language with pages except English.
func translatedLangs() []string {
	var out []string
	for _, l := range Languages() {
		if l != defaultLang {
			out = append(out, l)
		}
	}
	return out
}

// translationFor returns the wording of lang, failing the test when the
// language has pages but no entry in translations.
func translationFor(t *testing.T, lang string) (translation, bool) {
	t.Helper()
	tr, ok := translations[lang]
	if !ok {
		t.Errorf("language %s has pages but no entry in translations (i18n_test.go)", lang)
	}
	return tr, ok
}

// pageText returns the raw page of lang for key ("kind/name") without
// fallback, or "" when lang has no such file.
func pageText(t *testing.T, lang, key string) string {
	t.Helper()
	p, ok := pages().exact[lang][key]
	if !ok {
		return ""
	}
	data, err := files.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// splitKey splits "kind/name" ("mounts/options/sharing") into its parts.
func splitKey(key string) (Kind, string) {
	i := strings.LastIndex(key, "/")
	return Kind(key[:i]), key[i+1:]
}

// ---------------------------------------------------------------------------
// 1. Coverage

// missingProblems compares what a language lacks with what it may lack.
func missingProblems(missing, allowed []string) []string {
	var out []string
	for _, m := range missing {
		if !slices.Contains(allowed, m) {
			out = append(out, "page "+m+" is missing and not in allowedMissing")
		}
	}
	for _, a := range allowed {
		if !slices.Contains(missing, a) {
			out = append(out, "allowedMissing lists "+a+", which is no longer missing; remove it")
		}
	}
	return out
}

func TestMissingProblems(t *testing.T) {
	tests := []struct {
		name             string
		missing, allowed []string
		want             int
	}{
		{"complete", nil, nil, 0},
		{"allowed gap", []string{"rules/ParseError"}, []string{"rules/ParseError"}, 0},
		{"new gap", []string{"rules/ParseError"}, nil, 1},
		{"gap grows", []string{"args/BUILDOS", "rules/ParseError"}, []string{"rules/ParseError"}, 1},
		{"stale entry", nil, []string{"rules/ParseError"}, 1},
	}
	for _, tt := range tests {
		if got := missingProblems(tt.missing, tt.allowed); len(got) != tt.want {
			t.Errorf("%s: missingProblems = %v, want %d problems", tt.name, got, tt.want)
		}
	}
}

func TestTranslationCoverage(t *testing.T) {
	if m := Missing("ru"); len(m) != 0 {
		t.Errorf("Missing(ru) = %v, want none", m)
	}
	if !slices.Contains(Languages(), "ru") {
		t.Fatalf("Languages() = %v, want ru", Languages())
	}
	en := pageKeys(defaultLang)
	for _, lang := range translatedLangs() {
		missing := Missing(lang)
		t.Logf("%s: %d of %d pages missing %v", lang, len(missing), len(en), missing)
		allowed, ok := allowedMissing[lang]
		if !ok {
			t.Errorf("language %s has no allowedMissing entry; add one listing %v", lang, missing)
			continue
		}
		for _, p := range missingProblems(missing, allowed) {
			t.Errorf("%s: %s", lang, p)
		}
		for _, key := range pageKeys(lang) {
			if !slices.Contains(en, key) {
				t.Errorf("%s/%s.md has no English page (wrong name or orphan)", lang, key)
			}
		}
	}
	for lang := range allowedMissing {
		if !slices.Contains(Languages(), lang) {
			t.Errorf("allowedMissing has %s, which has no pages", lang)
		}
	}
}

// ---------------------------------------------------------------------------
// 2. Same flags and values in both languages

var (
	flagTokenRe = regexp.MustCompile(`(?:^|[^\w-])(--[a-z][a-z0-9-]*)`)
	codeSpanRe  = regexp.MustCompile("`([^`\n]+)`")
	spanWordRe  = regexp.MustCompile(`[A-Za-z0-9_][A-Za-z0-9_./:-]*`)
)

// vocabulary is every name the metadata defines: instructions, flags, mount
// keys and aliases, enum values, directives and their values, args, rules.
var vocabulary = func() map[string]bool {
	v := map[string]bool{}
	ref := Ref()
	for _, in := range ref.Instructions {
		v[in.Name] = true
		for _, f := range in.Flags {
			v[f.Name] = true
			for _, val := range f.Values {
				v[val] = true
			}
			for _, k := range f.Keys {
				v[k.Name] = true
				for _, a := range k.Aliases {
					v[a] = true
				}
				for _, val := range k.Values {
					v[val] = true
				}
			}
		}
	}
	for _, d := range ref.Directives {
		v[d.Name] = true
		for _, val := range d.Values {
			v[val] = true
		}
	}
	for _, a := range ref.Args {
		v[a.Name] = true
	}
	for _, r := range ref.Rules {
		v[r.Name] = true
	}
	return v
}()

// prose returns md without its fenced code blocks.
func prose(md string) string {
	var b strings.Builder
	fence := ""
	for line := range strings.Lines(md) {
		trim := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trim, fence) && strings.TrimSpace(strings.TrimLeft(trim, fence[:1])) == "" {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			n := len(trim) - len(strings.TrimLeft(trim, trim[:1]))
			fence = strings.Repeat(trim[:1], n)
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

// pageTokens returns the --flag tokens of the whole page and the metadata
// names that appear inside inline code spans of its prose.
func pageTokens(md string) map[string]bool {
	out := map[string]bool{}
	for _, m := range flagTokenRe.FindAllStringSubmatch(md, -1) {
		out[m[1]] = true
	}
	for _, span := range codeSpanRe.FindAllStringSubmatch(prose(md), -1) {
		words := spanWordRe.FindAllString(span[1], -1)
		words = append(words, span[1])
		for _, w := range words {
			w = strings.TrimRight(w, ".:/-")
			if vocabulary[w] {
				out["`"+w+"`"] = true
			}
		}
	}
	return out
}

func setDiff(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func TestPageTokens(t *testing.T) {
	tests := []struct {
		md   string
		want []string
	}{
		{"Use `--mount=type=cache,sharing=locked` here.\n", []string{"--mount", "`cache`", "`locked`", "`mount`", "`sharing`", "`type`"}},
		{"Set `ro` or `readonly`; see `TARGETARCH` and `UndefinedVar`.\n", []string{"`TARGETARCH`", "`UndefinedVar`", "`readonly`", "`ro`"}},
		{"Words like cache or --link in prose: plain `cachedir` is not a name.\n", []string{"--link"}},
		{"```dockerfile\nRUN --network=none `host`\n```\n", []string{"--network"}},
		{"`# syntax=docker/dockerfile:1-labs` and `COPY --from`\n", []string{"--from", "`COPY`", "`docker/dockerfile:1-labs`", "`from`", "`syntax`"}},
	}
	for _, tt := range tests {
		got := slices.Sorted(maps.Keys(pageTokens(tt.md)))
		if !slices.Equal(got, tt.want) {
			t.Errorf("pageTokens(%q) = %v, want %v", tt.md, got, tt.want)
		}
	}
}

func TestTranslationsNameSameFlagsAndValues(t *testing.T) {
	for _, lang := range translatedLangs() {
		for _, key := range pageKeys(lang) {
			en, tr := pageText(t, defaultLang, key), pageText(t, lang, key)
			if en == "" {
				continue // orphan, reported by TestTranslationCoverage
			}
			enTok, trTok := pageTokens(en), pageTokens(tr)
			if d := setDiff(enTok, trTok); len(d) > 0 {
				t.Errorf("%s/%s: missing names the English page has: %v", lang, key, d)
			}
			if d := setDiff(trTok, enTok); len(d) > 0 {
				t.Errorf("%s/%s: names the English page does not have: %v", lang, key, d)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// 3. Examples: parse with BuildKit, and mean the same as the English ones

// directiveLineRe matches parser directives, which are kept when comments
// are stripped.
var directiveLineRe = regexp.MustCompile(`(?i)^#\s*(syntax|escape|check)\s*=`)

// stripComments drops whole-line comments (translated freely) but keeps
// parser directives, empty lines and everything else.
func stripComments(code string) string {
	var out []string
	for _, l := range strings.Split(code, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") && !directiveLineRe.MatchString(t) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// englishSection maps a translated "## " heading back to English.
func englishSection(tr translation, section string) string {
	for en, t := range tr.sections {
		if t == section {
			return en
		}
	}
	return section
}

func TestTranslatedExamplesParse(t *testing.T) {
	for _, lang := range translatedLangs() {
		tr, ok := translationFor(t, lang)
		if !ok {
			continue
		}
		for _, key := range pageKeys(lang) {
			if _, skip := exampleSkips[key]; skip {
				continue
			}
			blocks, _, _ := mdParse(pageText(t, lang, key))
			kind, name := splitKey(key)
			rule := Ref().Rule(name)
			expectError := kind == KindRule && rule != nil && rule.Source == "dockerfile-ls" && rule.Severity == "error"
			for _, b := range blocks {
				if b.lang != "dockerfile" || onlyComments(b.code) {
					continue
				}
				section := englishSection(tr, b.section)
				whole := strings.HasPrefix(b.code, "FROM ") || strings.HasPrefix(b.code, "# syntax")
				err := bkCheck(b.code, whole)
				switch {
				case section == "Bad" && expectError:
					if err == nil {
						t.Errorf("%s/%s: Bad example is accepted by BuildKit:\n%s", lang, key, b.code)
					}
				case section == "Forms":
					// syntax templates with placeholders
				case err != nil:
					t.Errorf("%s/%s (%s): BuildKit rejects the example: %v\n%s", lang, key, b.section, err, b.code)
				}
			}
		}
	}
}

func TestTranslatedExamplesMatchEnglish(t *testing.T) {
	for _, lang := range translatedLangs() {
		tr, ok := translationFor(t, lang)
		if !ok {
			continue
		}
		for _, key := range pageKeys(lang) {
			en := pageText(t, defaultLang, key)
			if en == "" {
				continue
			}
			enBlocks, _, _ := mdParse(en)
			trBlocks, _, _ := mdParse(pageText(t, lang, key))
			if len(enBlocks) != len(trBlocks) {
				t.Errorf("%s/%s: %d code blocks, English has %d", lang, key, len(trBlocks), len(enBlocks))
				continue
			}
			for i, e := range enBlocks {
				g := trBlocks[i]
				if g.lang != e.lang || englishSection(tr, g.section) != e.section {
					t.Errorf("%s/%s block %d: %s under %q, English has %s under %q", lang, key, i+1, g.lang, g.section, e.lang, e.section)
					continue
				}
				if stripComments(g.code) != stripComments(e.code) {
					t.Errorf("%s/%s block %d differs from English beyond comments:\n%s\nwant:\n%s", lang, key, i+1, g.code, e.code)
				}
			}
		}
	}
}

// lintExample is lint from buildkit_test.go for arbitrary page examples: it
// also declares every LLB capability, which BuildKit consults for some
// mounts (a writable bind mount dereferences the capability set).
func lintExample(src string) (warnings []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("BuildKit panicked: %v", r)
		}
	}()
	dt := []byte("# check=experimental=all\n" + src)
	target := ocispecs.Platform{OS: "linux", Architecture: "arm64"}
	sm := llb.NewSourceMap(nil, "Dockerfile", "Dockerfile", dt)
	sm.Definition = &llb.Definition{}
	caps := pb.Caps.CapSet(pb.Caps.All())
	opt := dockerfile2llb.ConvertOpt{
		MetaResolver:   fakeResolver{},
		SourceMap:      sm,
		TargetPlatform: &target,
		LLBCaps:        &caps,
	}
	res, err := dockerfile2llb.DockerfileLint(context.Background(), dt, opt)
	if err != nil {
		return nil, err
	}
	for _, w := range res.Warnings {
		warnings = append(warnings, w.RuleName)
	}
	if res.Error != nil {
		return warnings, fmt.Errorf("%s", res.Error.Message)
	}
	return warnings, nil
}

// TestTranslatedExamplesLintLikeEnglish runs BuildKit's build checks (with
// experimental checks on) over every example of both languages: translated
// comments must not change what BuildKit reports, for example a stage
// description comment that no longer starts with the stage name.
func TestTranslatedExamplesLintLikeEnglish(t *testing.T) {
	prep := func(src string) string {
		if !strings.Contains(src, "FROM ") {
			src = "FROM alpine\n" + src
		}
		return src
	}
	result := func(src string) string {
		got, err := lintExample(prep(src))
		slices.Sort(got)
		return fmt.Sprintf("warnings %v, failed %v", got, err != nil)
	}
	for _, lang := range translatedLangs() {
		for _, key := range pageKeys(lang) {
			en := pageText(t, defaultLang, key)
			if en == "" {
				continue
			}
			enBlocks, _, _ := mdParse(en)
			trBlocks, _, _ := mdParse(pageText(t, lang, key))
			if len(enBlocks) != len(trBlocks) {
				continue // reported by TestTranslatedExamplesMatchEnglish
			}
			for i, e := range enBlocks {
				if e.lang != "dockerfile" || e.section == "Forms" || onlyComments(e.code) {
					continue
				}
				if want, got := result(e.code), result(trBlocks[i].code); got != want {
					t.Errorf("%s/%s block %d: BuildKit reports %s, for English %s\n%s", lang, key, i+1, got, want, trBlocks[i].code)
				}
			}
		}
	}
}

// ---------------------------------------------------------------------------
// 4. Markdown and structure

var boldLabelRe = regexp.MustCompile(`\*\*([^*]+):\*\*`)
var linkTextRe = regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)

// hasScript reports whether s contains a letter of the given script.
func hasScript(s string, script *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(script, r) {
			return true
		}
	}
	return false
}

func TestTranslatedPagesMarkdown(t *testing.T) {
	for _, lang := range translatedLangs() {
		tr, ok := translationFor(t, lang)
		if !ok {
			continue
		}
		for _, key := range pageKeys(lang) {
			md := pageText(t, lang, key)
			name := lang + "/" + key
			lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
			// The same checks as English pages (TestPagesAreValidMarkdown
			// covers the rest for every language).
			if len(lines) > 1 && lines[1] != "" {
				t.Errorf("%s: the summary must be a single line followed by an empty line", name)
			}
			if sum := firstParagraph(md); !hasScript(sum, tr.script) {
				t.Errorf("%s: summary %q is not translated", name, sum)
			}
			if strings.Count(md, "```")%2 != 0 {
				t.Errorf("%s: unbalanced ``` fences", name)
			}
			if _, _, problems := mdParse(md); len(problems) > 0 {
				t.Errorf("%s: %v", name, problems)
			}
		}
	}
}

func TestTranslatedPageStructure(t *testing.T) {
	for _, lang := range translatedLangs() {
		tr, ok := translationFor(t, lang)
		if !ok {
			continue
		}
		for _, key := range pageKeys(lang) {
			en, md := pageText(t, defaultLang, key), pageText(t, lang, key)
			if en == "" {
				continue
			}
			name := lang + "/" + key
			_, enHeadings, _ := mdParse(en)
			_, headings, _ := mdParse(md)
			var want []string
			for _, h := range enHeadings {
				s, ok := tr.sections[strings.TrimPrefix(h, "## ")]
				if !ok {
					t.Fatalf("en/%s: heading %q has no translation in i18n_test.go", key, h)
				}
				want = append(want, "## "+s)
			}
			if !slices.Equal(headings, want) {
				t.Errorf("%s: headings %q, want %q", name, headings, want)
			}
			want = nil
			for _, m := range boldLabelRe.FindAllStringSubmatch(en, -1) {
				s, ok := tr.labels[m[1]]
				if !ok {
					t.Fatalf("en/%s: label %q has no translation in i18n_test.go", key, m[1])
				}
				want = append(want, s)
			}
			var got []string
			for _, m := range boldLabelRe.FindAllStringSubmatch(md, -1) {
				got = append(got, m[1])
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: labels %q, want %q", name, got, want)
			}
			want, got = nil, nil
			for _, m := range linkTextRe.FindAllStringSubmatch(en, -1) {
				text := m[1]
				if s, ok := tr.links[text]; ok {
					text = s
				}
				want = append(want, "["+text+"]("+m[2]+")")
			}
			for _, m := range linkTextRe.FindAllStringSubmatch(md, -1) {
				got = append(got, m[0])
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: links %q, want %q", name, got, want)
			}
			enLines := strings.Split(strings.TrimSpace(en), "\n")
			lines := strings.Split(strings.TrimSpace(md), "\n")
			if last := enLines[len(enLines)-1]; linkTextRe.MatchString(last) && strings.HasPrefix(last, "[") {
				if lines[len(lines)-1] != want[len(want)-1] {
					t.Errorf("%s: last line %q, want %q", name, lines[len(lines)-1], want[len(want)-1])
				}
			}
			countRows := func(s string) int {
				n := 0
				for _, l := range strings.Split(s, "\n") {
					if strings.HasPrefix(l, "|") {
						n++
					}
				}
				return n
			}
			if countRows(md) != countRows(en) {
				t.Errorf("%s: %d table rows, English has %d", name, countRows(md), countRows(en))
			}
		}
		// Instruction pages list the same flags under the translated
		// ## Flags heading, or say the translated "None.".
		for _, in := range Ref().Instructions {
			md := pageText(t, lang, string(KindInstruction)+"/"+in.Name)
			start := strings.Index(md, "## "+tr.sections["Flags"])
			end := strings.Index(md, "## "+tr.sections["Example"])
			if md == "" || start < 0 || end < start {
				t.Errorf("%s/instructions/%s: no flags section", lang, in.Name)
				continue
			}
			section := md[start:end]
			for _, f := range in.Flags {
				if !strings.Contains(section, "`--"+f.Name) {
					t.Errorf("%s/instructions/%s: flags section does not list --%s", lang, in.Name, f.Name)
				}
			}
			if len(in.Flags) == 0 && !strings.Contains(section, tr.none) {
				t.Errorf("%s/instructions/%s: flags section should say %q", lang, in.Name, tr.none)
			}
		}
	}
}

// ---------------------------------------------------------------------------
// 5. Lookup and fallback

func TestTranslatedPageLookup(t *testing.T) {
	tests := []struct {
		lang       string
		kind       Kind
		name       string
		ok         bool
		translated bool   // text in the language's script, not the English page
		want       string // substring
	}{
		{"ru", KindInstruction, "FROM", true, true, "FROM"},
		{"ru", KindInstruction, "from", true, true, "`scratch`"},
		{"ru", KindFlag, "run-mount", true, true, "--mount"},
		{"ru", KindMountOption, "sharing", true, true, "`locked`"},
		{"ru", KindArg, "http_proxy", true, true, "`http_proxy`"},
		{"ru", KindRule, "undefinedvar", true, true, "$VARIABLE"},
		{"ru", KindTopic, "heredocs", true, true, "`<<EOF`"},
		{"ru", KindRule, "NoSuchRule", false, false, ""},
		{"ru", KindInstruction, "../en/instructions/FROM", false, false, ""},
	}
	for _, tt := range tests {
		md, ok := Page(tt.lang, tt.kind, tt.name)
		en, _ := Page(defaultLang, tt.kind, tt.name)
		if ok != tt.ok || !strings.Contains(md, tt.want) {
			t.Errorf("Page(%q, %q, %q) = ok %v, %.60q; want ok %v containing %q", tt.lang, tt.kind, tt.name, ok, md, tt.ok, tt.want)
		}
		tr := translations[tt.lang]
		if translated := hasScript(md, tr.script) && md != en; translated != tt.translated {
			t.Errorf("Page(%q, %q, %q): translated = %v, want %v", tt.lang, tt.kind, tt.name, translated, tt.translated)
		}
	}
	if got := Summary("ru", KindInstruction, "FROM"); !hasScript(got, unicode.Cyrillic) || !strings.Contains(got, "`scratch`") {
		t.Errorf("Summary(ru, FROM) = %q", got)
	}
	if LangFor("ru_RU.UTF-8") != "ru" {
		t.Error("LangFor(ru_RU.UTF-8) != ru")
	}
}

// TestTranslatedPageFallback removes one Russian page from the index and
// checks that Page and Summary fall back to the English page and that
// Missing reports it.
func TestTranslatedPageFallback(t *testing.T) {
	orig := pages
	t.Cleanup(func() { pages = orig })
	px := orig()
	cp := &pageIndex{
		langs: slices.Clone(px.langs),
		known: maps.Clone(px.known),
		exact: maps.Clone(px.exact),
		fold:  maps.Clone(px.fold),
	}
	const key = "instructions/WORKDIR"
	cp.exact["ru"] = maps.Clone(px.exact["ru"])
	cp.fold["ru"] = maps.Clone(px.fold["ru"])
	delete(cp.exact["ru"], key)
	delete(cp.fold["ru"], strings.ToLower(key))
	pages = func() *pageIndex { return cp }

	for _, name := range []string{"WORKDIR", "workdir"} {
		got, ok := Page("ru", KindInstruction, name)
		want, _ := Page(defaultLang, KindInstruction, name)
		if !ok || got != want || hasScript(got, unicode.Cyrillic) {
			t.Errorf("Page(ru, instructions, %s) did not fall back to English: %.60q", name, got)
		}
	}
	if got, want := Summary("ru", KindInstruction, "WORKDIR"), Summary(defaultLang, KindInstruction, "WORKDIR"); got != want {
		t.Errorf("Summary(ru, WORKDIR) = %q, want the English %q", got, want)
	}
	if got := Missing("ru"); !slices.Equal(got, []string{key}) {
		t.Errorf("Missing(ru) = %v, want [%s]", got, key)
	}
	if p := missingProblems(Missing("ru"), allowedMissing["ru"]); len(p) != 1 {
		t.Errorf("a missing ru page should be one coverage problem, got %v", p)
	}
	// Other Russian pages are unaffected.
	if md, _ := Page("ru", KindInstruction, "FROM"); !hasScript(md, unicode.Cyrillic) {
		t.Error("Page(ru, FROM) lost its translation")
	}
}
