package analysis

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// corpusError is one class of BuildKit's errors as the corpus shows it.
type corpusError struct {
	class, rule       string
	count             int
	example, ru, file string
}

// TestCorpusMessagesInRussian reads every finding on the corpus in Russian:
// none may be left in English (code and identifiers excepted), none may
// break a template, and English stays BuildKit's text. It logs (go test -v)
// the list of BuildKit's parse and instruction errors seen, by class, with
// their Russian text: the list issue 18 asks for.
func TestCorpusMessagesInRussian(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	classes := map[string]*corpusError{}
	for _, p := range corpusFiles(t) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range Parse(string(b)).Diagnostics(nil, nil) {
			en, ru := g.Localized("en"), g.Localized("ru")
			if strings.Contains(en+ru, "%!") {
				t.Errorf("%s: %s: a template and its arguments disagree: %q / %q", p, g.Rule, en, ru)
			}
			if g.rule != nil && g.rule.format != nil && en != g.Message {
				t.Errorf("%s: %s must read as BuildKit writes it in English: %q, got %q", p, g.Rule, g.Message, en)
			}
			if !strings.ContainsFunc(ru, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
				t.Errorf("%s: %s has no Russian text: %q", p, g.Rule, ru)
			} else if w := untranslated(ru, g.Data); w != "" {
				t.Errorf("%s: %s: Russian %q leaves English %q", p, g.Rule, ru, w)
			}
			if g.Source != SourceBuildKit || g.rule == nil || g.rule.format != nil {
				continue
			}
			class, _, _ := classify(g.Message)
			c := classes[class.name]
			if c == nil {
				c = &corpusError{class: class.name, rule: g.Rule, example: g.Message, ru: ru, file: filepath.Base(filepath.Dir(p)) + "/" + filepath.Base(p)}
				classes[class.name] = c
			}
			c.count++
		}
	}
	list := make([]*corpusError, 0, len(classes))
	for _, c := range classes {
		list = append(list, c)
	}
	slices.SortFunc(list, func(a, b *corpusError) int { return cmp.Or(b.count-a.count, strings.Compare(a.class, b.class)) })
	var out strings.Builder
	fmt.Fprintf(&out, "BuildKit's errors on the corpus, by class (%d classes):\n", len(list))
	for _, c := range list {
		fmt.Fprintf(&out, "%4d  %-28s %-22s %q\n      ru: %q\n      e.g. %s\n", c.count, c.class, c.rule, c.example, c.ru, c.file)
	}
	t.Log(out.String())
}
