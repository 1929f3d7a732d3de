package docs

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// pageIndex maps embedded Markdown pages by language.
type pageIndex struct {
	langs []string                     // languages with at least one page, defaultLang first
	known map[string]bool              // every language folder, even one without pages
	exact map[string]map[string]string // lang -> "kind/name" -> file path
	fold  map[string]map[string]string // lang -> lower("kind/name") -> file path
}

// langFolders lists the language folders of the embedded files (en, ru…).
func langFolders() []string {
	roots, err := fs.ReadDir(files, ".")
	if err != nil {
		panic("docs: cannot read embedded files: " + err.Error())
	}
	var out []string
	for _, root := range roots {
		if root.IsDir() {
			out = append(out, root.Name())
		}
	}
	return out
}

var pages = sync.OnceValue(func() *pageIndex {
	px := &pageIndex{
		known: map[string]bool{},
		exact: map[string]map[string]string{},
		fold:  map[string]map[string]string{},
	}
	for _, lang := range langFolders() {
		px.known[lang] = true
		exact := map[string]string{}
		fold := map[string]string{}
		_ = fs.WalkDir(files, lang, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || path.Ext(p) != ".md" {
				return nil
			}
			rel := strings.TrimPrefix(p, lang+"/")
			kind := Kind(path.Dir(rel))
			if !slices.Contains(kinds, kind) {
				return nil // e.g. README.md at the language root
			}
			key := string(kind) + "/" + strings.TrimSuffix(path.Base(rel), ".md")
			exact[key] = p
			if _, dup := fold[strings.ToLower(key)]; !dup {
				fold[strings.ToLower(key)] = p
			}
			return nil
		})
		px.exact[lang] = exact
		px.fold[lang] = fold
		if len(exact) > 0 && lang != defaultLang {
			px.langs = append(px.langs, lang)
		}
	}
	slices.Sort(px.langs)
	if len(px.exact[defaultLang]) > 0 {
		px.langs = append([]string{defaultLang}, px.langs...)
	}
	return px
})

// lookup finds the file for kind/name in lang: exact name first, then a
// case-insensitive match (so "http_proxy" finds HTTP_PROXY.md and "from"
// finds FROM.md).
func (px *pageIndex) lookup(lang string, kind Kind, name string) (string, bool) {
	key := string(kind) + "/" + name
	if p, ok := px.exact[lang][key]; ok {
		return p, true
	}
	p, ok := px.fold[lang][strings.ToLower(key)]
	return p, ok
}

// Page returns the Markdown page for an item: kind is one of the Kind
// constants and name is the page name, e.g. "FROM" (instructions),
// "RUN-mount" (flags), "cache" (mounts), "sharing" (mounts/options),
// "syntax" (directives), "TARGETARCH" (args), "UndefinedVar" (rules),
// "heredocs" (topics).
// Names are matched exactly first, then case-insensitively. When lang has no
// such page, the English page is returned. ok is false when no page exists.
func Page(lang string, kind Kind, name string) (markdown string, ok bool) {
	name = strings.TrimSpace(name)
	if name == "" || strings.ContainsAny(name, `/\`) || !slices.Contains(kinds, kind) {
		return "", false
	}
	px := pages()
	p, ok := px.lookup(lang, kind, name)
	if !ok && lang != defaultLang {
		p, ok = px.lookup(defaultLang, kind, name)
	}
	if !ok {
		return "", false
	}
	data, err := files.ReadFile(p)
	if err != nil {
		return "", false
	}
	return string(data), true
}

// Summary returns the first paragraph of the page as one line of text
// (Markdown emphasis and backticks are kept), or "" when there is no page.
// Leading headings are skipped.
func Summary(lang string, kind Kind, name string) string {
	md, ok := Page(lang, kind, name)
	if !ok {
		return ""
	}
	return firstParagraph(md)
}

// firstParagraph returns the first paragraph of md joined into one line,
// skipping blank lines, headings and fenced code blocks before it.
func firstParagraph(md string) string {
	var para []string
	inFence := false
	for line := range strings.Lines(md) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			if len(para) > 0 {
				break
			}
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if t == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		if len(para) == 0 && strings.HasPrefix(t, "#") {
			continue
		}
		para = append(para, t)
	}
	return strings.Join(para, " ")
}

// Languages returns the languages that have at least one page, "en" first,
// the others sorted.
func Languages() []string {
	return slices.Clone(pages().langs)
}

// LangFor maps an editor locale ("ru", "ru-RU", "ru_RU.UTF-8") to a language
// folder of this package and returns "en" for anything else, including "".
// A language whose folder exists but has no pages yet is still returned:
// Page falls back to English page by page anyway.
func LangFor(locale string) string {
	px := pages()
	loc := strings.ToLower(strings.TrimSpace(locale))
	if i := strings.IndexAny(loc, ".@"); i >= 0 {
		loc = loc[:i] // drop encoding and modifier
	}
	loc = strings.ReplaceAll(loc, "_", "-")
	if loc == "" {
		return defaultLang
	}
	if px.known[loc] {
		return loc
	}
	if primary, _, ok := strings.Cut(loc, "-"); ok && px.known[primary] {
		return primary
	}
	return defaultLang
}

// Missing returns "kind/name" for every English page that lang lacks
// (exact file name match), sorted. It is empty for "en".
func Missing(lang string) []string {
	px := pages()
	var out []string
	for key := range px.exact[defaultLang] {
		if _, ok := px.exact[lang][key]; !ok {
			out = append(out, key)
		}
	}
	slices.Sort(out)
	return out
}

// pageKeys returns "kind/name" of every page in lang, sorted.
func pageKeys(lang string) []string {
	var out []string
	for key := range pages().exact[lang] {
		out = append(out, key)
	}
	slices.Sort(out)
	return out
}
